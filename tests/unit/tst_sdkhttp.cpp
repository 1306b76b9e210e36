// The SDK's http module against a local HTTP server: answers, errors,
// redirects, size and time limits.
#include "SandboxHosts.h"

#include <QTest>
#include <httplib.h>
#include <thread>

using namespace hearth::lua;

namespace {

class LocalServer
{
public:
    LocalServer()
    {
        m_server.Get("/json", [](const httplib::Request &, httplib::Response &res) {
            res.set_content(R"({"price": 12.5})", "application/json");
        });
        m_server.Post("/echo", [](const httplib::Request &req, httplib::Response &res) {
            res.status = 201;
            res.set_header("X-Seen", req.get_header_value("X-Token"));
            res.set_content(req.body, "text/plain");
        });
        m_server.Get("/missing", [](const httplib::Request &, httplib::Response &res) {
            res.status = 404;
            res.set_content("nope", "text/plain");
        });
        m_server.Get("/redirect", [](const httplib::Request &, httplib::Response &res) {
            res.set_redirect("/json");
        });
        m_server.Get("/big", [](const httplib::Request &, httplib::Response &res) {
            res.set_content(std::string(11 * 1024 * 1024, 'x'), "text/plain");
        });
        m_server.Get("/slow", [](const httplib::Request &, httplib::Response &res) {
            std::this_thread::sleep_for(std::chrono::seconds(3));
            res.set_content("late", "text/plain");
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this]() { m_server.listen_after_bind(); });
    }
    ~LocalServer()
    {
        m_server.stop();
        m_thread.join();
    }
    QByteArray url(const char *path) const
    {
        return "http://127.0.0.1:" + QByteArray::number(m_port) + path;
    }

private:
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
};

ExecutionResult run(const QByteArray &source, qint64 timeoutMs = 30000)
{
    Limits limits;
    limits.timeoutMs = timeoutMs;
    // hearthd makes the requests (hosts have no network): this process here.
    static const auto pool = makeSandboxPool();
    return pool->run(source, {}, limits);
}

} // namespace

class TestSdkHttp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { m_server = std::make_unique<LocalServer>(); }
    void cleanupTestCase() { m_server.reset(); }
    void getAndPost();
    void errors_data();
    void errors();
    void runDeadlineCapsTheTimeout();

private:
    std::unique_ptr<LocalServer> m_server;
};

void TestSdkHttp::getAndPost()
{
    const ExecutionResult result =
        run("local r = http.get('" + m_server->url("/json") +
            "')\n"
            "local p = http.post('" +
            m_server->url("/echo") +
            "', 'hello', { headers = { ['X-Token'] = 't1' } })\n"
            "local m = http.request{ url = '" +
            m_server->url("/missing") +
            "' }\n"
            "return { status = r.status, price = json.decode(r.body).price, type = "
            "r.headers['content-type'],\n"
            "         post = p.status, echoed = p.body, seen = p.headers['x-seen'], missing = "
            "m.status }");
    QCOMPARE(outcomeName(result.outcome), QStringLiteral("succeeded"));
    for (const char *part :
         { R"("status":200)", R"("price":12.5)", R"("type":"application/json")", R"("post":201)",
           R"("echoed":"hello")", R"("seen":"t1")", R"("missing":404)" })
        QVERIFY2(result.resultJson.contains(part), result.resultJson.constData());
}

void TestSdkHttp::errors_data()
{
    QTest::addColumn<QByteArray>("call");
    QTest::addColumn<QString>("message");
    QTest::newRow("file url") << QByteArray("http.get('file:///etc/passwd')")
                              << QStringLiteral("only http:// and https://");
    QTest::newRow("ftp url") << QByteArray("http.get('ftp://example.com/x')")
                             << QStringLiteral("only http:// and https://");
    QTest::newRow("garbage url") << QByteArray("http.get('not a url')")
                                 << QStringLiteral("only http:// and https://");
    QTest::newRow("http redirect") << ("http.get('" + m_server->url("/redirect") + "')")
                                   << QStringLiteral("only https to https is followed");
    QTest::newRow("too large") << ("http.get('" + m_server->url("/big") + "')")
                               << QStringLiteral("exceeds 10485760 bytes");
    QTest::newRow("own timeout") << ("http.get('" + m_server->url("/slow") +
                                     "', { timeout_s = 0.3 })")
                                 << QStringLiteral("no complete answer within 300 ms");
    QTest::newRow("refused") << QByteArray("http.get('http://127.0.0.1:1/')")
                             << QStringLiteral("http: GET http://127.0.0.1:1/:");
    QTest::newRow("bad headers") << ("http.request{ url = '" + m_server->url("/json") +
                                     "', headers = { 1, 2 } }")
                                 << QStringLiteral("headers must map names to strings");
    QTest::newRow("bad timeout") << ("http.get('" + m_server->url("/json") +
                                     "', { timeout_s = -1 })")
                                 << QStringLiteral("timeout_s must be positive");
}

void TestSdkHttp::errors()
{
    QFETCH(QByteArray, call);
    QFETCH(QString, message);
    const ExecutionResult result =
        run("local r = " + call + " return { status = r.status, size = #r.body }");
    QVERIFY2(outcomeName(result.outcome) == u"script_error",
             result.resultJson.left(200).constData());
    QVERIFY2(result.errorMessage.contains(message), qPrintable(result.errorMessage));
}

void TestSdkHttp::runDeadlineCapsTheTimeout()
{
    // Any positive timeout is the script's to ask, even one no clock can count.
    for (const QByteArray &timeout :
         { QByteArray("30"), QByteArray("1e300"), QByteArray("math.huge") }) {
        const ExecutionResult result = run("return http.get('" + m_server->url("/slow") +
                                               "', { timeout_s = " + timeout + " })",
                                           500);
        QCOMPARE(outcomeName(result.outcome), QStringLiteral("script_error"));
        QVERIFY2(result.errorMessage.contains(u"no complete answer within"),
                 qPrintable(result.errorMessage));
        QVERIFY(result.durationMs < 2000);
    }
}

QTEST_GUILESS_MAIN(TestSdkHttp)
#include "tst_sdkhttp.moc"
