#pragma once
// Browse recorded event data (N-MNIST / N-Caltech101 binary, AEDAT 2.0 DVS128, Spiking Heidelberg Digits
// HDF5) and PulseLab's own recordings (HDF5, from `pulselab-cli run --out`): the sample's accumulated event
// image and its raster, its size, duration and label; step through the samples of a multi-sample file (SHD
// digits, or the populations of a recording); add the sample to the network as an input that replays it.
#include "core/data/event_stream.h"
#include "core/io/recording.h"

#include <QDialog>

#include <optional>

class QLabel;
class QPushButton;
class QSpinBox;

namespace pulselab::widgets {

class EventBrowser : public QDialog {
    Q_OBJECT
public:
    explicit EventBrowser(QWidget* parent = nullptr);

    /// Reads `path` (format from its extension: .aedat AEDAT 2.0, .h5/.hdf5 SHD, anything else N-MNIST
    /// binary) and shows its first sample; false with `error` naming the file and what is wrong.
    bool openFile(const QString& path, QString* error);
    /// Shows sample `index` of a multi-sample file (SHD); false with `error` if it cannot be read.
    bool showSample(int index, QString* error);

    const core::EventStream* stream() const { return m_stream ? &*m_stream : nullptr; }
    int sampleCount() const { return m_samples; }
    QImage eventImage() const { return m_eventImage; }
    QImage rasterImage() const { return m_rasterImage; }
    /// The input that replays the shown sample, named after the file; nullopt with `error` if impossible.
    std::optional<core::InputSpec> replayInput(QString* error) const;

Q_SIGNALS:
    /// The user asked to add the shown sample to the network.
    void addInputRequested(const pulselab::core::InputSpec& input);

private:
    void chooseFile();
    void refresh();

    QString m_path;
    int m_samples = 0;
    int m_index = 0; // the sample shown
    std::optional<core::Recording> m_recording; // when the file is a PulseLab recording
    std::optional<core::EventStream> m_stream;
    QImage m_eventImage, m_rasterImage;
    QLabel* m_info = nullptr;
    QLabel* m_imageLabel = nullptr;
    QLabel* m_rasterLabel = nullptr;
    QSpinBox* m_sample = nullptr;
    QPushButton* m_addButton = nullptr;
};

} // namespace pulselab::widgets
