#include "app/gui/about_dialog.h"

#include "core/about/library_versions.h"

#include <pulselab/version.h>

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>
#include <QtGlobal>

#include <vtkVersion.h>

namespace pulselab::app {

QStringList AboutDialog::versionLines() {
    QStringList lines;
    lines << QStringLiteral("Qt %1 (runtime %2)")
                 .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()));
    lines << QStringLiteral("VTK %1").arg(QString::fromLatin1(vtkVersion::GetVTKVersion()));
    for (const auto& [name, version] : core::coreLibraryVersions()) {
        if (name != "PulseLab")
            lines << QString::fromStdString(name + " " + version);
    }
    return lines;
}

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("About PulseLab"));
    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(QStringLiteral("<h2>PulseLab %1</h2>").arg(QString::fromLatin1(kVersion)), this);
    auto* blurb = new QLabel(tr("A lab for spiking neural networks that do Bayesian predictive coding with "
                                "local learning, and for mapping them onto Intel's Loihi 2."),
                             this);
    blurb->setWordWrap(true);
    auto* versions =
        new QLabel(QStringLiteral("Built with:<br>") + versionLines().join(QStringLiteral("<br>")), this);
    versions->setObjectName(QStringLiteral("versions"));
    versions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(title);
    layout->addWidget(blurb);
    layout->addWidget(versions);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

} // namespace pulselab::app
