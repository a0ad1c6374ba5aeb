// Rate predictive coding against ground truth (SCIENCE.md section 4): free energy never increases during
// inference at a small step; on a linear Gaussian hierarchy inference reaches the closed-form posterior
// means; with a clamped label and small errors, the local PC weight updates equal backprop's gradients
// (Whittington & Bogacz 2017); and the update of a synapse reads only its own pre rate and post error.
#include "core/predictive/rate_pc_network.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace pulselab::core;

namespace {
Eigen::VectorXd randomVector(int n, std::mt19937_64& rng, double scale = 1.0) {
    std::normal_distribution<double> normal(0.0, scale);
    Eigen::VectorXd v(n);
    for (int i = 0; i < n; ++i)
        v[i] = normal(rng);
    return v;
}
} // namespace

class TestRatePc : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void freeEnergyNeverIncreasesDuringInference() {
        for (Activation a : {Activation::Identity, Activation::Tanh}) {
            RatePcConfig config;
            config.layerSizes = {8, 5, 3};
            config.activation = a;
            config.inferenceRate = 0.02;
            config.initialWeightScale = 0.5;
            RatePcNetwork net(config);
            std::mt19937_64 rng(3);
            net.setInput(randomVector(8, rng));
            double previous = net.freeEnergy();
            const double first = previous;
            for (int k = 0; k < 500; ++k) {
                const double f = net.inferStep();
                QVERIFY2(f <= previous + 1e-12,
                         qPrintable(
                             QStringLiteral("F rose from %1 to %2 at step %3").arg(previous).arg(f).arg(k)));
                previous = f;
            }
            QVERIFY(previous < first);
        }
    }

    void linearGaussianInferenceReachesTheExactPosterior() {
        RatePcConfig config;
        config.layerSizes = {6, 4, 2};
        config.inferenceRate = 0.05;
        config.initialWeightScale = 0.6;
        config.topPriorMean = 0.3;
        config.topPriorVariance = 2.0;
        RatePcNetwork net(config);
        net.setVariance(0, Eigen::VectorXd::Constant(6, 0.5));
        std::mt19937_64 rng(11);
        net.bias(0) = randomVector(6, rng, 0.2);
        net.setInput(randomVector(6, rng));
        const std::vector<Eigen::VectorXd> exact = exactLinearPosterior(net);
        for (int k = 0; k < 5000; ++k)
            net.inferStep();
        for (int l = 1; l < 3; ++l)
            QVERIFY2(
                (net.value(l) - exact[static_cast<std::size_t>(l)]).cwiseAbs().maxCoeff() < 1e-3,
                qPrintable(
                    QStringLiteral("layer %1 off by %2")
                        .arg(l)
                        .arg((net.value(l) - exact[static_cast<std::size_t>(l)]).cwiseAbs().maxCoeff())));
    }

    void clampedLabelUpdatesMatchBackprop() {
        // Top = input x (clamped), bottom = label y (clamped): the network predicts y from x like an MLP.
        RatePcConfig config;
        config.layerSizes = {2, 4, 3};
        config.activation = Activation::Tanh;
        config.inferenceRate = 0.1;
        config.initialWeightScale = 0.8;
        config.learningRate = 1.0;
        RatePcNetwork net(config);
        std::mt19937_64 rng(5);
        net.bias(0) = randomVector(2, rng, 0.1);
        net.bias(1) = randomVector(4, rng, 0.1);
        const Eigen::VectorXd x = randomVector(3, rng);
        // Feedforward pass.
        const Eigen::VectorXd hiddenIn = net.weights(1) * net.h(x) + net.bias(1);
        const Eigen::VectorXd out = net.weights(0) * net.h(hiddenIn) + net.bias(0);
        const Eigen::VectorXd y = out + randomVector(2, rng, 1e-3); // a small error, as in the limit studied
        // Backprop gradients of L = 1/2 |y - out|^2 (negated: the direction of descent).
        const Eigen::VectorXd delta0 = y - out;
        const Eigen::MatrixXd descent0 = delta0 * net.h(hiddenIn).transpose();
        const Eigen::VectorXd delta1 =
            (net.weights(0).transpose() * delta0).cwiseProduct(net.hPrime(hiddenIn));
        const Eigen::MatrixXd descent1 = delta1 * net.h(x).transpose();
        // Predictive coding: clamp both ends, relax the hidden layer, read the local updates. The equivalence
        // holds when the output's error variance dominates the hidden layer's (W&B 2017): then the output
        // error stays the output error, and the hidden error becomes backprop's delta.
        net.setVariance(1, Eigen::VectorXd::Constant(4, 1e-3));
        net.setInferenceRate(5e-4);
        net.clampTop(x);
        net.setInput(y);
        net.setValue(1, hiddenIn);
        for (int k = 0; k < 20000; ++k)
            net.inferStep();
        const Eigen::MatrixXd before0 = net.weights(0), before1 = net.weights(1);
        net.learn();
        const Eigen::MatrixXd pc0 = net.weights(0) - before0, pc1 = net.weights(1) - before1;
        const double rel0 = (pc0 - descent0).norm() / descent0.norm();
        const double rel1 = (pc1 - descent1).norm() / descent1.norm();
        QVERIFY2(rel0 < 0.01, qPrintable(QString::number(rel0)));
        QVERIFY2(rel1 < 0.01, qPrintable(QString::number(rel1)));
    }

    void relaxEqualsInferenceStepsAndSeesWeightChanges() {
        // relax() computes the clamped top's prediction once; it must do exactly what inferStep() does, and
        // a weight change between setInput and relax must not leave it with a stale prediction.
        RatePcConfig config;
        config.layerSizes = {4, 6, 9};
        config.activation = Activation::Tanh;
        config.inferenceRate = 0.1;
        config.learningRate = 0.05;
        config.initialWeightScale = 0.4;
        std::mt19937_64 rng(5);
        const Eigen::VectorXd top = randomVector(9, rng), label = randomVector(4, rng);
        RatePcNetwork a(config), b(config);
        for (RatePcNetwork* net : {&a, &b}) {
            net->clampTop(top);
            net->setInput(label);
        }
        double fa = 0.0;
        for (int k = 0; k < 15; ++k)
            fa = a.inferStep();
        const double fb = b.relax(15);
        QVERIFY(std::abs(fa - fb) < 1e-12);
        QVERIFY((a.value(1) - b.value(1)).norm() < 1e-12);
        a.learn();
        b.learn();
        QVERIFY((a.weights(1) - b.weights(1)).norm() < 1e-12);
        // Learning and a manual weight change both invalidate the stored prediction.
        for (RatePcNetwork* net : {&a, &b})
            net->setInput(label);
        a.weights(1)(0, 0) += 0.7;
        b.weights(1)(0, 0) += 0.7;
        for (int k = 0; k < 15; ++k)
            fa = a.inferStep();
        QVERIFY(std::abs(fa - b.relax(15)) < 1e-12);
        QVERIFY((a.value(1) - b.value(1)).norm() < 1e-12);
    }

    void fastTanhMatchesTheLibrary() {
        double worst = 0.0;
        for (double x = -20.0; x <= 20.0; x += 0.000731) {
            worst = std::max(worst, std::abs(fastTanh(x) - std::tanh(x)));
            QVERIFY(std::abs(fastTanh(x) - std::tanh(x)) <= 1e-15 * std::abs(std::tanh(x))); // a few ulp
        }
        QCOMPARE(fastTanh(0.0), 0.0);
        QCOMPARE(fastTanh(1e-300), 1e-300);
        QCOMPARE(fastTanh(800.0), 1.0);
        QCOMPARE(fastTanh(-800.0), -1.0);
        QVERIFY(std::isnan(fastTanh(std::nan(""))));
        qInfo("largest |fastTanh - std::tanh| on [-20, 20]: %.3g", worst);
    }

    void updatesAreLocal() {
        // The whole learning rule of one synapse is weightChange(rate, post error, pre rate): nothing else is
        // an argument, so no weight transport and no backward pass can enter it. Check that learn() applies
        // exactly that to every synapse.
        RatePcConfig config;
        config.layerSizes = {3, 2};
        config.learningRate = 0.1;
        RatePcNetwork net(config);
        std::mt19937_64 rng(1);
        net.setInput(randomVector(3, rng));
        for (int k = 0; k < 20; ++k)
            net.inferStep();
        const Eigen::VectorXd eps = net.precisionWeightedError(0);
        const Eigen::VectorXd pre = net.h(net.value(1));
        const Eigen::MatrixXd before = net.weights(0);
        net.learn();
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 2; ++j)
                QVERIFY(std::abs(net.weights(0)(i, j) - before(i, j) -
                                 RatePcNetwork::weightChange(0.1, eps[i], pre[j])) < 1e-15);
    }
};

QTEST_APPLESS_MAIN(TestRatePc)
#include "tst_rate_pc.moc"
