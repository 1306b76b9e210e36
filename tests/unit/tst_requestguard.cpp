// The request guard of SECURITY.md, rule by rule, each with accepted and
// refused cases. The integration test replays the same matrix over sockets.
#include "http/RequestGuard.h"
#include "http/WebhookAdmission.h"

#include <QTest>

using hearth::http::GuardedRequest;
using hearth::http::RequestGuard;

namespace {

constexpr quint16 Port = 47615;
using Headers = QList<QPair<QByteArray, QByteArray>>;

Headers baseHeaders(const QByteArray &method)
{
    Headers headers { { "Host", "127.0.0.1:47615" } };
    if (RequestGuard::isStateChanging(method)) {
        headers.append(qMakePair(QByteArray("X-Hearth-Client"), QByteArray("test")));
        headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        headers.append(qMakePair(QByteArray("Content-Length"), QByteArray("2")));
    }
    return headers;
}

// Replaces (or, with an empty value of "<drop>", removes) one header.
Headers with(Headers headers, const QByteArray &name, const QByteArray &value)
{
    headers.removeIf(
        [&](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    if (value != "<drop>")
        headers.append(qMakePair(name, value));
    return headers;
}

} // namespace

class TestRequestGuard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void check_data();
    void check();
    void loopbackAddresses_data();
    void loopbackAddresses();
    void webhookAdmission();
    void rateLimiterRefillsPerSource();
};

void TestRequestGuard::check_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("peer");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<qint64>("bodyCap");
    QTest::addColumn<int>("status"); // 0: accepted
    QTest::addColumn<QByteArray>("code");

    const QByteArray local = "127.0.0.1";
    const Headers get = baseHeaders("GET");
    const Headers post = baseHeaders("POST");
    const qint64 cap = 1024 * 1024;

    // Rule 1: peer.
    QTest::newRow("peer 127.0.0.1")
        << QByteArray("GET") << local << get << cap << 0 << QByteArray();
    QTest::newRow("peer 127.5.6.7")
        << QByteArray("GET") << QByteArray("127.5.6.7") << get << cap << 0 << QByteArray();
    QTest::newRow("peer ::1") << QByteArray("GET") << QByteArray("::1") << get << cap << 0
                              << QByteArray();
    QTest::newRow("peer v4-mapped loopback")
        << QByteArray("GET") << QByteArray("::ffff:127.0.0.1") << get << cap << 0 << QByteArray();
    QTest::newRow("peer LAN") << QByteArray("GET") << QByteArray("192.168.1.20") << get << cap
                              << 403 << QByteArray("peer_not_loopback");
    QTest::newRow("peer v4-mapped LAN") << QByteArray("GET") << QByteArray("::ffff:10.0.0.1") << get
                                        << cap << 403 << QByteArray("peer_not_loopback");
    QTest::newRow("peer v6 global") << QByteArray("GET") << QByteArray("2001:db8::1") << get << cap
                                    << 403 << QByteArray("peer_not_loopback");
    QTest::newRow("peer unparsable") << QByteArray("GET") << QByteArray("") << get << cap << 403
                                     << QByteArray("peer_not_loopback");

