// The HTTP API over real sockets against a real hearthd: the request guard's
// rejection matrix (and that refused requests change nothing), body limits
// with memory measured, response headers, errors, and the KV endpoints.
#include "HearthdProcess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <atomic>
#include <thread>

using namespace hearth::test;
using Headers = QList<QPair<QByteArray, QByteArray>>;

namespace {

Headers with(Headers headers, const QByteArray &name, const QByteArray &value)
{
    headers.removeIf(
        [&](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    if (value != "<drop>")
        headers.append(qMakePair(name, value));
    return headers;
}

} // namespace

class TestApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void rejectionMatrix_data();
    void rejectionMatrix();
    void everyResponseCarriesSecurityHeaders_data();
    void everyResponseCarriesSecurityHeaders();
    void requestWithoutLengthHasEmptyBody();
    void hugeBodyWithContentLengthRefusedCheaply();
    void chunkedBodyRefusedCheaply();
    void oversizedHeaderBlock();
    void overlongRequestLine();
    void rangeIsIgnored();
    void encodedBodiesRefused_data();
    void encodedBodiesRefused();
    void slowClientsCannotStarveTheApi();
    void hungUpStreamGivesItsPlaceBack();
    void expectContinueRefusedBeforeBody();
    void notFoundAndMethodNotAllowed();
    void kvLifecycle();
    void kvValidation_data();
    void kvValidation();
    void kvPagination();
    void strictInputEverywhere_data();
    void strictInputEverywhere();
    void kvKeysNeedingEncoding();
    void nonCanonicalIdsNameNothing();
    void oneStrictJsonRuleForEveryBody_data();
    void oneStrictJsonRuleForEveryBody();
    void backupRefusesWhatItCannotDo_data();
    void backupRefusesWhatItCannotDo();
    void backupIsOneConsistentMomentUnderWrites();
    void keepAliveServesManyRequests();
    void connectionFloodIsBounded();

private:
    std::unique_ptr<HearthdProcess> m_hearthd;
    quint16 m_port = 0;
};

void TestApi::initTestCase()
{
    m_hearthd = std::make_unique<HearthdProcess>();
    QVERIFY2(m_hearthd->start(), qPrintable(m_hearthd->lastError()));
    m_port = m_hearthd->port();
}

void TestApi::cleanupTestCase()
{
    QCOMPARE(m_hearthd->terminate(), 0);
}

void TestApi::rejectionMatrix_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("code");

    const QByteArray body = "\"written\"";
    const QByteArray port = QByteArray::number(m_port);
    const Headers put = defaultHeaders(m_port, "PUT", body);

    QTest::newRow("accepted") << QByteArray("PUT") << put << body << 201 << QByteArray();
    QTest::newRow("host wrong port") << QByteArray("PUT") << with(put, "Host", "127.0.0.1:1")
                                     << body << 403 << QByteArray("host_not_allowed");
    QTest::newRow("host other name")
        << QByteArray("PUT") << with(put, "Host", "evil.example:" + port) << body << 403
        << QByteArray("host_not_allowed");
    QTest::newRow("host rebinding")
        << QByteArray("PUT") << with(put, "Host", "127.0.0.1.nip.io:" + port) << body << 403
        << QByteArray("host_not_allowed");
    QTest::newRow("host localhost.") << QByteArray("PUT") << with(put, "Host", "localhost.:" + port)
                                     << body << 403 << QByteArray("host_not_allowed");
    QTest::newRow("host empty") << QByteArray("PUT") << with(put, "Host", "") << body << 403
                                << QByteArray("host_not_allowed");
    QTest::newRow("host missing") << QByteArray("PUT") << with(put, "Host", "<drop>") << body << 403
                                  << QByteArray("host_not_allowed");
    QTest::newRow("host no port") << QByteArray("PUT") << with(put, "Host", "localhost") << body
                                  << 403 << QByteArray("host_not_allowed");
    QTest::newRow("host ipv6 long")
        << QByteArray("PUT") << with(put, "Host", "[0:0:0:0:0:0:0:1]:" + port) << body << 403
        << QByteArray("host_not_allowed");
    QTest::newRow("OPTIONS") << QByteArray("OPTIONS") << with(put, "Origin", "http://evil.example")
                             << body << 405 << QByteArray("method_not_allowed");
    QTest::newRow("no client header") << QByteArray("PUT") << with(put, "X-Hearth-Client", "<drop>")
                                      << body << 403 << QByteArray("client_header_required");
    QTest::newRow("text/plain") << QByteArray("PUT") << with(put, "Content-Type", "text/plain")
                                << body << 415 << QByteArray("json_required");
    QTest::newRow("form") << QByteArray("PUT")
                          << with(put, "Content-Type", "application/x-www-form-urlencoded") << body
                          << 415 << QByteArray("json_required");
    QTest::newRow("multipart") << QByteArray("PUT")
                               << with(put, "Content-Type", "multipart/form-data; boundary=b")
                               << body << 415 << QByteArray("json_required");
    QTest::newRow("cross origin") << QByteArray("PUT")
                                  << with(put, "Origin", "https://evil.example") << body << 403
                                  << QByteArray("cross_origin");
    QTest::newRow("origin null") << QByteArray("PUT") << with(put, "Origin", "null") << body << 403
                                 << QByteArray("cross_origin");
    QTest::newRow("same origin") << QByteArray("PUT")
                                 << with(put, "Origin", "http://localhost:" + port) << body << 201
                                 << QByteArray();
    QTest::newRow("cross site") << QByteArray("PUT") << with(put, "Sec-Fetch-Site", "cross-site")
                                << body << 403 << QByteArray("cross_site");
    QTest::newRow("same site") << QByteArray("PUT") << with(put, "Sec-Fetch-Site", "same-site")
                               << body << 403 << QByteArray("cross_site");
    QTest::newRow("fetch none") << QByteArray("PUT") << with(put, "Sec-Fetch-Site", "none") << body
                                << 201 << QByteArray();
    QTest::newRow("oversized length") << QByteArray("PUT") << with(put, "Content-Length", "262145")
                                      << QByteArray() << 413 << QByteArray("body_too_large");
    QTest::newRow("bad length") << QByteArray("PUT") << with(put, "Content-Length", "9x") << body
                                << 400 << QByteArray("invalid_content_length");
}

