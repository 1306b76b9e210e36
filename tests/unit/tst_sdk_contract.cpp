// The Lua SDK contract: every behaviour docs/lua-sdk.md promises, one row
// each. Editing this file is an SDK version change: existing rows may only
// change together with ctx.sdk_version. Engine internals are tested elsewhere
// (tst_sandbox, tst_luajson, tst_sdkstorage, tst_sdkhttp).
#include "SdkTestServices.h"
#include "core/Crypto.h"
#include "sandbox/SdkCatalog.h"
#include "secrets/SecretStore.h"
#include "store/Database.h"
#include "store/KvRepository.h"
#include "store/NotificationRepository.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <httplib.h>
#include <thread>

using namespace hearth;
using namespace hearth::lua;

class TestSdkContract : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void contract_data();
    void contract();
    void theCatalogIsTheSdk();

private:
    std::unique_ptr<SdkTestServices> m_sdk;
    httplib::Server m_server;
    std::thread m_serverThread;
    int m_port = 0;
};

void TestSdkContract::initTestCase()
{
    m_sdk = std::make_unique<SdkTestServices>();
    QVERIFY(m_sdk->ready);
    bool created = false;
    QVERIFY(m_sdk->secrets->put(QStringLiteral("GITHUB_TOKEN"), "ghp_contract", &created).ok());

    m_server.Get("/price", [](const httplib::Request &, httplib::Response &res) {
        res.set_header("X-A", "1");
        res.set_content(R"({"price": 9.5})", "application/json");
    });
    m_server.Get("/gone",
                 [](const httplib::Request &, httplib::Response &res) { res.status = 410; });
    m_server.Get("/to-http", [](const httplib::Request &, httplib::Response &res) {
        res.set_redirect("/price");
    });
    m_port = m_server.bind_to_any_port("127.0.0.1");
    m_serverThread = std::thread([this]() { m_server.listen_after_bind(); });
}

void TestSdkContract::cleanupTestCase()
{
    m_server.stop();
    m_serverThread.join();
    m_sdk.reset();
}

