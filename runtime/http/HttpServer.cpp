#include "HttpServer.h"

#include "Admission.h"
#include "ClientPresence.h"
#include "RequestGuard.h"
#include "Router.h"
#include "WorkerPool.h"
#include "platform/Platform.h"

#include <QHostAddress>
#include <QLoggingCategory>
#include <QStringDecoder>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <future>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace hearth::http {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr int ListenBacklog = 128;

// Headers every response carries (SECURITY.md).
template<class Message> void addSecurityHeaders(Message &message)
{
    message.set("X-Content-Type-Options", "nosniff");
    message.set("X-Frame-Options", "DENY");
    message.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    message.set("Referrer-Policy", "no-referrer");
    message.set("Cache-Control", "no-store");
}

beast::string_view view(const QByteArray &bytes)
{
    return { bytes.constData(), size_t(bytes.size()) };
}

QByteArray bytes(beast::string_view text)
{
    return { text.data(), qsizetype(text.size()) };
}

ApiError serverBusy()
{
    return { 503,
             "server_busy",
             QStringLiteral("too many connections; retry shortly"),
             { { "Retry-After", "1" } } };
}

// What a request the parser refused gets; the request guard's own wording
// where the rule is the guard's (SECURITY.md, rule 5).
ApiError parseRefusal(const beast::error_code &error, const ServerLimits &limits,
                      bool requestLineComplete)
{
    const qint64 kib = limits.maxHeaderBytes / 1024;
    if (error == bhttp::error::header_limit) {
        if (!requestLineComplete) {
            return { 414,
                     "uri_too_long",
                     QStringLiteral("the request line is longer than %1 KiB").arg(kib),
                     {} };
        }
        return { 431,
                 "headers_too_large",
                 QStringLiteral("the request's header block is larger than %1 KiB").arg(kib),
                 {} };
    }
    if (error == bhttp::error::bad_content_length) {
        return ApiError::badRequest("invalid_content_length",
                                    QStringLiteral("the Content-Length header is malformed"));
    }
    if (error == bhttp::error::bad_transfer_encoding) {
        return { 411,
                 "length_required",
                 QStringLiteral("chunked or encoded uploads are not accepted; send "
                                "Content-Length"),
                 {} };
    }
    return ApiError::badRequest("bad_request", QStringLiteral("the request is malformed"));
}

// The query string's parameters, decoded as forms encode them ('+' is a
// space). A parameter given twice keeps its last value.
QHash<QString, QString> queryParameters(const QByteArray &query)
{
    const auto decode = [](QByteArray text) {
        text.replace('+', ' ');
        return QString::fromUtf8(QByteArray::fromPercentEncoding(text));
    };
    QHash<QString, QString> parameters;
    for (const QByteArray &pair : query.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        parameters.insert(decode(pair.left(equals < 0 ? pair.size() : equals)),
                          equals < 0 ? QString() : decode(pair.mid(equals + 1)));
    }
    return parameters;
}

class ServerCore;

// One client connection, driven on the network thread: reads a request's
// header block, asks the guard, reads the body, hands the complete request to
// a worker, writes the answer, and either waits for the next request or
// closes. Refused requests always end the connection: their body was not
// read, and what follows on the socket cannot be trusted to be a request.
class Connection final : public std::enable_shared_from_this<Connection>
{
public:
    Connection(ServerCore &server, tcp::socket socket);
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    void start();
    // Answers 503 without reading anything: too many connections.
    void refuseBusy();
    // The server is stopping: a connection not handling a request ends now.
    void closeUnlessHandling();

private:
    enum class Phase { ReadingHeader, ReadingBody, Handling, Writing, Lingering, Closed };

    void readHeader();
    void onHeader(const beast::error_code &error);
    void onBody(const beast::error_code &error);
    void handOver();
    void watchForHangUp();
    // From a worker: the router's answer, written on the network thread.
    void deliver(ApiResponse response);
    void writeAnswer(ApiResponse response, bool keepOpen);
    void afterAnswer(const beast::error_code &error);
    void refuse(const ApiError &error);
    void linger();
    void discardMore();
    void close();

    // From a worker, for event streams: writes on the network thread and
    // waits for the write to end. False once the client is gone or too slow.
    bool streamHead(const ApiResponse &response);
    bool streamPiece(const QByteArray &piece);
    void endStream();
    template<typename Write> bool writeFromWorker(Write write);

