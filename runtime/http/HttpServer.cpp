#include "HttpServer.h"

#include "RequestGuard.h"
#include "Router.h"
#include "platform/Platform.h"

#include <QHostAddress>
#include <QLoggingCategory>
#include <QStringDecoder>
#include <QUrl>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <httplib.h>
#include <mutex>
#include <optional>
#include <thread>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace hearth::http {

namespace {

// One connection: buffered reads with timeouts, and a cap on the bytes read
// while the request line and headers are being parsed.
class ConnectionStream final : public httplib::Stream
{
public:
    ConnectionStream(socket_t socket, const ServerLimits &limits)
        : m_socket(socket)
        , m_limits(limits)
    {
        // Responses go out as header and body writes; without this, Nagle's
        // algorithm holds the body back until the client's delayed ACK.
        platform::setNoDelay(m_socket);
    }

    void beginRequest()
    {
        m_inHeaders = true;
        m_headerBytes = 0;
        m_headerOverflow = false;
        m_refusal.reset();
    }
    // The headers are in: the guard's verdict for this request, decided once
    // and used by both the Expect: 100-continue hook and pre-routing.
    void endHeaders(std::optional<ApiError> refusal)
    {
        m_inHeaders = false;
        m_refusal = std::move(refusal);
    }
    const std::optional<ApiError> &refusal() const { return m_refusal; }
    bool headerOverflow() const { return m_headerOverflow; }
    void requestClose() { m_closeRequested = true; }
    bool closeRequested() const { return m_closeRequested; }

    // Waits for the first byte of a next request on a kept-alive connection,
    // in slices so that a stopping server is noticed quickly, and so that an
    // idle connection gives its worker up when other connections are waiting.
    template<typename StopCheck, typename OthersWaiting>
    bool waitForNextRequest(StopCheck stopping, OthersWaiting othersWaiting)
    {
        if (m_begin < m_end)
            return true;
        int waited = 0;
        while (waited < m_limits.keepAliveTimeoutMs) {
            if (stopping() || (waited > 0 && othersWaiting()))
                return false;
            const int slice = std::min(100, m_limits.keepAliveTimeoutMs - waited);
            const int ready = platform::waitReadable(m_socket, slice);
            if (ready < 0)
                return false;
            if (ready > 0)
                return true;
            waited += slice;
        }
        return false;
    }

    bool is_readable() const override
    {
        return m_begin < m_end || platform::waitReadable(m_socket, m_limits.readTimeoutMs) > 0;
    }

    // The client hung up: nothing buffered and the socket at end of stream.
    bool peerClosed() const { return m_begin == m_end && platform::peerClosed(m_socket); }

    bool is_writable() const override
    {
        return platform::waitWritable(m_socket, m_limits.writeTimeoutMs) > 0;
    }

    ssize_t read(char *ptr, size_t size) override
    {
        if (m_inHeaders && m_headerBytes >= m_limits.maxHeaderBytes) {
            m_headerOverflow = true;
            return -1;
        }
        if (m_begin == m_end) {
            if (platform::waitReadable(m_socket, m_limits.readTimeoutMs) <= 0)
                return -1;
            const long long received = platform::receive(m_socket, m_buffer, sizeof(m_buffer));
            if (received <= 0)
                return -1;
            m_begin = 0;
            m_end = size_t(received);
        }
        size_t count = std::min(size, m_end - m_begin);
        if (m_inHeaders)
            count = std::min(count, size_t(m_limits.maxHeaderBytes - m_headerBytes));
        std::memcpy(ptr, m_buffer + m_begin, count);
        m_begin += count;
        if (m_inHeaders)
            m_headerBytes += qint64(count);
        return ssize_t(count);
    }

    ssize_t write(const char *ptr, size_t size) override
    {
        return ssize_t(platform::sendAll(m_socket, ptr, (long long)size, m_limits.writeTimeoutMs));
    }

