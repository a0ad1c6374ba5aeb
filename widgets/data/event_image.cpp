#include "widgets/data/event_image.h"

#include "widgets/common/colour_maps.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace pulselab::widgets {

QImage eventCountImage(const core::EventStream& stream) {
    if (stream.height <= 1 || stream.width == 0)
        return {};
    const auto w = static_cast<int>(stream.width), h = static_cast<int>(stream.height);
    std::vector<std::uint32_t> on(static_cast<std::size_t>(w * h), 0), off(on.size(), 0);
    for (std::size_t k = 0; k < stream.size(); ++k) {
        if (stream.x[k] >= stream.width || stream.y[k] >= stream.height)
            continue;
        const std::size_t pixel = static_cast<std::size_t>(stream.y[k]) * stream.width + stream.x[k];
        const bool isOn = !stream.hasPolarity || stream.polarity[k] != 0;
        ++(isOn ? on : off)[pixel];
    }
    const std::uint32_t most =
        std::max(*std::max_element(on.begin(), on.end()), *std::max_element(off.begin(), off.end()));
    QImage image(w, h, QImage::Format_RGB32);
    image.fill(Qt::black);
    const QColor onColour = categoricalColour(2), offColour = categoricalColour(1);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const std::size_t pixel = static_cast<std::size_t>(y * w + x);
            if (on[pixel] == 0 && off[pixel] == 0)
                continue;
            // Square root: a few events must still show next to a pixel that fired hundreds of times.
            auto level = [&](std::uint32_t n) {
                return most ? std::sqrt(static_cast<double>(n) / most) : 0.0;
            };
            const double a = level(on[pixel]), b = level(off[pixel]);
            auto mix = [&](int c1, int c2) {
                return std::clamp(static_cast<int>(std::lround(c1 * a + c2 * b)), 0, 255);
            };
            image.setPixel(x, y,
                           qRgb(mix(onColour.red(), offColour.red()),
                                mix(onColour.green(), offColour.green()),
                                mix(onColour.blue(), offColour.blue())));
        }
    return image;
}

QImage eventRasterImage(const core::EventStream& stream, int columns, int rows) {
    QImage image(std::max(columns, 1), std::max(rows, 1), QImage::Format_RGB32);
    image.fill(Qt::white);
    if (stream.size() == 0)
        return image;
    const auto [first, last] = std::minmax_element(stream.timesUs.begin(), stream.timesUs.end());
    const double span = static_cast<double>(*last - *first) + 1.0;
    const double neurons = static_cast<double>(core::eventInputSize(stream));
    const QRgb dot = categoricalColour(0).rgb();
    for (std::size_t k = 0; k < stream.size(); ++k) {
        std::uint64_t neuron = static_cast<std::uint64_t>(stream.y[k]) * stream.width + stream.x[k];
        if (stream.hasPolarity)
            neuron = neuron * 2 + stream.polarity[k];
        const int col =
            static_cast<int>(static_cast<double>(stream.timesUs[k] - *first) / span * image.width());
        const int row = static_cast<int>(static_cast<double>(neuron) / neurons * image.height());
        // 2 x 2 dots: single pixels vanish on a high-resolution screen.
        for (int dy = 0; dy < 2; ++dy)
            for (int dx = 0; dx < 2; ++dx)
                if (col + dx >= 0 && col + dx < image.width() && row + dy >= 0 && row + dy < image.height())
                    image.setPixel(col + dx, row + dy, dot);
    }
    return image;
}

} // namespace pulselab::widgets