    ServerCore &m_server;
    beast::tcp_stream m_stream;
    beast::flat_buffer m_buffer;
    std::optional<bhttp::request_parser<bhttp::empty_body>> m_headerParser;
    std::optional<bhttp::request_parser<bhttp::string_body>> m_bodyParser;
    std::optional<bhttp::response<bhttp::string_body>> m_answer;
    std::shared_ptr<ClientPresence> m_presence;
    QByteArray m_remoteAddress;
    QString m_path; // of the request being served, decoded
    QByteArray m_query; // of the request being served, as sent
    Phase m_phase = Phase::ReadingHeader;
    int m_served = 0;
    bool m_keepAlive = false;
    bool m_unreadInput = false;
    bool m_isHead = false;
    unsigned m_version = 11;
    static constexpr size_t DiscardBytes = 16 * 1024;
    static constexpr qsizetype LargeAnswerBytes = 256 * 1024;
    qsizetype m_answerBytes = 0;
    qint64 m_lingered = 0;
    std::unique_ptr<char[]> m_discard;
};

// The listening socket, the network thread and the worker pool; what the
// connections share.
class ServerCore
{
public:
    ServerCore(const Router &router, const Admission &admission, ServerLimits limits)
        : router(router)
        , admission(admission)
        , limits(limits)
        , workers(limits.workerThreads, limits.maxQueuedRequests)
    {
    }

    const Router &router;
    const Admission &admission;
    const ServerLimits limits;
    quint16 port = 0;
    net::io_context io { 1 };
    tcp::acceptor acceptor { io };
    WorkerPool workers;
    std::atomic<bool> stopping = false;

    void accept()
    {
        acceptor.async_accept([this](const beast::error_code &error, tcp::socket socket) {
            if (error) {
                // Closed by stop(); anything else (out of descriptors) is
                // retried shortly, so that one bad moment neither ends the
                // service nor spins.
                if (!stopping && error != net::error::operation_aborted) {
                    qCWarning(lcHttp) << "accept failed:" << error.message().c_str();
                    m_acceptRetry.expires_after(std::chrono::milliseconds(100));
                    m_acceptRetry.async_wait([this](const beast::error_code &waited) {
                        if (!waited && !stopping)
                            accept();
                    });
                }
                return;
            }
            auto connection = std::make_shared<Connection>(*this, std::move(socket));
            if (!enter(connection))
                connection->refuseBusy();
            else
                connection->start();
            accept();
        });
    }

    // Counts a connection in; false (and not counted) beyond the limit.
    bool enter(const std::shared_ptr<Connection> &connection)
    {
        std::lock_guard lock(m_connectionsMutex);
        if (int(m_connections.size()) >= limits.maxConnections)
            return false;
        m_connections.emplace(connection.get(), connection);
        return true;
    }
    void leave(Connection *connection)
    {
        std::lock_guard lock(m_connectionsMutex);
        m_connections.erase(connection);
    }

    // On the network thread, after a large answer: a large answer (a long
    // listing) leaves freed memory behind, here and in the worker that built
    // it, which the allocator would keep for good. Given back once a burst
    // of them is over, at most once a second, so that memory stays bounded
    // under API load.
    void releaseMemorySoon()
    {
        if (m_releaseScheduled || stopping)
            return;
        m_releaseScheduled = true;
        m_memoryRelease.expires_after(std::chrono::seconds(1));
        m_memoryRelease.async_wait([this](const beast::error_code &error) {
            m_releaseScheduled = false;
            if (!error)
                platform::releaseFreeMemory();
        });
    }

    // On the network thread: no new connections, and those not handling a
    // request end.
    void closeIdle()
    {
        beast::error_code ignored;
        acceptor.close(ignored);
        m_acceptRetry.cancel();
        m_memoryRelease.cancel();
        std::vector<std::shared_ptr<Connection>> open;
        {
            std::lock_guard lock(m_connectionsMutex);
            for (const auto &[key, connection] : m_connections) {
                if (auto alive = connection.lock())
                    open.push_back(std::move(alive));
            }
        }
        for (const auto &connection : open)
            connection->closeUnlessHandling();
    }

private:
    net::steady_timer m_acceptRetry { io };
    net::steady_timer m_memoryRelease { io };
    bool m_releaseScheduled = false;
    std::mutex m_connectionsMutex;
    std::unordered_map<Connection *, std::weak_ptr<Connection>> m_connections;
};

