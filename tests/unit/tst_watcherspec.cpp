// Watcher validation: defaults, every field's errors (naming the field),
// ceilings from hearthd's config, scripts that do not compile, and PATCH.
#include "SandboxHosts.h"
#include "model/Channel.h"
#include "model/FolderManifest.h"
#include "model/WatcherSpec.h"

#include <QDateTime>
#include <QDir>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace hearth::scheduler;

namespace {
const hearth::lua::Limits Ceilings { 1'000'000'000, 512LL * 1024 * 1024, 300'000 };

// Scripts compile in a real sandbox host, as in hearthd.
const SyntaxChecker &checkSyntax()
{
    static const auto pool = makeSandboxPool({}, 1);
    static const SyntaxChecker check = [](const QByteArray &source) {
        return pool->checkSyntax(source);
    };
    return check;
}

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}
} // namespace

class TestWatcherSpec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultsAndRoundTrip();
    void digestPeriodsEnd_data();
    void digestPeriodsEnd();
    void invalid_data();
    void invalid();
    void patch();
    void chained();
    void folderTrigger();
    void folderChanges();
    void agentDefaultsAndRoundTrip();
    void invalidAgent_data();
    void invalidAgent();
    void patchKind();
};

void TestWatcherSpec::defaultsAndRoundTrip()
{
    auto spec = WatcherSpec::fromJson(
        object(R"({"name":" prices ","script":"return 1","schedule":{"every_s":60}})"), Ceilings,
        checkSyntax());
    QVERIFY2(spec.ok(), qPrintable(spec ? QString() : spec.error().message));
    QCOMPARE(spec->name, QStringLiteral("prices"));
    QCOMPARE(spec->maxAttempts, 3);
    QCOMPARE(spec->backoffBaseSeconds, 30);
    QCOMPARE(spec->backoffMaxSeconds, 3600);
    QVERIFY(spec->concurrency == Concurrency::Forbid);
    QVERIFY(spec->catchUp == CatchUp::Once);
    QVERIFY(spec->notifyPolicy == NotifyPolicy::OnFailure);
    QCOMPARE(spec->timeoutMs(), 30'000);
    QVERIFY(spec->lua());
    QCOMPARE(spec->lua()->limits.timeoutMs, 30'000);
    // hearthd's own history limits unless the watcher has its own.
    QVERIFY(!spec->history.keepRuns && !spec->history.keepDays);
    const QJsonObject json = spec->toJson();
    QCOMPARE(json.value(QStringLiteral("concurrency")).toString(), QStringLiteral("forbid"));
    QCOMPARE(json.value(QStringLiteral("history")).toObject(),
             object(R"({"keep_runs":null,"keep_days":null,"keep_snapshots":null,)"
                    R"("keep_snapshot_days":null})"));
    auto again = WatcherSpec::fromJson(json, Ceilings, checkSyntax());
    QVERIFY(again.ok());
    QCOMPARE(again->toJson(), json);

    auto own =
        WatcherSpec::fromJson(object(R"({"name":"w","script":"return 1","schedule":{"every_s":60},)"
                                     R"("history":{"keep_runs":50,"keep_days":null}})"),
                              Ceilings, checkSyntax());
    QVERIFY(own.ok());
    QCOMPARE(own->history.keepRuns, 50);
    QVERIFY(!own->history.keepDays);
    // A PATCH replaces the object whole, as with notify and backoff.
    auto patched = WatcherSpec::patched(own.value(), object(R"({"history":{"keep_days":7}})"),
                                        Ceilings, checkSyntax());
    QVERIFY(patched.ok());
    QVERIFY(!patched->history.keepRuns);
    QCOMPARE(patched->history.keepDays, 7);
    QCOMPARE(WatcherSpec::fromStored(patched->toJson())->history.keepDays, 7);
}

void TestWatcherSpec::invalid_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    const auto row = [](const char *name, const char *extra, const char *field,
                        const char *message) {
        QByteArray json = R"({"name":"w","script":"return 1","schedule":{"every_s":60})";
        json += extra;
        json += '}';
        QTest::newRow(name) << json << QString::fromLatin1(field) << QString::fromLatin1(message);
    };
    row("unknown field", R"(,"colour":"red")", "colour", "is not a field");
    row("script does not compile", R"(,"script":"return (")", "script", "script:1:");
    row("bad schedule", R"(,"schedule":{"cron":"* * 32 * *"})", "schedule.cron", "field 3");
    row("unknown kind", R"(,"kind":"python")", "kind", "one of lua, agent");
    row("prompt on a lua watcher", R"(,"prompt":"hi")", "prompt", "is not a field of lua watchers");
    row("enabled not bool", R"(,"enabled":"yes")", "enabled", "true or false");
    row("timeout above ceiling", R"(,"timeout_s":301)", "timeout_s",
        "301 is above the ceiling of 300");
    row("instructions above ceiling", R"(,"limits":{"instructions":2000000000})",
        "limits.instructions", "above the ceiling of 1000000000");
    row("memory below minimum", R"(,"limits":{"memory_bytes":10})", "limits.memory_bytes",
        "below the minimum");
    row("unknown limit", R"(,"limits":{"cpu":1})", "limits.cpu", "is not a field");
    row("attempts zero", R"(,"max_attempts":0)", "max_attempts", "below the minimum");
    row("backoff max below base", R"(,"backoff":{"base_s":60,"max_s":30})", "backoff.max_s",
        "below the minimum of 60");
    row("concurrency", R"(,"concurrency":"sometimes")", "concurrency",
        "one of forbid, queue, replace");
    row("catch up", R"(,"catch_up":"most")", "catch_up", "one of once, skip, all");
    row("notify policy", R"(,"notify":{"policy":"loudly"})", "notify.policy", "on_failure");
    row("notify budget", R"(,"notify":{"daily_budget":-1})", "notify.daily_budget", "below");
    row("escalation budget above ceiling", R"(,"escalations":{"daily_budget":1001})",
        "escalations.daily_budget", "above the ceiling of 1000");
    row("escalation budget negative", R"(,"escalations":{"daily_budget":-1})",
        "escalations.daily_budget", "below the minimum of 0");
    row("escalations unknown field", R"(,"escalations":{"per_hour":1})", "escalations.per_hour",
        "is not a field");
    row("history not an object", R"(,"history":7)", "history", "must be an object");
    row("history unknown field", R"(,"history":{"keep":5})", "history.keep", "is not a field");
    row("keep runs below minimum", R"(,"history":{"keep_runs":9})", "history.keep_runs",
        "9 is below the minimum of 10");
    row("keep runs above ceiling", R"(,"history":{"keep_runs":1000001})", "history.keep_runs",
        "above the ceiling of 1000000");
    row("keep days not a number", R"(,"history":{"keep_days":"week"})", "history.keep_days",
        "whole number");
    row("keep days above ceiling", R"(,"history":{"keep_days":3651})", "history.keep_days",
        "above the ceiling of 3650");
    QTest::newRow("no name") << QByteArray(R"({"script":"return 1","schedule":{"every_s":60}})")
                             << QStringLiteral("name") << QStringLiteral("non-empty");
    QTest::newRow("no schedule") << QByteArray(R"({"name":"w","script":"return 1"})")
                                 << QStringLiteral("schedule") << QStringLiteral("required");
    row("schedule and trigger", R"(,"trigger":{"after":"x"})", "schedule", "cannot both be given");
    const auto chained = [](const char *name, const char *trigger, const char *field,
                            const char *message) {
        QByteArray json = R"({"name":"w","script":"return 1","trigger":)";
        json += trigger;
        json += '}';
        QTest::newRow(name) << json << QString::fromLatin1(field) << QString::fromLatin1(message);
    };
    chained("trigger not an object", R"("price check")", "trigger", "must be {\"after\"");
    chained("trigger without after", R"({"when":"changed"})", "trigger.after", "must name");
    chained("trigger after blank", R"({"after":"  "})", "trigger.after", "must name");
    chained("trigger after a number", R"({"after":7})", "trigger.after", "must name");
    chained("trigger when unknown", R"({"after":"x","when":"sometimes"})", "trigger.when",
            "one of succeeded, changed, failed, notified");
    chained("trigger unknown field", R"({"after":"x","every":1})", "trigger.every",
            "is not a field");
    chained("trigger after and path", R"({"after":"x","path":"/tmp"})", "trigger",
            "{\"path\": \"~/folder\"");
    chained("trigger path and webhook", R"({"path":"/tmp","webhook":{}})", "trigger",
            "{\"webhook\": {\"verify\"");
    chained("webhook not an object", R"({"webhook":"github"})", "trigger.webhook",
            "must be an object");
    chained("webhook verify unknown", R"({"webhook":{"verify":"md5"}})", "trigger.webhook.verify",
            "one of standard, github, none");
    chained("webhook token malformed", R"({"webhook":{"token":"short"}})", "trigger.webhook.token",
            "made by hearthd");
    chained("webhook unknown field", R"({"webhook":{"secret":"s"}})", "trigger.webhook.secret",
            "is not a field");
    chained("webhook beside another field", R"({"webhook":{},"glob":"*"})", "trigger.glob",
            "is not a field");
    chained("trigger neither", R"({})", "trigger", "must be {\"after\"");
    chained("folder path not text", R"({"path":7})", "trigger.path", "must name the folder");
    chained("folder path relative", R"({"path":"Downloads"})", "trigger.path",
            "must be an absolute path or start with ~/");
    chained("folder path ~user", R"({"path":"~bob/x"})", "trigger.path", "absolute");
    chained("folder recursive not a bool", R"({"path":"/tmp","recursive":"yes"})",
            "trigger.recursive", "true or false");
    chained("folder glob empty", R"({"path":"/tmp","glob":" "})", "trigger.glob", "pattern");
    chained("folder settle too short", R"({"path":"/tmp","settle_ms":50})", "trigger.settle_ms",
            "100");
    chained("folder settle too long", R"({"path":"/tmp","settle_ms":600001})", "trigger.settle_ms",
            "600000");
    chained("folder unknown field", R"({"path":"/tmp","depth":2})", "trigger.depth",
            "is not a field");
    chained("trigger after itself", R"({"after":"w"})", "trigger.after", "itself");
}

void TestWatcherSpec::folderTrigger()
{
    auto spec = WatcherSpec::fromJson(
        object(
            R"({"name":"w","script":"return 1","trigger":{"path":"~/Downloads","glob":"*.pdf"}})"),
        Ceilings, checkSyntax());
    QVERIFY2(spec.ok(), qPrintable(spec ? QString() : spec.error().message));
    QVERIFY(!spec->schedule && !spec->chain());
    const FolderTrigger &folder = *spec->folder();
    QCOMPARE(folder.folder(), QDir::homePath() + QStringLiteral("/Downloads"));
    QCOMPARE(folder.recursive, false);
    QCOMPARE(folder.settleMs, FolderTrigger::DefaultSettleMs);
    const QJsonObject json = spec->toJson();
    QCOMPARE(json.value(QStringLiteral("trigger")).toObject(),
             object(R"({"path":"~/Downloads","recursive":false,"glob":"*.pdf","settle_ms":2000})"));
    QCOMPARE(WatcherSpec::fromStored(json)->toJson(), json);

    // A glob without '/' is matched against the name, one with '/'
    // against the path under the folder.
    const FolderTrigger::Selector byName = folder.selector();
    QVERIFY(byName.selects(QStringLiteral("a.pdf")));
    QVERIFY(byName.selects(QStringLiteral("sub/deeper/a.pdf")));
    QVERIFY(!byName.selects(QStringLiteral("a.pdf.part")));
    QVERIFY(!byName.selects(QStringLiteral("a.PDF"))); // case matters, as on Linux
    const FolderTrigger::Selector byPath(QStringLiteral("invoices/*.pdf"));
    QVERIFY(byPath.selects(QStringLiteral("invoices/may.pdf")));
    QVERIFY(!byPath.selects(QStringLiteral("may.pdf")));
    QVERIFY(!byPath.selects(QStringLiteral("old/invoices/may.pdf")));
    QVERIFY(FolderTrigger::Selector(QString()).selects(QStringLiteral("anything/at.all")));

    // The scope (what a stored manifest was taken for) follows the folder,
    // recursion and glob, not the settle time.
    FolderTrigger other = folder;
    other.settleMs = 500;
    QCOMPARE(other.scope(), folder.scope());
    other.recursive = true;
    QVERIFY(other.scope() != folder.scope());

    // A PATCH with a schedule drops the folder trigger.
    auto scheduled = WatcherSpec::patched(spec.value(), object(R"({"schedule":{"every_s":60}})"),
                                          Ceilings, checkSyntax());
    QVERIFY(scheduled.ok());
    QVERIFY(scheduled->schedule && !scheduled->trigger);
}

void TestWatcherSpec::folderChanges()
{
    const FolderManifest before { { QStringLiteral("a.txt"), { 1, 100 } },
                                  { QStringLiteral("b.txt"), { 2, 100 } },
                                  { QStringLiteral("c.txt"), { 3, 100 } } };
    const FolderManifest after { { QStringLiteral("a.txt"), { 1, 100 } },
                                 { QStringLiteral("b.txt"), { 2, 200 } }, // touched
                                 { QStringLiteral("d/e.txt"), { 5, 300 } } };
    const FolderChanges changes = compareManifests(before, after);
    QCOMPARE(changes.created, QStringList { QStringLiteral("d/e.txt") });
    QCOMPARE(changes.modified, QStringList { QStringLiteral("b.txt") });
    QCOMPARE(changes.removed, QStringList { QStringLiteral("c.txt") });
    QCOMPARE(changes.count(), 3);
    QCOMPARE(changes.current.keys(),
             (QStringList { QStringLiteral("b.txt"), QStringLiteral("d/e.txt") }));
    QVERIFY(compareManifests(after, after).isEmpty());

    QCOMPARE(changes.toEvent(QStringLiteral("/in"), 10),
             object(R"({"path":"/in","created":["/in/d/e.txt"],"modified":["/in/b.txt"],)"
                    R"("removed":["/in/c.txt"]})"));
    // Beyond the cap the rest are counted, not listed.
    QCOMPARE(changes.toEvent(QStringLiteral("/in"), 2),
             object(R"({"path":"/in","created":["/in/d/e.txt"],"modified":["/in/b.txt"],)"
                    R"("removed":[],"truncated":1})"));
}

void TestWatcherSpec::chained()
{
    auto spec = WatcherSpec::fromJson(
        object(R"({"name":"w","script":"return 1","trigger":{"after":" price check "}})"), Ceilings,
        checkSyntax());
    QVERIFY2(spec.ok(), qPrintable(spec ? QString() : spec.error().message));
    QVERIFY(!spec->schedule);
    QCOMPARE(spec->chain()->after, QStringLiteral("price check"));
    QCOMPARE(spec->chain()->when, ChainCondition::Succeeded);
    const QJsonObject json = spec->toJson();
    QCOMPARE(json.value(QStringLiteral("trigger")).toObject(),
             object(R"({"after":"price check","when":"succeeded"})"));
    QVERIFY(!json.contains(QStringLiteral("schedule")));
    // What is stored reads back the same.
    QCOMPARE(WatcherSpec::fromStored(json)->toJson(), json);

    // A PATCH with a schedule replaces the trigger, and one with a trigger
    // the schedule.
    auto scheduled = WatcherSpec::patched(spec.value(), object(R"({"schedule":{"every_s":60}})"),
                                          Ceilings, checkSyntax());
    QVERIFY(scheduled.ok());
    QVERIFY(scheduled->schedule && !scheduled->trigger);
    auto triggered = WatcherSpec::patched(
        scheduled.value(), object(R"({"trigger":{"after":"feed","when":"notified"}})"), Ceilings,
        checkSyntax());
    QVERIFY(triggered.ok());
    QVERIFY(!triggered->schedule);
    QCOMPARE(triggered->chain()->when, ChainCondition::Notified);
    const auto both = WatcherSpec::patched(
        scheduled.value(), object(R"({"schedule":{"every_s":5},"trigger":{"after":"feed"}})"),
        Ceilings, checkSyntax());
    QVERIFY(!both);
    QCOMPARE(both.error().field, QStringLiteral("schedule"));
}

void TestWatcherSpec::invalid()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const auto spec = WatcherSpec::fromJson(object(json), Ceilings, checkSyntax());
    QVERIFY(!spec);
    QCOMPARE(spec.error().field, field);
    QVERIFY2(spec.error().message.contains(message), qPrintable(spec.error().message));
}

void TestWatcherSpec::patch()
{
    auto spec = WatcherSpec::fromJson(
        object(R"({"name":"w","script":"return 1","schedule":{"every_s":60},"max_attempts":5})"),
        Ceilings, checkSyntax());
    QVERIFY(spec.ok());
    auto patched =
        WatcherSpec::patched(spec.value(), object(R"({"enabled":false})"), Ceilings, checkSyntax());
    QVERIFY(patched.ok());
    QCOMPARE(patched->enabled, false);
    QCOMPARE(patched->maxAttempts, 5);
    const auto refused =
        WatcherSpec::patched(spec.value(), object(R"({"script":"("})"), Ceilings, checkSyntax());
    QVERIFY(!refused);
    QCOMPARE(refused.error().field, QStringLiteral("script"));
}

void TestWatcherSpec::agentDefaultsAndRoundTrip()
{
    auto spec = WatcherSpec::fromJson(
        object(R"({"name":"triage","kind":"agent","prompt":"Summarise new issues",
                   "agent_kind":"claude","device_worker_id":"3","schedule":{"every_s":3600},
                   "env_secrets":["GITHUB_TOKEN"],"workdir":"/tmp",
                   "result_schema":{"type":"object","required":["notify"]}})"),
        Ceilings, checkSyntax());
    QVERIFY2(spec.ok(), qPrintable(spec ? QString() : spec.error().message));
    QVERIFY(spec->isAgent());
    QCOMPARE(spec->agent()->agentKind, QStringLiteral("claude"));
    QCOMPARE(spec->agent()->deviceWorkerId, 3);
    // Agents are slow: ten minutes unless the watcher says otherwise, and
    // not capped by the Lua ceiling.
    QCOMPARE(spec->timeoutMs(), 600'000);
    QCOMPARE(spec->agent()->envSecrets.value(QStringLiteral("GITHUB_TOKEN")),
             QStringLiteral("GITHUB_TOKEN"));
    const QJsonObject json = spec->toJson();
    QVERIFY(!json.contains(QStringLiteral("script")));
    QVERIFY(!json.contains(QStringLiteral("limits")));
    QCOMPARE(json.value(QStringLiteral("device_worker_id")).toString(), QStringLiteral("3"));
    QCOMPARE(json.value(QStringLiteral("env_secrets")).toObject(),
             QJsonObject({ { QStringLiteral("GITHUB_TOKEN"), QStringLiteral("GITHUB_TOKEN") } }));
    QCOMPARE(json.value(QStringLiteral("result_schema")).toObject(),
             object(R"({"type":"object","required":["notify"]})"));
    auto again = WatcherSpec::fromJson(json, Ceilings, checkSyntax());
    QVERIFY(again.ok());
    QCOMPARE(again->toJson(), json);
    auto stored = WatcherSpec::fromStored(json);
    QVERIFY(stored.ok());
    QCOMPARE(stored->toJson(), json);
    // Stored specs are read for shape: a schema a stricter check would now
    // refuse stays readable (results are still checked against it, failing
    // closed), while the shape itself is still required.
    QJsonObject strict = json;
    strict.insert(QStringLiteral("result_schema"), object(R"({"$ref":"#"})"));
    QVERIFY(!WatcherSpec::fromJson(strict, Ceilings, checkSyntax()).ok());
    QVERIFY(WatcherSpec::fromStored(strict).ok());
    strict.insert(QStringLiteral("result_schema"), 7);
    QVERIFY(!WatcherSpec::fromStored(strict).ok());
}

void TestWatcherSpec::invalidAgent_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    const auto row = [](const char *name, const char *extra, const char *field,
                        const char *message) {
        QByteArray json =
            R"({"name":"a","kind":"agent","prompt":"go","agent_kind":"codex","schedule":{"every_s":60})";
        json += extra;
        json += '}';
        QTest::newRow(name) << json << QString::fromLatin1(field) << QString::fromLatin1(message);
    };
    row("script on an agent", R"(,"script":"return 1")", "script",
        "is not a field of agent watchers");
    row("empty prompt", R"(,"prompt":"  ")", "prompt", "non-empty");
    row("bad agent kind", R"(,"agent_kind":"../claude")", "agent_kind", "agent profile");
    row("worker id not digits", R"(,"device_worker_id":"abc")", "device_worker_id", "worker id");
    row("secret list of numbers", R"(,"env_secrets":[1])", "env_secrets", "secret names");
    row("variable name", R"(,"env_secrets":{"1X":"token"})", "env_secrets",
        "not an environment variable name");
    row("secret name", R"(,"env_secrets":{"TOKEN":"no spaces"})", "env_secrets",
        "not a secret name");
    row("relative workdir", R"(,"workdir":"src")", "workdir", "absolute path");
    row("escalations on an agent", R"(,"escalations":{"daily_budget":1})", "escalations",
        "is not a field of agent watchers");
    row("timeout above a day", R"(,"timeout_s":86401)", "timeout_s", "above the ceiling");
    row("result schema not an object", R"(,"result_schema":[1])", "result_schema",
        "must be a JSON Schema");
    row("recursive result schema", R"(,"result_schema":{"$ref":"#"})", "result_schema",
        "makes the schema recursive");
    QTest::newRow("no prompt")
        << QByteArray(
               R"({"name":"a","kind":"agent","agent_kind":"codex","schedule":{"every_s":60}})")
        << QStringLiteral("prompt") << QStringLiteral("non-empty");
    QTest::newRow("no agent kind")
        << QByteArray(R"({"name":"a","kind":"agent","prompt":"go","schedule":{"every_s":60}})")
        << QStringLiteral("agent_kind") << QStringLiteral("agent profile");
}

void TestWatcherSpec::invalidAgent()
{
    invalid();
}

void TestWatcherSpec::patchKind()
{
    auto lua = WatcherSpec::fromJson(
        object(R"({"name":"w","script":"return 1","schedule":{"every_s":60},"timeout_s":10})"),
        Ceilings, checkSyntax());
    QVERIFY(lua.ok());
    // Switching kind drops the script, limits and the Lua timeout.
    auto agent = WatcherSpec::patched(
        lua.value(), object(R"({"kind":"agent","prompt":"go","agent_kind":"claude"})"), Ceilings,
        checkSyntax());
    QVERIFY2(agent.ok(), qPrintable(agent ? QString() : agent.error().message));
    QVERIFY(agent->isAgent());
    QVERIFY(!agent->lua()); // the script went with the kind
    QCOMPARE(agent->timeoutMs(), 600'000);
    auto back =
        WatcherSpec::patched(agent.value(), object(R"({"kind":"lua"})"), Ceilings, checkSyntax());
    QVERIFY(!back);
    QCOMPARE(back.error().field, QStringLiteral("script"));
}

// A channel's digest ends its periods on the zone's clock: hourly on the
// hour (a half-hour zone on its half hour), daily at its time, also across
// a clock change.
void TestWatcherSpec::digestPeriodsEnd_data()
{
    QTest::addColumn<QJsonObject>("digest");
    QTest::addColumn<QString>("after"); // UTC
    QTest::addColumn<QString>("end"); // UTC
    const auto digest = [](const char *every, const char *at, const char *tz) {
        QJsonObject json { { QStringLiteral("every"), QLatin1StringView(every) } };
        if (at)
            json.insert(QStringLiteral("at"), QLatin1StringView(at));
        if (tz)
            json.insert(QStringLiteral("tz"), QLatin1StringView(tz));
        return json;
    };
    QTest::newRow("hourly") << digest("hour", nullptr, "UTC")
                            << QStringLiteral("2026-03-01T10:15:00Z")
                            << QStringLiteral("2026-03-01T11:00:00Z");
    QTest::newRow("hourly, on the hour")
        << digest("hour", nullptr, "UTC") << QStringLiteral("2026-03-01T11:00:00Z")
        << QStringLiteral("2026-03-01T12:00:00Z");
    QTest::newRow("hourly, half-hour zone")
        << digest("hour", nullptr, "Asia/Kolkata") << QStringLiteral("2026-03-01T10:15:00Z")
        << QStringLiteral("2026-03-01T10:30:00Z");
    QTest::newRow("daily, later today")
        << digest("day", "08:00", "Europe/Berlin") << QStringLiteral("2026-01-10T05:00:00Z")
        << QStringLiteral("2026-01-10T07:00:00Z");
    QTest::newRow("daily, tomorrow")
        << digest("day", "08:00", "Europe/Berlin") << QStringLiteral("2026-01-10T07:00:00Z")
        << QStringLiteral("2026-01-11T07:00:00Z");
    QTest::newRow("daily, across the spring change")
        << digest("day", "08:00", "Europe/Berlin") << QStringLiteral("2026-03-28T07:30:00Z")
        << QStringLiteral("2026-03-29T06:00:00Z");
    QTest::newRow("daily, to the second")
        << digest("day", "23:59:30", "UTC") << QStringLiteral("2026-01-10T23:59:29Z")
        << QStringLiteral("2026-01-10T23:59:30Z");
}

void TestWatcherSpec::digestPeriodsEnd()
{
    QFETCH(QJsonObject, digest);
    QFETCH(QString, after);
    QFETCH(QString, end);
    const auto parsed = hearth::Digest::fromJson(digest);
    QVERIFY(parsed);
    const qint64 from = QDateTime::fromString(after, Qt::ISODate).toMSecsSinceEpoch();
    QCOMPARE(QDateTime::fromMSecsSinceEpoch(parsed->nextEndAfter(from), QTimeZone::utc()),
             QDateTime::fromString(end, Qt::ISODate));
    QCOMPARE(hearth::Digest::fromJson(parsed->toJson()).value(), parsed.value());
    // What is refused, by field.
    QCOMPARE(hearth::Digest::fromJson(
                 QJsonObject { { QStringLiteral("every"), QStringLiteral("week") } })
                 .error()
                 .field,
             QStringLiteral("digest.every"));
    QCOMPARE(
        hearth::Digest::fromJson(QJsonObject { { QStringLiteral("every"), QStringLiteral("day") },
                                               { QStringLiteral("at"), QStringLiteral("25:00") } })
            .error()
            .field,
        QStringLiteral("digest.at"));
    QCOMPARE(hearth::Digest::fromJson(
                 QJsonObject { { QStringLiteral("every"), QStringLiteral("hour") },
                               { QStringLiteral("tz"), QStringLiteral("Mars/Base") } })
                 .error()
                 .field,
             QStringLiteral("digest.tz"));
}

QTEST_APPLESS_MAIN(TestWatcherSpec)
#include "tst_watcherspec.moc"