void TestApi::rejectionMatrix()
{
    QFETCH(QByteArray, method);
    QFETCH(Headers, headers);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QByteArray, code);

    const QByteArray key = "matrix-" + QByteArray(QTest::currentDataTag()).toHex();
    const HttpResponse response =
        exchange(m_port, rawRequest(method, "/api/v1/kv/" + key, headers, body));
    QCOMPARE(response.status, status);
    const HttpResponse stored = call(m_port, "GET", "/api/v1/kv/" + key);
    if (code.isEmpty()) {
        QCOMPARE(stored.status, 200);
        return;
    }
    QCOMPARE(response.errorCode(), code);
    QVERIFY(!json(response)
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString()
                 .isEmpty());
    QCOMPARE(response.header("Connection"), QByteArray("close"));
    QVERIFY(response.serverClosed);
    QVERIFY(!response.hasHeader("Access-Control-Allow-Origin"));
    // Nothing was written.
    QCOMPARE(stored.status, 404);
}

void TestApi::everyResponseCarriesSecurityHeaders_data()
{
    QTest::addColumn<QByteArray>("request");
    const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(m_port) + "\r\n";
    QTest::newRow("healthz") << QByteArray("GET /healthz HTTP/1.1\r\n" + host + "\r\n");
    QTest::newRow("HEAD") << QByteArray("HEAD /version HTTP/1.1\r\n" + host + "\r\n");
    QTest::newRow("404") << QByteArray("GET /nope HTTP/1.1\r\n" + host + "\r\n");
    QTest::newRow("guard refusal") << QByteArray("GET /healthz HTTP/1.1\r\nHost: evil:1\r\n\r\n");
    QTest::newRow("OPTIONS") << QByteArray(
        "OPTIONS /api/v1/kv HTTP/1.1\r\n" + host +
        "Origin: http://evil\r\nAccess-Control-Request-Method: PUT\r\n\r\n");
    QTest::newRow("malformed request line") << QByteArray("GARBAGE\r\n\r\n");
}

void TestApi::everyResponseCarriesSecurityHeaders()
{
    QFETCH(QByteArray, request);
    const HttpResponse response = exchange(m_port, request);
    QVERIFY(response.status > 0);
    QCOMPARE(response.header("X-Content-Type-Options"), QByteArray("nosniff"));
    QCOMPARE(response.header("X-Frame-Options"), QByteArray("DENY"));
    QCOMPARE(response.header("Content-Security-Policy"),
             QByteArray("default-src 'none'; frame-ancestors 'none'"));
    QCOMPARE(response.header("Referrer-Policy"), QByteArray("no-referrer"));
    QCOMPARE(response.header("Cache-Control"), QByteArray("no-store"));
    for (const auto &header : response.headers)
        QVERIFY2(!header.first.toLower().startsWith("access-control-"), header.first.constData());
    if (response.status >= 400) {
        QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
        QVERIFY(!response.errorCode().isEmpty());
    }
}

void TestApi::requestWithoutLengthHasEmptyBody()
{
    // No Content-Length and no Transfer-Encoding: an empty body (RFC 9112
    // §6.3), answered at once instead of waiting for the peer to close.
    Headers headers = with(defaultHeaders(m_port, "DELETE"), "Content-Length", "<drop>");
    QElapsedTimer timer;
    timer.start();
    const HttpResponse response =
        exchange(m_port, rawRequest("DELETE", "/api/v1/kv/nothing", headers));
    QCOMPARE(response.status, 204);
    QVERIFY(timer.elapsed() < scaled(2000));
}

namespace {
// Streams up to `total` bytes after `head`, stopping as soon as the server
// answers; returns the response and how much was sent.
HttpResponse streamUntilAnswered(quint16 port, const QByteArray &head, qint64 total, bool chunked,
                                 qint64 *sent)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(scaled(5000)))
        return {};
    socket.write(head);
    const QByteArray chunk(1024 * 1024, 'a');
    const QByteArray chunkedPiece = QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
    QByteArray received;
    *sent = 0;
    while (*sent < total && socket.state() == QAbstractSocket::ConnectedState) {
        socket.write(chunked ? chunkedPiece : chunk);
        socket.waitForBytesWritten(scaled(200));
        *sent += chunk.size();
        socket.waitForReadyRead(1);
        received += socket.readAll();
        if (received.contains("\r\n\r\n"))
            break;
    }
    QElapsedTimer timer;
    timer.start();
    while (!received.contains("\r\n\r\n") && timer.elapsed() < scaled(5000) &&
           socket.state() == QAbstractSocket::ConnectedState) {
        socket.waitForReadyRead(50);
        received += socket.readAll();
    }
    // Drain until the server closes (it must).
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < scaled(10000)) {
        socket.waitForReadyRead(50);
        received += socket.readAll();
    }
    HttpResponse response;
    const qsizetype end = received.indexOf("\r\n\r\n");
    if (end < 0)
        return response;
    const QList<QByteArray> lines = received.left(end).split('\n');
    response.status = lines.value(0).split(' ').value(1).toInt();
    for (const QByteArray &line : lines.mid(1)) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            response.headers.append({ line.left(colon).trimmed(), line.mid(colon + 1).trimmed() });
    }
    response.body = received.mid(end + 4);
    response.serverClosed = socket.state() != QAbstractSocket::ConnectedState;
    return response;
}
} // namespace

void TestApi::hugeBodyWithContentLengthRefusedCheaply()
{
    const qint64 pid = m_hearthd->pid();
    const qint64 peakBefore = peakRssKiB(pid);
    QVERIFY(peakBefore > 0);
    const qint64 total = 300LL * 1024 * 1024;
    Headers headers =
        with(defaultHeaders(m_port, "PUT"), "Content-Length", QByteArray::number(total));
    qint64 sent = 0;
    const HttpResponse response = streamUntilAnswered(
        m_port, rawRequest("PUT", "/api/v1/kv/huge", headers), total, false, &sent);
    QCOMPARE(response.status, 413);
    QVERIFY(response.serverClosed);
    QVERIFY2(sent < total, "the server should answer long before 300 MB were sent");
    const qint64 growth = peakRssKiB(pid) - peakBefore;
    qInfo("peak RSS growth %lld KiB after refusing a 300 MB body (sent %lld MB)", growth,
          sent >> 20);
    QVERIFY(growth < 16 * 1024);
    QCOMPARE(call(m_port, "GET", "/api/v1/kv/huge").status, 404);
}