Connection::Connection(ServerCore &server, tcp::socket socket)
    : m_server(server)
    , m_stream(std::move(socket))
{
    beast::error_code ignored;
    // Answers go out as header and body writes; without this, Nagle's
    // algorithm holds the body back until the client's delayed ACK.
    m_stream.socket().set_option(tcp::no_delay(true), ignored);
    // Only ever asked without waiting (hang-up checks); reads and writes are
    // asynchronous anyway.
    m_stream.socket().non_blocking(true, ignored);
    const tcp::endpoint peer = m_stream.socket().remote_endpoint(ignored);
    if (!ignored)
        m_remoteAddress = QByteArray::fromStdString(peer.address().to_string());
}

Connection::~Connection()
{
    m_server.leave(this);
}

void Connection::start()
{
    readHeader();
}

void Connection::refuseBusy()
{
    refuse(serverBusy());
}

void Connection::closeUnlessHandling()
{
    if (m_phase == Phase::ReadingHeader || m_phase == Phase::ReadingBody)
        close();
}

void Connection::readHeader()
{
    m_phase = Phase::ReadingHeader;
    m_headerParser.emplace();
    m_headerParser->header_limit(std::uint32_t(m_server.limits.maxHeaderBytes));
    // The guard compares Content-Length with the route's cap, and answers
    // 413 in its own words; the body parser enforces the same cap. (Not
    // boost::none: Boost 1.74 compares a length with it as "exceeded".)
    m_headerParser->body_limit(std::numeric_limits<std::uint64_t>::max());
    m_stream.expires_after(std::chrono::milliseconds(
        m_served == 0 ? m_server.limits.headerDeadlineMs : m_server.limits.keepAliveTimeoutMs));
    bhttp::async_read_header(m_stream, m_buffer, *m_headerParser,
                             [self = shared_from_this()](const beast::error_code &error, size_t) {
                                 self->onHeader(error);
                             });
}

void Connection::onHeader(const beast::error_code &error)
{
    if (m_phase == Phase::Closed)
        return;
    if (error) {
        // The client hung up, went quiet (the deadline closed the socket),
        // or the server is stopping: nothing to answer.
        if (error == bhttp::error::end_of_stream || error == net::error::eof ||
            error == beast::error::timeout || error == net::error::operation_aborted ||
            error == net::error::connection_reset || m_server.stopping) {
            close();
            return;
        }
        const std::string_view seen(static_cast<const char *>(m_buffer.data().data()),
                                    m_buffer.size());
        refuse(parseRefusal(error, m_server.limits, seen.find("\r\n") != std::string_view::npos));
        return;
    }
    const auto &head = m_headerParser->get();
    m_version = head.version();
    m_keepAlive = head.keep_alive();
    m_isHead = head.method() == bhttp::verb::head;

    const beast::string_view target = head.target();
    const size_t question = target.find('?');
    const QByteArray rawPath = bytes(target.substr(0, question));
    m_query =
        question == beast::string_view::npos ? QByteArray() : bytes(target.substr(question + 1));
    // Paths are percent-decoded before routing; keys and names in them must
    // be UTF-8.
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    m_path = utf8(QByteArray::fromPercentEncoding(rawPath));
    const QString &path = m_path;
    if (!rawPath.startsWith('/') || utf8.hasError()) {
        refuse(ApiError::badRequest("invalid_path",
                                    QStringLiteral("the path must start with / and be UTF-8")));
        return;
    }

    GuardedRequest guarded;
    guarded.method = bytes(head.method_string());
    guarded.remoteAddress = m_remoteAddress;
    for (const auto &field : head)
        guarded.headers.append({ bytes(field.name_string()), bytes(field.value()) });
    guarded.bodyCap = m_server.router.bodyCapFor(guarded.method, path);
    if (std::optional<ApiError> refusal = m_server.admission.check(guarded, m_server.port)) {
        qCInfo(lcHttp).noquote() << "refused" << QString::fromLatin1(guarded.method) << path
                                 << "from" << QString::fromLatin1(m_remoteAddress)
                                 << refusal->status << QString::fromLatin1(refusal->code);
        refuse(*refusal);
        return;
    }

    m_bodyParser.emplace(std::move(*m_headerParser));
    m_headerParser.reset();
    m_bodyParser->body_limit(std::uint64_t(guarded.bodyCap));
    if (m_bodyParser->is_done()) {
        onBody({});
        return;
    }
    m_phase = Phase::ReadingBody;
    m_stream.expires_after(std::chrono::milliseconds(m_server.limits.bodyDeadlineMs));
    const auto readBody = [self = shared_from_this()]() {
        bhttp::async_read(self->m_stream, self->m_buffer, *self->m_bodyParser,
                          [self](const beast::error_code &error, size_t) { self->onBody(error); });
    };
    if (beast::iequals(m_bodyParser->get()[bhttp::field::expect], "100-continue")) {
        static constexpr std::string_view Continue = "HTTP/1.1 100 Continue\r\n\r\n";
        net::async_write(
            m_stream, net::buffer(Continue.data(), Continue.size()),
            [self = shared_from_this(), readBody](const beast::error_code &error, size_t) {
                if (error)
                    self->close();
                else
                    readBody();
            });
        return;
    }
    readBody();
}