    // Rule 2: Host allowlist.
    QTest::newRow("host localhost")
        << QByteArray("GET") << local << with(get, "Host", "localhost:47615") << cap << 0
        << QByteArray();
    QTest::newRow("host LOCALHOST")
        << QByteArray("GET") << local << with(get, "Host", "LOCALHOST:47615") << cap << 0
        << QByteArray();
    QTest::newRow("host [::1]") << QByteArray("GET") << local << with(get, "Host", "[::1]:47615")
                                << cap << 0 << QByteArray();
    QTest::newRow("host wrong port")
        << QByteArray("GET") << local << with(get, "Host", "127.0.0.1:8080") << cap << 403
        << QByteArray("host_not_allowed");
    QTest::newRow("host missing port")
        << QByteArray("GET") << local << with(get, "Host", "127.0.0.1") << cap << 403
        << QByteArray("host_not_allowed");
    QTest::newRow("host other name")
        << QByteArray("GET") << local << with(get, "Host", "example.com:47615") << cap << 403
        << QByteArray("host_not_allowed");
    QTest::newRow("host rebinding name")
        << QByteArray("GET") << local << with(get, "Host", "127.0.0.1.nip.io:47615") << cap << 403
        << QByteArray("host_not_allowed");
    QTest::newRow("host localhost.")
        << QByteArray("GET") << local << with(get, "Host", "localhost.:47615") << cap << 403
        << QByteArray("host_not_allowed");
    QTest::newRow("host sub.localhost")
        << QByteArray("GET") << local << with(get, "Host", "evil.localhost:47615") << cap << 403
        << QByteArray("host_not_allowed");
    QTest::newRow("host empty") << QByteArray("GET") << local << with(get, "Host", "") << cap << 403
                                << QByteArray("host_not_allowed");
    QTest::newRow("host missing") << QByteArray("GET") << local << with(get, "Host", "<drop>")
                                  << cap << 403 << QByteArray("host_not_allowed");
    QTest::newRow("host ipv6 long form")
        << QByteArray("GET") << local << with(get, "Host", "[0:0:0:0:0:0:0:1]:47615") << cap << 403
        << QByteArray("host_not_allowed");
    QTest::newRow("host ipv6 unbracketed")
        << QByteArray("GET") << local << with(get, "Host", "::1:47615") << cap << 403
        << QByteArray("host_not_allowed");
    QTest::newRow("host v4-mapped")
        << QByteArray("GET") << local << with(get, "Host", "[::ffff:127.0.0.1]:47615") << cap << 403
        << QByteArray("host_not_allowed");
    QTest::newRow("host 127.0.0.2")
        << QByteArray("GET") << local << with(get, "Host", "127.0.0.2:47615") << cap << 403
        << QByteArray("host_not_allowed");
    QTest::newRow("host 0.0.0.0") << QByteArray("GET") << local
                                  << with(get, "Host", "0.0.0.0:47615") << cap << 403
                                  << QByteArray("host_not_allowed");
    QTest::newRow("host decimal ip")
        << QByteArray("GET") << local << with(get, "Host", "2130706433:47615") << cap << 403
        << QByteArray("host_not_allowed");
    QTest::newRow("host with userinfo")
        << QByteArray("GET") << local << with(get, "Host", "a@127.0.0.1:47615") << cap << 403
        << QByteArray("host_not_allowed");
    QTest::newRow("host port with suffix")
        << QByteArray("GET") << local << with(get, "Host", "127.0.0.1:476150") << cap << 403
        << QByteArray("host_not_allowed");
    QTest::newRow("host twice") << QByteArray("GET") << local
                                << (get + Headers { { "Host", "127.0.0.1:47615" } }) << cap << 403
                                << QByteArray("host_not_allowed");

    // Rule 3: methods.
    QTest::newRow("HEAD") << QByteArray("HEAD") << local << get << cap << 0 << QByteArray();
    QTest::newRow("OPTIONS preflight")
        << QByteArray("OPTIONS") << local << with(get, "Origin", "http://evil.example") << cap
        << 405 << QByteArray("method_not_allowed");
    QTest::newRow("OPTIONS") << QByteArray("OPTIONS") << local << get << cap << 405
                             << QByteArray("method_not_allowed");
    QTest::newRow("TRACE") << QByteArray("TRACE") << local << get << cap << 405
                           << QByteArray("method_not_allowed");
    QTest::newRow("CONNECT") << QByteArray("CONNECT") << local << get << cap << 405
                             << QByteArray("method_not_allowed");