void TestApi::chunkedBodyRefusedCheaply()
{
    const qint64 pid = m_hearthd->pid();
    const qint64 peakBefore = peakRssKiB(pid);
    const qint64 total = 300LL * 1024 * 1024;
    Headers headers = with(defaultHeaders(m_port, "PUT"), "Content-Length", "<drop>");
    headers.append(qMakePair(QByteArray("Transfer-Encoding"), QByteArray("chunked")));
    qint64 sent = 0;
    const HttpResponse response = streamUntilAnswered(
        m_port, rawRequest("PUT", "/api/v1/kv/chunked", headers), total, true, &sent);
    QCOMPARE(response.status, 411);
    QVERIFY(response.serverClosed);
    const qint64 growth = peakRssKiB(pid) - peakBefore;
    qInfo("peak RSS growth %lld KiB after refusing a chunked upload (sent %lld MB)", growth,
          sent >> 20);
    QVERIFY(growth < 16 * 1024);
    QCOMPARE(call(m_port, "GET", "/api/v1/kv/chunked").status, 404);
}

void TestApi::oversizedHeaderBlock()
{
    Headers headers = defaultHeaders(m_port, "GET");
    for (int i = 0; i < 40; ++i)
        headers.append(qMakePair("X-Filler-" + QByteArray::number(i), QByteArray(500, 'f')));
    const HttpResponse big = exchange(m_port, rawRequest("GET", "/healthz", headers));
    QCOMPARE(big.status, 431);
    QCOMPARE(big.errorCode(), QByteArray("headers_too_large"));
    // 12 KiB of headers is fine.
    Headers fine = defaultHeaders(m_port, "GET");
    for (int i = 0; i < 24; ++i)
        fine.append(qMakePair("X-Filler-" + QByteArray::number(i), QByteArray(500, 'f')));
    QCOMPARE(exchange(m_port, rawRequest("GET", "/healthz", fine)).status, 200);
}

void TestApi::overlongRequestLine()
{
    // A request line alone over the 16 KiB cap is 414, not a reset.
    const QByteArray longKey(17 * 1024, 'k');
    const HttpResponse response =
        exchange(m_port, rawRequest("GET", "/api/v1/kv/" + longKey, defaultHeaders(m_port, "GET")));
    QCOMPARE(response.status, 414);
    QCOMPARE(response.errorCode(), QByteArray("uri_too_long"));
    QVERIFY(response.serverClosed);
    // Just under the cap it is an ordinary request.
    const QByteArray fitting(15 * 1024, 'k');
    QCOMPARE(
        exchange(m_port, rawRequest("GET", "/api/v1/" + fitting, defaultHeaders(m_port, "GET")))
            .status,
        404);
}

void TestApi::rangeIsIgnored()
{
    // Range is ignored by rule: the answer is whole, never 206 or a slice.
    const QByteArray value = "\"" + QByteArray(200, 'r') + "\"";
    QCOMPARE(call(m_port, "PUT", "/api/v1/kv/ranged", value).status, 201);
    const HttpResponse whole = call(m_port, "GET", "/api/v1/kv/ranged");
    QCOMPARE(whole.status, 200);
    for (const QByteArray &range : { QByteArray("bytes=0-9"), QByteArray("bytes=-5"),
                                     QByteArray("bytes=0-1,5-9"), QByteArray("bytes=99999-") }) {
        Headers headers = defaultHeaders(m_port, "GET");
        headers.append(qMakePair(QByteArray("Range"), range));
        const HttpResponse ranged =
            exchange(m_port, rawRequest("GET", "/api/v1/kv/ranged", headers));
        QCOMPARE(ranged.status, 200);
        QCOMPARE(ranged.body, whole.body);
        QVERIFY(!ranged.hasHeader("Content-Range"));
    }
}

void TestApi::encodedBodiesRefused_data()
{
    QTest::addColumn<QByteArray>("encoding");
    QTest::newRow("gzip") << QByteArray("gzip");
    QTest::newRow("deflate") << QByteArray("deflate");
    QTest::newRow("br") << QByteArray("br");
    QTest::newRow("two codings") << QByteArray("identity, gzip");
    QTest::newRow("unknown") << QByteArray("x-hearth");
}

void TestApi::encodedBodiesRefused()
{
    // Compressed bodies are refused before a byte is read or inflated: the
    // body cap holds on what the handler would see.
    QFETCH(QByteArray, encoding);
    const QByteArray bomb(190 * 1024, '\0'); // stands for 190 KiB of deflated zeros
    Headers headers = defaultHeaders(m_port, "PUT", bomb);
    headers.append(qMakePair(QByteArray("Content-Encoding"), encoding));
    const qint64 peakBefore = peakRssKiB(m_hearthd->pid());
    const HttpResponse response =
        exchange(m_port, rawRequest("PUT", "/api/v1/kv/encoded", headers, bomb));
    QCOMPARE(response.status, 415);
    QCOMPARE(response.errorCode(), QByteArray("encoding_not_accepted"));
    QVERIFY(response.serverClosed);
    QVERIFY(peakRssKiB(m_hearthd->pid()) - peakBefore < 4 * 1024);
    QCOMPARE(call(m_port, "GET", "/api/v1/kv/encoded").status, 404);
    // identity is no encoding at all.
    const QByteArray plain = "\"plain\"";
    Headers identity = defaultHeaders(m_port, "PUT", plain);
    identity.append(qMakePair(QByteArray("Content-Encoding"), QByteArray("identity")));
    QCOMPARE(exchange(m_port, rawRequest("PUT", "/api/v1/kv/encoded", identity, plain)).status,
             201);
    QCOMPARE(call(m_port, "DELETE", "/api/v1/kv/encoded").status, 204);
}

