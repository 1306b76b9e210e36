// The pure decisions about how an attempt of a run ends (model/RunPolicy):
// final status, retry time, notification and its words, the notes in the
// run's log. The scheduler tests check the same through a real store.
#include "model/RunPolicy.h"
#include "model/Schedule.h"

#include <QJsonDocument>
#include <QTest>

using namespace hearth::scheduler;

namespace {

constexpr qint64 Now = 1'800'000'000'000;

WatcherSpec spec(const QByteArray &notify, int maxAttempts = 3)
{
    const QJsonObject json =
        QJsonDocument::fromJson(R"({"name":"price","kind":"lua","script":"return 1",)"
                                R"("schedule":{"every_s":60},"max_attempts":)" +
                                QByteArray::number(maxAttempts) +
                                R"(,"backoff":{"base_s":10,"max_s":100},"notify":)" + notify + "}")
            .object();
    auto parsed = WatcherSpec::fromStored(json);
    if (!parsed)
        qFatal("bad spec: %s", qPrintable(parsed.error().message));
    return parsed.value();
}

} // namespace

class TestRunPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void statusRetryAndNotification_data()
    {
        QTest::addColumn<QByteArray>("notify");
        QTest::addColumn<int>("attempt");
        QTest::addColumn<bool>("succeeded");
        QTest::addColumn<QByteArray>("previous");
        QTest::addColumn<QString>("status");
        QTest::addColumn<bool>("retries");
        QTest::addColumn<QString>("title"); // empty: no notification

        const QByteArray onFailure = R"({"policy":"on_failure"})";
        const QByteArray always = R"({"policy":"always"})";
        const QByteArray onChange = R"({"policy":"on_change"})";
        const QByteArray never = R"({"policy":"never"})";
        QTest::newRow("first failure retries quietly")
            << onFailure << 1 << false << QByteArray() << QStringLiteral("failed") << true
            << QString();
        QTest::newRow("last failure is dead and notifies")
            << onFailure << 3 << false << QByteArray() << QStringLiteral("dead") << false
            << QStringLiteral("price failed");
        QTest::newRow("success is quiet on_failure")
            << onFailure << 1 << true << QByteArray() << QStringLiteral("succeeded") << false
            << QString();
        QTest::newRow("success notifies always")
            << always << 2 << true << QByteArray("1") << QStringLiteral("succeeded") << false
            << QStringLiteral("price succeeded");
        QTest::newRow("same result is quiet on_change")
            << onChange << 1 << true << QByteArray("{\"a\": 1}") << QStringLiteral("succeeded")
            << false << QString();
        QTest::newRow("changed result notifies on_change")
            << onChange << 1 << true << QByteArray("{\"a\":2}") << QStringLiteral("succeeded")
            << false << QStringLiteral("price: result changed");
        QTest::newRow("first result is no change")
            << onChange << 1 << true << QByteArray() << QStringLiteral("succeeded") << false
            << QString();
        QTest::newRow("dead is news on_change")
            << onChange << 3 << false << QByteArray() << QStringLiteral("dead") << false
            << QStringLiteral("price failed");
        QTest::newRow("never is never")
            << never << 3 << false << QByteArray() << QStringLiteral("dead") << false << QString();
    }

    void statusRetryAndNotification()
    {
        QFETCH(QByteArray, notify);
        QFETCH(int, attempt);
        QFETCH(bool, succeeded);
        QFETCH(QByteArray, previous);
        QFETCH(QString, status);
        QFETCH(bool, retries);
        QFETCH(QString, title);
        const WatcherSpec watcher = spec(notify);
        const AttemptEnd end { watcher,     {},       attempt, succeeded, QStringLiteral("boom"),
                               "{\"a\":1}", previous, Now,     0.5 };
        const AttemptPlan plan = planAttemptEnd(end);
        QCOMPARE(runStatusName(plan.status), status);
        QCOMPARE(plan.retryNotBefore.has_value(), retries);
        if (retries) {
            // Full jitter: half of min(max, base · 2^(attempt−1)).
            QCOMPARE(*plan.retryNotBefore, Now + 5'000);
        }
        QCOMPARE(plan.notification.has_value(), !title.isEmpty());
        if (plan.notification) {
            QCOMPARE(plan.notification->title, title);
            QCOMPARE(plan.notifyDecision, NotifyDecision::Notify);
            QCOMPARE(plan.notifyStateAfter.lastNotifiedAt, Now);
            QCOMPARE(plan.notifyStateAfter.windowCount, 1);
            if (plan.status == RunStatus::Dead) {
                QCOMPARE(plan.notification->level, hearth::NotificationLevel::Error);
                QCOMPARE(plan.notification->body,
                         QStringLiteral("Gave up after attempt 3 of 3: boom"));
            } else {
                QCOMPARE(plan.notification->level, hearth::NotificationLevel::Info);
                QCOMPARE(plan.notification->body, QStringLiteral("{\"a\":1}"));
            }
        } else {
            QCOMPARE(plan.notifyStateAfter.lastNotifiedAt, 0);
        }
        QVERIFY(plan.notes.isEmpty());
    }

    void suppressedNotificationsSaySoInTheLog()
    {
        const WatcherSpec cooled = spec(R"({"policy":"always","min_interval_s":60})");
        const AttemptEnd soon { cooled, { Now - 1'000, Now - 1'000, 1 }, 1, true, {}, "1", {}, Now,
                                0 };
        AttemptPlan plan = planAttemptEnd(soon);
        QCOMPARE(plan.notifyDecision, NotifyDecision::SuppressedByCooldown);
        QVERIFY(!plan.notification);
        QCOMPARE(plan.notes.size(), 1);
        QVERIFY(plan.notes.first().message.contains(QStringLiteral("notify.min_interval_s")));
        QCOMPARE(plan.notifyStateAfter.windowCount, 1); // unchanged

        const WatcherSpec budget = spec(R"({"policy":"always","daily_budget":2})");
        const AttemptEnd spent {
            budget, { Now - 5'000, Now - 10'000, 2 }, 1, true, {}, "1", {}, Now, 0
        };
        plan = planAttemptEnd(spent);
        QCOMPARE(plan.notifyDecision, NotifyDecision::SuppressedByBudget);
        QCOMPARE(plan.notes.size(), 1);
        QCOMPARE(plan.notes.first().message,
                 QStringLiteral("notification not sent: notify.daily_budget (2) used up"));
    }

    // An escalation's end: never retried; the verdict decides, a failure
    // is news unless notify.policy is never; the watcher's cooldown holds.
    void escalationEnds_data()
    {
        QTest::addColumn<QByteArray>("notify");
        QTest::addColumn<bool>("succeeded");
        QTest::addColumn<QByteArray>("verdict");
        QTest::addColumn<bool>("cooling"); // notified a second ago
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("title"); // empty: no notification
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("level");

        const QByteArray onFailure = R"({"policy":"on_failure"})";
        const QByteArray never = R"({"policy":"never"})";
        const QByteArray cooled = R"({"policy":"on_failure","min_interval_s":60})";
        QTest::newRow("verdict asks")
            << onFailure << true
            << QByteArray(R"({"notify":true,"title":"Buy","body":"now","level":"warning"})")
            << false << QStringLiteral("succeeded") << QStringLiteral("Buy")
            << QStringLiteral("now") << QStringLiteral("warning");
        QTest::newRow("verdict asks even under never")
            << never << true << QByteArray(R"({"notify":true,"title":"Buy"})") << false
            << QStringLiteral("succeeded") << QStringLiteral("Buy") << QString()
            << QStringLiteral("info");
        QTest::newRow("untitled verdict is named after the watcher")
            << onFailure << true << QByteArray(R"({"notify":true,"title":"  "})") << false
            << QStringLiteral("succeeded") << QStringLiteral("price: escalation") << QString()
            << QStringLiteral("info");
        QTest::newRow("unknown level is info")
            << onFailure << true << QByteArray(R"({"notify":true,"level":"loud"})") << false
            << QStringLiteral("succeeded") << QStringLiteral("price: escalation") << QString()
            << QStringLiteral("info");
        QTest::newRow("verdict declines")
            << onFailure << true << QByteArray(R"({"notify":false,"title":"Buy"})") << false
            << QStringLiteral("succeeded") << QString() << QString() << QString();
        QTest::newRow("truthy is not true")
            << onFailure << true << QByteArray(R"({"notify":"yes","title":"Buy"})") << false
            << QStringLiteral("succeeded") << QString() << QString() << QString();
        QTest::newRow("not an object")
            << onFailure << true << QByteArray("true") << false << QStringLiteral("succeeded")
            << QString() << QString() << QString();
        QTest::newRow("failure is dead at once and news")
            << onFailure << false << QByteArray() << false << QStringLiteral("dead")
            << QStringLiteral("price: escalation failed") << QStringLiteral("boom")
            << QStringLiteral("error");
        QTest::newRow("failure is quiet under never")
            << never << false << QByteArray() << false << QStringLiteral("dead") << QString()
            << QString() << QString();
        QTest::newRow("cooldown holds a verdict back")
            << cooled << true << QByteArray(R"({"notify":true,"title":"Buy"})") << true
            << QStringLiteral("succeeded") << QString() << QString() << QString();
    }

    void escalationEnds()
    {
        QFETCH(QByteArray, notify);
        QFETCH(bool, succeeded);
        QFETCH(QByteArray, verdict);
        QFETCH(bool, cooling);
        QFETCH(QString, status);
        QFETCH(QString, title);
        QFETCH(QString, body);
        QFETCH(QString, level);
        // One attempt of three: a Lua run would be retried, an escalation not.
        const WatcherSpec watcher = spec(notify);
        const NotifyState state =
            cooling ? NotifyState { Now - 1'000, Now - 1'000, 1 } : NotifyState {};
        const AttemptEnd end { watcher, state, 1,   succeeded, QStringLiteral("boom"),
                               verdict, {},    Now, 0.5 };
        const AttemptPlan plan = planEscalationEnd(end);
        QCOMPARE(runStatusName(plan.status), status);
        QVERIFY(!plan.retryNotBefore);
        QVERIFY(!plan.resultChanged);
        QCOMPARE(plan.notification.has_value(), !title.isEmpty());
        if (plan.notification) {
            QCOMPARE(plan.notification->title, title);
            QCOMPARE(plan.notification->body, body);
            QCOMPARE(hearth::notificationLevelName(plan.notification->level), level);
            QCOMPARE(plan.notifyStateAfter.lastNotifiedAt, Now);
        }
        if (cooling) {
            QCOMPARE(plan.notifyDecision, NotifyDecision::SuppressedByCooldown);
            QCOMPARE(plan.notes.size(), 1);
        }
    }

    void retryNoteNamesTheNextAttempt()
    {
        const WatcherSpec watcher = spec(R"({"policy":"on_failure"})");
        const AttemptEnd end { watcher, {}, 1, false, QStringLiteral("boom"), {}, {}, Now, 0 };
        const auto note = retryNote(end, 42, Now + 5'000);
        QCOMPARE(note.level, hearth::LogLevel::Warn);
        QCOMPARE(note.message,
                 QStringLiteral("attempt 1 of 3 failed; run 42 retries at ") +
                     rfc3339FromMs(Now + 5'000));
    }
};

QTEST_GUILESS_MAIN(TestRunPolicy)
#include "tst_runpolicy.moc"
