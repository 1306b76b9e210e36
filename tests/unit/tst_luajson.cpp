// The json module's fidelity, edge cases and error positions, driven from
// Lua so that what is tested is what scripts get.
#include "lua/Sandbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace hearth::lua;

namespace {
ExecutionResult runScript(const QByteArray &source)
{
    return Sandbox::run(source, ScriptContext {}, Limits {});
}
} // namespace

class TestLuaJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void encode_data();
    void encode();
    void decodeErrors_data();
    void decodeErrors();
    void encodeErrors_data();
    void encodeErrors();
};

void TestLuaJson::roundTrip_data()
{
    // json.encode(json.decode(text)) must give text back.
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("integer") << QByteArray("42");
    QTest::newRow("negative integer") << QByteArray("-7");
    QTest::newRow("max int64") << QByteArray("9223372036854775807");
    QTest::newRow("min int64") << QByteArray("-9223372036854775808");
    QTest::newRow("float") << QByteArray("1.5");
    QTest::newRow("float that looks integral") << QByteArray("1.0");
    QTest::newRow("small float") << QByteArray("1e-07");
    QTest::newRow("third") << QByteArray("0.3333333333333333");
    QTest::newRow("string") << QByteArray(R"("h\u00e9llo \"q\" \\ \n")");
    QTest::newRow("unicode escaped") << QByteArray(R"("\u00e9\u2713")");
    QTest::newRow("true") << QByteArray("true");
    QTest::newRow("null") << QByteArray("null");
    QTest::newRow("empty array") << QByteArray("[]");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("array with null") << QByteArray("[1,null,3]");
    QTest::newRow("object with null") << QByteArray(R"({"a":null})");
    QTest::newRow("nested") << QByteArray(R"({"a":[{"b":[[],{}]}]})");
}

void TestLuaJson::roundTrip()
{
    QFETCH(QByteArray, text);
    const QByteArray literal = QJsonDocument(QJsonArray { QString::fromUtf8(text) })
                                   .toJson(QJsonDocument::Compact)
                                   .mid(1)
                                   .chopped(1);
    const ExecutionResult result = runScript("return json.encode(json.decode(" + literal + "))");
    QCOMPARE(outcomeName(result.outcome), QStringLiteral("succeeded"));
    const QByteArray encoded =
        QJsonDocument::fromJson("[" + result.resultJson + "]").array().at(0).toString().toUtf8();
    // Escapes of non-ASCII come back as UTF-8: compare decoded forms.
    const QByteArray expected =
        QJsonDocument::fromJson("[" + text + "]").toJson(QJsonDocument::Compact);
    const QByteArray actual =
        QJsonDocument::fromJson("[" + encoded + "]").toJson(QJsonDocument::Compact);
    QCOMPARE(actual, expected);
    if (!text.contains("\\u") && !text.contains("e-"))
        QCOMPARE(encoded, text);
}

void TestLuaJson::encode_data()
{
    QTest::addColumn<QByteArray>("expression");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("nil") << QByteArray("nil") << QByteArray("null");
    QTest::newRow("integer vs float")
        << QByteArray("{1, 1.0, 2^53}") << QByteArray("[1,1.0,9007199254740992.0]");
    QTest::newRow("integer division") << QByteArray("7 // 2") << QByteArray("3");
    QTest::newRow("float division") << QByteArray("7 / 2") << QByteArray("3.5");
    QTest::newRow("sequence") << QByteArray("{'a','b'}") << QByteArray(R"(["a","b"])");
    QTest::newRow("empty table") << QByteArray("{}") << QByteArray("{}");
    QTest::newRow("decoded empty array stays an array")
        << QByteArray("json.decode('[]')") << QByteArray("[]");
    QTest::newRow("control characters") << QByteArray("'a\\1b'") << QByteArray(R"("a\u0001b")");
    QTest::newRow("null sentinel") << QByteArray("{a=json.null}") << QByteArray(R"({"a":null})");
}

void TestLuaJson::encode()
{
    QFETCH(QByteArray, expression);
    QFETCH(QByteArray, json);
    const ExecutionResult result = runScript("return " + expression);
    QCOMPARE(outcomeName(result.outcome), QStringLiteral("succeeded"));
    QCOMPARE(result.resultJson, json);
}

void TestLuaJson::decodeErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QByteArray("") << QStringLiteral("unexpected end of input at byte 0");
    QTest::newRow("trailing") << QByteArray("1 2")
                              << QStringLiteral("trailing characters at byte 2");
    QTest::newRow("unterminated") << QByteArray("[1, \\\"a")
                                  << QStringLiteral("unterminated string at byte 6");
    QTest::newRow("bad literal") << QByteArray("tru")
                                 << QStringLiteral("unexpected character at byte 0");
    QTest::newRow("missing colon")
        << QByteArray("{\\\"a\\\" 1}") << QStringLiteral("expected : at byte 5");
    QTest::newRow("trailing comma")
        << QByteArray("[1,]") << QStringLiteral("unexpected character at byte 3");
    QTest::newRow("lone surrogate")
        << QByteArray("\\\"\\\\ud800\\\"") << QStringLiteral("unpaired surrogate");
    QTest::newRow("leading zero") << QByteArray("01")
                                  << QStringLiteral("trailing characters at byte 1");
}

void TestLuaJson::decodeErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    const ExecutionResult result = runScript("return json.decode(\"" + text + "\")");
    QCOMPARE(outcomeName(result.outcome), QStringLiteral("script_error"));
    QVERIFY2(result.errorMessage.contains(u"json.decode: " + message),
             qPrintable(result.errorMessage));
}

void TestLuaJson::encodeErrors_data()
{
    QTest::addColumn<QByteArray>("expression");
    QTest::addColumn<QString>("message");
    QTest::newRow("function") << QByteArray("print") << QStringLiteral("cannot encode a function");
    QTest::newRow("nan") << QByteArray("0/0") << QStringLiteral("NaN");
    QTest::newRow("infinity") << QByteArray("math.huge") << QStringLiteral("infinity");
    QTest::newRow("mixed keys") << QByteArray("{1, a=2}")
                                << QStringLiteral("object keys must be strings");
    QTest::newRow("cycle") << QByteArray("(function() local t = {} t.t = t return t end)()")
                           << QStringLiteral("nesting deeper");
    QTest::newRow("binary string") << QByteArray("'\\255'") << QStringLiteral("not valid UTF-8");
}

void TestLuaJson::encodeErrors()
{
    QFETCH(QByteArray, expression);
    QFETCH(QString, message);
    const ExecutionResult result = runScript("return json.encode(" + expression + ")");
    QCOMPARE(outcomeName(result.outcome), QStringLiteral("script_error"));
    QVERIFY2(result.errorMessage.contains(message), qPrintable(result.errorMessage));
}

QTEST_APPLESS_MAIN(TestLuaJson)
#include "tst_luajson.moc"
