// The SDK's parsers under their limits, in real sandbox hosts: large and
// hostile input (deep nesting, entity expansion, huge attributes, endless
// filters) ends in a result or a limit error of its own run, never in a
// hang or a crash of anything else, and a parsed page is the run's memory.
#include "SdkTestServices.h"

#include <QJsonDocument>
#include <QTest>

using namespace hearth;
using namespace hearth::lua;

class TestSdkParsers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void largeAndHostileInput_data();
    void largeAndHostileInput();
    void aParsedPageIsTheRunsMemory();

private:
    std::unique_ptr<SdkTestServices> m_sdk;
};

namespace {

// A page of `mebibytes` MiB of product cards, markup as dense as a shop's.
QByteArray pageScript(int mebibytes)
{
    return QByteArrayLiteral(
               "local row = '<div class=\"item\"><a href=\"/p/1\">Product name here</a> "
               "<span class=\"price\">9.99</span><p>Some description of the product.</p>"
               "</div>\\n' local rows = math.floor(") +
        QByteArray::number(mebibytes) +
        QByteArrayLiteral(" * 1024 * 1024 / #row) local page = '<html><body>' .. row:rep(rows) .. "
                          "'</body></html>' ");
}

} // namespace

void TestSdkParsers::initTestCase()
{
    m_sdk = std::make_unique<SdkTestServices>();
    QVERIFY(m_sdk->ready);
}

void TestSdkParsers::largeAndHostileInput_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<qint64>("memoryBytes"); // 0: the default
    QTest::addColumn<qint64>("timeoutMs"); // 0: the default
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QByteArray>("result"); // when it succeeds

    QTest::newRow("a 10 MiB page within the default limits")
        << (pageScript(10) +
            "local doc = html.parse(page) return { #doc:select('div.item > span.price') == rows, "
            "doc:select_one('div.item:nth-child(1000) a'):text() }")
        << qint64(0) << qint64(0) << QStringLiteral("succeeded")
        << QByteArray(R"([true,"Product name here"])");
    QTest::newRow("a page beyond the memory limit")
        << (pageScript(4) + "html.parse(page)") << qint64(32 << 20) << qint64(0)
        << QStringLiteral("memory_limit") << QByteArray();
    QTest::newRow("deep nesting is cut, not recursed")
        << QByteArray(
               "local d = html.parse(('<div>'):rep(200000) .. 'deep' .. ('</div>'):rep(200000)) "
               "local n = #d:select('div') return { n > 0 and n <= 256, d:xpath('count(//div)') == "
               "n, "
               "#d:select_one('div'):html() > 0 }")
        << qint64(0) << qint64(0) << QStringLiteral("succeeded") << QByteArray("[true,true,true]");
    QTest::newRow("XPath numbers beyond integers")
        << QByteArray("local d = html.parse('<p>1</p>') local nan = d:xpath('0 div 0') "
                      "return { math.type(d:xpath('2 + 3')), d:xpath('1 div 0') == math.huge, "
                      "math.type(d:xpath('100000000000000000000 * 10')), nan ~= nan }")
        << qint64(0) << qint64(0) << QStringLiteral("succeeded")
        << QByteArray(R"(["integer",true,"float",true])");
    QTest::newRow("a huge attribute")
        << QByteArray(
               "local a = html.parse('<a title=\"' .. ('x'):rep(12 * 1024 * 1024) .. '\">x</a>')"
               ":select_one('a') return #a:attr('title')")
        << qint64(0) << qint64(0) << QStringLiteral("succeeded") << QByteArray("12582912");
    QTest::newRow("entity expansion in a feed")
        << QByteArray(R"lua(local lol = [[<?xml version="1.0"?><!DOCTYPE rss [
            <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
            <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
            <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
            <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
            <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
            <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
            <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
            <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
            ]><rss><channel><item><title>&h;</title></item></channel></rss>]]
            local ok, items = pcall(feed.parse, lol)
            return not ok or #items == 0 or #(items[1].title or '') < 1000000)lua")
        << qint64(0) << qint64(0) << QStringLiteral("succeeded") << QByteArray("true");
    QTest::newRow("an HTML page declares no entities")
        << QByteArray(
               "local text = html.parse('<!DOCTYPE html [<!ENTITY x \"boom\">]><p>&x;</p>')"
               ":text() return { text:find('boom') == nil, text:find('&x;', 1, true) ~= nil }")
        << qint64(0) << qint64(0) << QStringLiteral("succeeded") << QByteArray("[true,true]");
    QTest::newRow("an endless jq generator")
        << QByteArray("return jq.all('1', 'repeat(.)')") << qint64(0) << qint64(0)
        << QStringLiteral("script_error") << QByteArray();
    QTest::newRow("a jq filter that never ends")
        << QByteArray("return jq('1', 'def f: f; f')") << qint64(0) << qint64(1000)
        << QStringLiteral("timeout") << QByteArray();
    QTest::newRow("jq programs beyond the run's cache")
        << QByteArray("local sum = 0 for round = 1, 2 do for i = 1, 40 do "
                      "sum = sum + jq('{\"a\": 1}', '.a + ' .. i) end end return sum")
        << qint64(0) << qint64(0) << QStringLiteral("succeeded")
        << QByteArray("1720"); // 2 × (40 + 820)
    QTest::newRow("diff of two 10,000-line texts")
        << QByteArray("local a, b = {}, {} for i = 1, 10000 do a[i] = 'line ' .. i "
                      "b[i] = (i % 100 == 0) and 'changed ' .. i or a[i] end "
                      "local d = diff.lines(table.concat(a, '\\n'), table.concat(b, '\\n')) "
                      "return { #d.added, #d.removed, d.changed }")
        << qint64(0) << qint64(0) << QStringLiteral("succeeded") << QByteArray("[100,100,true]");
}

void TestSdkParsers::largeAndHostileInput()
{
    QFETCH(QByteArray, source);
    QFETCH(qint64, memoryBytes);
    QFETCH(qint64, timeoutMs);
    QFETCH(QString, outcome);
    QFETCH(QByteArray, result);
    Limits limits;
    if (memoryBytes > 0)
        limits.memoryBytes = memoryBytes;
    if (timeoutMs > 0)
        limits.timeoutMs = timeoutMs;
    const ExecutionResult run = m_sdk->run(source, {}, limits);
    QVERIFY2(outcomeName(run.outcome) == outcome,
             qPrintable(outcomeName(run.outcome) + QStringLiteral(": ") + run.errorMessage));
    if (outcome == u"succeeded")
        QCOMPARE(run.resultJson, result);
    // Whatever happened, the pool still runs scripts.
    const ExecutionResult after = m_sdk->run("return html.parse('<p>ok</p>'):text()");
    QCOMPARE(after.resultJson, QByteArray(R"("ok")"));
}

void TestSdkParsers::aParsedPageIsTheRunsMemory()
{
    // The page's text is 1 MiB of Lua strings; its tree, libxml2's, is many
    // times that, and the run's peak shows it.
    const ExecutionResult run =
        m_sdk->run(pageScript(1) + "local doc = html.parse(page) return #doc:select('p')");
    QCOMPARE(run.outcome, Outcome::Succeeded);
    QVERIFY2(run.peakMemoryBytes > 8 * 1024 * 1024,
             qPrintable(QString::number(run.peakMemoryBytes)));
}

QTEST_GUILESS_MAIN(TestSdkParsers)
#include "tst_sdkparsers.moc"