void TestApi::slowClientsCannotStarveTheApi()
{
    // 100 clients that send their headers one byte at a time hold sockets,
    // not the workers that serve complete requests; every client shares
    // 127.0.0.1, so nothing per address could tell them apart.
    const QByteArray start =
        "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_port) + "\r\nX-Slow: ";
    std::vector<std::unique_ptr<QTcpSocket>> slow;
    for (int i = 0; i < 100; ++i) {
        slow.push_back(std::make_unique<QTcpSocket>());
        slow.back()->connectToHost(QStringLiteral("127.0.0.1"), m_port);
    }
    for (const auto &socket : slow) {
        QVERIFY(socket->waitForConnected(scaled(5000)));
        socket->write(start.left(1));
        socket->flush();
    }
    const auto stillConnected = [&slow]() {
        return int(std::count_if(slow.begin(), slow.end(), [](const auto &socket) {
            return socket->state() == QAbstractSocket::ConnectedState;
        }));
    };
    // The tray's session: an event stream stays open meanwhile.
    QTcpSocket stream;
    stream.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    QVERIFY(stream.waitForConnected(scaled(5000)));
    stream.write(rawRequest("GET", "/api/v1/events", defaultHeaders(m_port, "GET")));
    QByteArray streamed;
    QElapsedTimer dripping;
    dripping.start();
    qsizetype sent = 1;
    int answered = 0;
    // Drip for longer than the 10 s header deadline.
    while (dripping.elapsed() < 12000 && stillConnected() > 0) {
        for (const auto &socket : slow) {
            if (socket->state() == QAbstractSocket::ConnectedState) {
                socket->write(sent < start.size() ? start.mid(sent, 1) : QByteArray("s"));
                socket->flush();
            }
        }
        ++sent;
        // Complete requests are answered at once while the slow ones drip.
        if (dripping.elapsed() < 9000) {
            QCOMPARE(call(m_port, "GET", "/healthz", {}, scaled(2000)).status, 200);
            QCOMPARE(call(m_port, "GET", "/api/v1/status", {}, scaled(2000)).status, 200);
            ++answered;
        }
        QTest::qWait(500);
        streamed += stream.readAll();
    }
    QVERIFY(answered >= 5); // several rounds, however slow this machine is
    QVERIFY2(streamed.startsWith("HTTP/1.1 200"), streamed.constData());
    QCOMPARE(stream.state(), QAbstractSocket::ConnectedState);
    // The header deadline closed every slow connection.
    QTRY_COMPARE_WITH_TIMEOUT(stillConnected(), 0, scaled(5000));
    QCOMPARE(call(m_port, "GET", "/healthz").status, 200);
}

void TestApi::hungUpStreamGivesItsPlaceBack()
{
    // Event streams are limited (each holds a worker); one whose client
    // hangs up is given back at once, not at its next heartbeat (15 s).
    const QByteArray request = rawRequest("GET", "/api/v1/events", defaultHeaders(m_port, "GET"));
    const auto openStream = [&](QTcpSocket &socket) -> QByteArray {
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
        if (!socket.waitForConnected(scaled(5000)))
            return {};
        socket.write(request);
        QByteArray received;
        while (!received.contains("\r\n\r\n") && socket.waitForReadyRead(scaled(2000)))
            received += socket.readAll();
        return received;
    };
    std::vector<std::unique_ptr<QTcpSocket>> streams;
    for (int i = 0; i < 8; ++i) {
        streams.push_back(std::make_unique<QTcpSocket>());
        QVERIFY(openStream(*streams.back()).startsWith("HTTP/1.1 200"));
    }
    QTcpSocket refused;
    QVERIFY(openStream(refused).startsWith("HTTP/1.1 503"));
    streams.front()->abort();
    QElapsedTimer sinceHangUp;
    sinceHangUp.start();
    QTcpSocket replacement;
    QByteArray answer;
    do {
        replacement.abort();
        answer = openStream(replacement);
    } while (!answer.startsWith("HTTP/1.1 200") && sinceHangUp.elapsed() < scaled(1000));
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    qInfo("a stream's place came back %lld ms after its client hung up", sinceHangUp.elapsed());
    streams.clear();
    replacement.abort();
    // All of them come back.
    std::vector<std::unique_ptr<QTcpSocket>> again;
    for (int i = 0; i < 8; ++i) {
        again.push_back(std::make_unique<QTcpSocket>());
        QByteArray reopened;
        QElapsedTimer waited;
        waited.start();
        do {
            again.back()->abort();
            reopened = openStream(*again.back());
        } while (!reopened.startsWith("HTTP/1.1 200") && waited.elapsed() < scaled(1000));
        QVERIFY2(reopened.startsWith("HTTP/1.1 200"), reopened.constData());
    }
}

void TestApi::expectContinueRefusedBeforeBody()
{
    // A client that waits for 100 Continue learns of the refusal instead.
    Headers headers = with(defaultHeaders(m_port, "PUT"), "Content-Length", "999999999");
    headers.append(qMakePair(QByteArray("Expect"), QByteArray("100-continue")));
    const HttpResponse response = exchange(m_port, rawRequest("PUT", "/api/v1/kv/expect", headers));
    QCOMPARE(response.status, 413);
    QVERIFY(response.serverClosed);
}

void TestApi::notFoundAndMethodNotAllowed()
{
    const HttpResponse missing = call(m_port, "GET", "/api/v1/nothing");
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.errorCode(), QByteArray("not_found"));
    const HttpResponse wrong = call(m_port, "POST", "/api/v1/kv/x", "{}");
    QCOMPARE(wrong.status, 405);
    QCOMPARE(wrong.errorCode(), QByteArray("method_not_allowed"));
    QCOMPARE(wrong.header("Allow"), QByteArray("GET, PUT, DELETE, HEAD"));
    const HttpResponse head = call(m_port, "HEAD", "/api/v1/status");
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
}