    // Rule 4: state-changing requests.
    for (const QByteArray &method :
         { QByteArray("POST"), QByteArray("PUT"), QByteArray("PATCH"), QByteArray("DELETE") }) {
        const Headers headers = baseHeaders(method);
        QTest::addRow("%s accepted", method.constData())
            << method << local << headers << cap << 0 << QByteArray();
        QTest::addRow("%s without X-Hearth-Client", method.constData())
            << method << local << with(headers, "X-Hearth-Client", "<drop>") << cap << 403
            << QByteArray("client_header_required");
        QTest::addRow("%s text/plain", method.constData())
            << method << local << with(headers, "Content-Type", "text/plain") << cap << 415
            << QByteArray("json_required");
    }
    QTest::newRow("empty X-Hearth-Client")
        << QByteArray("POST") << local << with(post, "X-Hearth-Client", "") << cap << 403
        << QByteArray("client_header_required");
    QTest::newRow("json with charset")
        << QByteArray("POST") << local
        << with(post, "Content-Type", "application/json; charset=utf-8") << cap << 0
        << QByteArray();
    QTest::newRow("json upper case")
        << QByteArray("POST") << local << with(post, "Content-Type", "Application/JSON") << cap << 0
        << QByteArray();
    QTest::newRow("form urlencoded")
        << QByteArray("POST") << local
        << with(post, "Content-Type", "application/x-www-form-urlencoded") << cap << 415
        << QByteArray("json_required");
    QTest::newRow("multipart") << QByteArray("POST") << local
                               << with(post, "Content-Type", "multipart/form-data; boundary=x")
                               << cap << 415 << QByteArray("json_required");
    QTest::newRow("json-ish suffix")
        << QByteArray("POST") << local << with(post, "Content-Type", "application/json-patch")
        << cap << 415 << QByteArray("json_required");
    QTest::newRow("no content type, empty body")
        << QByteArray("POST") << local
        << with(with(post, "Content-Type", "<drop>"), "Content-Length", "0") << cap << 415
        << QByteArray("json_required");
    QTest::newRow("origin same") << QByteArray("POST") << local
                                 << with(post, "Origin", "http://127.0.0.1:47615") << cap << 0
                                 << QByteArray();
    QTest::newRow("origin localhost")
        << QByteArray("POST") << local << with(post, "Origin", "http://localhost:47615") << cap << 0
        << QByteArray();
    QTest::newRow("origin other site")
        << QByteArray("POST") << local << with(post, "Origin", "https://evil.example") << cap << 403
        << QByteArray("cross_origin");
    QTest::newRow("origin null") << QByteArray("POST") << local << with(post, "Origin", "null")
                                 << cap << 403 << QByteArray("cross_origin");
    QTest::newRow("origin https loopback")
        << QByteArray("POST") << local << with(post, "Origin", "https://127.0.0.1:47615") << cap
        << 403 << QByteArray("cross_origin");
    QTest::newRow("origin other port")
        << QByteArray("POST") << local << with(post, "Origin", "http://127.0.0.1:3000") << cap
        << 403 << QByteArray("cross_origin");
    QTest::newRow("sec-fetch same-origin")
        << QByteArray("POST") << local << with(post, "Sec-Fetch-Site", "same-origin") << cap << 0
        << QByteArray();
    QTest::newRow("sec-fetch none")
        << QByteArray("POST") << local << with(post, "Sec-Fetch-Site", "none") << cap << 0
        << QByteArray();
    QTest::newRow("sec-fetch cross-site")
        << QByteArray("POST") << local << with(post, "Sec-Fetch-Site", "cross-site") << cap << 403
        << QByteArray("cross_site");
    QTest::newRow("sec-fetch same-site")
        << QByteArray("POST") << local << with(post, "Sec-Fetch-Site", "same-site") << cap << 403
        << QByteArray("cross_site");
    QTest::newRow("GET ignores origin")
        << QByteArray("GET") << local << with(get, "Origin", "https://evil.example") << cap << 0
        << QByteArray();