void TestSdkContract::contract_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QByteArray>("result"); // the JSON result, or empty when `error` is set
    QTest::addColumn<QString>("error"); // outcome code and a message fragment

    const QByteArray base = "http://127.0.0.1:" + QByteArray::number(m_port);

    // ctx
    QTest::newRow("ctx.sdk_version")
        << QByteArray("return ctx.sdk_version") << QByteArray(R"("1.3")") << QString();
    QTest::newRow("ctx.event") << QByteArray("return ctx.event.price") << QByteArray("12.5")
                               << QString();
    QTest::newRow("ctx.last") << QByteArray("return ctx.last.price") << QByteArray("10")
                              << QString();
    QTest::newRow("ctx.run") << QByteArray(
                                    "return { ctx.run.id, ctx.run.attempt, ctx.run.trigger }")
                             << QByteArray(R"(["r1",2,"schedule"])") << QString();
    QTest::newRow("ctx.last_snapshot")
        << QByteArray("return ctx.last_snapshot") << QByteArray(R"("price 10")") << QString();
    QTest::newRow("snapshot.save")
        << QByteArray("snapshot.save('price 12.5') return true") << QByteArray("true") << QString();
    QTest::newRow("snapshot.save takes text")
        << QByteArray("snapshot.save({})") << QByteArray()
        << QStringLiteral("script_error: bad argument #1 to 'save'");
    QTest::newRow("ctx.watcher") << QByteArray("return ctx.watcher.name")
                                 << QByteArray(R"("prices")") << QString();
    // json
    QTest::newRow("json integers and floats")
        << QByteArray("return json.encode({1, 1.0})") << QByteArray(R"("[1,1.0]")") << QString();
    QTest::newRow("json float stays float") << QByteArray("return math.type(json.decode('1.0'))")
                                            << QByteArray(R"("float")") << QString();
    QTest::newRow("json null keeps the key")
        << QByteArray(R"(return json.encode(json.decode('{"a":null}')))")
        << QByteArray(R"("{\"a\":null}")") << QString();
    QTest::newRow("json decoded [] stays []") << QByteArray("return json.encode(json.decode('[]'))")
                                              << QByteArray(R"("[]")") << QString();
    QTest::newRow("json empty table is {}")
        << QByteArray("return json.encode({})") << QByteArray(R"("{}")") << QString();
    QTest::newRow("json huge integer is a float")
        << QByteArray("return math.type(json.decode('123456789012345678901'))")
        << QByteArray(R"("float")") << QString();
    QTest::newRow("json error position")
        << QByteArray(R"(return json.decode('{"a" 1}'))") << QByteArray()
        << QStringLiteral("script_error: json.decode: expected : at byte 5");
    QTest::newRow("json NaN") << QByteArray("return json.encode(0/0)") << QByteArray()
                              << QStringLiteral("script_error: NaN");
    // log and print
    QTest::newRow("log levels")
        << QByteArray(
               "log.trace('t') log.info('i', {n = 1}) log.warn('w') log.error('e') return true")
        << QByteArray("true") << QString();
    QTest::newRow("print") << QByteArray("print('checked', 3, 'feeds') return true")
                           << QByteArray("true") << QString();
    // kv
    QTest::newRow("kv round trip") << QByteArray("kv.set('k', {1.0, json.null}) return kv.get('k')")
                                   << QByteArray("[1.0,null]") << QString();
    QTest::newRow("kv missing is nil")
        << QByteArray("return kv.get('never-set') == nil") << QByteArray("true") << QString();
    QTest::newRow("kv delete missing is fine")
        << QByteArray("kv.delete('never-set') return true") << QByteArray("true") << QString();
    QTest::newRow("kv list")
        << QByteArray("kv.set('feeds/a', 1) kv.set('feeds/b', 2) return kv.list('feeds/')")
        << QByteArray(R"(["feeds/a","feeds/b"])") << QString();
    QTest::newRow("kv.global") << QByteArray("kv.global.set('g', 'x') return kv.global.get('g')")
                               << QByteArray(R"("x")") << QString();
    QTest::newRow("kv key limit") << QByteArray("kv.set(('k'):rep(257), 1)") << QByteArray()
                                  << QStringLiteral(
                                         "script_error: kv.set: the key is 257 bytes long");
    // secrets
    QTest::newRow("secrets.get") << QByteArray(
                                        "return secrets.get('GITHUB_TOKEN') == 'ghp_contract'")
                                 << QByteArray("true") << QString();
    QTest::newRow("secrets redacted from results")
        << QByteArray("return {token = secrets.get('GITHUB_TOKEN')}")
        << QByteArray(R"({"token":"***"})") << QString();
    QTest::newRow("secrets redacted from errors")
        << QByteArray("error('bad ' .. secrets.get('GITHUB_TOKEN'))") << QByteArray()
        << QStringLiteral("script_error: bad ***");
    QTest::newRow("secrets missing") << QByteArray("return secrets.get('NOPE')") << QByteArray()
                                     << QStringLiteral("script_error: secrets.get: no secret NOPE");
    // notify
    QTest::newRow("notify")
        << QByteArray(
               "notify{ title = 'Price dropped', body = 'now 9.5', level = 'warning' } return true")
        << QByteArray("true") << QString();
    QTest::newRow("notify needs a title")
        << QByteArray("notify{ body = 'x' }") << QByteArray()
        << QStringLiteral("script_error: notify: title must be a non-empty string");
    // agent (made for real by a watcher's run: tst_workers)
    QTest::newRow("agent.escalate is not made by a test run")
        << QByteArray("local id, err = agent.escalate{ profile = 'claude', prompt = 'judge', "
                      "data = { price = 9.5 } } return { id == nil, err }")
        << QByteArray(
               R"([true,"agent.escalate: only a watcher's run escalates; this run is a test"])")
        << QString();
    QTest::newRow("agent.escalate needs a profile")
        << QByteArray("agent.escalate{ prompt = 'judge' }") << QByteArray()
        << QStringLiteral("script_error: agent.escalate: profile must name an agent profile "
                          "(claude, codex or a custom profile's name)");
    QTest::newRow("agent.escalate takes an empty schema table as none")
        << QByteArray("local id, err = agent.escalate{ profile = 'claude', prompt = 'judge', "
                      "schema = {} } return { id == nil, err }")
        << QByteArray(
               R"([true,"agent.escalate: only a watcher's run escalates; this run is a test"])")
        << QString();
    QTest::newRow("agent.escalate refuses a list as the schema")
        << QByteArray("agent.escalate{ profile = 'claude', prompt = 'judge', schema = { 1, 2 } }")
        << QByteArray()
        << QStringLiteral("script_error: agent.escalate: schema must be a JSON Schema (a table)");
    QTest::newRow("agent.escalate checks the schema")
        << QByteArray(
               "agent.escalate{ profile = 'claude', prompt = 'judge', schema = { type = 7 } }")
        << QByteArray() << QStringLiteral("script_error: agent.escalate: schema ");
    // http
    QTest::newRow("http.get")
        << ("local r = http.get('" + base +
            "/price') return { r.status, json.decode(r.body).price, r.headers['x-a'] }")
        << QByteArray(R"([200,9.5,"1"])") << QString();
    QTest::newRow("http elapsed_ms") << ("local r = http.get('" + base +
                                         "/price') return math.type(r.elapsed_ms) == 'integer' "
                                         "and r.elapsed_ms >= 0 and r.elapsed_ms < 30000")
                                     << QByteArray("true") << QString();
    QTest::newRow("http status is an answer")
        << ("return http.get('" + base + "/gone').status") << QByteArray("410") << QString();
    QTest::newRow("http only http and https")
        << QByteArray("http.get('file:///etc/passwd')") << QByteArray()
        << QStringLiteral("script_error: only http:// and https://");
    QTest::newRow("http redirects https only")
        << ("http.get('" + base + "/to-http')") << QByteArray()
        << QStringLiteral("script_error: only https to https is followed");
    // html
    QTest::newRow("html.parse and select")
        << QByteArray("local t = {} for _, n in ipairs(html.parse('<ul><li class=a>1</li><li>2</li>"
                      "</ul>'):select('li')) do t[#t + 1] = n:text() end return t")
        << QByteArray(R"(["1","2"])") << QString();
    QTest::newRow("html select_one none is nil")
        << QByteArray("return html.parse('<p>x</p>'):select_one('div') == nil")
        << QByteArray("true") << QString();
    QTest::newRow("html text is readable")
        << QByteArray(
               "return html.parse('<div><p>a \\n  b</p><script>x()</script><style>p{}</style>"
               "<p>c<br>d</p></div>'):text()")
        << QByteArray(R"("a b\nc\nd")") << QString();
    QTest::newRow("html attr")
        << QByteArray("local a = html.parse('<a href=/x title=T>x</a>'):select_one('a') "
                      "return { a:attr('title'), a:attr('nope') == nil, a:name() }")
        << QByteArray(R"(["T",true,"a"])") << QString();
    QTest::newRow("html html")
        << QByteArray("return html.parse('<div><b>x</b> y</div>'):select_one('div'):html()")
        << QByteArray(R"("<div><b>x</b> y</div>")") << QString();
    QTest::newRow("html links are absolute")
        << QByteArray("return html.parse('<a href=\"/a\">a</a><a href=b>b</a><a href=b>again</a>"
                      "<a href=\"javascript:void(0)\">j</a>', 'https://e.example/d/p'):links()")
        << QByteArray(R"(["https://e.example/a","https://e.example/d/b"])") << QString();
    QTest::newRow("html xpath nodes and values")
        << QByteArray(
               "local d = html.parse('<p id=a>1</p><p>2</p>') return { d:xpath('count(//p)'), "
               "#d:xpath('//p'), d:xpath('string(//p[2])'), d:xpath('//p/@id'), "
               "d:xpath('boolean(//p)') }")
        << QByteArray(R"([2,2,"2",["a"],true])") << QString();
    QTest::newRow("html CSS selectors")
        << QByteArray(
               "local d = html.parse([[<div id=m class='x y'><h1>T</h1><ul><li>1</li><li class=s>2"
               "</li><li>3</li><li>4</li></ul><p><a href='https://a'>a</a><a href='/b.pdf'>b</a>"
               "</p></div>]]) local n = function(s) return #d:select(s) end "
               "return { n('#m'), n('.x.y'), n('div > ul > li'), n('div li'), n('li:first-child'), "
               "n('li:last-child'), n('li:nth-child(2n+1)'), n('li:nth-child(odd)'), "
               "n('li:not(.s)'), n('h1 + ul'), n('h1 ~ p'), n('[href]'), n('a[href^=https]'), "
               "n('a[href$=\".pdf\"]'), n('a[href*=b]'), n('[class=s]'), n('h1, p, nav') }")
        << QByteArray("[1,1,4,4,1,1,2,2,3,1,1,2,1,1,1,1,2]") << QString();
    QTest::newRow("html bad selector names it and where")
        << QByteArray("html.parse('<p>'):select('p >')") << QByteArray()
        << QStringLiteral("script_error: select: bad CSS selector \"p >\" at position 4");
    QTest::newRow("html bad xpath")
        << QByteArray("html.parse('<p>'):xpath('//[')") << QByteArray()
        << QStringLiteral("script_error: xpath: Invalid expression in \"//[\"");
    // feed
    QTest::newRow("feed.parse RSS 2.0")
        << QByteArray(
               "local items, info = feed.parse([[<rss version='2.0'><channel><title>N</title>"
               "<link>https://n.example/</link><item><title>A &amp; B</title><link>/a</link>"
               "<guid>g1</guid><pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>"
               "<description>&lt;p&gt;Hi &lt;b&gt;you&lt;/b&gt;&lt;/p&gt;</description></item>"
               "</channel></rss>]]) return { items[1], info }")
        << QByteArray(
               R"([{"id":"g1","link":"https://n.example/a","published":"2003-06-10T04:00:00Z",)"
               R"("summary":"Hi you","title":"A & B"},{"kind":"rss","link":"https://n.example/",)"
               R"("title":"N"}])")
        << QString();
    QTest::newRow("feed.parse Atom")
        << QByteArray("local items = feed.parse([[<feed xmlns='http://www.w3.org/2005/Atom'>"
                      "<link href='https://a.example/'/><entry><id>urn:1</id><title type='html'>"
                      "A &lt;em&gt;post&lt;/em&gt;</title><link href='p1'/><published>"
                      "2024-01-02T03:04:05+01:00</published><updated>2024-01-03T00:00:00Z</updated>"
                      "<summary>S</summary></entry></feed>]]) return items")
        << QByteArray(
               R"([{"id":"urn:1","link":"https://a.example/p1","published":"2024-01-02T02:04:05Z",)"
               R"("summary":"S","title":"A post","updated":"2024-01-03T00:00:00Z"}])")
        << QString();
    QTest::newRow("feed.parse RSS 1.0")
        << QByteArray(
               "local items, info = feed.parse([[<rdf:RDF xmlns:rdf='http://www.w3.org/1999/"
               "02/22-rdf-syntax-ns#' xmlns='http://purl.org/rss/1.0/' xmlns:dc='http://purl."
               "org/dc/elements/1.1/'><channel><title>R</title></channel><item rdf:about="
               "'https://r.example/1'><title>One</title><link>https://r.example/1</link>"
               "<dc:date>2024-05-06T07:08:09Z</dc:date></item></rdf:RDF>]]) "
               "return { items[1].id, items[1].published, info.kind }")
        << QByteArray(R"(["https://r.example/1","2024-05-06T07:08:09Z","rdf"])") << QString();
    QTest::newRow("feed.parse JSON Feed")
        << QByteArray("local items, info = feed.parse([[{\"version\": \"https://jsonfeed.org/"
                      "version/1.1\", \"items\": [{\"id\": 7, \"url\": \"https://j.example/7\", "
                      "\"content_html\": \"<p>Hi <i>there</i></p>\"}]}]]) "
                      "return { items[1].id, items[1].link, items[1].summary, info.kind }")
        << QByteArray(R"(["7","https://j.example/7","Hi there","json"])") << QString();
    QTest::newRow("feed.parse refuses what is not a feed")
        << QByteArray("feed.parse('<html><body>x</body></html>')") << QByteArray()
        << QStringLiteral("script_error: feed.parse: not an RSS, Atom or JSON Feed document");
    QTest::newRow("feed.new_items without a watcher: all new")
        << QByteArray("return #feed.new_items({ { id = 'a' }, { link = 'b' }, { title = 'c' } })")
        << QByteArray("3") << QString();
    QTest::newRow("feed.new_items needs an identity")
        << QByteArray("feed.new_items({ { summary = 'x' } })") << QByteArray()
        << QStringLiteral("script_error: feed.new_items: item 1 has no id, link or title");
    // diff
    QTest::newRow("diff.lines") << QByteArray(
                                       "return diff.lines('a\\nb\\nc\\n', 'a\\nB\\nc\\nd\\n')")
                                << QByteArray(
                                       R"({"added":["B","d"],"changed":true,"removed":["b"],)"
                                       R"("unified":"@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d\n"})")
                                << QString();
    QTest::newRow("diff.words")
        << QByteArray("return diff.words('the price is 10 euros', 'the price is 12 euros now')")
        << QByteArray(R"({"added":["12","now"],"changed":true,"removed":["10"],)"
                      R"("unified":"the price is [-10-] {+12+} euros {+now+}"})")
        << QString();
    QTest::newRow("diff unchanged")
        << QByteArray("local d = diff.lines('a\\nb', 'a\\nb') return { d.changed, d.unified, "
                      "#d.added, #d.removed }")
        << QByteArray(R"([false,"",0,0])") << QString();
    // jq
    QTest::newRow("jq first result") << QByteArray(R"(return jq('{"a": [1, 2.5, 3]}', '.a[1]'))")
                                     << QByteArray("2.5") << QString();
    QTest::newRow("jq.all over a Lua value")
        << QByteArray("return jq.all({ items = { { p = 1 }, { p = 2.0 } } }, '.items[].p')")
        << QByteArray("[1,2]") << QString();
    QTest::newRow("jq no result is nil")
        << QByteArray("return jq('[]', '.[]') == nil") << QByteArray("true") << QString();
    QTest::newRow("jq bad filter") << QByteArray("jq('{}', '.a |||')") << QByteArray()
                                   << QStringLiteral("script_error: jq: syntax error");
    QTest::newRow("jq error() in the filter")
        << QByteArray(R"(jq('{}', 'error("no price")'))") << QByteArray()
        << QStringLiteral("script_error: jq: no price");
    // limits and the result
    QTest::newRow("no result is null")
        << QByteArray("local x = 1") << QByteArray("null") << QString();
    QTest::newRow("instruction limit survives pcall")
        << QByteArray("pcall(function() while true do end end) return 1") << QByteArray()
        << QStringLiteral("instruction_limit: ");
    QTest::newRow("memory limit") << QByteArray("local t = {} while true do t[#t + 1] = {} end")
                                  << QByteArray() << QStringLiteral("memory_limit: ");
    QTest::newRow("output too large") << QByteArray("return ('x'):rep(1048577)") << QByteArray()
                                      << QStringLiteral("output_too_large: ");
    QTest::newRow("no load") << QByteArray("return load") << QByteArray("null") << QString();
    QTest::newRow("string metatable locked")
        << QByteArray("return getmetatable('')") << QByteArray("false") << QString();
    QTest::newRow("collectgarbage count only")
        << QByteArray("collectgarbage('stop')") << QByteArray()
        << QStringLiteral("script_error: collectgarbage: only \"count\"");
}

void TestSdkContract::contract()
{
    QFETCH(QByteArray, source);
    QFETCH(QByteArray, result);
    QFETCH(QString, error);
    ScriptContext context;
    context.runId = QStringLiteral("r1");
    context.attempt = 2;
    context.trigger = QStringLiteral("schedule");
    context.watcherId = QStringLiteral("w1");
    context.watcherName = QStringLiteral("prices");
    context.eventJson = R"({"price": 12.5})";
    context.lastResultJson = R"({"price": 10})";
    context.lastSnapshot = QByteArray("price 10");
    Limits limits;
    limits.instructions = 10'000'000;
    limits.memoryBytes = 32 * 1024 * 1024;
    const ExecutionResult run = m_sdk->run(source, context, limits);
    if (error.isEmpty()) {
        QVERIFY2(run.outcome == Outcome::Succeeded, qPrintable(run.errorMessage));
        // Objects come out in the table's order, which Lua does not define:
        // those compare as JSON documents.
        if (run.resultJson != result && result.contains('{'))
            QCOMPARE(QJsonDocument::fromJson(run.resultJson), QJsonDocument::fromJson(result));
        else
            QCOMPARE(run.resultJson, result);
    } else {
        const QString actual = outcomeName(run.outcome) + QStringLiteral(": ") + run.errorMessage;
        const QString code = error.section(u':', 0, 0);
        const QString fragment = error.section(u':', 1).trimmed();
        QCOMPARE(outcomeName(run.outcome), code);
        QVERIFY2(run.errorMessage.contains(fragment), qPrintable(actual));
        QCOMPARE(run.resultJson, QByteArray("null"));
    }
}

void TestSdkContract::theCatalogIsTheSdk()
{
    // sdk::Modules is the one list of the SDK's modules: a script in a host
    // sees each with its functions, and no global beyond them and Lua's own.
    QFile doc(QStringLiteral(HEARTH_SOURCE_DIR "/docs/lua-sdk.md"));
    QVERIFY(doc.open(QIODevice::ReadOnly));
    const QString documentation = QString::fromUtf8(doc.readAll());
    QStringList globals;
    for (const sdk::Module &module : sdk::Modules) {
        const QString global = QString::fromLatin1(module.global);
        globals.append(global);
        QVERIFY2(documentation.contains(QStringLiteral("## `") + global),
                 qPrintable(QStringLiteral("docs/lua-sdk.md has no section for ") + global));
        QVERIFY(!QString::fromUtf8(module.summary).isEmpty());
        QString check = QStringLiteral("local found = { [\"%1\"] = type(%1) }\n").arg(global);
        const QStringList functions =
            QString::fromLatin1(module.functions).split(u' ', Qt::SkipEmptyParts);
        for (const QString &function : functions) {
            const QString name = global + u'.' + function;
            QVERIFY2(documentation.contains(u'`' + name),
                     qPrintable(QStringLiteral("docs/lua-sdk.md does not document ") + name));
            check += QStringLiteral("found[\"%1\"] = type(%1)\n").arg(name);
        }
        check += QStringLiteral("return found");
        const ExecutionResult run = m_sdk->run(check.toUtf8());
        QVERIFY2(run.outcome == Outcome::Succeeded, qPrintable(run.errorMessage));
        const QJsonObject found = QJsonDocument::fromJson(run.resultJson).object();
        QVERIFY2(found.value(global).toString() != u"nil", qPrintable(global));
        for (const QString &function : functions)
            QCOMPARE(found.value(global + u'.' + function).toString(), QStringLiteral("function"));
    }

    const QStringList luaOwn { QStringLiteral("_G"),           QStringLiteral("_VERSION"),
                               QStringLiteral("assert"),       QStringLiteral("collectgarbage"),
                               QStringLiteral("coroutine"),    QStringLiteral("error"),
                               QStringLiteral("getmetatable"), QStringLiteral("ipairs"),
                               QStringLiteral("math"),         QStringLiteral("next"),
                               QStringLiteral("os"),           QStringLiteral("pairs"),
                               QStringLiteral("pcall"),        QStringLiteral("rawequal"),
                               QStringLiteral("rawget"),       QStringLiteral("rawlen"),
                               QStringLiteral("rawset"),       QStringLiteral("select"),
                               QStringLiteral("setmetatable"), QStringLiteral("string"),
                               QStringLiteral("table"),        QStringLiteral("tonumber"),
                               QStringLiteral("tostring"),     QStringLiteral("type"),
                               QStringLiteral("utf8"),         QStringLiteral("warn"),
                               QStringLiteral("xpcall") };
    const ExecutionResult run =
        m_sdk->run("local names = {} for name in pairs(_G) do names[#names + 1] = name end "
                   "return names");
    QVERIFY2(run.outcome == Outcome::Succeeded, qPrintable(run.errorMessage));
    const QJsonArray seen = QJsonDocument::fromJson(run.resultJson).array();
    for (const QJsonValue &name : seen) {
#ifdef HEARTH_SANDBOX_TEST_FUNCTIONS
        if (name.toString() == u"hearth_test")
            continue; // test builds only
#endif
        QVERIFY2(globals.contains(name.toString()) || luaOwn.contains(name.toString()),
                 qPrintable(QStringLiteral("a global outside the catalog: ") + name.toString()));
    }
#ifdef HEARTH_SANDBOX_TEST_FUNCTIONS
    constexpr int TestFunctions = 1;
#else
    constexpr int TestFunctions = 0;
#endif
    QCOMPARE(seen.size(), globals.size() + luaOwn.size() + TestFunctions);
}

QTEST_GUILESS_MAIN(TestSdkContract)
#include "tst_sdk_contract.moc"