void TestApi::kvLifecycle()
{
    const HttpResponse created =
        call(m_port, "PUT", "/api/v1/kv/life", R"({"n": 1, "big": 123456789012345678901})");
    QCOMPARE(created.status, 201);
    QCOMPARE(json(created).value(QStringLiteral("key")).toString(), QStringLiteral("life"));
    const HttpResponse updated = call(m_port, "PUT", "/api/v1/kv/life", "[1, 2.50, null]");
    QCOMPARE(updated.status, 200);
    QCOMPARE(json(updated).value(QStringLiteral("created_at")),
             json(created).value(QStringLiteral("created_at")));
    const HttpResponse got = call(m_port, "GET", "/api/v1/kv/life");
    QCOMPARE(got.status, 200);
    QVERIFY2(got.body.contains("\"value\":[1, 2.50, null]"), got.body.constData()); // verbatim
    QCOMPARE(call(m_port, "DELETE", "/api/v1/kv/life").status, 204);
    QCOMPARE(call(m_port, "DELETE", "/api/v1/kv/life").status, 204); // idempotent
    const HttpResponse gone = call(m_port, "GET", "/api/v1/kv/life");
    QCOMPARE(gone.status, 404);
    QCOMPARE(gone.errorCode(), QByteArray("not_found"));
    // Every JSON type is a value.
    for (const QByteArray &value : { QByteArray("null"), QByteArray("true"), QByteArray("\"s\""),
                                     QByteArray("-0.5"), QByteArray("{}") })
        QCOMPARE(call(m_port, "PUT", "/api/v1/kv/types", value).status / 100, 2);
}

void TestApi::kvValidation_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("code");
    QTest::newRow("malformed json") << QByteArray("PUT") << QByteArray("/api/v1/kv/v")
                                    << QByteArray("{\"a\":") << 400 << QByteArray("invalid_json");
    QTest::newRow("empty body") << QByteArray("PUT") << QByteArray("/api/v1/kv/v") << QByteArray()
                                << 400 << QByteArray("invalid_json");
    QTest::newRow("two values") << QByteArray("PUT") << QByteArray("/api/v1/kv/v")
                                << QByteArray("1 2") << 400 << QByteArray("invalid_json");
    // Text Qt's reader takes but JSON (and SQLite's json_valid) does not.
    QTest::newRow("raw control character")
        << QByteArray("PUT") << QByteArray("/api/v1/kv/v") << QByteArray("\"a\x01b\"") << 400
        << QByteArray("invalid_json");
    QTest::newRow("raw tab") << QByteArray("PUT") << QByteArray("/api/v1/kv/v")
                             << QByteArray("[\"a\tb\"]") << 400 << QByteArray("invalid_json");
    QTest::newRow("leading point") << QByteArray("PUT") << QByteArray("/api/v1/kv/v")
                                   << QByteArray(".5") << 400 << QByteArray("invalid_json");
    QTest::newRow("trailing point")
        << QByteArray("PUT") << QByteArray("/api/v1/kv/v") << QByteArray("{\"n\":1.}") << 400
        << QByteArray("invalid_json");
    QTest::newRow("key too long") << QByteArray("PUT") << "/api/v1/kv/" + QByteArray(257, 'k')
                                  << QByteArray("1") << 422 << QByteArray("invalid_request");
    QTest::newRow("control char key") << QByteArray("PUT") << QByteArray("/api/v1/kv/a%0Ab")
                                      << QByteArray("1") << 422 << QByteArray("invalid_request");
    // SQLite drops a leading U+FEFF: the key would overwrite "abc".
    QTest::newRow("byte order mark key")
        << QByteArray("PUT") << QByteArray("/api/v1/kv/%EF%BB%BFabc") << QByteArray("1") << 422
        << QByteArray("invalid_request");
    QTest::newRow("zero width space key")
        << QByteArray("PUT") << QByteArray("/api/v1/kv/a%E2%80%8Bb") << QByteArray("1") << 422
        << QByteArray("invalid_request");
    QTest::newRow("invalid utf-8 key") << QByteArray("GET") << QByteArray("/api/v1/kv/a%FFb")
                                       << QByteArray() << 400 << QByteArray("invalid_path");
    QTest::newRow("value too large")
        << QByteArray("PUT") << QByteArray("/api/v1/kv/v")
        << ('"' + QByteArray(256 * 1024, 'x') + '"') << 413 << QByteArray("body_too_large");
    QTest::newRow("value at limit")
        << QByteArray("PUT") << QByteArray("/api/v1/kv/v")
        << ('"' + QByteArray(256 * 1024 - 2, 'x') + '"') << 201 << QByteArray();
    QTest::newRow("bad limit") << QByteArray("GET") << QByteArray("/api/v1/kv?limit=0")
                               << QByteArray() << 422 << QByteArray("invalid_request");
    QTest::newRow("limit too big") << QByteArray("GET") << QByteArray("/api/v1/kv?limit=1001")
                                   << QByteArray() << 422 << QByteArray("invalid_request");
    QTest::newRow("bad cursor") << QByteArray("GET") << QByteArray("/api/v1/kv?cursor=!!!")
                                << QByteArray() << 422 << QByteArray("invalid_request");
}

void TestApi::kvValidation()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QByteArray, code);
    const HttpResponse response = call(m_port, method, target, body);
    QCOMPARE(response.status, status);
    QCOMPARE(response.errorCode(), code);
    if (status == 422)
        QVERIFY(json(response)
                    .value(QStringLiteral("error"))
                    .toObject()
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(u':'));
}

void TestApi::backupRefusesWhatItCannotDo_data()
{
    // %DIR% is a fresh folder that holds a file "taken" and a link "link".
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("code");
    QTest::newRow("no path") << QByteArray("{}") << 422 << QByteArray("invalid_request");
    QTest::newRow("not a string") << QByteArray("{\"path\": 5}") << 422
                                  << QByteArray("invalid_request");
    QTest::newRow("unknown field") << QByteArray("{\"path\": \"%DIR%/a.db\", \"overwrite\": true}")
                                   << 422 << QByteArray("invalid_request");
    QTest::newRow("relative path")
        << QByteArray("{\"path\": \"a.db\"}") << 422 << QByteArray("invalid_request");
    QTest::newRow("missing folder")
        << QByteArray("{\"path\": \"%DIR%/nope/a.db\"}") << 422 << QByteArray("invalid_request");
    QTest::newRow("existing file")
        << QByteArray("{\"path\": \"%DIR%/taken\"}") << 409 << QByteArray("conflict");
    QTest::newRow("existing link")
        << QByteArray("{\"path\": \"%DIR%/link\"}") << 409 << QByteArray("conflict");
    QTest::newRow("a folder") << QByteArray("{\"path\": \"%DIR%\"}") << 409
                              << QByteArray("conflict");
}