    void get_remote_ip_and_port(std::string &ip, int &port) const override
    {
        platform::peerAddress(m_socket, ip, port);
    }
    void get_local_ip_and_port(std::string &ip, int &port) const override
    {
        platform::localAddress(m_socket, ip, port);
    }
    socket_t socket() const override { return m_socket; }

    // Reads and discards what the client is still sending, bounded in bytes
    // and time, after we shut down our sending side.
    void linger()
    {
        platform::shutdownWrite(m_socket);
        qint64 discarded = 0;
        const auto deadline =
            std::chrono::steady_clock::now() + std::chrono::milliseconds(m_limits.lingerMs);
        while (discarded < m_limits.lingerBytes) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0 || platform::waitReadable(m_socket, int(left.count())) <= 0)
                break;
            const long long received = platform::receive(m_socket, m_buffer, sizeof(m_buffer));
            if (received <= 0)
                break;
            discarded += received;
        }
    }

private:
    socket_t m_socket;
    const ServerLimits &m_limits;
    char m_buffer[16 * 1024];
    size_t m_begin = 0;
    size_t m_end = 0;
    bool m_inHeaders = true;
    qint64 m_headerBytes = 0;
    bool m_headerOverflow = false;
    bool m_closeRequested = false;
    std::optional<ApiError> m_refusal;
};

// The connection being served by this worker thread; handlers run
// synchronously on it, so they can reach its state through this pointer.
thread_local ConnectionStream *t_connection = nullptr;
// Set while the accept thread runs a connection it could not queue.
thread_local bool t_overloaded = false;

// httplib's ThreadPool with a bound on waiting connections.
class BoundedTaskQueue final : public httplib::TaskQueue
{
public:
    BoundedTaskQueue(int threads, int maxQueued)
        : m_maxQueued(size_t(maxQueued))
    {
        for (int i = 0; i < threads; ++i)
            m_threads.emplace_back([this]() { work(); });
    }

    void enqueue(std::function<void()> job) override
    {
        {
            std::unique_lock lock(m_mutex);
            if (m_jobs.size() < m_maxQueued) {
                m_jobs.push_back(std::move(job));
                m_ready.notify_one();
                return;
            }
        }
        // Full: run the job here with the overload flag, which answers 503
        // and closes without reading the request.
        t_overloaded = true;
        job();
        t_overloaded = false;
    }

    bool hasWaitingJobs()
    {
        std::unique_lock lock(m_mutex);
        return !m_jobs.empty();
    }

    void shutdown() override
    {
        {
            std::unique_lock lock(m_mutex);
            m_shuttingDown = true;
        }
        m_ready.notify_all();
        for (auto &thread : m_threads)
            thread.join();
    }

private:
    void work()
    {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(m_mutex);
                m_ready.wait(lock, [this]() { return m_shuttingDown || !m_jobs.empty(); });
                if (m_jobs.empty())
                    return; // shutting down with nothing left to serve
                job = std::move(m_jobs.front());
                m_jobs.pop_front();
            }
            job();
        }
    }

    const size_t m_maxQueued;
    std::vector<std::thread> m_threads;
    std::deque<std::function<void()>> m_jobs;
    std::mutex m_mutex;
    std::condition_variable m_ready;
    bool m_shuttingDown = false;
};

constexpr int ListenBacklog = 128;

// Headers every response carries (SECURITY.md).
httplib::Headers securityHeaders()
{
    return {
        { "X-Content-Type-Options", "nosniff" },
        { "X-Frame-Options", "DENY" },
        { "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'" },
        { "Referrer-Policy", "no-referrer" },
        { "Cache-Control", "no-store" },
    };
}

const char *codeForStatus(int status)
{
    switch (status) {
    case 400:
        return "bad_request";
    case 404:
        return "not_found";
    case 405:
        return "method_not_allowed";
    case 413:
        return "body_too_large";
    case 414:
        return "uri_too_long";
    case 416:
        return "range_not_satisfiable";
    case 431:
        return "headers_too_large";
    default:
        return status >= 500 ? "internal_error" : "error";
    }
}

