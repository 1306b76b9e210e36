#pragma once

#include "Sandbox.h"

#include <QThreadPool>
#include <memory>

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
    // Queues a run and returns at once; `done` is called on the pool thread
    // with the result. The run stops early once *cancel becomes true.
    void submit(QByteArray source, ScriptContext context, Limits limits,
                std::shared_ptr<const std::atomic<bool>> cancel,
                std::function<void(ExecutionResult)> done);
    int threadCount() const { return m_pool.maxThreadCount(); }
    void waitForDone() { m_pool.waitForDone(); }

private:
    Services m_services;
    QThreadPool m_pool;
};

} // namespace hearth::lua
