// The tray on a real X desktop (Xvfb, with trayer as the system tray host;
// see with-desktop.sh): the icon docks, its menu opens on a click, Start
// brings the runtime up, a watcher created through the CLI raises a desktop
// notification, a click opens the main window, Ctrl+W puts it away, a click
// on the next notification's balloon opens it on that run (and reads the
// notification), and Quit stops the runtime.
// Screenshots of each step are saved as test artifacts.
#include "../ui/LayoutChecks.h"
#include "../ui/UiTestEnvironment.h"
#include "HearthdProcess.h"
#include "MainWindow.h"
#include "Session.h"
#include "Translations.h"
#include "pages/HistoryDialog.h"
#include "pages/NewWatcherDialog.h"
#include "pages/WatcherEditor.h"
#include "pages/WatchersPage.h"
#include "tray/TraySettings.h"
#include "widgets/ValueChart.h"

#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QPixmap>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QScreen>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTranslator>
#include <QWindow>
#include <httplib.h>
#include <thread>

using namespace hearth;

namespace {

QByteArray xdotool(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("xdotool"), arguments);
    process.waitForFinished(10000);
    return process.readAllStandardOutput().trimmed();
}

struct Geometry
{
    int x = -1, y = -1, width = 0, height = 0;
    bool valid() const { return width > 0; }
    int centreX() const { return x + width / 2; }
    int centreY() const { return y + height / 2; }
};

Geometry geometryOf(const QByteArray &window)
{
    Geometry geometry;
    for (const QByteArray &line :
         xdotool({ QStringLiteral("getwindowgeometry"), QStringLiteral("--shell"),
                   QString::fromLatin1(window) })
             .split('\n')) {
        const QList<QByteArray> pair = line.split('=');
        if (pair.size() != 2)
            continue;
        const int value = pair[1].toInt();
        if (pair[0] == "X")
            geometry.x = value;
        else if (pair[0] == "Y")
            geometry.y = value;
        else if (pair[0] == "WIDTH")
            geometry.width = value;
        else if (pair[0] == "HEIGHT")
            geometry.height = value;
    }
    return geometry;
}

void click(const Geometry &at, int button)
{
    xdotool({ QStringLiteral("mousemove"), QString::number(at.centreX()),
              QString::number(at.centreY()), QStringLiteral("click"), QString::number(button) });
}

} // namespace