QString messageForStatus(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("the request is malformed");
    case 404:
        return QStringLiteral("no such endpoint");
    case 413:
        return QStringLiteral("the body is too large");
    case 414:
        return QStringLiteral("the request target is too long");
    case 416:
        return QStringLiteral("the requested range cannot be served");
    case 431:
        return QStringLiteral("the request's header block is larger than 16 KiB");
    default:
        return QStringLiteral("the request failed with status %1").arg(status);
    }
}

void setJson(httplib::Response &res, int status, const QByteArray &body)
{
    res.status = status;
    res.set_content(body.constData(), size_t(body.size()), "application/json");
}

// Library-internal request headers that httplib adds itself.
bool isSyntheticHeader(const std::string &name)
{
    return name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" ||
        name == "LOCAL_PORT";
}

} // namespace

class HttpServer::Impl final : public httplib::Server
{
public:
    Impl(const Router &router, ServerLimits limits)
        : m_router(router)
        , m_limits(limits)
    {
        new_task_queue = [this]() {
            m_taskQueue =
                new BoundedTaskQueue(m_limits.workerThreads, m_limits.maxQueuedConnections);
            return m_taskQueue.load();
        };
        set_socket_options([](socket_t socket) { platform::configureListeningSocket(socket); });
        set_default_headers(securityHeaders());
        set_payload_max_length(size_t(m_router.largestBodyCap()));
        set_keep_alive_max_count(size_t(m_limits.keepAliveMaxRequests));
        set_keep_alive_timeout(m_limits.keepAliveTimeoutMs / 1000);

        set_expect_100_continue_handler([](const httplib::Request &req, httplib::Response &res) {
            return refuseIfGuardFails(req, res) ? res.status : 100;
        });
        set_pre_routing_handler([](const httplib::Request &req, httplib::Response &res) {
            if (refuseIfGuardFails(req, res))
                return HandlerResponse::Handled;
            // RFC 9112 §6.3: a request without Content-Length or
            // Transfer-Encoding has no body. httplib would otherwise read
            // until the peer closes.
            if (!req.has_header("Content-Length"))
                const_cast<httplib::Request &>(req).set_header("Content-Length", "0");
            return HandlerResponse::Unhandled;
        });
        const auto dispatch = [this](const httplib::Request &req, httplib::Response &res) {
            serve(req, res);
        };
        // Every path goes to our Router; [\s\S] because std::regex's '.'
        // does not match a newline, which a decoded path may contain.
        const std::string anyPath = R"([\s\S]*)";
        Get(anyPath, dispatch);
        Post(anyPath, dispatch);
        Put(anyPath, dispatch);
        Patch(anyPath, dispatch);
        Delete(anyPath, dispatch);
        set_error_handler(HandlerWithResponse(
            [](const httplib::Request &, httplib::Response &res) -> HandlerResponse {
                // Errors httplib raises itself (malformed request, oversized
                // header block); ours already carry the envelope.
                if (!res.body.empty())
                    return HandlerResponse::Unhandled;
                if (res.status == 400 && t_connection && t_connection->headerOverflow())
                    res.status = 431;
                const char *code = codeForStatus(res.status);
                setJson(res, res.status, errorEnvelope(code, messageForStatus(res.status)));
                return HandlerResponse::Handled;
            }));
        set_exception_handler([](const httplib::Request &req, httplib::Response &res,
                                 std::exception_ptr exception) {
            QString what = QStringLiteral("unknown exception");
            try {
                std::rethrow_exception(exception);
            } catch (const std::exception &e) {
                what = QString::fromLocal8Bit(e.what());
            } catch (...) {
            }
            qCCritical(lcHttp) << "handler for" << req.method.c_str() << req.path.c_str()
                               << "threw:" << what;
            setJson(res, 500, errorEnvelope("internal_error", QStringLiteral("internal error")));
        });
        set_post_routing_handler([](const httplib::Request &req, httplib::Response &res) {
            // Any error ends the connection: the body may not have been read,
            // and what follows on the socket cannot be trusted to be a request.
            if (res.status >= 400 && t_connection) {
                t_connection->requestClose();
                res.headers.erase("Keep-Alive");
                res.headers.erase("Connection");
                res.set_header("Connection", "close");
            }
            qCDebug(lcHttp).noquote() << QString::fromStdString(req.method)
                                      << QString::fromStdString(req.path) << res.status;
        });
    }

