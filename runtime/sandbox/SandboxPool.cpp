#include "SandboxPool.h"

#include "platform/Platform.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QThread>
#include <future>

Q_LOGGING_CATEGORY(lcSandbox, "hearth.sandbox")

namespace hearth::sandbox {

using Clock = std::chrono::steady_clock;
using lua::ExecutionResult;
using lua::Outcome;

struct SandboxPool::Job
{
    JobKind kind = JobKind::Run;
    QByteArray source;
    lua::ScriptContext context;
    lua::Limits limits;
    std::shared_ptr<RunTicket> ticket = std::make_shared<RunTicket>();
    std::function<void(ExecutionResult)> done; // Kind::Run
    std::function<void(QString)> checked; // Kind::Check
    Clock::time_point queuedAt = Clock::now();
};

namespace {

// What a host inherits of hearthd's environment: the locale and time zone
// (os.date), and the sanitizers' options in test builds. Nothing else (no
// proof key, no paths of ours).
std::vector<std::string> hostEnvironment()
{
    std::vector<std::string> environment;
    for (const char *name : { "TZ", "LANG", "LC_ALL", "LC_CTYPE", "LC_TIME", "ASAN_OPTIONS",
                              "UBSAN_OPTIONS", "LSAN_OPTIONS" }) {
        if (const QByteArray value = qgetenv(name); !value.isNull())
            environment.push_back(std::string(name) + '=' + value.toStdString());
    }
    return environment;
}

ExecutionResult endedWith(Outcome outcome, const QString &message)
{
    ExecutionResult result;
    result.outcome = outcome;
    result.errorMessage = message;
    return result;
}

qint64 millisecondsUntil(Clock::time_point when)
{
    return std::max<qint64>(
        0, std::chrono::duration_cast<std::chrono::milliseconds>(when - Clock::now()).count());
}

} // namespace

// One host process and the thread that drives it.
class HostSlot
{
public:
    HostSlot(SandboxPool &pool, SandboxPool::JobKind kind, int index)
        : m_pool(pool)
        , m_kind(kind)
    {
        platform::makeSocketPair(m_wakeRead, m_wakeWrite);
        m_thread.reset(QThread::create([this]() { loop(); }));
        m_thread->setObjectName(QStringLiteral("hearth-sandbox-%1").arg(index));
        m_thread->start();
    }

    ~HostSlot()
    {
        platform::closeSocket(m_wakeRead);
        platform::closeSocket(m_wakeWrite);
    }

    void wake()
    {
        const char byte = 1;
        platform::sendAll(m_wakeWrite, &byte, 1, 0);
    }

    // From any thread: the host dies now; its slot sees it and replaces it.
    void killHost()
    {
        const std::lock_guard lock(m_hostMutex);
        if (m_pid > 0)
            platform::signalProcessGroup(m_pid, platform::StopSignal::Kill);
    }

    long long pid() const
    {
        const std::lock_guard lock(m_hostMutex);
        return m_pid;
    }

    bool wait(Clock::time_point until)
    {
        return m_thread->wait(QDeadlineTimer(millisecondsUntil(until)));
    }
    // A thread still busy at exit is left running, not destroyed.
    void abandon() { (void)m_thread.release(); }

private:
    enum class Wait { Message, Deadline, Cancelled, HostGone, ProtocolError };

    void loop()
    {
        QString error;
        ensureHost(error); // warm before the first job
        while (auto job = m_pool.take(m_kind)) {
            if (job->kind == SandboxPool::JobKind::Run)
                job->done(execute(*job));
            else
                job->checked(check(*job));
            if (!stopping())
                ensureHost(error); // a replaced host starts now, not at the next run
        }
        retireHost();
    }

