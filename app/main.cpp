// pulselab: the GUI. Usage: pulselab [PROJECT] [--run] [--screenshot FILE [--screenshot-delay MS]]
//                                   [--show-dock NAME] [--floorplan-3d]
#include "app/gui/main_window.h"
#include "widgets/floorplan/loihi_panel.h"
#include "widgets/floorplan/vtk_render_widget.h"
#include "widgets/run/run_controller.h"

#include <pulselab/version.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QMessageBox>
#include <QTimer>

int main(int argc, char** argv) {
    // VTK's OpenGL2 back end needs a 3.2 core context: the default format must be set before QApplication.
    pulselab::widgets::VtkRenderWidget::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PulseLab"));
    QApplication::setApplicationName(QStringLiteral("PulseLab"));
    QApplication::setApplicationVersion(QString::fromLatin1(pulselab::kVersion));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/pulselab.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("PulseLab: spiking predictive coding and Loihi 2 mapping"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QStringLiteral("Project file (.pulselab) to open"));
    const QCommandLineOption runOption(QStringLiteral("run"),
                                       QStringLiteral("Start running the project at once"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Save a screenshot of the window to FILE, then quit"),
                                        QStringLiteral("FILE"));
    const QCommandLineOption delay(
        QStringLiteral("screenshot-delay"),
        QStringLiteral("Milliseconds to wait before the screenshot (default 1500)"), QStringLiteral("MS"),
        QStringLiteral("1500"));
    const QCommandLineOption showDock(
        QStringLiteral("show-dock"), QStringLiteral("Bring a dock to the front by name (e.g. floorplanDock)"),
        QStringLiteral("NAME"));
    const QCommandLineOption floorplan3d(QStringLiteral("floorplan-3d"),
                                         QStringLiteral("Tilt the Loihi 2 floorplan and raise its cores"));
    parser.addOption(showDock);
    parser.addOption(floorplan3d);
    parser.addOption(runOption);
    parser.addOption(screenshot);
    parser.addOption(delay);
    parser.process(app);

    pulselab::app::MainWindow window;
    window.restoreLayout();
    window.show();
    if (!parser.positionalArguments().isEmpty()) {
        QString error;
        if (!window.openProject(parser.positionalArguments().front(), &error)) {
            qWarning("%s", qPrintable(error));
            if (!parser.isSet(screenshot))
                QMessageBox::warning(&window, QObject::tr("Cannot open project"), error);
        } else if (parser.isSet(runOption)) {
            window.runController()->run();
        }
    }

    if (parser.isSet(showDock)) {
        if (QDockWidget* dock = window.dock(parser.value(showDock))) {
            dock->show();
            dock->raise();
        } else {
            qWarning("no dock named %s", qPrintable(parser.value(showDock)));
        }
    }
    if (parser.isSet(floorplan3d))
        window.loihiPanel()->setHeightMode(true);

    if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        QTimer::singleShot(parser.value(delay).toInt(), &window, [&window, path] {
            const bool saved = window.grab().save(path);
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return QApplication::exec();
}
