// The tray's decisions about pop-ups and attention (ui/tray/DesktopNotifier),
// on a manual clock: no display, no waiting.
#include "tray/DesktopNotifier.h"

#include <QSignalSpy>
#include <QTest>

using hearth::NotificationLevel;
using hearth::ui::DesktopNotifier;

class TestDesktopNotifier : public QObject
{
    Q_OBJECT
private:
    qint64 m_now = 1'000;
    std::unique_ptr<DesktopNotifier> make()
    {
        return std::make_unique<DesktopNotifier>([this]() { return m_now; });
    }

private Q_SLOTS:
    void init() { m_now = 1'000; }

    void popsUpWithTheLevelsUrgency()
    {
        auto notifier = make();
        QSignalSpy popups(notifier.get(), &DesktopNotifier::popup);
        notifier->offer(QStringLiteral("7"), NotificationLevel::Error,
                        QStringLiteral("price failed"), QStringLiteral("boom"));
        notifier->offer(QStringLiteral("8"), NotificationLevel::Info, QStringLiteral("price"),
                        QStringLiteral("9"));
        QCOMPARE(popups.size(), 2);
        const auto first = popups.at(0).at(0).value<DesktopNotifier::Popup>();
        QCOMPARE(first.title, QStringLiteral("price failed"));
        QCOMPARE(first.body, QStringLiteral("boom"));
        QCOMPARE(first.urgency, DesktopNotifier::Urgency::Critical);
        QCOMPARE(first.notificationId, QStringLiteral("7"));
        QCOMPARE(popups.at(1).at(0).value<DesktopNotifier::Popup>().urgency,
                 DesktopNotifier::Urgency::Information);
    }

    void silentWhenOffOrMuted()
    {
        auto notifier = make();
        QSignalSpy popups(notifier.get(), &DesktopNotifier::popup);
        notifier->setPolicy({ false, {} });
        notifier->offer(QStringLiteral("1"), NotificationLevel::Error, QStringLiteral("a"), {});
        notifier->setPolicy({ true, QDateTime::currentDateTimeUtc().addSecs(60) });
        notifier->offer(QStringLiteral("2"), NotificationLevel::Error, QStringLiteral("b"), {});
        QCOMPARE(popups.size(), 0);
        // A mute that has run out no longer holds anything back.
        notifier->setPolicy({ true, QDateTime::currentDateTimeUtc().addSecs(-1) });
        notifier->offer(QStringLiteral("3"), NotificationLevel::Info, QStringLiteral("c"), {});
        QCOMPARE(popups.size(), 1);
    }

    void aBurstPopsUpToTheLimitThenSumsUpTheRest()
    {
        auto notifier = make();
        QSignalSpy popups(notifier.get(), &DesktopNotifier::popup);
        for (int i = 1; i <= 10; ++i) {
            notifier->offer(QString::number(i), NotificationLevel::Error,
                            QStringLiteral("watcher %1 failed").arg(i), {});
            m_now += 100;
        }
        QCOMPARE(popups.size(), DesktopNotifier::BurstLimit);
        notifier->tick(); // the window is not over yet
        QCOMPARE(popups.size(), DesktopNotifier::BurstLimit);
        m_now = 1'000 + DesktopNotifier::BurstWindowMs;
        notifier->tick();
        QCOMPARE(popups.size(), DesktopNotifier::BurstLimit + 1);
        const auto summary = popups.last().at(0).value<DesktopNotifier::Popup>();
        QCOMPARE(summary.title, QStringLiteral("7 more notification(s)"));
        QCOMPARE(summary.body, QStringLiteral("The latest: watcher 10 failed"));
        QVERIFY(summary.notificationId.isEmpty());
        // A new window pops up again.
        notifier->offer(QStringLiteral("11"), NotificationLevel::Info, QStringLiteral("later"), {});
        QCOMPARE(popups.size(), DesktopNotifier::BurstLimit + 2);
    }

    void aBurstHeldBackWhileMutedIsDropped()
    {
        auto notifier = make();
        QSignalSpy popups(notifier.get(), &DesktopNotifier::popup);
        for (int i = 1; i <= 5; ++i)
            notifier->offer(QString::number(i), NotificationLevel::Info, QStringLiteral("n"), {});
        notifier->setPolicy({ true, QDateTime::currentDateTimeUtc().addSecs(3600) });
        m_now += DesktopNotifier::BurstWindowMs;
        notifier->tick();
        QCOMPARE(popups.size(), DesktopNotifier::BurstLimit);
    }

    void attentionForUnreadErrorsAndRunsThatGaveUp()
    {
        auto notifier = make();
        QSignalSpy attention(notifier.get(), &DesktopNotifier::attentionChanged);
        QVERIFY(!notifier->needsAttention());
        notifier->runGaveUp();
        QVERIFY(notifier->needsAttention());
        notifier->setUnreadErrors(2);
        QCOMPARE(attention.size(), 1); // already asking
        notifier->acknowledge();
        QVERIFY(notifier->needsAttention()); // the errors are still unread
        notifier->setUnreadErrors(0);
        QVERIFY(!notifier->needsAttention());
        QCOMPARE(attention.size(), 2);
        QCOMPARE(attention.last().at(0).toBool(), false);
    }
};

QTEST_GUILESS_MAIN(TestDesktopNotifier)
#include "tst_desktopnotifier.moc"