void Connection::onBody(const beast::error_code &error)
{
    if (m_phase == Phase::Closed)
        return;
    if (error) {
        if (error == bhttp::error::body_limit) {
            refuse(ApiError::payloadTooLarge(QStringLiteral("the body is larger than this "
                                                            "endpoint accepts")));
            return;
        }
        close(); // hung up, too slow, or the server is stopping
        return;
    }
    m_stream.expires_never();
    handOver();
}

void Connection::handOver()
{
    const auto &message = m_bodyParser->get();
    ApiRequest request;
    request.method = bytes(message.method_string());
    request.path = m_path;
    request.query = queryParameters(m_query);
    for (const auto &field : message)
        request.headers.insert(QString::fromLatin1(bytes(field.name_string())).toLower(),
                               QString::fromUtf8(bytes(field.value())));
    request.body = QByteArray::fromStdString(message.body());
    request.remoteAddress = m_remoteAddress;
    m_bodyParser.reset();
    m_presence = std::make_shared<ClientPresence>();
    request.client = m_presence;

    m_phase = Phase::Handling;
    ++m_served;
    const bool posted = m_server.workers.tryPost([self = shared_from_this(),
                                                  request = std::move(request)]() mutable {
        const QByteArray method = request.method;
        const QString path = request.path;
        ApiResponse response = self->m_server.router.dispatch(std::move(request));
        qCDebug(lcHttp).noquote() << QString::fromLatin1(method) << path << response.status;
        if (response.stream) {
            if (self->streamHead(response)) {
                response.stream(
                    [&self](const QByteArray &piece) { return self->streamPiece(piece); });
            }
            self->endStream();
            return;
        }
        net::post(self->m_stream.get_executor(), [self, response = std::move(response)]() mutable {
            self->deliver(std::move(response));
        });
    });
    if (!posted) {
        refuse(serverBusy());
        return;
    }
    watchForHangUp();
}

void Connection::watchForHangUp()
{
    m_stream.socket().async_wait(
        tcp::socket::wait_read, [self = shared_from_this()](const beast::error_code &error) {
            if (error || self->m_phase != Phase::Handling || !self->m_presence)
                return;
            char byte = 0;
            beast::error_code peekError;
            const size_t peeked = self->m_stream.socket().receive(
                net::buffer(&byte, 1), tcp::socket::message_peek, peekError);
            if (peekError == net::error::would_block) {
                self->watchForHangUp();
                return;
            }
            // Bytes of a next (pipelined) request: the client is there.
            if (!peekError && peeked > 0)
                return;
            self->m_presence->markGone();
        });
}

void Connection::deliver(ApiResponse response)
{
    if (m_phase == Phase::Closed)
        return;
    // The whole request was read, so even an error answer leaves the
    // connection fit for the next one (only refusals, which did not read the
    // body, end it).
    const bool keepOpen =
        m_keepAlive && !m_server.stopping && m_served < m_server.limits.keepAliveMaxRequests;
    writeAnswer(std::move(response), keepOpen);
}