void TestApi::backupRefusesWhatItCannotDo()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QByteArray, code);
    QTemporaryDir dir;
    QFile taken(dir.filePath(QStringLiteral("taken")));
    QVERIFY(taken.open(QIODevice::WriteOnly));
    taken.write("mine");
    taken.close();
    QVERIFY(QFile::link(dir.filePath(QStringLiteral("elsewhere")),
                        dir.filePath(QStringLiteral("link"))));
    const QStringList before =
        QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System);
    const HttpResponse response =
        call(m_port, "POST", "/api/v1/backup", body.replace("%DIR%", dir.path().toUtf8()));
    QCOMPARE(response.status, status);
    QCOMPARE(response.errorCode(), code);
    // Nothing written, nothing replaced.
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System),
             before);
    QVERIFY(taken.open(QIODevice::ReadOnly));
    QCOMPARE(taken.readAll(), QByteArray("mine"));
}

void TestApi::backupIsOneConsistentMomentUnderWrites()
{
    // Keys are written one after another while the copy is made: the copy
    // holds exactly the first N of them, for some N.
    std::atomic<bool> writing = true;
    std::atomic<int> written = 0;
    std::thread writer([&]() {
        for (int i = 0; writing && i < 100000; ++i) {
            if (call(m_port, "PUT", "/api/v1/kv/consistency/" + QByteArray::number(100000 + i),
                     QByteArray::number(i))
                    .status >= 300)
                return;
            ++written;
        }
    });
    QTRY_VERIFY(written > 50);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hearth-backup.db"));
    const HttpResponse response =
        call(m_port, "POST", "/api/v1/backup",
             QJsonDocument(QJsonObject { { QStringLiteral("path"), path } })
                 .toJson(QJsonDocument::Compact));
    const int writtenAfter = written;
    writing = false;
    writer.join();
    QCOMPARE(response.status, 201);
    QCOMPARE(json(response).value(QStringLiteral("integrity")).toString(), QStringLiteral("ok"));
    QCOMPARE(json(response).value(QStringLiteral("size_bytes")).toInteger(),
             QFileInfo(path).size());
    {
        QSqlDatabase copy =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("consistency"));
        copy.setDatabaseName(path);
        QVERIFY(copy.open());
        QSqlQuery query(copy);
        QVERIFY(query.exec(QStringLiteral(
            "SELECT count(*), min(CAST(value AS INTEGER)), max(CAST(value AS INTEGER)) FROM kv "
            "WHERE key LIKE 'consistency/%'")));
        QVERIFY(query.next());
        const int count = query.value(0).toInt();
        QVERIFY(count > 0 && count <= writtenAfter);
        QCOMPARE(query.value(1).toInt(), 0);
        QCOMPARE(query.value(2).toInt(), count - 1); // no gap: one moment
        query.finish();
        copy.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("consistency"));
}

// Every body field and query parameter an endpoint does not know is a 422
// naming it, before anything happens: a misspelt field must not silently
// mean the default (or, for reset, anything at all).
void TestApi::strictInputEverywhere_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");

    const QString notAField = QStringLiteral(": is not a field");
    const auto row = [](const char *name, const char *method, const char *target, const char *body,
                        const QString &message) {
        QTest::newRow(name) << QByteArray(method) << QByteArray(target) << QByteArray(body)
                            << message;
    };
    row("secret put", "PUT", "/api/v1/secrets/token", R"({"value":"x","valeu":"y"})",
        u"valeu" + notAField);
    row("secret reveal", "POST", "/api/v1/secrets/token/reveal", R"({"x":1})", u"x" + notAField);
    row("secret delete", "DELETE", "/api/v1/secrets/token", R"({"x":1})", u"x" + notAField);
    row("rotate key", "POST", "/api/v1/secrets/rotate-key", R"({"force":true})",
        u"force" + notAField);
    row("reset", "POST", "/api/v1/secrets/reset", R"({"confirm":true,"all":true})",
        u"all" + notAField);
    row("kv delete", "DELETE", "/api/v1/kv/keep", R"({"x":1})", u"x" + notAField);
    row("notification read", "POST", "/api/v1/notifications/1/read", R"({"x":1})",
        u"x" + notAField);
    row("read all", "POST", "/api/v1/notifications/read-all", R"({"unread":false})",
        u"unread" + notAField);
    row("schedule preview", "POST", "/api/v1/schedules/preview",
        R"({"schedule":{"every_s":60},"cnt":3})", u"cnt" + notAField);
    row("script limits", "POST", "/api/v1/scripts/run",
        R"({"source":"return 1","limits":{"timeout_s":3}})", u"limits.timeout_s" + notAField);
    row("pause all", "POST", "/api/v1/watchers/pause-all", R"({"x":1})", u"x" + notAField);
    row("resume all", "POST", "/api/v1/watchers/resume-all", R"({"x":1})", u"x" + notAField);
    row("watcher delete", "DELETE", "/api/v1/watchers/1", R"({"x":1})", u"x" + notAField);
    row("approve", "POST", "/api/v1/watchers/1/approve", R"({"revision":"ab","x":1})",
        u"x" + notAField);
    row("reject", "POST", "/api/v1/watchers/1/reject", R"({"rev":"ab"})", u"rev" + notAField);
    row("approve's revision", "POST", "/api/v1/watchers/1/approve", R"({"revision":7})",
        QStringLiteral("revision: must be the watcher's revision"));
    row("run cancel", "POST", "/api/v1/runs/1/cancel", R"({"reason":"x"})", u"reason" + notAField);
    row("run retry", "POST", "/api/v1/runs/1/retry", R"({"x":1})", u"x" + notAField);
    row("worker register", "POST", "/api/v1/workers",
        R"({"name":"w","agent_kinds":["claude"],"x":1})", u"x" + notAField);
    row("worker delete", "DELETE", "/api/v1/workers/1", R"({"x":1})", u"x" + notAField);
    row("worker name with a byte order mark", "POST", "/api/v1/workers",
        R"({"name":"\ufefflaptop","agent_kinds":["claude"]})",
        QStringLiteral("name: must not contain format characters (found U+FEFF)"));

    const QString notAParameter = QStringLiteral(": is not a parameter");
    row("runs query", "GET", "/api/v1/runs?stauts=failed", "", u"stauts" + notAParameter);
    row("kv query", "GET", "/api/v1/kv?limt=5", "", u"limt" + notAParameter);
    row("secrets query", "GET", "/api/v1/secrets?prefix=a", "", u"prefix" + notAParameter);
    row("notifications query", "GET", "/api/v1/notifications?unread=true&page=2", "",
        u"page" + notAParameter);
    row("logs query", "GET", "/api/v1/runs/1/logs?since=3", "", u"since" + notAParameter);
    row("status query", "GET", "/api/v1/status?verbose=1", "",
        QStringLiteral("verbose: is not a parameter: this endpoint takes none"));
    row("watchers query", "GET", "/api/v1/watchers?enabled=true", "", u"enabled" + notAParameter);

    // Numbers have one spelling: no spaces, signs or leading zeros (for ids
    // in paths, see nonCanonicalIdsNameNothing).
    row("limit with a space", "GET", "/api/v1/runs?limit=%205", "",
        QStringLiteral("limit: must be an integer"));
    row("cursor with a sign", "GET", "/api/v1/notifications?cursor=-3", "",
        QStringLiteral("cursor: must be a notification id"));
    row("watchers cursor", "GET", "/api/v1/watchers?cursor=first", "",
        QStringLiteral("cursor: must be a watcher id"));
    row("watchers limit", "GET", "/api/v1/watchers?limit=1001", "",
        QStringLiteral("limit: must be an integer from 1 to 1000"));
}

