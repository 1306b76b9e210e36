#include "ScriptRunner.h"

#include <future>

namespace hearth::lua {

ScriptRunner::ScriptRunner(int threads, Services services)
    : m_services(services)
{
    m_pool.setMaxThreadCount(threads);
    m_pool.setObjectName(QStringLiteral("hearth-lua"));
}

ScriptRunner::~ScriptRunner()
{
    m_pool.waitForDone();
}

ExecutionResult ScriptRunner::run(const QByteArray &source, const ScriptContext &context,
                                  const Limits &limits)
{
    std::promise<ExecutionResult> promise;
    std::future<ExecutionResult> future = promise.get_future();
    m_pool.start([&]() { promise.set_value(Sandbox::run(source, context, limits, m_services)); });
    return future.get();
}

void ScriptRunner::submit(QByteArray source, ScriptContext context, Limits limits,
                          std::shared_ptr<const std::atomic<bool>> cancel,
                          std::function<void(ExecutionResult)> done)
{
    m_pool.start([this, source = std::move(source), context = std::move(context), limits,
                  cancel = std::move(cancel), done = std::move(done)]() {
        done(Sandbox::run(source, context, limits, m_services, cancel.get()));
    });
}

} // namespace hearth::lua
