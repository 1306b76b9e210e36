// The router and request/response types: 404/405 with Allow, HEAD, body caps,
// the error envelope, and JSON value parsing.
#include "http/ApiTypes.h"
#include "http/Router.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <stdexcept>

using namespace hearth::http;

namespace {
QJsonObject errorOf(const ApiResponse &response)
{
    return QJsonDocument::fromJson(response.body)
        .object()
        .value(QStringLiteral("error"))
        .toObject();
}
ApiRequest request(QByteArray method, QString path, QByteArray body = {})
{
    ApiRequest r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.body = std::move(body);
    return r;
}
} // namespace

class TestHttp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void routing();
    void handlerErrorsBecomeEnvelopes();
    void bodyCaps();
    void parseJsonValue_data();
    void parseJsonValue();
    void jsonObjectShape();
};

void TestHttp::routing()
{
    Router router;
    router.add("GET", QStringLiteral("/items/(.+)"), [](const ApiRequest &r) -> HandlerResult {
        return ApiResponse::text(r.pathParams.value(0).toUtf8());
    });
    router.add("DELETE", QStringLiteral("/items/(.+)"),
               [](const ApiRequest &) -> HandlerResult { return ApiResponse::noContent(); });

    const ApiResponse found = router.dispatch(request("GET", QStringLiteral("/items/a/b c")));
    QCOMPARE(found.status, 200);
    QCOMPARE(found.body, QByteArray("a/b c"));
    QCOMPARE(router.dispatch(request("HEAD", QStringLiteral("/items/x"))).status, 200);
    QCOMPARE(router.dispatch(request("DELETE", QStringLiteral("/items/x"))).status, 204);

    const ApiResponse wrongMethod = router.dispatch(request("PUT", QStringLiteral("/items/x")));
    QCOMPARE(wrongMethod.status, 405);
    QCOMPARE(errorOf(wrongMethod).value(QStringLiteral("code")).toString(),
             QStringLiteral("method_not_allowed"));
    QCOMPARE(wrongMethod.headers.size(), 1);
    QCOMPARE(wrongMethod.headers.constFirst().first, QByteArray("Allow"));
    QCOMPARE(wrongMethod.headers.constFirst().second, QByteArray("GET, DELETE, HEAD"));

    const ApiResponse unknown = router.dispatch(request("GET", QStringLiteral("/nothing")));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(errorOf(unknown).value(QStringLiteral("code")).toString(),
             QStringLiteral("not_found"));
    // Patterns match whole paths only.
    QCOMPARE(router.dispatch(request("GET", QStringLiteral("/x/items/a"))).status, 404);
}

void TestHttp::handlerErrorsBecomeEnvelopes()
{
    Router router;
    router.add("POST", QStringLiteral("/thing"), [](const ApiRequest &r) -> HandlerResult {
        auto object = r.jsonObject();
        if (!object)
            return hearth::fail(object.error());
        return hearth::fail(
            ApiError::invalidRequest(QStringLiteral("name"), QStringLiteral("is required")));
    });
    const ApiResponse malformed =
        router.dispatch(request("POST", QStringLiteral("/thing"), "{oops"));
    QCOMPARE(malformed.status, 400);
    QCOMPARE(errorOf(malformed).value(QStringLiteral("code")).toString(),
             QStringLiteral("invalid_json"));
    const ApiResponse shape = router.dispatch(request("POST", QStringLiteral("/thing"), "{}"));
    QCOMPARE(shape.status, 422);
    QCOMPARE(errorOf(shape).value(QStringLiteral("code")).toString(),
             QStringLiteral("invalid_request"));
    QVERIFY(errorOf(shape).value(QStringLiteral("message")).toString().startsWith(u"name:"));
    QCOMPARE(shape.contentType, QByteArray("application/json"));
    QVERIFY(!errorOf(shape).contains(QStringLiteral("ref"))); // only 5xx have one

    // A handler that throws is a bug: a 500 whose details stay in the log,
    // with a reference in the message and in the envelope.
    router.add("GET", QStringLiteral("/broken"), [](const ApiRequest &) -> HandlerResult {
        throw std::runtime_error("/home/someone/secret/path");
    });
    const ApiResponse broken = router.dispatch(request("GET", QStringLiteral("/broken")));
    QCOMPARE(broken.status, 500);
    const QJsonObject error = errorOf(broken);
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("internal_error"));
    QVERIFY(!broken.body.contains("secret"));
    const qint64 reference = error.value(QStringLiteral("ref")).toInteger();
    QVERIFY(reference > 0);
    QVERIFY(error.value(QStringLiteral("message"))
                .toString()
                .endsWith(QStringLiteral("(ref %1)").arg(reference)));
}