    bool isStopping() const { return svr_sock_ == INVALID_SOCKET; }
    socket_t listeningSocket() const { return svr_sock_; }

    std::optional<std::future<bool>> m_listenResult;

private:
    std::optional<ApiError> guardVerdict(const httplib::Request &req) const
    {
        GuardedRequest guarded;
        guarded.method = QByteArray::fromStdString(req.method);
        guarded.remoteAddress = QByteArray::fromStdString(req.remote_addr);
        for (const auto &[name, value] : req.headers) {
            if (!isSyntheticHeader(name))
                guarded.headers.append(
                    { QByteArray::fromStdString(name), QByteArray::fromStdString(value) });
        }
        guarded.bodyCap = m_router.bodyCapFor(guarded.method, QString::fromStdString(req.path));
        return RequestGuard(m_port).check(guarded);
    }

    // Answers with the connection's verdict if the guard refused the request.
    static bool refuseIfGuardFails(const httplib::Request &req, httplib::Response &res)
    {
        const std::optional<ApiError> &refusal = t_connection->refusal();
        if (!refusal)
            return false;
        qCInfo(lcHttp).noquote() << "refused" << QString::fromStdString(req.method)
                                 << QString::fromStdString(req.path) << "from"
                                 << QString::fromStdString(req.remote_addr) << refusal->status
                                 << QString::fromLatin1(refusal->code);
        setJson(res, refusal->status, errorEnvelope(refusal->code, refusal->message));
        t_connection->requestClose();
        return true;
    }

    void serve(const httplib::Request &req, httplib::Response &res) const
    {
        // Paths arrive percent-decoded; keys and names in them must be UTF-8.
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString path = utf8(QByteArrayView(req.path.data(), qsizetype(req.path.size())));
        if (utf8.hasError()) {
            setJson(res, 400,
                    errorEnvelope("invalid_path", QStringLiteral("the path is not valid UTF-8")));
            return;
        }
        ApiRequest request;
        request.method = QByteArray::fromStdString(req.method);
        request.path = path;
        for (const auto &[name, value] : req.params)
            request.query.insert(QString::fromStdString(name), QString::fromStdString(value));
        for (const auto &[name, value] : req.headers) {
            if (!isSyntheticHeader(name))
                request.headers.insert(QString::fromStdString(name).toLower(),
                                       QString::fromStdString(value));
        }
        request.body = QByteArray::fromStdString(req.body);
        request.clientGone = [connection = t_connection]() {
            return connection && connection->peerClosed();
        };
        const ApiResponse response = m_router.dispatch(std::move(request));
        res.status = response.status;
        for (const auto &[name, value] : response.headers)
            res.set_header(name.toStdString(), value.toStdString());
        if (response.stream) {
            // One provider call streams the whole body; httplib frames it
            // as chunks and ends it when we call done().
            res.set_chunked_content_provider(
                response.contentType.toStdString(),
                [stream = response.stream](size_t, httplib::DataSink &sink) {
                    stream([&sink](const QByteArray &piece) {
                        return sink.write(piece.constData(), size_t(piece.size()));
                    });
                    sink.done();
                    return true;
                });
        } else if (!response.body.isEmpty() || !response.contentType.isEmpty()) {
            res.set_content(response.body.toStdString(), response.contentType.toStdString());
        }
    }

