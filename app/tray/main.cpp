#include "Translations.h"
#include "core/Paths.h"
#include "core/Version.h"
#include "platform/Platform.h"
#include "tray/SingleInstance.h"
#include "tray/TrayController.h"
#include "tray/TraySettings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace {
std::atomic<hearth::ui::TrayController *> g_controller { nullptr };
} // namespace

int main(int argc, char *argv[])
{
    // Before any thread exists: SIGTERM (the session logging out) and SIGINT
    // quit the tray the way its Quit does, stopping a runtime it started.
    hearth::platform::installShutdownHandler([]() {
        if (auto *controller = g_controller.load())
            QMetaObject::invokeMethod(controller, &hearth::ui::TrayController::quit,
                                      Qt::QueuedConnection);
        else
            std::_Exit(130);
    });
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hearth-tray"));
    QApplication::setOrganizationName(QStringLiteral("Hearth"));
    QApplication::setApplicationVersion(QStringLiteral(HEARTH_VERSION));
    QApplication::setQuitOnLastWindowClosed(false);
    hearth::ui::installTranslations(&app, hearth::ui::chosenLocale());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Hearth's tray app."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"),
        QApplication::translate("main",
                                "Data folder (env HEARTH_DATA_DIR; default: the saved one)."),
        QStringLiteral("dir"));
    const QCommandLineOption portOption(
        QStringLiteral("port"),
        QApplication::translate(
            "main", "Port of the runtime it starts (env HEARTH_PORT; 0: any free one)."),
        QStringLiteral("port"));
    parser.addOption(dataDirOption);
    parser.addOption(portOption);
    parser.process(app);

    hearth::ui::TrayController::Options options;
    options.dataDir = parser.value(dataDirOption);
    if (options.dataDir.isEmpty())
        options.dataDir = qEnvironmentVariable("HEARTH_DATA_DIR");
    if (options.dataDir.isEmpty())
        options.dataDir = QSettings().value(QStringLiteral("data_dir")).toString();
    if (options.dataDir.isEmpty())
        options.dataDir = hearth::defaultDataDir();
    options.dataDir = QDir(options.dataDir).absolutePath();
    QString port = parser.value(portOption);
    if (port.isEmpty())
        port = qEnvironmentVariable("HEARTH_PORT");
    if (!port.isEmpty()) {
        bool ok = false;
        const uint value = port.toUInt(&ok);
        if (!ok || value > 65535) {
            std::fprintf(stderr, "hearth-tray: --port must be 0 to 65535, not %s\n",
                         qPrintable(port));
            return 2;
        }
        options.port = quint16(value);
        options.portGiven = true;
    }
    options.hearthdPath =
        QDir(QApplication::applicationDirPath()).filePath(QStringLiteral("hearthd"));
    options.hearthCliPath = QStandardPaths::findExecutable(QStringLiteral("hearth"),
                                                           { QApplication::applicationDirPath() });

    auto instance = std::make_unique<hearth::ui::SingleInstance>(options.dataDir);
    QString error;
    if (!instance->claim(&error)) {
        if (!error.isEmpty()) {
            std::fprintf(stderr, "hearth-tray: %s\n", qPrintable(error));
            return 1;
        }
        std::fprintf(stderr, "hearth-tray: already running for %s; showed its window\n",
                     qPrintable(options.dataDir));
        return 0;
    }

    int code = 0;
    bool restart = false;
    {
        hearth::ui::TrayController controller(options);
        QObject::connect(instance.get(), &hearth::ui::SingleInstance::activationRequested,
                         &controller, &hearth::ui::TrayController::openWindow);
        g_controller.store(&controller);
        controller.launch();
        code = QApplication::exec();
        g_controller.store(nullptr);
        restart = controller.restartRequested();
    }
    if (restart) {
        // The tray on disk now (the updated one), once this one no longer
        // holds the data dir's single-instance claim.
        instance.reset();
        if (!QProcess::startDetached(QApplication::applicationFilePath(),
                                     QApplication::arguments().mid(1))) {
            std::fprintf(stderr, "hearth-tray: could not start again; start Hearth yourself\n");
            return 1;
        }
    }
    return code;
}
