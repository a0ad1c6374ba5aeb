#pragma once
#include <QDialog>

namespace pulselab::app {

/// About PulseLab: what it is, and the versions of Qt, VTK, Eigen, HDF5 and the compiler it was built with.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);

    /// The version lines shown in the dialog, e.g. "Qt 6.4.2 (runtime 6.4.2)".
    static QStringList versionLines();
};

} // namespace pulselab::app
