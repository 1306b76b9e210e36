// The sandbox host protocol as hearthd reads it: frames split anywhere, every
// message round-trips, and what a host may not send is refused with a reason
// (hearthd then stops the host). Then hearthd's side of SDK calls with
// arguments no honest host sends: each is refused, nothing is written.
#include "SdkTestServices.h"
#include "sandbox/HostProtocol.h"
#include "sandbox/SdkService.h"

#include <QTest>

using namespace hearth;
using namespace hearth::sandbox;

namespace {

QByteArray payloadOf(const QCborMap &map)
{
    return map.toCborValue().toCbor();
}

// The error of a failed result, for a failing check's message.
template<typename T> QString why(const Result<T> &result)
{
    return result.ok() ? QString() : result.error();
}

QCborMap validDone()
{
    return { { QStringLiteral("t"), QStringLiteral("done") },
             { QStringLiteral("run"), 7 },
             { QStringLiteral("out"), 0 },
             { QStringLiteral("err"), QString() },
             { QStringLiteral("tb"), QString() },
             { QStringLiteral("res"), QByteArray("{\"a\":[1,2.5,null]}") },
             { QStringLiteral("ms"), 3 },
             { QStringLiteral("ins"), 1000 },
             { QStringLiteral("mem"), 4096 } };
}

} // namespace

class TestHostProtocol : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void framesSplitAnywhere();
    void oversizeFramesAreRefusedBeforeTheyArrive();
    void everyMessageRoundTrips();
    void refusedHostMessages_data();
    void refusedHostMessages();
    void sdkCallsWithHostileArguments_data();
    void sdkCallsWithHostileArguments();
    void kvNamespaceComesFromTheRun();
};

void TestHostProtocol::framesSplitAnywhere()
{
    const QByteArray stream = encodeFrame(validDone()) +
        encodeFrame({ { QStringLiteral("t"), QStringLiteral("checked") },
                      { QStringLiteral("run"), 8 },
                      { QStringLiteral("err"), QString() } });
    for (qsizetype piece = 1; piece <= stream.size(); ++piece) {
        FrameReader reader(1024);
        QList<QByteArray> payloads;
        for (qsizetype offset = 0; offset < stream.size(); offset += piece) {
            reader.append(stream.constData() + offset, std::min(piece, stream.size() - offset));
            QByteArray payload;
            while (reader.next(payload) == FrameReader::Status::Frame)
                payloads.append(payload);
        }
        QCOMPARE(payloads.size(), 2);
        QCOMPARE(runOf(decodeHostMessage(payloads.at(0)).value()), quint64(7));
        QCOMPARE(runOf(decodeHostMessage(payloads.at(1)).value()), quint64(8));
    }
}

void TestHostProtocol::oversizeFramesAreRefusedBeforeTheyArrive()
{
    FrameReader reader(MaxHostFrameBytes);
    const char header[] = { 0x7f, char(0xff), char(0xff), char(0xff) };
    reader.append(header, 4);
    QByteArray payload;
    QCOMPARE(reader.next(payload), FrameReader::Status::TooLarge);
}

void TestHostProtocol::everyMessageRoundTrips()
{
    lua::ScriptContext context;
    context.runId = QStringLiteral("12");
    context.attempt = 3;
    context.watcherId = QStringLiteral("4");
    context.watcherName = QStringLiteral("prices ü");
    context.eventJson = "{\"x\":1}";
    context.lastResultJson = "[1]";
    context.lastSnapshot = QByteArray(); // an empty snapshot is one, not none
    const RuntimeMessage run = RunRequest { 9, "return 1", context, { 1000, 2 << 20, 500 } };
    auto decodedRun = decodeRuntimeMessage(payloadOf(encodeRuntimeMessage(run)));
    QVERIFY2(decodedRun.ok(), qPrintable(why(decodedRun)));
    const auto &request = std::get<RunRequest>(decodedRun.value());
    QCOMPARE(request.run, quint64(9));
    QCOMPARE(request.source, QByteArray("return 1"));
    QCOMPARE(request.context.watcherName, context.watcherName);
    QCOMPARE(request.context.attempt, 3);
    QCOMPARE(request.context.lastResultJson, context.lastResultJson);
    QCOMPARE(request.context.lastSnapshot, std::optional<QByteArray>(QByteArray()));
    QCOMPARE(request.limits.memoryBytes, qint64(2 << 20));
    context.lastSnapshot.reset();
    const auto withoutSnapshot = decodeRuntimeMessage(
        payloadOf(encodeRuntimeMessage(RunRequest { 9, "return 1", context, {} })));
    QCOMPARE(std::get<RunRequest>(withoutSnapshot.value()).context.lastSnapshot, std::nullopt);

    const RuntimeMessage reply = CallReply { 9, 2, false, {}, QStringLiteral("kv.get: nope") };
    const auto decodedReply = decodeRuntimeMessage(payloadOf(encodeRuntimeMessage(reply)));
    QCOMPARE(std::get<CallReply>(decodedReply.value()).error, QStringLiteral("kv.get: nope"));

    const HostMessage call =
        SdkCall { 9, 1, SdkFunction::KvGlobalSet, { QByteArray("k"), QByteArray("1") } };
    const auto decodedCall = decodeHostMessage(payloadOf(encodeHostMessage(call)));
    QVERIFY2(decodedCall.ok(), qPrintable(why(decodedCall)));
    QCOMPARE(std::get<SdkCall>(decodedCall.value()).function, SdkFunction::KvGlobalSet);

    const auto done = decodeHostMessage(payloadOf(validDone()));
    QVERIFY2(done.ok(), qPrintable(why(done)));
    QCOMPARE(std::get<RunDone>(done.value()).result.instructions, qint64(1000));
    QCOMPARE(std::get<RunDone>(done.value()).result.snapshot, std::nullopt);

    lua::ExecutionResult kept;
    kept.snapshot = QByteArray("page text");
    const auto withSnapshot = decodeHostMessage(payloadOf(encodeHostMessage(RunDone { 9, kept })));
    QVERIFY2(withSnapshot.ok(), qPrintable(why(withSnapshot)));
    QCOMPARE(std::get<RunDone>(withSnapshot.value()).result.snapshot,
             std::optional<QByteArray>("page text"));
}