    // Rule 5: bodies.
    QTest::newRow("chunked") << QByteArray("POST") << local
                             << with(with(post, "Content-Length", "<drop>"), "Transfer-Encoding",
                                     "chunked")
                             << cap << 411 << QByteArray("length_required");
    QTest::newRow("chunked GET") << QByteArray("GET") << local
                                 << with(get, "Transfer-Encoding", "chunked") << cap << 411
                                 << QByteArray("length_required");
    QTest::newRow("gzip body") << QByteArray("PUT") << local
                               << with(baseHeaders("PUT"), "Content-Encoding", "gzip") << cap << 415
                               << QByteArray("encoding_not_accepted");
    QTest::newRow("GZIP body") << QByteArray("PUT") << local
                               << with(baseHeaders("PUT"), "Content-Encoding", "GZIP") << cap << 415
                               << QByteArray("encoding_not_accepted");
    QTest::newRow("encoded GET") << QByteArray("GET") << local
                                 << with(get, "Content-Encoding", "br") << cap << 415
                                 << QByteArray("encoding_not_accepted");
    QTest::newRow("identity encoding")
        << QByteArray("PUT") << local << with(baseHeaders("PUT"), "Content-Encoding", "identity")
        << cap << 0 << QByteArray();
    QTest::newRow("at cap") << QByteArray("PUT") << local
                            << with(baseHeaders("PUT"), "Content-Length", "1048576") << cap << 0
                            << QByteArray();
    QTest::newRow("over cap") << QByteArray("PUT") << local
                              << with(baseHeaders("PUT"), "Content-Length", "1048577") << cap << 413
                              << QByteArray("body_too_large");
    QTest::newRow("300 MB") << QByteArray("PUT") << local
                            << with(baseHeaders("PUT"), "Content-Length", "314572800") << cap << 413
                            << QByteArray("body_too_large");
    QTest::newRow("over a small route cap")
        << QByteArray("PUT") << local << with(baseHeaders("PUT"), "Content-Length", "11")
        << qint64(10) << 413 << QByteArray("body_too_large");
    QTest::newRow("negative length")
        << QByteArray("PUT") << local << with(baseHeaders("PUT"), "Content-Length", "-1") << cap
        << 400 << QByteArray("invalid_content_length");
    QTest::newRow("garbage length")
        << QByteArray("PUT") << local << with(baseHeaders("PUT"), "Content-Length", "12abc") << cap
        << 400 << QByteArray("invalid_content_length");
    QTest::newRow("huge length") << QByteArray("PUT") << local
                                 << with(baseHeaders("PUT"), "Content-Length",
                                         "99999999999999999999999")
                                 << cap << 400 << QByteArray("invalid_content_length");
    QTest::newRow("conflicting lengths")
        << QByteArray("PUT") << local
        << (baseHeaders("PUT") + Headers { { "Content-Length", "3" } }) << cap << 400
        << QByteArray("invalid_content_length");

    // Order: the earliest broken rule answers.
    QTest::newRow("bad peer beats bad host")
        << QByteArray("POST") << QByteArray("10.0.0.1") << with(post, "Host", "evil:1") << cap
        << 403 << QByteArray("peer_not_loopback");
    QTest::newRow("bad host beats OPTIONS")
        << QByteArray("OPTIONS") << local << with(get, "Host", "evil:1") << cap << 403
        << QByteArray("host_not_allowed");
    QTest::newRow("missing client header beats size")
        << QByteArray("PUT") << local
        << with(with(baseHeaders("PUT"), "X-Hearth-Client", "<drop>"), "Content-Length",
                "314572800")
        << cap << 403 << QByteArray("client_header_required");
}

void TestRequestGuard::check()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, peer);
    QFETCH(Headers, headers);
    QFETCH(qint64, bodyCap);
    QFETCH(int, status);
    QFETCH(QByteArray, code);

    const RequestGuard guard(Port);
    const auto refusal = guard.check(GuardedRequest { method, peer, headers, bodyCap });
    if (status == 0) {
        QVERIFY2(!refusal, refusal ? refusal->code.constData() : "");
    } else {
        QVERIFY(refusal.has_value());
        QCOMPARE(refusal->status, status);
        QCOMPARE(refusal->code, code);
        QVERIFY(!refusal->message.isEmpty());
    }
}

