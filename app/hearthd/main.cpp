#include "daemon/Daemon.h"
#include "platform/Platform.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <cstdlib>

int main(int argc, char *argv[])
{
    // Before any thread exists, so that only the handler's thread sees
    // SIGINT/SIGTERM.
    hearth::platform::installShutdownHandler([]() {
        QCoreApplication *app = QCoreApplication::instance();
        if (!app)
            std::_Exit(0); // nothing has been created yet that needs cleaning up
        // Queued: runs inside exec(), also when the signal came during start-up.
        QMetaObject::invokeMethod(app, &QCoreApplication::quit, Qt::QueuedConnection);
    });
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hearthd"));
    QCoreApplication::setOrganizationName(QStringLiteral("Hearth"));
    return hearth::Daemon::run(QCoreApplication::arguments());
}