void TestHostProtocol::refusedHostMessages_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("reason");
    const auto withDone = [](const QString &key, const QCborValue &value) {
        QCborMap map = validDone();
        if (value.isUndefined())
            map.remove(key);
        else
            map.insert(key, value);
        return payloadOf(map);
    };
    QTest::newRow("not CBOR") << QByteArray("\xff\xff\xff") << QStringLiteral("not CBOR");
    QTest::newRow("an array") << payloadOf({}).replace(0, 1, "\x80")
                              << QStringLiteral("not a CBOR map");
    QTest::newRow("unknown type") << withDone(QStringLiteral("t"), QStringLiteral("exec"))
                                  << QStringLiteral("unknown message type");
    QTest::newRow("run missing") << withDone(QStringLiteral("run"), QCborValue())
                                 << QStringLiteral("\"run\"");
    QTest::newRow("negative run") << withDone(QStringLiteral("run"), -1)
                                  << QStringLiteral("\"run\"");
    QTest::newRow("result not JSON")
        << withDone(QStringLiteral("res"), QByteArray("{nope")) << QStringLiteral("\"res\"");
    QTest::newRow("two JSON values")
        << withDone(QStringLiteral("res"), QByteArray("1],[2")) << QStringLiteral("\"res\"");
    QTest::newRow("result as text")
        << withDone(QStringLiteral("res"), QStringLiteral("null")) << QStringLiteral("\"res\"");
    QTest::newRow("result too large")
        << withDone(QStringLiteral("res"), QByteArray(lua::RunCaps::MaxResultBytes + 1, ' '))
        << QStringLiteral("\"res\"");
    QTest::newRow("claims sandbox_crashed")
        << withDone(QStringLiteral("out"), int(lua::Outcome::SandboxCrashed))
        << QStringLiteral("\"out\"");
    QTest::newRow("outcome out of range")
        << withDone(QStringLiteral("out"), 99) << QStringLiteral("\"out\"");
    QTest::newRow("unknown function")
        << payloadOf({ { QStringLiteral("t"), QStringLiteral("call") },
                       { QStringLiteral("run"), 1 },
                       { QStringLiteral("seq"), 1 },
                       { QStringLiteral("fn"), QStringLiteral("os.execute") },
                       { QStringLiteral("args"), QCborArray() } })
        << QStringLiteral("unknown SDK function");
    QTest::newRow("too many arguments")
        << payloadOf({ { QStringLiteral("t"), QStringLiteral("call") },
                       { QStringLiteral("run"), 1 },
                       { QStringLiteral("seq"), 1 },
                       { QStringLiteral("fn"), QStringLiteral("kv.get") },
                       { QStringLiteral("args"), QCborArray { 1, 2, 3, 4, 5, 6, 7, 8, 9 } } })
        << QStringLiteral("\"args\"");
    QTest::newRow("log level") << payloadOf({ { QStringLiteral("t"), QStringLiteral("log") },
                                              { QStringLiteral("run"), 1 },
                                              { QStringLiteral("lvl"), QStringLiteral("fatal") },
                                              { QStringLiteral("msg"), QStringLiteral("x") } })
                               << QStringLiteral("\"lvl\"");
    QTest::newRow("log data not JSON")
        << payloadOf({ { QStringLiteral("t"), QStringLiteral("log") },
                       { QStringLiteral("run"), 1 },
                       { QStringLiteral("lvl"), QStringLiteral("info") },
                       { QStringLiteral("msg"), QStringLiteral("x") },
                       { QStringLiteral("data"), QByteArray("\"unterminated") } })
        << QStringLiteral("\"data\"");
}

void TestHostProtocol::refusedHostMessages()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, reason);
    const auto decoded = decodeHostMessage(payload);
    QVERIFY(!decoded.ok());
    QVERIFY2(decoded.error().contains(reason), qPrintable(decoded.error()));
}