void TestRequestGuard::loopbackAddresses_data()
{
    QTest::addColumn<QByteArray>("address");
    QTest::addColumn<bool>("loopback");
    QTest::newRow("127.0.0.1") << QByteArray("127.0.0.1") << true;
    QTest::newRow("127.255.255.254") << QByteArray("127.255.255.254") << true;
    QTest::newRow("::1") << QByteArray("::1") << true;
    QTest::newRow("::ffff:127.0.0.1") << QByteArray("::ffff:127.0.0.1") << true;
    QTest::newRow("::ffff:127.9.9.9") << QByteArray("::ffff:127.9.9.9") << true;
    QTest::newRow("128.0.0.1") << QByteArray("128.0.0.1") << false;
    QTest::newRow("0.0.0.0") << QByteArray("0.0.0.0") << false;
    QTest::newRow("::") << QByteArray("::") << false;
    QTest::newRow("::2") << QByteArray("::2") << false;
    QTest::newRow("::ffff:192.168.0.1") << QByteArray("::ffff:192.168.0.1") << false;
    QTest::newRow("name") << QByteArray("localhost") << false;
}

void TestRequestGuard::loopbackAddresses()
{
    QFETCH(QByteArray, address);
    QFETCH(bool, loopback);
    QCOMPARE(RequestGuard::isLoopbackAddress(address), loopback);
}

// The webhook listener's admission: any sender and Host (the token and the
// signature admit a delivery), POST only, the body rules, a rate limit.
void TestRequestGuard::webhookAdmission()
{
    qint64 now = 1'000'000;
    const hearth::http::WebhookAdmission admission({ 1, 2, 16 }, [&now]() { return now; });
    QVERIFY(!admission.refuseAddress(QHostAddress(QStringLiteral("192.168.1.5"))));
    GuardedRequest request;
    request.method = "POST";
    request.remoteAddress = "192.168.1.9";
    request.headers = { { "Host", "hooks.example.org" }, { "Content-Length", "10" } };
    request.bodyCap = 100;
    QVERIFY(!admission.check(request, 8788));
    request.headers = { { "Content-Length", "101" } };
    QCOMPARE(admission.check(request, 8788)->status, 413);
    // Two tokens a burst: the third request within the same instant waits.
    request.headers = { { "Content-Length", "1" } };
    const auto limited = admission.check(request, 8788);
    QVERIFY(limited);
    QCOMPARE(limited->status, 429);
    QCOMPARE(limited->code, QByteArray("rate_limited"));
    QCOMPARE(limited->headers.value(0).first, QByteArray("Retry-After"));
    QCOMPARE(limited->headers.value(0).second, QByteArray("1"));
    now += 1000; // a token back
    request.method = "GET";
    QCOMPARE(admission.check(request, 8788)->status, 405);
    now += 1000;
    request.method = "POST";
    request.headers = { { "Transfer-Encoding", "chunked" } };
    QCOMPARE(admission.check(request, 8788)->status, 411);
}

void TestRequestGuard::rateLimiterRefillsPerSource()
{
    const hearth::http::RateLimiter limiter({ 5, 20, 3 });
    qint64 now = 0;
    for (int i = 0; i < 20; ++i)
        QVERIFY(!limiter.take("a", now));
    QCOMPARE(limiter.take("a", now).value_or(0), 200); // one token takes 200 ms at 5/s
    QVERIFY(!limiter.take("b", now)); // another sender has its own bucket
    now += 200;
    QVERIFY(!limiter.take("a", now));
    QVERIFY(limiter.take("a", now));
    // More senders than are remembered: an idle (full) bucket is forgotten
    // for a newcomer; while all are busy, the newcomer waits.
    QVERIFY(!limiter.take("c", now));
    QVERIFY(limiter.take("d", now));
    now += 10'000;
    QVERIFY(!limiter.take("d", now));
}

QTEST_APPLESS_MAIN(TestRequestGuard)
#include "tst_requestguard.moc"