void TestApi::strictInputEverywhere()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QCOMPARE(call(m_port, "PUT", "/api/v1/kv/keep", "1").status / 100, 2);
    const HttpResponse response = call(m_port, method, target, body);
    QCOMPARE(response.status, 422);
    QCOMPARE(response.errorCode(), QByteArray("invalid_request"));
    const QString said = json(response)
                             .value(QStringLiteral("error"))
                             .toObject()
                             .value(QStringLiteral("message"))
                             .toString();
    QVERIFY2(said.startsWith(message), qPrintable(said));
    // Refused before anything happened.
    QCOMPARE(call(m_port, "GET", "/api/v1/kv/keep").status, 200);
}

void TestApi::nonCanonicalIdsNameNothing()
{
    // A watcher, a run of it and a worker exist; other spellings of their
    // ids (" 1", "+1", "01") are not other names for them: 404, and nothing
    // happens to them.
    const auto idOf = [](const HttpResponse &response) {
        return json(response).value(QStringLiteral("id")).toString().toLatin1();
    };
    const QByteArray watcher =
        idOf(call(m_port, "POST", "/api/v1/watchers",
                  R"({"name":"spelled","script":"return 1","schedule":{"every_s":3600}})"));
    QVERIFY(!watcher.isEmpty());
    const QByteArray run = idOf(call(m_port, "POST", "/api/v1/watchers/" + watcher + "/run"));
    QVERIFY(!run.isEmpty());
    const QByteArray worker = idOf(
        call(m_port, "POST", "/api/v1/workers", R"({"name":"spelled","agent_kinds":["claude"]})"));
    QVERIFY(!worker.isEmpty());
    for (const QByteArray &spelling :
         { QByteArray("%20{}"), QByteArray("+{}"), QByteArray("0{}"), QByteArray("{}%20") }) {
        const auto spelled = [&spelling](const QByteArray &id) {
            return QByteArray(spelling).replace("{}", id);
        };
        const QList<QPair<QByteArray, QByteArray>> requests {
            { "GET", "/api/v1/watchers/" + spelled(watcher) },
            { "PATCH", "/api/v1/watchers/" + spelled(watcher) },
            { "DELETE", "/api/v1/watchers/" + spelled(watcher) },
            { "POST", "/api/v1/watchers/" + spelled(watcher) + "/run" },
            { "GET", "/api/v1/runs/" + spelled(run) },
            { "POST", "/api/v1/runs/" + spelled(run) + "/retry" },
            { "DELETE", "/api/v1/workers/" + spelled(worker) },
        };
        for (const auto &[method, target] : requests) {
            const HttpResponse response =
                call(m_port, method, target, method == "PATCH" ? R"({"enabled":false})" : "");
            QVERIFY2(response.status == 404 && response.errorCode() == "not_found",
                     QByteArray(method + ' ' + target + " answered " +
                                QByteArray::number(response.status))
                         .constData());
        }
    }
    QCOMPARE(call(m_port, "GET", "/api/v1/watchers/abc").status, 404);
    const QJsonObject kept = json(call(m_port, "GET", "/api/v1/watchers/" + watcher));
    QCOMPARE(kept.value(QStringLiteral("enabled")).toBool(), true);
    QCOMPARE(json(call(m_port, "GET", "/api/v1/runs?watcher=" + watcher))
                 .value(QStringLiteral("items"))
                 .toArray()
                 .size(),
             1);
    QCOMPARE(call(m_port, "DELETE", "/api/v1/workers/" + worker).status, 204);
    QCOMPARE(call(m_port, "DELETE", "/api/v1/watchers/" + watcher).status, 204);
}