    bool ensureHost(QString &error)
    {
        // An idle host has nothing to say: readable means it died (or broke
        // the protocol) while it waited, and it is replaced before a run is
        // given to it.
        if (m_channel >= 0 && platform::waitReadable(m_channel, 0) != 0)
            retireHost();
        if (m_channel >= 0)
            return true;
        platform::ChildProcess child;
        std::string spawnError;
        const std::vector<std::string> arguments { "--max-memory",
                                                   std::to_string(m_pool.m_config.maxMemoryBytes) };
        static const std::vector<std::string> environment = hostEnvironment();
        if (!platform::spawnWithChannel(m_pool.m_config.hostProgram.toStdString(), arguments,
                                        environment, child, spawnError)) {
            error = QStringLiteral("cannot start the sandbox host %1: %2")
                        .arg(m_pool.m_config.hostProgram, QString::fromStdString(spawnError));
            qCWarning(lcSandbox).noquote() << error;
            return false;
        }
        {
            const std::lock_guard lock(m_hostMutex);
            m_pid = child.pid;
        }
        m_channel = child.channel;
        m_reader.clear();
        m_runsOnHost = 0;
        return true;
    }

    // Kills the host's process group (whatever it does now, or if it is
    // already dying) and reaps it; how it ended. A host that died by itself
    // keeps its own exit status.
    platform::ChildExit retireHost()
    {
        if (m_channel < 0)
            return {};
        long long pid;
        {
            // Cleared before reaping: killHost() never signals a reaped
            // (possibly reused) process id.
            const std::lock_guard lock(m_hostMutex);
            pid = m_pid;
            platform::signalProcessGroup(pid, platform::StopSignal::Kill);
            m_pid = -1;
        }
        platform::closeSocket(m_channel);
        m_channel = -1;
        return platform::reapChild(pid);
    }

    static QString describeExit(const platform::ChildExit &exit)
    {
        if (!exit.exited) {
            return QStringLiteral("the sandbox host died of signal %1 (%2)")
                .arg(exit.signal)
                .arg(QString::fromStdString(platform::signalName(exit.signal)));
        }
        return QStringLiteral("the sandbox host exited with code %1").arg(exit.exitCode);
    }

    bool stopping() const
    {
        const std::lock_guard lock(m_pool.m_mutex);
        return m_pool.m_stopping;
    }

    bool cancelled(RunTicket &ticket)
    {
        if (stopping())
            return true;
        const std::lock_guard lock(ticket.m_mutex);
        return ticket.m_cancelled;
    }

    // Sends a whole frame by `until`: a host that stops reading cannot hold
    // the slot beyond the run's deadline.
    bool send(const QCborMap &message, Clock::time_point until)
    {
        const QByteArray frame = encodeFrame(message);
        constexpr qsizetype Piece = 64 * 1024;
        for (qsizetype sent = 0; sent < frame.size(); sent += Piece) {
            const qsizetype size = std::min(Piece, frame.size() - sent);
            const qint64 left = millisecondsUntil(until);
            if (left <= 0 ||
                platform::sendAll(m_channel, frame.constData() + sent, size, int(left)) != size)
                return false;
        }
        return true;
    }

    // Waits for the next message of the host until `until`.
    Wait receive(Clock::time_point until, RunTicket &ticket, HostMessage &message, QString &problem)
    {
        for (;;) {
            QByteArray payload;
            switch (m_reader.next(payload)) {
            case FrameReader::Status::Frame: {
                auto decoded = decodeHostMessage(payload);
                if (!decoded) {
                    problem = decoded.error();
                    return Wait::ProtocolError;
                }
                message = std::move(decoded).value();
                return Wait::Message;
            }
            case FrameReader::Status::TooLarge:
                problem = QStringLiteral("a frame larger than %1 bytes").arg(MaxHostFrameBytes);
                return Wait::ProtocolError;
            case FrameReader::Status::NeedMore:
                break;
            }
            if (cancelled(ticket))
                return Wait::Cancelled;
            const qint64 left = millisecondsUntil(until);
            if (left <= 0)
                return Wait::Deadline;
            const int ready = platform::waitReadableEither(m_channel, m_wakeRead, int(left));
            if (ready < 0)
                return Wait::HostGone;
            if (ready & 2) {
                char drain[64];
                platform::receive(m_wakeRead, drain, sizeof(drain));
            }
            if (ready & 1) {
                char buffer[64 * 1024];
                const long long n = platform::receive(m_channel, buffer, sizeof(buffer));
                if (n <= 0)
                    return Wait::HostGone;
                m_reader.append(buffer, qsizetype(n));
            }
        }
    }