void TestHttp::bodyCaps()
{
    Router router;
    const auto ok = [](const ApiRequest &) -> HandlerResult {
        return ApiResponse::noContent();
    };
    router.add("PUT", QStringLiteral("/small/(.+)"), ok, 100);
    router.add("PUT", QStringLiteral("/big"), ok, 5 * 1024 * 1024);
    QCOMPARE(router.bodyCapFor("PUT", QStringLiteral("/small/x")), 100);
    QCOMPARE(router.bodyCapFor("PUT", QStringLiteral("/big")), 5 * 1024 * 1024);
    QCOMPARE(router.bodyCapFor("POST", QStringLiteral("/small/x")), Router::DefaultBodyCap);
    QCOMPARE(router.bodyCapFor("PUT", QStringLiteral("/unknown")), Router::DefaultBodyCap);
    QCOMPARE(router.largestBodyCap(), 5 * 1024 * 1024);
}

void TestHttp::parseJsonValue_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("object") << QByteArray(R"({"a":[1,2]})") << true;
    QTest::newRow("array") << QByteArray("[]") << true;
    QTest::newRow("string") << QByteArray(R"("hi")") << true;
    QTest::newRow("number") << QByteArray("-1.5e3") << true;
    QTest::newRow("true") << QByteArray("true") << true;
    QTest::newRow("null") << QByteArray("null") << true;
    QTest::newRow("surrounding space") << QByteArray("  42\n") << true;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("two values") << QByteArray("1,2") << false;
    QTest::newRow("bracket injection") << QByteArray("1],[2") << false;
    QTest::newRow("bare word") << QByteArray("hello") << false;
    QTest::newRow("unterminated") << QByteArray(R"({"a":)") << false;
    QTest::newRow("trailing comma") << QByteArray("[1,]") << false;
    QTest::newRow("invalid UTF-8") << QByteArray("\"\xff\"") << false;
    // What Qt reads but RFC 8259 (and the store) does not.
    QTest::newRow("leading dot") << QByteArray(R"({"a":.5})") << false;
    QTest::newRow("trailing dot") << QByteArray(R"({"a":1.})") << false;
    QTest::newRow("raw control character") << QByteArray("{\"a\":\"x\x01y\"}") << false;
    QTest::newRow("raw tab") << QByteArray("[\"a\tb\"]") << false;
    QTest::newRow("escaped control character") << QByteArray(R"(["x\u0001y"])") << true;
}

void TestHttp::parseJsonValue()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    const auto parsed = hearth::http::parseJsonValue(text);
    QCOMPARE(parsed.ok(), valid);
    if (!valid) {
        QCOMPARE(parsed.error().status, 400);
        QCOMPARE(parsed.error().code, QByteArray("invalid_json"));
    }
}

void TestHttp::jsonObjectShape()
{
    const auto array = request("POST", QStringLiteral("/"), "[1]").jsonObject();
    QVERIFY(!array.ok());
    QCOMPARE(array.error().status, 422);
    QVERIFY(request("POST", QStringLiteral("/"), R"({"a":1})").jsonObject().ok());
}

QTEST_APPLESS_MAIN(TestHttp)
#include "tst_http.moc"
