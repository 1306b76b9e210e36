// The client's typed API without a runtime: how answers are worded
// (client/Format) and read (ApiTypes, HearthApi), including an answer that
// is not what the request answers, from a real HTTP server on loopback; the
// event stream's events.
// The CLI and tray tests cover the same operations against a real hearthd.
#include "client/ApiEvents.h"
#include "client/Format.h"
#include "client/HearthApi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QPointer>
#include <QTest>
#include <QTimeZone>
#include <httplib.h>
#include <thread>

using namespace hearth;
using namespace hearth::client;

namespace {

scheduler::Schedule scheduleOf(const QByteArray &json)
{
    return scheduler::Schedule::fromJson(QJsonDocument::fromJson(json).object()).value();
}

// Answers every GET with the body it is given.
class CannedServer
{
public:
    explicit CannedServer(std::string body)
    {
        m_server.Get(".*", [body](const httplib::Request &, httplib::Response &res) {
            res.set_content(body, "application/json");
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this]() { m_server.listen_after_bind(); });
    }
    ~CannedServer()
    {
        m_server.stop();
        m_thread.join();
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }

private:
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
};

} // namespace

class TestApiClient : public QObject
{
    Q_OBJECT

private slots:
    void scheduleInWords_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("words");
        QTest::newRow("seconds") << QByteArray("{\"every_s\":45}")
                                 << QStringLiteral("every 45 second(s)");
        QTest::newRow("minutes") << QByteArray("{\"every_s\":300}")
                                 << QStringLiteral("every 5 minute(s)");
        QTest::newRow("hours") << QByteArray("{\"every_s\":7200}")
                               << QStringLiteral("every 2 hour(s)");
        QTest::newRow("days") << QByteArray("{\"every_s\":86400}")
                              << QStringLiteral("every 1 day(s)");
        QTest::newRow("odd") << QByteArray("{\"every_s\":90}")
                             << QStringLiteral("every 90 second(s)");
        QTest::newRow("cron") << QByteArray("{\"cron\":\"0 9 * * 1-5\"}")
                              << QStringLiteral("cron 0 9 * * 1-5");
        QTest::newRow("cron tz") << QByteArray(
                                        "{\"cron\":\"*/5 * * * *\",\"tz\":\"Europe/Berlin\"}")
                                 << QStringLiteral("cron */5 * * * * (Europe/Berlin)");
    }
    void scheduleInWords()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, words);
        QCOMPARE(format::schedule(scheduleOf(json)), words);
    }

    void onceIsLocalTime()
    {
        const QString text = format::schedule(scheduleOf("{\"at\":\"2026-12-01T08:00:00Z\"}"));
        const QString local = QDateTime(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC)
                                  .toLocalTime()
                                  .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        QCOMPARE(text, QStringLiteral("once at ") + local);
        QCOMPARE(format::localTime(Timestamp()), QStringLiteral("—"));
        QCOMPARE(format::localTime(Timestamp(QStringLiteral("2026-12-01T08:00:00.250Z"))), local);
    }

    void durations()
    {
        QCOMPARE(format::duration(std::nullopt), QStringLiteral("—"));
        QCOMPARE(format::duration(850), QStringLiteral("850 ms"));
        QCOMPARE(format::duration(2500), QLocale().toString(2.5, 'f', 1) + QStringLiteral(" s"));
    }

    void prettyJson_data()
    {
        QTest::addColumn<QByteArray>("wrapped");
        QTest::addColumn<QString>("text");
        QTest::newRow("null") << QByteArray("[null]") << QStringLiteral("null");
        QTest::newRow("string") << QByteArray("[\"a \\\"b\\\"\"]")
                                << QStringLiteral("\"a \\\"b\\\"\"");
        QTest::newRow("number") << QByteArray("[12.5]") << QStringLiteral("12.5");
        QTest::newRow("object") << QByteArray("[{\"a\":1}]")
                                << QStringLiteral("{\n    \"a\": 1\n}\n");
    }
    void prettyJson()
    {
        QFETCH(QByteArray, wrapped);
        QFETCH(QString, text);
        QCOMPARE(format::prettyJson(QJsonDocument::fromJson(wrapped).array().first()), text);
    }

    // A watcher is read with the model's own reader of what the runtime
    // writes: every setting comes back typed.
    void watcherIsReadWithTheModelsSpec()
    {
        scheduler::WatcherSpec spec;
        spec.name = QStringLiteral("price");
        spec.task = scheduler::LuaTask { QStringLiteral("return 1"), { 1000000, 8388608, 5000 } };
        spec.schedule = scheduleOf("{\"cron\":\"*/5 * * * *\",\"tz\":\"Asia/Tokyo\"}");
        spec.concurrency = scheduler::Concurrency::Queue;
        spec.notifyPolicy = scheduler::NotifyPolicy::OnChange;
        QJsonObject json = spec.toJson();
        json.insert(QStringLiteral("id"), QStringLiteral("7"));
        json.insert(QStringLiteral("paused"), true);
        json.insert(QStringLiteral("next_run_at"), QStringLiteral("2026-12-01T08:05:00.000Z"));
        json.insert(QStringLiteral("last_fired_at"), QJsonValue::Null);
        json.insert(QStringLiteral("created_at"), QStringLiteral("2026-11-30T10:00:00.000Z"));
        json.insert(QStringLiteral("updated_at"), QStringLiteral("2026-11-30T10:00:00.000Z"));

        const std::optional<Watcher> watcher = Watcher::fromJson(json);
        QVERIFY(watcher);
        QCOMPARE(watcher->id, QStringLiteral("7"));
        QVERIFY(watcher->paused);
        QCOMPARE(watcher->spec.name, QStringLiteral("price"));
        QCOMPARE(watcher->spec.kind(), scheduler::WatcherKind::Lua);
        QCOMPARE(watcher->spec.lua()->limits.memoryBytes, 8388608);
        QCOMPARE(watcher->spec.timeoutMs(), 5000);
        QCOMPARE(watcher->spec.concurrency, scheduler::Concurrency::Queue);
        QCOMPARE(watcher->spec.notifyPolicy, scheduler::NotifyPolicy::OnChange);
        QCOMPARE(watcher->spec.schedule->cronText(), QStringLiteral("*/5 * * * *"));
        QCOMPARE(watcher->spec.schedule->timeZoneId(), QStringLiteral("Asia/Tokyo"));
        QCOMPARE(watcher->nextRunAt.dateTime(),
                 QDateTime(QDate(2026, 12, 1), QTime(8, 5), QTimeZone::utc()));
        QVERIFY(watcher->lastFiredAt.isNull());

        // Listings leave the script out; the rest reads the same.
        QJsonObject listed = json;
        listed.remove(QStringLiteral("script"));
        const std::optional<Watcher> fromListing = Watcher::fromJson(listed);
        QVERIFY(fromListing);
        QVERIFY(fromListing->spec.lua()->script.isEmpty());
        QCOMPARE(fromListing->spec.lua()->limits.instructions, 1000000);
        QCOMPARE(watcher->spec.lua()->script, QStringLiteral("return 1"));

        json.insert(QStringLiteral("kind"), QStringLiteral("telepathy"));
        QVERIFY(!Watcher::fromJson(json));
    }

    // Statuses, triggers and levels are the model's enums; a name the
    // client does not know makes the answer unreadable, not a guess.
    void enumsAreReadStrictly()
    {
        QJsonObject run { { QStringLiteral("id"), QStringLiteral("3") },
                          { QStringLiteral("watcher_id"), QStringLiteral("7") },
                          { QStringLiteral("status"), QStringLiteral("dead") },
                          { QStringLiteral("trigger"), QStringLiteral("catch_up") },
                          { QStringLiteral("attempt"), 3 },
                          { QStringLiteral("duration_ms"), 1500 },
                          { QStringLiteral("error"),
                            QJsonObject { { QStringLiteral("code"), QStringLiteral("timeout") },
                                          { QStringLiteral("message"), QStringLiteral("late") } } },
                          { QStringLiteral("result"), QJsonValue::Null } };
        const std::optional<Run> read = Run::fromJson(run);
        QVERIFY(read);
        QCOMPARE(read->status, scheduler::RunStatus::Dead);
        QCOMPARE(read->trigger, scheduler::RunTrigger::CatchUp);
        QVERIFY(read->isFinished());
        QCOMPARE(read->durationMs, 1500);
        QVERIFY(!read->instructions);
        QCOMPARE(read->error->code, QStringLiteral("timeout"));
        QCOMPARE(read->resultJson, QByteArray("null"));
        run.insert(QStringLiteral("status"), QStringLiteral("sleeping"));
        QVERIFY(!Run::fromJson(run));

        const QJsonObject line { { QStringLiteral("seq"), 4 },
                                 { QStringLiteral("ts"), QStringLiteral("2026-12-01T08:00:00Z") },
                                 { QStringLiteral("level"), QStringLiteral("warn") },
                                 { QStringLiteral("message"), QStringLiteral("hm") } };
        QCOMPARE(LogLine::fromJson(line)->level, LogLevel::Warn);
        QCOMPARE(LogLine::fromJson(line)->toJson(), line);
        QJsonObject loud = line;
        loud.insert(QStringLiteral("level"), QStringLiteral("loud"));
        QVERIFY(!LogLine::fromJson(loud));
    }

    // Exact JSON text survives: a run read alone keeps its result's digits.
    void resultsKeepTheirDigits()
    {
        const QByteArray body =
            R"({"id":"1","watcher_id":"2","status":"succeeded",)"
            R"("trigger":"manual","attempt":1,"result":{"n":12345678901234567890}})";
        QCOMPARE(Run::fromBody(body)->resultJson, QByteArray(R"({"n":12345678901234567890})"));
    }

    // A 2xx that is not what the request answers is an error naming the
    // request, never an empty list or a default value.
    void anUnexpectedAnswerIsAnError_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("not json") << QByteArray("<html>hello</html>");
        QTest::newRow("no items") << QByteArray(R"({"things":[]})");
        QTest::newRow("a bad item") << QByteArray(R"({"items":[{"id":"1","status":"odd"}]})");
    }
    void anUnexpectedAnswerIsAnError()
    {
        QFETCH(QByteArray, body);
        CannedServer server(body.toStdString());
        ApiClient connection(server.url(), QByteArrayLiteral("tst_apiclient"));
        const HearthApi api(connection);
        const Answer<Page<Run>> answer = api.call(api::runs({ {}, {}, QStringLiteral("5") }));
        QCOMPARE(answer.reply.status, 200);
        QVERIFY(!answer.ok());
        QVERIFY(!answer.reply.isSuccess());
        QCOMPARE(answer.reply.errorCode(), QStringLiteral("unexpected_answer"));
        QVERIFY2(answer.reply.errorMessage().contains(QStringLiteral("GET /api/v1/runs?limit=5")),
                 qPrintable(answer.reply.errorMessage()));
    }

    void listingsAreRead()
    {
        CannedServer server(R"({"items":[{"id":"1","watcher_id":"2","status":"running",)"
                            R"("trigger":"schedule","attempt":2}],"next":"abc"})");
        ApiClient connection(server.url(), QByteArrayLiteral("tst_apiclient"));
        const HearthApi api(connection);
        const Answer<Page<Run>> answer = api.call(api::runs({}));
        QVERIFY(answer.ok());
        QCOMPARE(answer.value->items.size(), 1);
        QCOMPARE(answer.value->items.first().status, scheduler::RunStatus::Running);
        QCOMPARE(answer.value->items.first().attempt, 2);
        QCOMPARE(answer.value->next, QStringLiteral("abc"));
    }

    // The tray's way: asynchronous, read the same way, and an answer for
    // an object that is gone by then is dropped, not delivered.
    void sentOperationsAnswerTheirContext()
    {
        CannedServer server(R"({"items":[{"id":2,"watcher_id":"2","status":"dead",)"
                            R"("trigger":"retry","attempt":3}]})");
        ApiClient connection(server.url(), QByteArrayLiteral("tst_apiclient"));
        const HearthApi api(connection);
        std::optional<Answer<Page<Run>>> answered;
        QObject context;
        api.send(api::runs({}), &context,
                 [&answered](const Answer<Page<Run>> &answer) { answered = answer; });
        QTRY_VERIFY(answered.has_value());
        QVERIFY(answered->ok());
        QCOMPARE(answered->value->items.first().id, QStringLiteral("2")); // a number read as text
        QCOMPARE(answered->value->items.first().status, scheduler::RunStatus::Dead);

        bool late = false;
        auto gone = std::make_unique<QObject>();
        const QPointer<QNetworkReply> reply = api.send(
            api::runs({}), gone.get(), [&late](const Answer<Page<Run>> &) { late = true; });
        QVERIFY(reply);
        gone.reset();
        // The answer comes in (and its reply is deleted after it) without
        // reaching the callback of an object that is gone.
        QTRY_VERIFY(reply.isNull());
        QVERIFY(!late);
    }

    // The event stream's events, read once into typed values.
    void eventsAreTyped()
    {
        const auto read = [](const char *type, const char *data) {
            return readEvent(QByteArray(type), QByteArray(data));
        };
        const auto run = read("run",
                              R"({"action":"started","run":{"id":5,"watcher_id":"1",)"
                              R"("status":"running","trigger":"schedule","attempt":1}})");
        QVERIFY(run && std::holds_alternative<RunEvent>(*run));
        QCOMPARE(std::get<RunEvent>(*run).action, RunEvent::Action::Started);
        QCOMPARE(std::get<RunEvent>(*run).run.id, QStringLiteral("5"));
        QCOMPARE(std::get<RunEvent>(*run).run.status, scheduler::RunStatus::Running);

        const auto log = read("log",
                              R"({"run_id":5,"ts":"2026-12-03T08:00:00Z",)"
                              R"("level":"error","message":"boom"})");
        QVERIFY(log && std::holds_alternative<LogEvent>(*log));
        QCOMPARE(std::get<LogEvent>(*log).runId, QStringLiteral("5"));
        QCOMPARE(std::get<LogEvent>(*log).line.level, LogLevel::Error);
        QCOMPARE(std::get<LogEvent>(*log).line.message, QStringLiteral("boom"));

        const auto created = read("notification",
                                  R"({"action":"created","notification":{"id":"9","level":)"
                                  R"("warning","title":"t","body":"b","read_at":null}})");
        QVERIFY(created && std::holds_alternative<NotificationEvent>(*created));
        const NotificationEvent &notification = std::get<NotificationEvent>(*created);
        QCOMPARE(notification.action, NotificationEvent::Action::Created);
        QCOMPARE(notification.notification->level, NotificationLevel::Warning);
        QVERIFY(!notification.notification->isRead());
        const auto readAll = read("notification", R"({"action":"read_all"})");
        QCOMPARE(std::get<NotificationEvent>(*readAll).action, NotificationEvent::Action::ReadAll);
        QVERIFY(!std::get<NotificationEvent>(*readAll).notification);

        const auto deleted = read("watcher", R"({"action":"deleted","watcher":{"id":4}})");
        QVERIFY(deleted && std::holds_alternative<WatcherEvent>(*deleted));
        QCOMPARE(std::get<WatcherEvent>(*deleted).action, WatcherEvent::Action::Deleted);
        QCOMPARE(std::get<WatcherEvent>(*deleted).watcherId, QStringLiteral("4"));
        const auto updated =
            read("watcher",
                 R"({"action":"updated","watcher":{"id":"4","name":"w","kind":"lua",)"
                 R"("schedule":{"every_s":60},"enabled":false}})");
        QVERIFY(updated && std::holds_alternative<WatcherEvent>(*updated));
        QCOMPARE(std::get<WatcherEvent>(*updated).watcher->spec.name, QStringLiteral("w"));
        QVERIFY(!std::get<WatcherEvent>(*updated).watcher->spec.enabled);

        QVERIFY(std::holds_alternative<ResetEvent>(*read("reset", "")));
        QVERIFY(std::holds_alternative<ChannelsEvent>(
            *read("channel", R"({"action":"deleted","channel":{"id":"2"}})")));
        QVERIFY(std::holds_alternative<ChannelsEvent>(
            *read("delivery", R"({"action":"redriven","count":3})")));
        // What cannot be read is no event, not a half-filled one.
        QVERIFY(!read("run", R"({"action":"created","run":{"id":"1","status":"odd"}})"));
        QVERIFY(!read("log", R"({"run_id":"1","level":"shout","message":"x"})"));
        QVERIFY(!read("watcher", R"({"action":"deleted","watcher":{}})"));
        QVERIFY(!read("weather", R"({})"));
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