void Connection::writeAnswer(ApiResponse response, bool keepOpen)
{
    m_phase = Phase::Writing;
    m_presence.reset();
    m_keepAlive = keepOpen;
    auto &answer = m_answer.emplace();
    answer.version(m_version);
    answer.result(unsigned(response.status));
    addSecurityHeaders(answer);
    for (const auto &[name, value] : response.headers)
        answer.set(view(name), view(value));
    const bool hasContent = !response.body.isEmpty() || !response.contentType.isEmpty();
    if (hasContent)
        answer.set(bhttp::field::content_type, view(response.contentType));
    answer.keep_alive(keepOpen);
    // A HEAD answer says how long the GET answer is, without it.
    if (response.status != 204 && response.status != 304)
        answer.content_length(response.body.size());
    if (!m_isHead)
        answer.body() = response.body.toStdString();
    m_answerBytes = response.body.size();
    m_stream.expires_after(std::chrono::milliseconds(m_server.limits.writeTimeoutMs));
    bhttp::async_write(m_stream, answer,
                       [self = shared_from_this()](const beast::error_code &error, size_t) {
                           self->afterAnswer(error);
                       });
}

void Connection::afterAnswer(const beast::error_code &error)
{
    m_answer.reset();
    if (m_answerBytes >= LargeAnswerBytes)
        m_server.releaseMemorySoon();
    if (error || m_phase == Phase::Closed) {
        close();
        return;
    }
    if (m_unreadInput && !m_server.stopping) {
        linger();
        return;
    }
    if (!m_keepAlive || m_server.stopping) {
        close();
        return;
    }
    readHeader();
}

void Connection::refuse(const ApiError &error)
{
    // Refused before its body (or even its headers) was read: the client
    // may still be sending it.
    m_unreadInput = true;
    writeAnswer(Router::toResponse(error), false);
}

void Connection::linger()
{
    if (m_phase == Phase::Closed)
        return;
    // Reads and discards what the client may still be sending, bounded in
    // bytes and time, after our side of the connection is shut: closing
    // with unread data would reset the connection and lose the answer.
    m_phase = Phase::Lingering;
    beast::error_code ignored;
    m_stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    m_lingered = qint64(m_buffer.size());
    m_buffer.consume(m_buffer.size());
    if (!m_discard)
        m_discard = std::make_unique<char[]>(DiscardBytes);
    m_stream.expires_after(std::chrono::milliseconds(m_server.limits.lingerMs));
    discardMore();
}

void Connection::discardMore()
{
    if (m_lingered >= m_server.limits.lingerBytes) {
        close();
        return;
    }
    m_stream.async_read_some(
        net::buffer(m_discard.get(), DiscardBytes),
        [self = shared_from_this()](const beast::error_code &error, size_t read) {
            self->m_lingered += qint64(read);
            if (error)
                self->close();
            else
                self->discardMore();
        });
}

void Connection::close()
{
    if (m_phase == Phase::Closed)
        return;
    m_phase = Phase::Closed;
    if (m_presence)
        m_presence->markGone();
    beast::error_code ignored;
    m_stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    m_stream.close();
}

template<typename Write> bool Connection::writeFromWorker(Write write)
{
    // Shared with the completion: the waiting worker may return (and leave
    // this frame) while set_value() is still running.
    auto written = std::make_shared<std::promise<bool>>();
    std::future<bool> done = written->get_future();
    net::post(m_stream.get_executor(), [self = shared_from_this(), &write, written]() {
        if (self->m_phase == Phase::Closed) {
            written->set_value(false);
            return;
        }
        self->m_stream.expires_after(
            std::chrono::milliseconds(self->m_server.limits.writeTimeoutMs));
        write([written](const beast::error_code &error, size_t) { written->set_value(!error); });
    });
    return done.get();
}

bool Connection::streamHead(const ApiResponse &response)
{
    bhttp::response<bhttp::empty_body> head;
    head.version(m_version);
    head.result(unsigned(response.status));
    addSecurityHeaders(head);
    for (const auto &[name, value] : response.headers)
        head.set(view(name), view(value));
    head.set(bhttp::field::content_type, view(response.contentType));
    head.keep_alive(false); // a stream ends its connection
    head.chunked(true);
    bhttp::response_serializer<bhttp::empty_body> serializer(head);
    return writeFromWorker([this, &serializer](auto done) {
        bhttp::async_write_header(m_stream, serializer, std::move(done));
    });
}

bool Connection::streamPiece(const QByteArray &piece)
{
    if (piece.isEmpty())
        return true; // an empty chunk would end the stream
    return writeFromWorker([this, &piece](auto done) {
        net::async_write(m_stream,
                         bhttp::make_chunk(net::buffer(piece.constData(), size_t(piece.size()))),
                         std::move(done));
    });
}