class TestDesktop : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY"))
            QSKIP("needs an X display: run through tests/desktop/with-desktop.sh");
        QVERIFY(m_home.isValid());
        test::isolateUiTest(m_home);
        QCoreApplication::setOrganizationName(QStringLiteral("Hearth"));
        QCoreApplication::setApplicationName(QStringLiteral("hearth-tray"));
        QVERIFY(QDir().mkpath(QStringLiteral(HEARTH_ARTIFACT_DIR)));
        // This test clicks Start itself.
        ui::TraySettings settings = ui::TraySettings::load(m_dataDir.path());
        settings.startRuntimeWithTray = false;
        settings.port = 0;
        settings.save(m_dataDir.path());
    }

    void cleanupTestCase()
    {
        if (m_tray.state() != QProcess::NotRunning) {
            m_tray.terminate();
            m_tray.waitForFinished(20000);
        }
    }

    void trayStartNotifyOpenQuit()
    {
        m_tray.setProcessChannelMode(QProcess::MergedChannels);
        m_tray.start(test::binary(QStringLiteral("hearth-tray")),
                     { QStringLiteral("--data-dir"), m_dataDir.path() });
        QVERIFY(m_tray.waitForStarted());

        // The icon docks in trayer.
        QByteArray icon;
        QTRY_VERIFY_WITH_TIMEOUT(
            !(icon = xdotool({ QStringLiteral("search"), QStringLiteral("--classname"),
                               QStringLiteral("hearth-tray") }))
                 .isEmpty(),
            test::scaled(15000));
        icon = icon.split('\n').first();
        const Geometry iconGeometry = geometryOf(icon);
        QVERIFY(iconGeometry.valid());
        QTest::qWait(500);
        screenshot(QStringLiteral("1-tray-stopped"));

        // Right click: the menu; S: Start.
        click(iconGeometry, 3);
        QTest::qWait(800);
        screenshot(QStringLiteral("2-tray-menu"));
        xdotool({ QStringLiteral("key"), QStringLiteral("s") });
        const QString runtimePath = QDir(m_dataDir.path()).filePath(QStringLiteral("runtime.json"));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(runtimePath), test::scaled(20000));
        QFile runtime(runtimePath);
        QVERIFY(runtime.open(QIODevice::ReadOnly));
        const QJsonObject info = QJsonDocument::fromJson(runtime.readAll()).object();
        const quint16 port = quint16(info.value(QStringLiteral("port")).toInt());
        QTRY_COMPARE_WITH_TIMEOUT(test::call(port, "GET", "/healthz").status, 200,
                                  test::scaled(10000));

        // The tray follows the runtime's events once it has verified it.
        QByteArray output;
        QTRY_VERIFY2_WITH_TIMEOUT((output += m_tray.readAll()).contains("event stream live"),
                                  output.constData(), test::scaled(15000));

        // A watcher made with the CLI notifies; the tray raises it.
        QFile script(m_home.filePath(QStringLiteral("price.lua")));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("notify{ title = 'Price dropped', body = 'The lamp is 42 EUR now', level = "
                     "'warning' }\n"
                     "return { price = 42 }\n");
        script.close();
        const QStringList base { QStringLiteral("--data-dir"), m_dataDir.path() };
        test::CliResult added =
            test::runCli(base +
                         QStringList { QStringLiteral("watchers"), QStringLiteral("add"),
                                       QStringLiteral("--name"), QStringLiteral("lamp price"),
                                       QStringLiteral("--every"), QStringLiteral("1h"),
                                       QStringLiteral("--script"), script.fileName() });
        QVERIFY2(added.exitCode == 0, added.err.constData());
        test::CliResult ran =
            test::runCli(base +
                         QStringList { QStringLiteral("watchers"), QStringLiteral("run"),
                                       QStringLiteral("lamp price") });
        QVERIFY2(ran.exitCode == 0, ran.err.constData());
        QTRY_VERIFY2_WITH_TIMEOUT(
            (output += m_tray.readAll()).contains("desktop notification: Price dropped"),
            output.constData(), test::scaled(10000));
        QTest::qWait(700);
        screenshot(QStringLiteral("3-notification"));

        // Left click: the main window, page by page.
        click(iconGeometry, 1);
        QByteArray window;
        QTRY_VERIFY_WITH_TIMEOUT(!(window = visibleMainWindow()).isEmpty(), test::scaled(10000));
        xdotool({ QStringLiteral("windowmove"), QString::fromLatin1(window), QStringLiteral("100"),
                  QStringLiteral("60") });
        xdotool({ QStringLiteral("windowfocus"), QString::fromLatin1(window) });
        xdotool({ QStringLiteral("key"), QStringLiteral("--window"), QString::fromLatin1(window),
                  QStringLiteral("Home") });
        QTest::qWait(800);
        const QStringList pages { QStringLiteral("watchers"),      QStringLiteral("runs"),
                                  QStringLiteral("logs"),          QStringLiteral("secrets"),
                                  QStringLiteral("notifications"), QStringLiteral("settings") };
        for (int page = 0; page < pages.size(); ++page) {
            screenshot(QStringLiteral("4-page-%1-%2").arg(page + 1).arg(pages[page]));
            xdotool({ QStringLiteral("key"), QStringLiteral("--window"),
                      QString::fromLatin1(window), QStringLiteral("Down") });
            QTest::qWait(500);
        }

        // Ctrl+W puts the window away; the tray stays.
        xdotool({ QStringLiteral("windowfocus"), QString::fromLatin1(window) });
        xdotool({ QStringLiteral("key"), QStringLiteral("ctrl+w") });
        QTRY_VERIFY_WITH_TIMEOUT(visibleMainWindow().isEmpty(), test::scaled(5000));

        // The next notification's balloon, clicked, opens the window on its run.
        test::CliResult again =
            test::runCli(base +
                         QStringList { QStringLiteral("watchers"), QStringLiteral("run"),
                                       QStringLiteral("lamp price"), QStringLiteral("--output"),
                                       QStringLiteral("json") });
        QVERIFY2(again.exitCode == 0, again.err.constData());
        const QString runId =
            QJsonDocument::fromJson(again.out).object().value(QStringLiteral("id")).toString();
        QVERIFY2(!runId.isEmpty(), again.out.constData());
        QTRY_VERIFY2_WITH_TIMEOUT(
            (output += m_tray.readAll()).count("desktop notification: Price dropped") == 2,
            output.constData(), test::scaled(10000));
        Geometry balloon;
        QTRY_VERIFY_WITH_TIMEOUT((balloon = balloonBeside(icon)).valid(), test::scaled(5000));
        QCOMPARE(readAtOfRunsNotification(port, runId), QString());
        screenshot(QStringLiteral("5-notification-again"));
        // Its text, away from the close button in its corner.
        xdotool({ QStringLiteral("mousemove"), QString::number(balloon.x + 20),
                  QString::number(balloon.y + balloon.height - 12), QStringLiteral("click"),
                  QStringLiteral("1") });
        QTRY_COMPARE_WITH_TIMEOUT(titleOf(visibleMainWindow()), QStringLiteral("Runs — Hearth"),
                                  test::scaled(10000));
        QTest::qWait(800);
        screenshot(QStringLiteral("6-run-from-notification"));
        // Opening it read it.
        QVERIFY(!readAtOfRunsNotification(port, runId).isEmpty());

        // Quit from the menu stops the runtime the tray started.
        const qint64 hearthdPid = info.value(QStringLiteral("pid")).toInteger();
        click(iconGeometry, 3);
        QTest::qWait(800);
        screenshot(QStringLiteral("7-tray-menu-to-quit"));
        xdotool({ QStringLiteral("key"), QStringLiteral("q") });
        QVERIFY(m_tray.waitForFinished(test::scaled(20000)));
        QCOMPARE(m_tray.exitCode(), 0);
        // The tray waited for it and reaped it: nothing is left.
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(QStringLiteral("/proc/%1").arg(hearthdPid)),
                                 test::scaled(10000));
        QVERIFY(!QFile::exists(runtimePath));
    }

    // Every shipped language on this 1280×800 screen (trayer docked on
    // top): no label shows a literal "&", the window and the watcher editor
    // fit, and the editor lies on the screen with its buttons in view.
    void everyLanguageFitsThisScreen()
    {
        QCOMPARE(QGuiApplication::primaryScreen()->size(), QSize(1280, 800));
        // The editor asks a runtime for previews and workers; nowhere answers,
        // and it is laid out all the same.
        ui::Session session(client::RuntimeInfo {});
        const QStringList languages = ui::shippedLanguages();
        QVERIFY(languages.size() >= 4);
        for (const QString &language : languages) {
            const auto installed = ui::installTranslations(qApp, QLocale(language));
            const auto uninstall = qScopeGuard([&installed]() {
                for (QTranslator *translator : installed)
                    QCoreApplication::removeTranslator(translator);
                qDeleteAll(installed);
            });
            ui::MainWindow window(m_dataDir.path(), QString());
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            for (int page = ui::MainWindow::Watchers; page <= ui::MainWindow::Settings; ++page) {
                window.showPage(ui::MainWindow::PageId(page));
                test::checkMnemonicLabels(&window);
                test::checkFitsALaptop(&window);
                if (QTest::currentTestFailed())
                    return;
            }
            ui::WatcherEditor editor(session, std::nullopt, &window);
            editor.show();
            QVERIFY(QTest::qWaitForWindowExposed(&editor));
            test::checkMnemonicLabels(&editor);
            test::checkFitsALaptop(&editor);
            test::checkOnItsScreen(&editor);
            if (QTest::currentTestFailed()) {
                qWarning("in %s", qPrintable(language));
                return;
            }
        }
    }

    // Watching the web without code, on this desktop against a real
    // hearthd and a real site: the welcome, the template form with its
    // preview, a watcher's history (diff and chart), each fitting the screen
    // in every language; screenshots of each for the README.
    void webWatchingScreens()
    {
        httplib::Server site;
        site.Get("/shop.html", [](const httplib::Request &, httplib::Response &response) {
            response.set_content("<html><body><h1>Reading lamp</h1>"
                                 "<span class=\"price\">€ 42,90</span></body></html>",
                                 "text/html; charset=utf-8");
        });
        const int sitePort = site.bind_to_any_port("127.0.0.1");
        QVERIFY(sitePort > 0);
        std::thread serving([&site]() { site.listen_after_bind(); });
        const auto stopSite = qScopeGuard([&]() {
            site.stop();
            serving.join();
        });
        test::HearthdProcess hearthd;
        QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
        const auto runtime = client::readRuntimeFile(hearthd.dataDir());
        QVERIFY(runtime);
        ui::Session session(runtime.value());
        session.open();
        QTRY_VERIFY_WITH_TIMEOUT(session.isLive(), test::scaled(10000));

        ui::MainWindow window(hearthd.dataDir(), QString());
        window.setSession(&session);
        window.move(100, 60);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::WatchersPage *page = window.watchersPage();
        QTRY_VERIFY_WITH_TIMEOUT(
            page->isShowingWelcome() &&
                page->welcome()->findChild<QPushButton *>(QStringLiteral("page_change")),
            test::scaled(5000));
        QTest::qWait(300);
        screenshot(QStringLiteral("8-welcome"));

        // The template form, filled, with what it finds now.
        QSignalSpy opened(page, &ui::WatchersPage::newDialogOpened);
        page->newWatcher(QStringLiteral("value_watch"));
        auto *dialog = opened.first().first().value<ui::NewWatcherDialog *>();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->chosenTemplate(), QStringLiteral("value_watch"),
                                  test::scaled(5000));
        dialog->setField(QStringLiteral("url"),
                         QStringLiteral("http://127.0.0.1:%1/shop.html").arg(sitePort));
        dialog->setField(QStringLiteral("selector"), QStringLiteral(".price"));
        dialog->setField(QStringLiteral("notify"), QStringLiteral("below"));
        dialog->setField(QStringLiteral("threshold"), QStringLiteral("50"));
        QSignalSpy previewed(dialog, &ui::NewWatcherDialog::previewFinished);
        dialog->preview();
        QTRY_COMPARE_WITH_TIMEOUT(previewed.size(), 1, test::scaled(20000));
        QCOMPARE(dialog->previewFound(), QStringLiteral("42.9"));
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        test::checkOnItsScreen(dialog);
        QTest::qWait(300);
        screenshot(QStringLiteral("9-new-watcher-preview"));
        dialog->reject();

        // A watcher's history: what changed, and its value over time.
        const QJsonObject created =
            QJsonDocument::fromJson(
                test::call(hearthd.port(), "POST", "/api/v1/watchers",
                           R"({"name":"Reading lamp","schedule":{"every_s":3600},"script":)"
                           R"("snapshot.save(ctx.event.text) return { value = ctx.event.price }"})")
                    .body)
                .object();
        const QByteArray id = created.value(QStringLiteral("id")).toString().toUtf8();
        const QList<QByteArray> events {
            R"({"event":{"price":49.9,"text":"Reading lamp\nBrass, 40 cm\n49,90 €\nIn stock"}})",
            R"({"event":{"price":46.5,"text":"Reading lamp\nBrass, 40 cm\n46,50 €\nIn stock"}})",
            R"({"event":{"price":44.0,"text":"Reading lamp\nBrass, 40 cm\n44,00 €\nIn stock"}})",
            R"({"event":{"price":42.9,"text":"Reading lamp\nBrass, 40 cm\n42,90 €\nOnly 2 left"}})",
        };
        for (const QByteArray &event : events) {
            const QByteArray run =
                QJsonDocument::fromJson(
                    test::call(hearthd.port(), "POST", "/api/v1/watchers/" + id + "/run", event)
                        .body)
                    .object()
                    .value(QStringLiteral("id"))
                    .toString()
                    .toUtf8();
            QTRY_COMPARE_WITH_TIMEOUT(
                QJsonDocument::fromJson(
                    test::call(hearthd.port(), "GET", "/api/v1/runs/" + run).body)
                    .object()
                    .value(QStringLiteral("status"))
                    .toString(),
                QStringLiteral("succeeded"), test::scaled(10000));
        }
        ui::HistoryDialog *history = window.openHistory(QString::fromUtf8(id), {}, false);
        QSignalSpy shown(history, &ui::HistoryDialog::diffShown);
        QTRY_VERIFY_WITH_TIMEOUT(shown.size() == 1 && history->isVisible(), test::scaled(5000));
        history->modeBox()->setCurrentIndex(1);
        test::checkOnItsScreen(history);
        QTest::qWait(300);
        screenshot(QStringLiteral("10-history-diff"));
        history->tabs()->setCurrentIndex(1);
        QTest::qWait(300);
        ui::ValueChart *chart = history->chart();
        QCOMPARE(chart->pointCount(), 4);
        // The pointer on a point, as the X server moves it.
        const QPoint point = chart->view()->viewport()->mapToGlobal(chart->positionOf(2));
        xdotool({ QStringLiteral("mousemove"), QString::number(point.x()),
                  QString::number(point.y()) });
        QTRY_VERIFY2_WITH_TIMEOUT(chart->hoverText().endsWith(QStringLiteral(": 44")),
                                  qPrintable(chart->hoverText()), test::scaled(5000));
        QTest::qWait(500);
        screenshot(QStringLiteral("11-history-chart"));
        history->close();

        // Every language fits this screen, with no literal "&".
        for (const QString &language : ui::shippedLanguages()) {
            const auto installed = ui::installTranslations(qApp, QLocale(language));
            const auto uninstall = qScopeGuard([&installed]() {
                for (QTranslator *translator : installed)
                    QCoreApplication::removeTranslator(translator);
                qDeleteAll(installed);
            });
            ui::NewWatcherDialog form(session, &window);
            QTRY_VERIFY_WITH_TIMEOUT(form.templateList()->count() == 5, test::scaled(5000));
            ui::HistoryDialog past(session, QString::fromUtf8(id), QStringLiteral("lamp"), &window);
            QSignalSpy pastShown(&past, &ui::HistoryDialog::diffShown);
            QTRY_VERIFY_WITH_TIMEOUT(pastShown.size() == 1, test::scaled(5000));
            for (QDialog *shownDialog :
                 { static_cast<QDialog *>(&form), static_cast<QDialog *>(&past) }) {
                shownDialog->show();
                QVERIFY(QTest::qWaitForWindowExposed(shownDialog));
                test::checkMnemonicLabels(shownDialog);
                test::checkFitsALaptop(shownDialog);
                test::checkOnItsScreen(shownDialog);
                shownDialog->hide();
                if (QTest::currentTestFailed()) {
                    qWarning("in %s", qPrintable(language));
                    return;
                }
            }
        }
        window.setSession(nullptr);
    }

