#include "CliApp.h"
#include "platform/Platform.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    // Before any thread exists: Ctrl-C and SIGTERM arrive on one thread, so
    // that `hearth worker` can stop its agent and report the run instead of
    // dying mid-run.
    hearth::platform::installShutdownHandler([]() { hearth::cli::CliApp::interrupt(); });
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hearth"));
    QCoreApplication::setOrganizationName(QStringLiteral("Hearth"));
    return hearth::cli::CliApp(QCoreApplication::arguments()).run();
}
