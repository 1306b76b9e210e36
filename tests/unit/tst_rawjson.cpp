// rawJsonMember: the CLI prints KV values and script results exactly as the
// server sent them, so it must find the right member whatever the other
// members contain.
#include "client/RawJson.h"

#include <QTest>

using hearth::client::rawJsonMember;

class TestRawJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void member_data();
    void member();
};

void TestRawJson::member_data()
{
    QTest::addColumn<QByteArray>("object");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("raw");
    QTest::newRow("number kept exact")
        << QByteArray(R"({"key":"k","value":123456789012345678901234,"created_at":"t"})")
        << QByteArray("value") << QByteArray("123456789012345678901234");
    QTest::newRow("key mentions the member")
        << QByteArray(R"({"key":"x\"value\":y","value":[1, 2.50],"created_at":"t"})")
        << QByteArray("value") << QByteArray("[1, 2.50]");
    QTest::newRow("nested member of the same name")
        << QByteArray(R"({"status":"succeeded","result":{"a":1,"result":2}})")
        << QByteArray("result") << QByteArray(R"({"a":1,"result":2})");
    QTest::newRow("nested before the member")
        << QByteArray(R"({"logs":[{"result":0}],"result":"top"})") << QByteArray("result")
        << QByteArray(R"("top")");
    QTest::newRow("brackets inside strings")
        << QByteArray(R"({"a":"}]{[","value":true})") << QByteArray("value") << QByteArray("true");
    QTest::newRow("null") << QByteArray(R"({"value":null})") << QByteArray("value")
                          << QByteArray("null");
    QTest::newRow("whitespace") << QByteArray("{ \"value\" : -1.5e3 ,\n \"x\": 1 }")
                                << QByteArray("value") << QByteArray("-1.5e3");
    QTest::newRow("absent") << QByteArray(R"({"a":1})") << QByteArray("value") << QByteArray();
    QTest::newRow("not an object") << QByteArray("[1]") << QByteArray("value") << QByteArray();
    QTest::newRow("truncated") << QByteArray(R"({"a":"unterminated)") << QByteArray("value")
                               << QByteArray();
}

void TestRawJson::member()
{
    QFETCH(QByteArray, object);
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, raw);
    QCOMPARE(rawJsonMember(object, name), raw);
}

QTEST_APPLESS_MAIN(TestRawJson)
#include "tst_rawjson.moc"
