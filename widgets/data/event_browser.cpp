#include "widgets/data/event_browser.h"

#include "widgets/data/event_image.h"

#include "core/data/aedat_event_reader.h"
#include "core/data/nmnist_event_reader.h"
#include "core/data/shd_event_reader.h"
#include "core/io/recording_file.h"
#include "core/io/recording_input.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace pulselab::widgets {

namespace {
constexpr int kRasterWidth = 480, kRasterHeight = 240, kImageSize = 240;

bool isShd(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("h5") || suffix == QLatin1String("hdf5");
}
} // namespace

EventBrowser::EventBrowser(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Event data"));
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    auto* open = new QPushButton(tr("Open file..."), this);
    connect(open, &QPushButton::clicked, this, &EventBrowser::chooseFile);
    top->addWidget(open);
    top->addWidget(new QLabel(tr("Sample"), this));
    m_sample = new QSpinBox(this);
    m_sample->setEnabled(false);
    connect(m_sample, &QSpinBox::valueChanged, this, [this](int index) {
        QString error;
        if (m_samples > 1 && !showSample(index, &error))
            QMessageBox::warning(this, tr("Cannot read the sample"), error);
    });
    top->addWidget(m_sample);
    top->addStretch(1);
    layout->addLayout(top);
    m_info = new QLabel(tr("Open an N-MNIST / N-Caltech101 (.bin), AEDAT 2.0 (.aedat), Spiking Heidelberg "
                           "Digits (.h5) or PulseLab recording (.h5) file."),
                        this);
    m_info->setWordWrap(true);
    layout->addWidget(m_info);
    auto* pictures = new QHBoxLayout;
    m_imageLabel = new QLabel(this);
    m_imageLabel->setMinimumSize(kImageSize, kImageSize);
    m_imageLabel->setToolTip(tr("Events per pixel: ON and OFF in two colours, brighter = more"));
    m_rasterLabel = new QLabel(this);
    m_rasterLabel->setMinimumSize(kRasterWidth, kRasterHeight);
    m_rasterLabel->setToolTip(tr("Raster: time left to right, input neuron top to bottom"));
    pictures->addWidget(m_imageLabel);
    pictures->addWidget(m_rasterLabel, 1);
    layout->addLayout(pictures, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_addButton = buttons->addButton(tr("Add to network as input"), QDialogButtonBox::ActionRole);
    m_addButton->setEnabled(false);
    connect(m_addButton, &QPushButton::clicked, this, [this] {
        QString error;
        if (auto input = replayInput(&error))
            Q_EMIT addInputRequested(*input);
        else
            QMessageBox::warning(this, tr("Cannot add the events"), error);
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

void EventBrowser::chooseFile() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open event data"), QString(), tr("Event data (*.bin *.aedat *.h5 *.hdf5);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !openFile(path, &error))
        QMessageBox::warning(this, tr("Cannot open the event data"), error);
}

bool EventBrowser::openFile(const QString& path, QString* error) {
    std::string message;
    int samples = 1;
    std::optional<core::Recording> recording;
    if (isShd(path)) {
        // A PulseLab recording (one "sample" per recorded population), else a Heidelberg digits file.
        core::RecordingLoad load = core::readRecordingHdf5(path.toStdString());
        if (load.recording && !load.recording->spikes.empty()) {
            recording = std::move(load.recording);
            samples = static_cast<int>(recording->spikes.size());
        } else {
            const auto info = core::readShdInfo(path.toStdString(), message);
            if (!info) {
                if (error)
                    *error =
                        QString::fromStdString(message) +
                        tr(" (nor is it a PulseLab recording: %1)").arg(QString::fromStdString(load.error));
                return false;
            }
            samples = static_cast<int>(std::min<std::uint64_t>(info->samples, 1u << 30));
        }
    }
    const QString previous = m_path;
    const int previousSamples = m_samples;
    std::optional<core::Recording> previousRecording = std::move(m_recording);
    m_path = path;
    m_samples = samples;
    m_recording = std::move(recording);
    if (!showSample(0, error)) {
        m_path = previous;
        m_samples = previousSamples;
        m_recording = std::move(previousRecording);
        return false;
    }
    const QSignalBlocker block(m_sample);
    m_sample->setRange(0, std::max(0, m_samples - 1));
    m_sample->setValue(0);
    m_sample->setEnabled(m_samples > 1);
    return true;
}

bool EventBrowser::showSample(int index, QString* error) {
    const std::string path = m_path.toStdString();
    const QString suffix = QFileInfo(m_path).suffix().toLower();
    core::EventLoad load;
    if (m_recording) {
        if (index < 0 || index >= static_cast<int>(m_recording->spikes.size())) {
            if (error)
                *error = tr("%1 has no population %2").arg(m_path).arg(index);
            return false;
        }
        // A recorded population as a one-row sensor: channel = neuron, no polarity.
        const core::RecordedSpikes& p = m_recording->spikes[static_cast<std::size_t>(index)];
        core::EventStream stream;
        stream.source = path + ": " + p.population;
        stream.width = p.size;
        stream.hasPolarity = false;
        for (std::size_t k = 0; k < p.ids.size(); ++k) {
            stream.timesUs.push_back(
                static_cast<std::uint64_t>(std::llround(std::max(p.timesMs[k], 0.0) * 1000.0)));
            stream.x.push_back(static_cast<std::uint16_t>(std::min<std::uint32_t>(p.ids[k], 65535)));
            stream.y.push_back(0);
        }
        load.stream = std::move(stream);
    } else if (isShd(m_path))
        load = core::readShdSample(path, static_cast<std::uint64_t>(std::max(index, 0)));
    else if (suffix == QLatin1String("aedat"))
        load = core::readAedat2Dvs128Events(path);
    else
        load = core::readNmnistEvents(path);
    if (!load.stream) {
        if (error)
            *error = QString::fromStdString(load.error);
        return false;
    }
    m_stream = std::move(load.stream);
    m_index = index;
    refresh();
    return true;
}

std::optional<core::InputSpec> EventBrowser::replayInput(QString* error) const {
    if (!m_stream) {
        if (error)
            *error = tr("no event data is open");
        return std::nullopt;
    }
    QString name = QFileInfo(m_path).completeBaseName();
    for (QChar& c : name)
        if (!c.isLetterOrNumber())
            c = QLatin1Char('_');
    if (m_samples > 1)
        name += QStringLiteral("_%1").arg(m_index);
    std::string message;
    if (m_recording) {
        const std::string population =
            m_recording->spikes[static_cast<std::size_t>(m_index)].population;
        auto input =
            core::spikeTimesInputFromRecording(*m_recording, population, "replay_" + population, message);
        if (!input && error)
            *error = QString::fromStdString(message);
        return input;
    }
    auto input =
        core::eventStreamToInput(*m_stream, (QStringLiteral("events_") + name).toStdString(), message);
    if (!input && error)
        *error = QString::fromStdString(message);
    return input;
}

void EventBrowser::refresh() {
    const core::EventStream& s = *m_stream;
    m_eventImage = eventCountImage(s);
    m_rasterImage = eventRasterImage(s, kRasterWidth, kRasterHeight);
    double durationMs = 0.0;
    if (s.size() > 0) {
        const auto [first, last] = std::minmax_element(s.timesUs.begin(), s.timesUs.end());
        durationMs = static_cast<double>(*last - *first) / 1000.0;
    }
    m_info->setText(
        tr("<b>%1</b>%2: %3 events over %4 ms, sensor %5 x %6%7%8; replayed by %9 input neurons.")
            .arg(QFileInfo(m_path).fileName().toHtmlEscaped())
            .arg((m_samples > 1 ? tr(", sample %1 of %2").arg(m_index).arg(m_samples) : QString()) +
                 (m_recording
                      ? tr(", population %1")
                            .arg(QString::fromStdString(
                                m_recording->spikes[static_cast<std::size_t>(m_index)].population))
                      : QString()))
            .arg(s.size())
            .arg(durationMs, 0, 'f', 1)
            .arg(s.width)
            .arg(s.height)
            .arg(s.hasPolarity ? tr(" with ON/OFF polarity") : QString())
            .arg(s.label >= 0 ? tr(", label %1").arg(s.label) : QString())
            .arg(core::eventInputSize(s)));
    if (m_eventImage.isNull())
        m_imageLabel->setText(tr("(one-dimensional sensor: see the raster)"));
    else
        m_imageLabel->setPixmap(QPixmap::fromImage(
            m_eventImage.scaled(kImageSize, kImageSize, Qt::KeepAspectRatio, Qt::FastTransformation)));
    m_rasterLabel->setPixmap(QPixmap::fromImage(m_rasterImage));
    m_addButton->setEnabled(true);
}

} // namespace pulselab::widgets