    // Ends a run that did not end with the host's own answer; the host goes.
    ExecutionResult abandonRun(Wait wait, const QString &problem)
    {
        switch (wait) {
        case Wait::Deadline:
            retireHost();
            qCWarning(lcSandbox) << "a sandbox host overran a run's deadline and was killed";
            return endedWith(Outcome::Timeout,
                             QStringLiteral("the script ran past its deadline (its sandbox host "
                                            "did not stop in time and was killed)"));
        case Wait::Cancelled:
            retireHost();
            return endedWith(Outcome::Cancelled, QStringLiteral("the run was cancelled"));
        case Wait::HostGone: {
            const QString how = describeExit(retireHost());
            qCWarning(lcSandbox).noquote() << how << "during a run; starting another";
            return endedWith(Outcome::SandboxCrashed, how);
        }
        case Wait::ProtocolError:
        case Wait::Message:
            break;
        }
        retireHost();
        qCWarning(lcSandbox).noquote() << "sandbox host stopped: it sent" << problem;
        return endedWith(Outcome::SandboxCrashed,
                         QStringLiteral("the sandbox host broke the protocol (%1) and was stopped")
                             .arg(problem));
    }

    ExecutionResult execute(SandboxPool::Job &job)
    {
        RunTicket &ticket = *job.ticket;
        {
            const std::lock_guard lock(ticket.m_mutex);
            if (ticket.m_cancelled)
                return endedWith(Outcome::Cancelled, QStringLiteral("the run was cancelled"));
            ticket.m_slot = this;
        }
        const auto detach = qScopeGuard([&ticket]() {
            const std::lock_guard lock(ticket.m_mutex);
            ticket.m_slot = nullptr;
        });
        for (int attempt = 1;; ++attempt) {
            QString error;
            if (!ensureHost(error))
                return endedWith(Outcome::SandboxCrashed, error);
            const auto started = Clock::now();
            const auto deadline = started + std::chrono::milliseconds(job.limits.timeoutMs);
            SdkService sdk(m_pool.m_services, job.context, deadline);
            bool diedSilently = false;
            ExecutionResult result = exchange(job, deadline, sdk, diedSilently);
            // An idle host killed from outside can look alive for a moment
            // (its teardown is not instant) and take a run it never starts.
            // A host that died at once without a word from the run cannot
            // have acted for it: the run goes to a fresh host, once.
            if (attempt == 1 && diedSilently &&
                Clock::now() - started < SandboxPool::StaleHostWindow) {
                qCInfo(lcSandbox) << "a sandbox host died before its run began; a new one takes it";
                continue;
            }
            return finish(std::move(result), job, started, sdk);
        }
    }

    ExecutionResult finish(ExecutionResult result, const SandboxPool::Job &job,
                           Clock::time_point started, const SdkService &sdk)
    {
        using std::chrono::duration_cast;
        using std::chrono::microseconds;
        const auto held = Clock::now() - started;
        if (result.durationMs == 0)
            result.durationMs = duration_cast<std::chrono::milliseconds>(held).count();
        result.queuedMicros = duration_cast<microseconds>(started - job.queuedAt).count();
        result.hostMicros = duration_cast<microseconds>(held).count();
        sdk.redact(result);
        result.markedFeedItems = sdk.markedFeedItems();
        result.draftNotifications = sdk.draftNotifications();
        // A host that ran a failed run (a limit, an error half-way through
        // something) does not get another: a fresh one is cheap.
        if (m_channel >= 0 &&
            (result.outcome != Outcome::Succeeded || ++m_runsOnHost >= SandboxPool::RunsPerHost))
            retireHost();
        return result;
    }