    bool process_and_close_socket(socket_t sock) override
    {
        if (t_overloaded) {
            answerOverloaded(sock);
            return true;
        }
        ConnectionStream stream(sock, m_limits);
        t_connection = &stream;
        for (int served = 0; served < m_limits.keepAliveMaxRequests; ++served) {
            // The first request gets the full wait; between requests an idle
            // connection yields to queued ones.
            const bool waitingFirst = served == 0;
            if (!stream.waitForNextRequest([this]() { return isStopping(); },
                                           [this, waitingFirst]() {
                                               return !waitingFirst && m_taskQueue &&
                                                   m_taskQueue.load()->hasWaitingJobs();
                                           }))
                break;
            stream.beginRequest();
            bool clientClosing = false;
            const bool lastAllowed = served + 1 == m_limits.keepAliveMaxRequests;
            const bool ok = process_request(
                stream, lastAllowed, clientClosing,
                [this, &stream](httplib::Request &req) { stream.endHeaders(guardVerdict(req)); });
            if (!ok || clientClosing || stream.closeRequested())
                break;
        }
        t_connection = nullptr;
        if (stream.closeRequested())
            stream.linger();
        platform::closeSocket(sock);
        return true;
    }

    void answerOverloaded(socket_t sock) const
    {
        const QByteArray body =
            errorEnvelope("server_busy", QStringLiteral("too many connections; retry shortly"));
        QByteArray response = "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n"
                              "Content-Type: application/json\r\nRetry-After: 1\r\n";
        for (const auto &[name, value] : securityHeaders())
            response +=
                QByteArray::fromStdString(name) + ": " + QByteArray::fromStdString(value) + "\r\n";
        response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        // The accept thread runs this: never block it for long.
        platform::sendAll(sock, response.constData(), response.size(), 100);
        platform::closeSocket(sock);
    }

public:
    const Router &m_router;
    const ServerLimits m_limits;
    quint16 m_port = 0;
    // Owned by httplib's listen loop; set when it starts.
    std::atomic<BoundedTaskQueue *> m_taskQueue = nullptr;
};

HttpServer::HttpServer(const Router &router, ServerLimits limits)
    : d(std::make_unique<Impl>(router, limits))
{
}

HttpServer::~HttpServer()
{
    if (d->m_listenResult)
        stop(std::chrono::milliseconds(10000));
}

Result<quint16> HttpServer::bind(const QString &host, quint16 port)
{
    QHostAddress address;
    if (!address.setAddress(host) || !address.isLoopback()) {
        return fail(QStringLiteral("refusing to listen on %1: without authentication hearthd only "
                                   "listens on a loopback address (127.0.0.1 or ::1)")
                        .arg(host));
    }
    const std::string hostText = host.toStdString();
    int bound = -1;
    errno = 0;
    if (port == 0) {
        bound = d->bind_to_any_port(hostText);
    } else if (d->bind_to_port(hostText, port)) {
        bound = port;
    }
    const int error = errno;
    if (bound <= 0) {
        if (error == EADDRINUSE) {
            return fail(QStringLiteral("port %1 on %2 is already in use; stop the other program "
                                       "or choose another --port")
                            .arg(port)
                            .arg(host));
        }
        return fail(QStringLiteral("cannot listen on %1 port %2: %3")
                        .arg(host)
                        .arg(port)
                        .arg(QString::fromLocal8Bit(std::strerror(error))));
    }
    // Check the socket we really got, not only the name we asked for.
    std::string boundIp;
    int boundPort = 0;
    if (!platform::localAddress(d->listeningSocket(), boundIp, boundPort) ||
        !RequestGuard::isLoopbackAddress(QByteArray::fromStdString(boundIp))) {
        d->stop();
        return fail(QStringLiteral("the bound socket %1 is not a loopback address; refusing to "
                                   "serve")
                        .arg(QString::fromStdString(boundIp)));
    }
    platform::setListenBacklog(d->listeningSocket(), ListenBacklog);
    d->m_port = quint16(bound);
    return quint16(bound);
}

void HttpServer::start()
{
    d->m_listenResult = std::async(std::launch::async, [this]() { return d->listen_after_bind(); });
}

bool HttpServer::stop(std::chrono::milliseconds wait)
{
    d->stop();
    if (!d->m_listenResult)
        return true;
    const bool finished = d->m_listenResult->wait_for(wait) == std::future_status::ready;
    if (finished)
        d->m_listenResult.reset();
    return finished;
}

} // namespace hearth::http