private:
    // The main window's X id while it is shown, else empty.
    static QByteArray visibleMainWindow()
    {
        return xdotool({ QStringLiteral("search"), QStringLiteral("--onlyvisible"),
                         QStringLiteral("--name"), QStringLiteral(" — Hearth$") })
            .split('\n')
            .first();
    }

    // When the notification of run `runId` was read; empty while unread.
    static QString readAtOfRunsNotification(quint16 port, const QString &runId)
    {
        const QJsonArray notifications =
            QJsonDocument::fromJson(test::call(port, "GET", "/api/v1/notifications").body)
                .object()
                .value(QStringLiteral("items"))
                .toArray();
        for (const QJsonValue &notification : notifications) {
            if (notification[QStringLiteral("run_id")].toString() == runId)
                return notification[QStringLiteral("read_at")].toString();
        }
        return QStringLiteral("(no notification)");
    }

    static QString titleOf(const QByteArray &window)
    {
        if (window.isEmpty())
            return {};
        return QString::fromUtf8(
            xdotool({ QStringLiteral("getwindowname"), QString::fromLatin1(window) }));
    }

    // The notification balloon: the tray's other shown window, below its icon.
    static Geometry balloonBeside(const QByteArray &icon)
    {
        const QList<QByteArray> windows =
            xdotool({ QStringLiteral("search"), QStringLiteral("--onlyvisible"),
                      QStringLiteral("--classname"), QStringLiteral("hearth-tray") })
                .split('\n');
        const Geometry iconGeometry = geometryOf(icon);
        for (const QByteArray &window : windows) {
            const Geometry geometry = geometryOf(window);
            if (window != icon && geometry.valid() && geometry.y >= iconGeometry.y &&
                geometry.width > iconGeometry.width)
                return geometry;
        }
        return {};
    }

    void screenshot(const QString &name)
    {
        const QPixmap shot = QGuiApplication::primaryScreen()->grabWindow(0);
        QVERIFY(!shot.isNull());
        QVERIFY(shot.save(QStringLiteral(HEARTH_ARTIFACT_DIR "/") + name + QStringLiteral(".png")));
    }

    QTemporaryDir m_home;
    QTemporaryDir m_dataDir;
    QProcess m_tray;
};

QTEST_MAIN(TestDesktop)
#include "tst_desktop.moc"