void TestApi::oneStrictJsonRuleForEveryBody_data()
{
    // Qt's parser reads these; RFC 8259 and the store do not, so no
    // endpoint does.
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("watcher, leading dot")
        << QByteArray("POST") << QByteArray("/api/v1/watchers")
        << QByteArray(R"({"name":"strict","script":"return 1","schedule":{"every_s":.5e3}})");
    QTest::newRow("watcher, trailing dot")
        << QByteArray("POST") << QByteArray("/api/v1/watchers")
        << QByteArray(R"({"name":"strict","script":"return 1","schedule":{"every_s":60.}})");
    QTest::newRow("watcher, raw control character")
        << QByteArray("POST") << QByteArray("/api/v1/watchers")
        << QByteArray("{\"name\":\"strict\",\"script\":\"return\x01 1\","
                      "\"schedule\":{\"every_s\":60}}");
    QTest::newRow("script event") << QByteArray("POST") << QByteArray("/api/v1/scripts/run")
                                  << QByteArray(R"({"source":"return 1","event":{"x":.5}})");
    QTest::newRow("schedule preview")
        << QByteArray("POST") << QByteArray("/api/v1/schedules/preview")
        << QByteArray(R"({"schedule":{"every_s":60},"count":3.})");
    QTest::newRow("worker, raw tab") << QByteArray("POST") << QByteArray("/api/v1/workers")
                                     << QByteArray("{\"name\":\"a\tb\",\"agent_kinds\":[]}");
    QTest::newRow("kv, raw newline")
        << QByteArray("PUT") << QByteArray("/api/v1/kv/strict") << QByteArray("\"a\nb\"");
}

void TestApi::oneStrictJsonRuleForEveryBody()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    const qsizetype watchers = json(call(m_port, "GET", "/api/v1/watchers"))
                                   .value(QStringLiteral("items"))
                                   .toArray()
                                   .size();
    const HttpResponse response = call(m_port, method, target, body);
    QCOMPARE(response.status, 400);
    QCOMPARE(response.errorCode(), QByteArray("invalid_json"));
    QCOMPARE(json(call(m_port, "GET", "/api/v1/watchers"))
                 .value(QStringLiteral("items"))
                 .toArray()
                 .size(),
             watchers);
    QCOMPARE(call(m_port, "GET", "/api/v1/kv/strict").status, 404);
}

void TestApi::kvPagination()
{
    for (int i = 0; i < 7; ++i)
        QCOMPARE(call(m_port, "PUT", "/api/v1/kv/page%2F" + QByteArray::number(i), "0").status,
                 201);
    QStringList keys;
    QByteArray target = "/api/v1/kv?prefix=page%2F&limit=3";
    int pages = 0;
    for (;;) {
        const HttpResponse response = call(m_port, "GET", target);
        QCOMPARE(response.status, 200);
        const QJsonObject page = json(response);
        for (const QJsonValue &item : page.value(QStringLiteral("items")).toArray()) {
            QVERIFY(item.toObject().contains(QStringLiteral("updated_at")));
            QVERIFY(!item.toObject().contains(QStringLiteral("value")));
            keys.append(item.toObject().value(QStringLiteral("key")).toString());
        }
        ++pages;
        if (page.value(QStringLiteral("next")).isNull())
            break;
        target = "/api/v1/kv?prefix=page%2F&limit=3&cursor=" +
            page.value(QStringLiteral("next")).toString().toLatin1();
    }
    QCOMPARE(pages, 3);
    QCOMPARE(keys.size(), 7);
    QCOMPARE(keys.constFirst(), QStringLiteral("page/0"));
}

void TestApi::kvKeysNeedingEncoding()
{
    // Slashes, spaces, percent signs, question marks and non-ASCII in keys.
    const QString key = QStringLiteral("we ird/%?#ü");
    const QByteArray encoded = QUrl::toPercentEncoding(key);
    QCOMPARE(call(m_port, "PUT", "/api/v1/kv/" + encoded, "\"ok\"").status, 201);
    const HttpResponse got = call(m_port, "GET", "/api/v1/kv/" + encoded);
    QCOMPARE(got.status, 200);
    QCOMPARE(json(got).value(QStringLiteral("key")).toString(), key);
}

void TestApi::keepAliveServesManyRequests()
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    QVERIFY(socket.waitForConnected(scaled(5000)));
    const QByteArray request = rawRequest("GET", "/healthz", defaultHeaders(m_port, "GET"));
    for (int i = 0; i < 20; ++i) {
        socket.write(request);
        QByteArray received;
        while (!received.endsWith("ok") && socket.waitForReadyRead(scaled(2000)))
            received += socket.readAll();
        QVERIFY2(received.startsWith("HTTP/1.1 200"), received.constData());
    }
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
}

void TestApi::connectionFloodIsBounded()
{
    // Far more idle connections than workers plus queue: the surplus is
    // answered 503 at once instead of piling up, and the server recovers.
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < 300; ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        sockets.back()->connectToHost(QStringLiteral("127.0.0.1"), m_port);
    }
    int connected = 0;
    for (const auto &socket : sockets) {
        if (socket->waitForConnected(scaled(2000)))
            ++connected;
    }
    // Collect answers until they stop arriving (the server may still be
    // accepting the last connections).
    QList<bool> answered(qsizetype(sockets.size()), false);
    int busy = 0;
    QElapsedTimer timer;
    timer.start();
    while (busy == 0 && timer.elapsed() < scaled(5000)) {
        for (size_t i = 0; i < sockets.size(); ++i) {
            if (answered[qsizetype(i)])
                continue;
            QTcpSocket &socket = *sockets[i];
            if (socket.bytesAvailable() > 0 || socket.waitForReadyRead(20)) {
                answered[qsizetype(i)] = true;
                const QByteArray data = socket.readAll();
                if (data.startsWith("HTTP/1.1 503 ") && data.contains("server_busy"))
                    ++busy;
            }
        }
    }
    qInfo("%d connections, %d answered 503 at once", connected, busy);
    // 32 workers and 64 queued connections by default: the rest must be refused.
    QVERIFY2(busy >= 150, "connections beyond the bound were not refused with 503");
    sockets.clear();
    QTRY_COMPARE_WITH_TIMEOUT(call(m_port, "GET", "/healthz").status, 200, scaled(15000));
}

QTEST_GUILESS_MAIN(TestApi)
#include "tst_api.moc"