    // One run on the current host. `diedSilently`: the host died before
    // anything came from it for this run.
    ExecutionResult exchange(SandboxPool::Job &job, Clock::time_point deadline, SdkService &sdk,
                             bool &diedSilently)
    {
        const quint64 run = ++m_pool.m_nextRun;
        const auto until = deadline + SandboxPool::DeadlineGrace;
        // A send fails when the host is gone, or when it stopped reading
        // until the deadline passed.
        const auto sendFailed = [until]() {
            return Clock::now() >= until ? Wait::Deadline : Wait::HostGone;
        };
        if (!send(encodeRuntimeMessage(RunRequest { run, job.source, job.context, job.limits }),
                  until)) {
            const Wait wait = sendFailed();
            diedSilently = wait == Wait::HostGone;
            return abandonRun(wait, {});
        }
        QList<lua::LogLine> logs;
        qsizetype logBytes = 0;
        int logMessages = 0;
        quint64 nextSeq = 1;
        bool heard = false;
        for (;;) {
            HostMessage message;
            QString problem;
            const Wait wait = receive(until, *job.ticket, message, problem);
            diedSilently = wait == Wait::HostGone && !heard;
            heard = true;
            if (wait == Wait::Message && runOf(message) != run) {
                problem = QStringLiteral("a message for run %1 during run %2")
                              .arg(runOf(message))
                              .arg(run);
            } else if (wait == Wait::Message) {
                if (auto *call = std::get_if<SdkCall>(&message)) {
                    if (call->seq == nextSeq) {
                        ++nextSeq;
                        if (!send(encodeRuntimeMessage(sdk.handle(*call)), until)) {
                            ExecutionResult ended = abandonRun(sendFailed(), {});
                            ended.logs = logs;
                            return ended;
                        }
                        continue;
                    }
                    problem =
                        QStringLiteral("call %1 where %2 was next").arg(call->seq).arg(nextSeq);
                } else if (auto *log = std::get_if<LogMessage>(&message)) {
                    // The host keeps to the caps; one that floods is stopped.
                    if (++logMessages <= lua::RunCaps::MaxLogLines + 1) {
                        log->line.time =
                            QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
                        logBytes += log->line.message.size() + log->line.dataJson.size();
                        if (logBytes <= lua::RunCaps::MaxLogBytes + 4096)
                            logs.append(std::move(log->line));
                        continue;
                    }
                    problem =
                        QStringLiteral("more than %1 log lines").arg(lua::RunCaps::MaxLogLines + 1);
                } else if (auto *done = std::get_if<RunDone>(&message)) {
                    ExecutionResult result = std::move(done->result);
                    result.logs = std::move(logs);
                    return result;
                } else {
                    problem = QStringLiteral("a syntax check's answer during a run");
                }
            }
            ExecutionResult ended = abandonRun(wait, problem);
            ended.logs = std::move(logs);
            return ended;
        }
    }

    QString check(SandboxPool::Job &job)
    {
        QString error;
        if (!ensureHost(error))
            return QStringLiteral("the script could not be checked: ") + error;
        const quint64 run = ++m_pool.m_nextRun;
        const auto until = Clock::now() + SandboxPool::CheckTimeout;
        if (!send(encodeRuntimeMessage(CheckRequest { run, job.source }), until)) {
            retireHost();
            return QStringLiteral("the script could not be checked: the sandbox host is gone");
        }
        HostMessage message;
        QString problem;
        const Wait wait = receive(until, *job.ticket, message, problem);
        const auto *checked = std::get_if<CheckDone>(&message);
        if (wait == Wait::Message && checked && checked->run == run)
            return checked->error;
        retireHost();
        return QStringLiteral("the script could not be checked: the sandbox host failed");
    }