void TestHostProtocol::sdkCallsWithHostileArguments_data()
{
    QTest::addColumn<int>("function");
    QTest::addColumn<QCborArray>("args");
    QTest::addColumn<QString>("error");
    QTest::newRow("kv.get without a key")
        << int(SdkFunction::KvGet) << QCborArray() << QStringLiteral("kv.get: argument 1");
    QTest::newRow("kv.get key as a number")
        << int(SdkFunction::KvGet) << QCborArray { 5 } << QStringLiteral("kv.get: argument 1");
    QTest::newRow("kv.get control character")
        << int(SdkFunction::KvGet) << QCborArray { QByteArray("a\nb") }
        << QStringLiteral("kv.get:");
    QTest::newRow("kv.set value not JSON")
        << int(SdkFunction::KvSet) << QCborArray { QByteArray("k"), QByteArray("{oops") }
        << QStringLiteral("kv.set: the value is not JSON");
    QTest::newRow("kv.set value too large")
        << int(SdkFunction::KvSet)
        << QCborArray { QByteArray("k"), QByteArray(KvRepository::MaxValueBytes + 1, '1') }
        << QStringLiteral("kv.set: argument 2");
    QTest::newRow("kv.list prefix as bytes")
        << int(SdkFunction::KvList) << QCborArray { QByteArray("p") }
        << QStringLiteral("kv.list: argument 1");
    QTest::newRow("secrets.get name as bytes")
        << int(SdkFunction::SecretsGet) << QCborArray { QByteArray("X") }
        << QStringLiteral("secrets.get: argument 1");
    QTest::newRow("notify title missing")
        << int(SdkFunction::Notify)
        << QCborArray { QCborValue(), QString(), QStringLiteral("info") }
        << QStringLiteral("title must be a non-empty string");
    QTest::newRow("notify level") << int(SdkFunction::Notify)
                                  << QCborArray { QStringLiteral("t"), QString(), 3 }
                                  << QStringLiteral("level must be");
    QTest::newRow("http with no arguments") << int(SdkFunction::HttpRequest) << QCborArray()
                                            << QStringLiteral("http: the request is malformed");
    QTest::newRow("http headers not pairs")
        << int(SdkFunction::HttpRequest)
        << QCborArray { QByteArray("GET"), QStringLiteral("http://127.0.0.1:1/"),
                        QCborArray { QCborArray { QByteArray("A") } }, QByteArray(), 1 }
        << QStringLiteral("http: headers must map names to strings");
    QTest::newRow("http file URL")
        << int(SdkFunction::HttpRequest)
        << QCborArray { QByteArray("GET"), QStringLiteral("file:///etc/passwd"), QCborArray(),
                        QByteArray(), 1 }
        << QStringLiteral("only http:// and https://");
    QTest::newRow("http negative timeout")
        << int(SdkFunction::HttpRequest)
        << QCborArray { QByteArray("GET"), QStringLiteral("http://127.0.0.1:1/"), QCborArray(),
                        QByteArray(), -1 }
        << QStringLiteral("timeout_s must be positive");
}

void TestHostProtocol::sdkCallsWithHostileArguments()
{
    QFETCH(int, function);
    QFETCH(QCborArray, args);
    QFETCH(QString, error);
    SdkTestServices services;
    QVERIFY(services.ready);
    lua::ScriptContext context;
    context.watcherId = QStringLiteral("3");
    SdkService sdk({ &services.kvService, services.secrets.get(), &services.notificationService },
                   context, SdkService::Clock::now() + std::chrono::seconds(5));
    const CallReply reply = sdk.handle({ 1, 1, SdkFunction(function), args });
    QVERIFY(!reply.ok);
    QVERIFY2(reply.error.contains(error), qPrintable(reply.error));
    QCOMPARE(services.kv.list(QStringLiteral("watcher:3"), {}, std::nullopt, 10)->entries.size(),
             0);
    bool more = false;
    QCOMPARE(services.notifications.list(false, std::nullopt, 10, &more)->size(), 0);
}

void TestHostProtocol::kvNamespaceComesFromTheRun()
{
    SdkTestServices services;
    QVERIFY(services.ready);
    lua::ScriptContext context;
    context.watcherId = QStringLiteral("5");
    SdkService sdk({ &services.kvService, nullptr, nullptr }, context,
                   SdkService::Clock::now() + std::chrono::seconds(5));
    // The call names no namespace: the run's watcher decides it.
    QVERIFY(sdk.handle({ 1, 1, SdkFunction::KvSet, { QByteArray("k"), QByteArray("1") } }).ok);
    QVERIFY(services.kv.get(QStringLiteral("watcher:5"), QStringLiteral("k"))->has_value());
    QVERIFY(!services.kv.get(QStringLiteral("watcher:6"), QStringLiteral("k"))->has_value());
    QVERIFY(!services.kv.get(QString(), QStringLiteral("k"))->has_value());
    QVERIFY(
        sdk.handle({ 1, 2, SdkFunction::KvGlobalSet, { QByteArray("g"), QByteArray("2") } }).ok);
    QVERIFY(services.kv.get(QString(), QStringLiteral("g"))->has_value());
}

QTEST_GUILESS_MAIN(TestHostProtocol)
#include "tst_hostprotocol.moc"