void Connection::endStream()
{
    writeFromWorker([this](auto done) {
        net::async_write(m_stream, bhttp::make_chunk_last(), std::move(done));
    });
    net::post(m_stream.get_executor(), [self = shared_from_this()]() { self->close(); });
}

// The API's admission, for servers not given another.
const Admission &localApiAdmission()
{
    static const LocalApiAdmission admission;
    return admission;
}

} // namespace

class HttpServer::Impl
{
public:
    Impl(const Router &router, const Admission &admission, ServerLimits limits)
        : core(router, admission, limits)
    {
    }

    ServerCore core;
    std::optional<net::executor_work_guard<net::io_context::executor_type>> keepRunning;
    std::thread network;
    std::future<void> networkDone;
};

HttpServer::HttpServer(const Router &router, ServerLimits limits)
    : HttpServer(router, localApiAdmission(), limits)
{
}

HttpServer::HttpServer(const Router &router, const Admission &admission, ServerLimits limits)
    : d(std::make_unique<Impl>(router, admission, limits))
{
}

HttpServer::~HttpServer()
{
    if (stop(std::chrono::milliseconds(10000)))
        return;
    // Handlers still running write through the network thread and hold
    // references to its objects: wait for them, however long they take.
    d->core.workers.finish(Clock::now() + std::chrono::hours(24));
    d->keepRunning.reset();
    d->network.join();
}

Result<quint16> HttpServer::bind(const QString &host, quint16 port)
{
    QHostAddress address;
    if (!address.setAddress(host))
        return fail(QStringLiteral("cannot listen on %1: not an IP address").arg(host));
    if (std::optional<QString> refusal = d->core.admission.refuseAddress(address))
        return fail(*refusal);
    beast::error_code error;
    const tcp::endpoint endpoint(net::ip::make_address(host.toStdString(), error), port);
    tcp::acceptor &acceptor = d->core.acceptor;
    if (!error)
        acceptor.open(endpoint.protocol(), error);
    if (!error) {
        platform::configureListeningSocket(platform::NativeSocket(acceptor.native_handle()));
        acceptor.bind(endpoint, error);
    }
    if (!error)
        acceptor.listen(ListenBacklog, error);
    if (error) {
        beast::error_code ignored;
        acceptor.close(ignored);
        if (error == net::error::address_in_use) {
            return fail(QStringLiteral("port %1 on %2 is already in use; stop the other program "
                                       "or choose another --port")
                            .arg(port)
                            .arg(host));
        }
        return fail(QStringLiteral("cannot listen on %1 port %2: %3")
                        .arg(host)
                        .arg(port)
                        .arg(QString::fromLocal8Bit(error.message().c_str())));
    }
    // Check the socket we really got, not only the name we asked for.
    const tcp::endpoint bound = acceptor.local_endpoint(error);
    const QByteArray boundAddress = QByteArray::fromStdString(bound.address().to_string());
    const std::optional<QString> refusal = error
        ? std::optional<QString>(QString::fromLocal8Bit(error.message().c_str()))
        : d->core.admission.refuseAddress(QHostAddress(QString::fromLatin1(boundAddress)));
    if (refusal) {
        beast::error_code ignored;
        acceptor.close(ignored);
        return fail(QStringLiteral("the bound socket %1 is not one to serve on: %2")
                        .arg(QString::fromLatin1(boundAddress), *refusal));
    }
    d->core.port = bound.port();
    return bound.port();
}

void HttpServer::start()
{
    d->keepRunning.emplace(d->core.io.get_executor());
    d->core.accept();
    std::packaged_task<void()> run([this]() { d->core.io.run(); });
    d->networkDone = run.get_future();
    d->network = std::thread(std::move(run));
}

bool HttpServer::stop(std::chrono::milliseconds wait)
{
    if (!d->network.joinable())
        return true;
    const Clock::time_point deadline = Clock::now() + wait;
    if (!d->core.stopping.exchange(true))
        net::post(d->core.io, [this]() { d->core.closeIdle(); });
    // Requests being handled finish and are answered; their connections then
    // close, and the network thread ends when nothing is left to write.
    if (!d->core.workers.finish(deadline))
        return false;
    d->keepRunning.reset();
    if (d->networkDone.wait_until(deadline) != std::future_status::ready)
        return false;
    d->network.join();
    return true;
}

} // namespace hearth::http
