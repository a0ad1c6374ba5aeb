// The CUBA benchmark network (Brette et al. 2007; examples/cuba.pulselab) against Brian2: mean firing rate
// and mean CV of inter-spike intervals over 1 s, averaged over seeds 1-3, within 10 % of Brian2 2.5.1's
// figures for the same network. Brian2's numbers were printed by bench/brian2_cuba.py and stored in
// tests/core/data/brian2_cuba_reference.json.
#include "core/model/project_file.h"
#include "core/sim/simulation.h"

#include <QTest>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace pulselab::core;

class TestCubaNetwork : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rateAndIrregularityMatchBrian2() {
        std::ifstream file(PULSELAB_SOURCE_DIR "/tests/core/data/brian2_cuba_reference.json");
        QVERIFY(file);
        const nlohmann::json reference = nlohmann::json::parse(file);
        const double brianRate = reference.at("mean_rate_hz").get<double>();
        const double brianCv = reference.at("mean_cv_isi").get<double>();

        const ProjectLoad load = loadProjectFile(PULSELAB_SOURCE_DIR "/examples/cuba.pulselab");
        QVERIFY2(load.project, load.error.c_str());
        double rateSum = 0.0, cvSum = 0.0;
        const int seeds = 3;
        for (int seed = 1; seed <= seeds; ++seed) {
            NetworkSpec net = load.project->network;
            net.run.seed = static_cast<std::uint64_t>(seed);
            std::string error;
            auto sim = Simulation::build(net, error);
            QVERIFY2(sim, error.c_str());
            QVERIFY(std::abs(static_cast<double>(sim->synapseCount()) - 0.02 * 4000 * 4000) <
                    4000); // p = 0.02
            RunSnapshot out;
            sim->advance(10000, &out); // 1 s at 0.1 ms
            std::vector<std::vector<double>> trains(4000);
            for (const SpikeEvent& s : out.spikes)
                trains[s.neuron].push_back(static_cast<double>(s.step) * 0.1);
            double cv = 0.0;
            int counted = 0;
            for (const auto& t : trains) {
                if (t.size() < 3)
                    continue;
                double mean = 0.0, square = 0.0;
                for (std::size_t k = 1; k < t.size(); ++k)
                    mean += t[k] - t[k - 1];
                mean /= static_cast<double>(t.size() - 1);
                for (std::size_t k = 1; k < t.size(); ++k)
                    square += (t[k] - t[k - 1] - mean) * (t[k] - t[k - 1] - mean);
                cv += std::sqrt(square / static_cast<double>(t.size() - 1)) / mean;
                ++counted;
            }
            rateSum += static_cast<double>(out.spikes.size()) / 4000.0;
            cvSum += cv / counted;
        }
        const double rate = rateSum / seeds, cv = cvSum / seeds;
        qInfo("PulseLab: %.3f Hz, CV %.3f; Brian2: %.3f Hz, CV %.3f", rate, cv, brianRate, brianCv);
        QVERIFY2(std::abs(rate - brianRate) / brianRate < 0.10, qPrintable(QString::number(rate)));
        QVERIFY2(std::abs(cv - brianCv) / brianCv < 0.10, qPrintable(QString::number(cv)));
    }
};

QTEST_APPLESS_MAIN(TestCubaNetwork)
#include "tst_cuba_network.moc"