    SandboxPool &m_pool;
    const SandboxPool::JobKind m_kind;
    std::unique_ptr<QThread> m_thread;
    platform::NativeSocket m_wakeRead = -1;
    platform::NativeSocket m_wakeWrite = -1;
    mutable std::mutex m_hostMutex;
    long long m_pid = -1; // guarded by m_hostMutex
    platform::NativeSocket m_channel = -1;
    FrameReader m_reader { MaxHostFrameBytes };
    int m_runsOnHost = 0;
};

void RunTicket::cancel()
{
    const std::lock_guard lock(m_mutex);
    m_cancelled = true;
    if (m_slot)
        m_slot->wake();
}

SandboxPool::SandboxPool(Config config, SdkServices services)
    : m_config(std::move(config))
    , m_services(services)
{
    m_runSlots = std::max(1, m_config.hosts);
    for (int i = 0; i < m_runSlots; ++i)
        m_slots.push_back(std::make_unique<HostSlot>(*this, JobKind::Run, i));
    m_slots.push_back(std::make_unique<HostSlot>(*this, JobKind::Check, m_runSlots));
}

SandboxPool::~SandboxPool()
{
    shutdown(std::chrono::seconds(5));
}

ExecutionResult SandboxPool::run(const QByteArray &source, const lua::ScriptContext &context,
                                 const lua::Limits &limits)
{
    std::promise<ExecutionResult> promise;
    std::future<ExecutionResult> future = promise.get_future();
    submit(source, context, limits,
           [&promise](ExecutionResult result) { promise.set_value(std::move(result)); });
    return future.get();
}

std::shared_ptr<RunTicket> SandboxPool::submit(QByteArray source, lua::ScriptContext context,
                                               lua::Limits limits,
                                               std::function<void(ExecutionResult)> done)
{
    auto job = std::make_unique<Job>();
    job->source = std::move(source);
    job->context = std::move(context);
    job->limits = limits;
    job->done = std::move(done);
    std::shared_ptr<RunTicket> ticket = job->ticket;
    enqueue(std::move(job));
    return ticket;
}

QString SandboxPool::checkSyntax(const QByteArray &source)
{
    std::promise<QString> promise;
    std::future<QString> future = promise.get_future();
    auto job = std::make_unique<Job>();
    job->kind = JobKind::Check;
    job->source = source;
    job->checked = [&promise](QString error) {
        promise.set_value(std::move(error));
    };
    enqueue(std::move(job));
    return future.get();
}

void SandboxPool::enqueue(std::unique_ptr<Job> job)
{
    {
        const std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            const JobKind kind = job->kind;
            (kind == JobKind::Run ? m_runs : m_checks).push_back(std::move(job));
            (kind == JobKind::Run ? m_runReady : m_checkReady).notify_one();
            return;
        }
    }
    if (job->kind == JobKind::Run)
        job->done(endedWith(Outcome::Cancelled, QStringLiteral("hearthd is stopping")));
    else
        job->checked(QStringLiteral("the script could not be checked: hearthd is stopping"));
}

std::unique_ptr<SandboxPool::Job> SandboxPool::take(JobKind kind)
{
    std::deque<std::unique_ptr<Job>> &queue = kind == JobKind::Run ? m_runs : m_checks;
    std::unique_lock lock(m_mutex);
    (kind == JobKind::Run ? m_runReady : m_checkReady).wait(lock, [this, &queue]() {
        return m_stopping || !queue.empty();
    });
    if (m_stopping)
        return nullptr;
    std::unique_ptr<Job> job = std::move(queue.front());
    queue.pop_front();
    return job;
}

std::vector<long long> SandboxPool::hostPids() const
{
    std::vector<long long> pids;
    for (const auto &slot : m_slots) {
        if (const long long pid = slot->pid(); pid > 0)
            pids.push_back(pid);
    }
    return pids;
}

bool SandboxPool::shutdown(std::chrono::milliseconds grace)
{
    std::deque<std::unique_ptr<Job>> queued;
    {
        const std::lock_guard lock(m_mutex);
        if (m_stopping && m_slots.empty())
            return true;
        m_stopping = true;
        queued.swap(m_runs);
        std::move(m_checks.begin(), m_checks.end(), std::back_inserter(queued));
        m_checks.clear();
        m_runReady.notify_all();
        m_checkReady.notify_all();
    }
    for (auto &job : queued) {
        if (job->kind == JobKind::Run)
            job->done(endedWith(Outcome::Cancelled, QStringLiteral("hearthd is stopping")));
        else
            job->checked(QStringLiteral("the script could not be checked: hearthd is stopping"));
    }
    for (auto &slot : m_slots) {
        slot->killHost();
        slot->wake();
    }
    const auto until = Clock::now() + grace;
    bool allStopped = true;
    for (auto &slot : m_slots) {
        if (!slot->wait(until)) {
            qCWarning(lcSandbox) << "a sandbox slot is still busy in an SDK call; leaving it";
            slot->abandon();
            (void)slot.release();
            allStopped = false;
        }
    }
    m_slots.clear();
    return allStopped;
}

} // namespace hearth::sandbox
