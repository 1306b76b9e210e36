#pragma once

#include "Sandbox.h"

#include <QThreadPool>

namespace hearth::lua {

// Runs sandboxed scripts on a bounded pool of threads of their own, never on
// the API's or the scheduler's thread.
class ScriptRunner
{
public:
    ScriptRunner(int threads, Services services);
    ~ScriptRunner();

    // Blocks the caller until the script ends (its limits bound the wait).
    ExecutionResult run(const QByteArray &source, const ScriptContext &context,
                        const Limits &limits);

private:
    Services m_services;
    QThreadPool m_pool;
};

} // namespace hearth::lua
