#pragma once

#include "Command.h"

#include <QCoreApplication>
#include <QStringList>

namespace hearth::cli {

// "every 90s", "5m", "2h", "1d", "30": seconds, or -1 (shared by `schedule
// next` and `watchers add --every`).
qint64 parseEvery(const QString &text);

// `hearth`, the command-line client: finds the command (Commands.h), parses
// the options it takes, connects to the data dir's verified hearthd and runs
// it. What each command does is its own class.
class CliApp
{
    Q_DECLARE_TR_FUNCTIONS(CliApp)
public:
    explicit CliApp(QStringList arguments);
    int run();
    // From the shutdown signal thread: a running worker stops gracefully;
    // anything else (or a second interrupt) exits at once with 130.
    static void interrupt();

private:
    QStringList m_arguments;
};

} // namespace hearth::cli
