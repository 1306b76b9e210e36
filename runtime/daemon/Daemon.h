#pragma once

#include <QStringList>

namespace hearth {

// hearthd from arguments to exit code, in the start-up order the foundation
// issue fixes: options → data-dir lock → database → bind → runtime.json →
// serve; and on SIGINT/SIGTERM the reverse. Needs a QCoreApplication.
class Daemon
{
public:
    static int run(const QStringList &arguments);
};

} // namespace hearth
