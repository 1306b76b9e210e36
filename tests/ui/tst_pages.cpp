// Every main-window page, offscreen, against a real hearthd: each shows what
// the API holds and follows the event stream, and each action changes the
// runtime as expected.
#include "Accessibility.h"
#include "HearthdProcess.h"
#include "LayoutChecks.h"
#include "MainWindow.h"
#include "Session.h"
#include "Translations.h"
#include "UiTestEnvironment.h"
#include "client/RuntimeConnection.h"
#include "client/worker/Worker.h"
#include "pages/ApprovalDialog.h"
#include "pages/ChannelsSection.h"
#include "pages/HistoryDialog.h"
#include "pages/LogsPage.h"
#include "pages/NewWatcherDialog.h"
#include "pages/NotificationsPage.h"
#include "pages/RunsPage.h"
#include "pages/SecretsPage.h"
#include "pages/SettingsPage.h"
#include "pages/WatcherEditor.h"
#include "pages/WatchersPage.h"
#include "tray/Autostart.h"
#include "widgets/CodeEditor.h"
#include "widgets/DiffView.h"
#include "widgets/ValueChart.h"

#include <QApplication>
#include <QChartView>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTimer>
#include <QTranslator>
#include <QWindow>
#include <httplib.h>
#include <thread>

using namespace hearth;
using namespace hearth::ui;

namespace {

QJsonObject apiJson(quint16 port, const QByteArray &method, const QByteArray &path,
                    const QByteArray &body = {})
{
    return QJsonDocument::fromJson(test::call(port, method, path, body).body).object();
}

// What a table shows of a record that may not be there (yet).
QString nameOf(const client::Watcher *watcher)
{
    return watcher ? watcher->spec.name : QString();
}
std::optional<scheduler::RunStatus> statusOf(const client::Run *run)
{
    return run ? std::optional(run->status) : std::nullopt;
}

// A request as an MCP client makes it through `hearth mcp`.
QJsonObject apiJsonAsAgent(quint16 port, const QByteArray &method, const QByteArray &path,
                           const QByteArray &body)
{
    return test::json(test::callAs(port, "hearth-mcp/agent", method, path, body));
}

QString idOf(const QJsonObject &object)
{
    return client::idOf(object.value(QStringLiteral("id")));
}

// Answers the next modal question box with `button`.
void answerNextQuestion(QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, qApp, [button]() {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (box)
            box->button(button)->click();
    });
}

} // namespace

class TestPages : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        test::isolateUiTest(m_home);
        QStandardPaths::setTestModeEnabled(true);
        QProcessEnvironment env;
        env.insert(QStringLiteral("HEARTH_SECRET_KEY"), qEnvironmentVariable("HEARTH_SECRET_KEY"));
        QVERIFY2(m_hearthd.start({}, env), qPrintable(m_hearthd.lastError()));
        m_port = m_hearthd.port();
        const auto runtime = client::readRuntimeFile(m_hearthd.dataDir());
        QVERIFY(runtime);
        m_session = std::make_unique<Session>(runtime.value());
        m_session->open();
        QTRY_VERIFY_WITH_TIMEOUT(m_session->isLive(), test::scaled(10000));
        m_window = std::make_unique<MainWindow>(
            m_hearthd.dataDir(), QDir(m_hearthd.dataDir()).filePath(QStringLiteral("worker.json")));
        m_window->setSession(m_session.get());
        m_window->show();
        QVERIFY(test::waitForSecretsState(m_port) == QStringLiteral("ready"));
        // A site for the templates: a shop page with a price.
        m_site.Get("/shop.html", [](const httplib::Request &, httplib::Response &response) {
            response.set_content("<html><body><h1>Kettle</h1><p>Steel, 1.7 l</p>"
                                 "<span class=\"price\">€ 1.299,00</span></body></html>",
                                 "text/html; charset=utf-8");
        });
        m_sitePort = m_site.bind_to_any_port("127.0.0.1");
        QVERIFY(m_sitePort > 0);
        m_siteThread = std::thread([this]() { m_site.listen_after_bind(); });
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_session.reset();
        m_site.stop();
        m_siteThread.join();
    }

    // The store is empty: the Watchers page welcomes, offers the templates
    // and the start-at-login choice, and gives way to the table once a
    // watcher exists.
    void welcomeWhileThereIsNoWatcher()
    {
        // Not before the watchers are listed: an empty list says nothing yet.
        {
            Session unlisted(m_session->runtime());
            WatchersPage early;
            early.setSession(&unlisted);
            QVERIFY(!early.isShowingWelcome());
        }
        WatchersPage *page = m_window->watchersPage();
        QTRY_VERIFY_WITH_TIMEOUT(page->isShowingWelcome(), test::scaled(5000));
        QTRY_VERIFY_WITH_TIMEOUT(
            page->welcome()->findChild<QPushButton *>(QStringLiteral("value_watch")),
            test::scaled(5000));
        for (const char *recipe :
             { "page_change", "value_watch", "feed", "json_api_change", "site_up_down" })
            QVERIFY2(page->welcome()->findChild<QPushButton *>(QLatin1String(recipe)), recipe);

        QSignalSpy opened(page, &WatchersPage::newDialogOpened);
        page->welcome()->findChild<QPushButton *>(QStringLiteral("feed"))->click();
        QCOMPARE(opened.size(), 1);
        auto *dialog = opened.first().first().value<NewWatcherDialog *>();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->chosenTemplate(), QStringLiteral("feed"),
                                  test::scaled(5000));
        dialog->reject();

        // Start at login is the tray's login item, written at once.
        QCheckBox *atLogin = page->startAtLogin();
        QCOMPARE(atLogin->isChecked(), autostart::isEnabled());
        atLogin->setChecked(!atLogin->isChecked());
        QCOMPARE(autostart::isEnabled(), atLogin->isChecked());
        atLogin->setChecked(!atLogin->isChecked());
        QCOMPARE(autostart::isEnabled(), atLogin->isChecked());

        const QJsonObject created =
            apiJson(m_port, "POST", "/api/v1/watchers",
                    R"({"name":"first","script":"return 1","schedule":{"every_s":3600}})");
        QTRY_VERIFY_WITH_TIMEOUT(!page->isShowingWelcome(), test::scaled(5000));
        QCOMPARE(test::call(m_port, "DELETE", "/api/v1/watchers/" + idOf(created).toUtf8()).status,
                 204);
        QTRY_VERIFY_WITH_TIMEOUT(page->isShowingWelcome(), test::scaled(5000));
    }

    // New watcher starts with the templates: a form from the template's
    // schema, a preview of what it finds now and would say, then save; or
    // its script in the editor.
    void newWatcherFromATemplateWithAPreview()
    {
        WatchersPage *page = m_window->watchersPage();
        QSignalSpy opened(page, &WatchersPage::newDialogOpened);
        page->newWatcher(QStringLiteral("value_watch"));
        auto *dialog = opened.first().first().value<NewWatcherDialog *>();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->chosenTemplate(), QStringLiteral("value_watch"),
                                  test::scaled(5000));
        QStringList titles;
        for (int row = 0; row < dialog->templateList()->count(); ++row)
            titles << dialog->templateList()->item(row)->text();
        QCOMPARE(titles,
                 (QStringList { QStringLiteral("Page change"), QStringLiteral("Value watch"),
                                QStringLiteral("Feed"), QStringLiteral("JSON API change"),
                                QStringLiteral("Site up/down") }));
        // The form is the template's parameters, in its order: text, numbers
        // and choices.
        QCOMPARE(
            dialog->fieldNames(),
            (QStringList { QStringLiteral("url"), QStringLiteral("selector"), QStringLiteral("jq"),
                           QStringLiteral("kind"), QStringLiteral("notify"),
                           QStringLiteral("threshold"), QStringLiteral("percent") }));
        for (const char *param : { "url", "selector", "jq", "threshold", "percent" })
            QVERIFY2(qobject_cast<QLineEdit *>(dialog->field(QLatin1String(param))), param);
        auto *notify = qobject_cast<QComboBox *>(dialog->field(QStringLiteral("notify")));
        QVERIFY(notify);
        QCOMPARE(notify->count(), 4);
        QCOMPARE(notify->currentData().toString(), QStringLiteral("change"));

        // A threshold is for above and below only: off until one is chosen,
        // then needed.
        QWidget *threshold = dialog->field(QStringLiteral("threshold"));
        QVERIFY(!threshold->isEnabled());
        QVERIFY(!dialog->field(QStringLiteral("percent"))->isEnabled());
        dialog->setField(QStringLiteral("url"), shopUrl());
        dialog->setField(QStringLiteral("selector"), QStringLiteral(".price"));
        dialog->setField(QStringLiteral("threshold"), QStringLiteral("5"));
        QVERIFY(!dialog->params().contains(QStringLiteral("threshold")));
        dialog->setField(QStringLiteral("notify"), QStringLiteral("below"));
        QVERIFY(threshold->isEnabled());
        QCOMPARE(dialog->params().value(QStringLiteral("threshold")), 5);
        dialog->setField(QStringLiteral("threshold"), QString());
        QString missing;
        dialog->params(&missing);
        QVERIFY2(missing.startsWith(QStringLiteral("Threshold")), qPrintable(missing));
        dialog->setField(QStringLiteral("notify"), QStringLiteral("change"));
        dialog->setField(QStringLiteral("url"), QString());
        dialog->setField(QStringLiteral("selector"), QString());

        // What is missing is said before anything is asked.
        const int watchersBefore = m_session->watchers().count();
        dialog->preview();
        QVERIFY2(dialog->errorText().startsWith(QStringLiteral("Address")),
                 qPrintable(dialog->errorText()));

        dialog->setField(QStringLiteral("url"), shopUrl());
        dialog->setField(QStringLiteral("selector"), QStringLiteral(".price"));
        dialog->setField(QStringLiteral("notify"), QStringLiteral("above"));
        dialog->setField(QStringLiteral("threshold"), QStringLiteral("1000"));
        QSignalSpy previewed(dialog, &NewWatcherDialog::previewFinished);
        dialog->preview();
        QTRY_COMPARE_WITH_TIMEOUT(previewed.size(), 1, test::scaled(20000));
        QCOMPARE(dialog->errorText(), QString());
        QCOMPARE(dialog->previewFound(), QStringLiteral("1299.0"));
        QVERIFY2(dialog->previewMessages().startsWith(QStringLiteral("Above 1000: ") + shopUrl()),
                 qPrintable(dialog->previewMessages()));
        // A preview saves and sends nothing.
        QCOMPARE(m_session->watchers().count(), watchersBefore);

        // The runtime's refusal is shown, and the dialog stays.
        dialog->setField(QStringLiteral("url"), QStringLiteral("ftp://example.org/"));
        dialog->save();
        QTRY_VERIFY_WITH_TIMEOUT(dialog->errorText().startsWith(QStringLiteral("params.url")),
                                 test::scaled(5000));
        QVERIFY(dialog->isVisible());

        // Saved: the template's watcher, checked as often as the form says.
        dialog->setField(QStringLiteral("url"), shopUrl());
        dialog->findChild<QSpinBox *>()->setValue(30);
        QSignalSpy saved(dialog, &NewWatcherDialog::saved);
        dialog->save();
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, test::scaled(5000));
        const QString id = saved.first().first().value<client::Watcher>().id;
        const QJsonObject stored = apiJson(m_port, "GET", "/api/v1/watchers/" + id.toUtf8());
        QCOMPARE(stored.value(QStringLiteral("name")).toString(),
                 QStringLiteral("Value watch: 127.0.0.1"));
        QCOMPARE(
            stored.value(QStringLiteral("schedule")).toObject().value(QStringLiteral("every_s")),
            1800);
        QVERIFY(stored.value(QStringLiteral("script")).toString().contains(u"\"threshold\":1000"));
        QTRY_COMPARE(page->selectedId(), id);

        // Or its script, in the editor, as a new watcher.
        opened.clear();
        page->newWatcher(QStringLiteral("page_change"));
        dialog = opened.first().first().value<NewWatcherDialog *>();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->chosenTemplate(), QStringLiteral("page_change"),
                                  test::scaled(5000));
        dialog->setField(QStringLiteral("url"), shopUrl());
        dialog->setField(QStringLiteral("selector"), QStringLiteral("h1, p"));
        QSignalSpy pagePreviewed(dialog, &NewWatcherDialog::previewFinished);
        dialog->preview();
        QTRY_COMPARE_WITH_TIMEOUT(pagePreviewed.size(), 1, test::scaled(20000));
        QCOMPARE(dialog->previewFound(), QStringLiteral("Kettle\nSteel, 1.7 l"));
        QCOMPARE(dialog->previewMessages(),
                 QStringLiteral("New on ") + shopUrl() + QStringLiteral("\nKettle\nSteel, 1.7 l"));
        QSignalSpy editors(page, &WatchersPage::editorOpened);
        test::controlLabelled<QPushButton>(dialog, QStringLiteral("Edit as Lua…"))->click();
        QTRY_COMPARE(editors.size(), 1);
        auto *editor = editors.first().first().value<WatcherEditor *>();
        const QJsonObject draft = editor->changes().toJson();
        QCOMPARE(draft.value(QStringLiteral("name")).toString(),
                 QStringLiteral("Page change: 127.0.0.1"));
        QVERIFY(
            draft.value(QStringLiteral("script")).toString().startsWith(u"local P = json.decode("));
        QCOMPARE(editor->windowTitle(), QStringLiteral("New watcher"));
        editor->reject();

        // "Write a Lua script" is one click away.
        opened.clear();
        editors.clear();
        page->newWatcher();
        dialog = opened.first().first().value<NewWatcherDialog *>();
        test::controlLabelled<QPushButton>(dialog, QStringLiteral("Write a Lua script…"))->click();
        QTRY_COMPARE(editors.size(), 1);
        editor = editors.first().first().value<WatcherEditor *>();
        const QString blank = editor->changes().toJson().value(QStringLiteral("script")).toString();
        QVERIFY2(blank.endsWith(u"return true\n") && !blank.contains(u"local P"),
                 qPrintable(blank));
        editor->reject();
    }

    // A watcher's history: snapshots, each against the one before (added
    // green, removed red; inline or side by side), and its values charted
    // with each point's time and value on hover. A notification opens it.
    void historyShowsSnapshotsDiffsAndValues()
    {
        const QJsonObject keeper = apiJson(
            m_port, "POST", "/api/v1/watchers",
            R"({"name":"keeper","schedule":{"every_s":86400},"script":)"
            R"("snapshot.save(ctx.event.text) if ctx.event.tell then notify{title='Changed'} end )"
            R"(return { value = ctx.event.value }"})");
        const QByteArray id = idOf(keeper).toUtf8();
        QStringList runs;
        for (const char *event : { R"({"event":{"text":"a\nb","value":10}})",
                                   R"({"event":{"text":"a\nb\nc","value":12.5}})",
                                   R"({"event":{"text":"a\nc\nd","value":11,"tell":true}})" }) {
            const QJsonObject run =
                apiJson(m_port, "POST", "/api/v1/watchers/" + id + "/run", event);
            QTRY_COMPARE_WITH_TIMEOUT(apiJson(m_port, "GET", "/api/v1/runs/" + idOf(run).toUtf8())
                                          .value(QStringLiteral("status"))
                                          .toString(),
                                      QStringLiteral("succeeded"), test::scaled(10000));
            runs << idOf(run);
        }

        QSignalSpy opened(m_window.get(), &MainWindow::historyOpened);
        m_window->openHistory(idOf(keeper), {}, false);
        auto *history = opened.first().first().value<HistoryDialog *>();
        QSignalSpy shown(history, &HistoryDialog::diffShown);
        QTRY_VERIFY2_WITH_TIMEOUT(shown.size() == 1, qPrintable(history->statusText()),
                                  test::scaled(5000));
        QCOMPARE(history->windowTitle(), QStringLiteral("History of keeper"));
        QCOMPARE(history->snapshotList()->count(), 3);
        QCOMPARE(history->snapshotList()->currentRow(), 0);
        QVERIFY2(
            history->statusText().startsWith(QStringLiteral("1 line(s) added, 1 line(s) removed")),
            qPrintable(history->statusText()));
        const QTextDocument *inlined = history->diffView()->inlineDocument();
        QCOMPARE(inlined->toPlainText(), QStringLiteral("  a\n- b\n  c\n+ d"));
        const auto background = [](const QTextDocument *document, int line) {
            return document->findBlockByNumber(line).blockFormat().background().color();
        };
        QCOMPARE(background(inlined, 1), DiffView::RemovedColour);
        QCOMPARE(background(inlined, 3), DiffView::AddedColour);
        QVERIFY(
            !history->diffView()->inlineDocument()->findBlockByNumber(0).blockFormat().hasProperty(
                QTextFormat::BackgroundBrush));
        // Side by side: the removed line faces the added one.
        history->modeBox()->setCurrentIndex(1);
        QCOMPARE(history->diffView()->mode(), DiffView::Mode::SideBySide);
        QCOMPARE(history->diffView()->leftDocument()->toPlainText(),
                 QStringLiteral("  a\n- b\n  c\n"));
        QCOMPARE(history->diffView()->rightDocument()->toPlainText(),
                 QStringLiteral("  a\n\n  c\n+ d"));
        QCOMPARE(background(history->diffView()->leftDocument(), 1), DiffView::RemovedColour);
        QCOMPARE(background(history->diffView()->rightDocument(), 3), DiffView::AddedColour);
        // The oldest is shown whole.
        history->selectSnapshot(2);
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 2, test::scaled(5000));
        QCOMPARE(history->diffView()->inlineDocument()->toPlainText(), QStringLiteral("a\nb"));

        // The values, charted; the pointer on a point says its value.
        QVERIFY(history->tabs()->isTabEnabled(1));
        history->tabs()->setCurrentIndex(1);
        QVERIFY(QTest::qWaitForWindowExposed(history));
        ValueChart *chart = history->chart();
        QCOMPARE(chart->pointCount(), 3);
        QWidget *viewport = chart->view()->viewport();
        // Through the window, as the pointer's events come.
        QWindow *window = history->windowHandle();
        const QPoint at = viewport->mapTo(history, chart->positionOf(1));
        QTest::mouseMove(window, at + QPoint(30, 30));
        QTest::mouseMove(window, at);
        QTRY_VERIFY2_WITH_TIMEOUT(chart->hoverText().endsWith(QStringLiteral(": 12.5")),
                                  qPrintable(chart->hoverText()), test::scaled(5000));
        history->close();

        // The notification of the last run opens the history at its snapshot.
        opened.clear();
        NotificationsPage *notifications = m_window->notificationsPage();
        QString notificationId;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&]() {
                for (int row = 0; row < notifications->model()->rowCount(); ++row) {
                    if (notifications->model()->recordAt(row)->runId == runs.last())
                        notificationId = notifications->model()->recordAt(row)->id;
                }
                return !notificationId.isEmpty();
            }(),
            test::scaled(10000));
        notifications->activate(notificationId);
        QTRY_COMPARE(opened.size(), 1);
        history = opened.first().first().value<HistoryDialog *>();
        QTRY_VERIFY_WITH_TIMEOUT(history->isVisible(), test::scaled(5000));
        QCOMPARE(history->snapshotList()->currentRow(), 0);
        history->close();
    }

    void watchersPageReviewsChangesFromMcp()
    {
        WatchersPage *page = m_window->watchersPage();
        QListWidget *nav = nullptr;
        for (QListWidget *list : m_window->findChildren<QListWidget *>()) {
            if (list->accessibleName() == u"Pages")
                nav = list;
        }
        QVERIFY(nav);
        const QJsonObject created = apiJsonAsAgent(
            m_port, "POST", "/api/v1/watchers",
            "{\"name\":\"proposed by an agent\",\"schedule\":{\"every_s\":300},"
            "\"script\":\"local r = http.get('https://shop.example/item')\\nreturn r.status\"}");
        const QString id = idOf(created);
        QVERIFY(!id.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->indexOf(id) >= 0, test::scaled(5000));
        const auto enabledCell = [&](int role) {
            return page->model()->data(page->model()->index(page->model()->indexOf(id), 6), role);
        };
        // The row, the bar above the table and the window's badge say it
        // awaits the user.
        QCOMPARE(enabledCell(Qt::DisplayRole).toString(), QStringLiteral("Awaiting approval"));
        QCOMPARE(enabledCell(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QCOMPARE(enabledCell(Qt::ToolTipRole).toString(),
                 QStringLiteral("Changed by MCP client agent: review the change to approve or "
                                "reject it"));
        QTRY_COMPARE(page->awaitingApproval(), 1);
        QVERIFY(page->approvalBar()->isVisibleTo(page));
        QVERIFY(
            page->approvalBar()->text().startsWith(u"1 watcher(s) created or changed over MCP"));
        QCOMPARE(nav->item(0)->text(), QStringLiteral("Watchers (1)"));

        // Review: who asked, what approving does, what it reaches, the change.
        QSignalSpy opened(page, &WatchersPage::approvalOpened);
        page->reviewSelected(); // nothing selected: the first awaiting approval
        QCOMPARE(opened.size(), 1);
        auto *dialog = opened.first().first().value<ApprovalDialog *>();
        QSignalSpy loaded(dialog, &ApprovalDialog::loaded);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, test::scaled(5000));
        QVERIFY2(dialog->summary()->text().startsWith(
                     u"MCP client agent created \"proposed by an agent\"."),
                 qPrintable(dialog->summary()->text()));
        QVERIFY(dialog->summary()->text().contains(u"Approving enables it."));
        QVERIFY(dialog->summary()->text().contains(u"Rejecting deletes it."));
        QVERIFY2(dialog->reach()->text().contains(u"• Websites: shop.example\n"),
                 qPrintable(dialog->reach()->text()));
        QVERIFY(dialog->changes()->inlineDocument()->toPlainText().contains(
            u"local r = http.get('https://shop.example/item')"));
        // The whole script as it would run, read-only.
        QCOMPARE(
            dialog->task()->toPlainText(),
            QStringLiteral("local r = http.get('https://shop.example/item')\nreturn r.status"));
        QVERIFY(dialog->task()->isReadOnly());
        QVERIFY(dialog->approveButton()->isEnabled());
        dialog->approveChange();
        QTRY_COMPARE_WITH_TIMEOUT(enabledCell(Qt::CheckStateRole).toInt(), int(Qt::Checked),
                                  test::scaled(5000));
        QVERIFY(enabledCell(Qt::DisplayRole).isNull());
        QTRY_COMPARE(page->awaitingApproval(), 0);
        QVERIFY(!page->approvalBar()->isVisibleTo(page));
        QCOMPARE(nav->item(0)->text(), QStringLiteral("Watchers"));
        QCOMPARE(apiJson(m_port, "GET", "/api/v1/watchers/" + id.toUtf8())
                     .value(QStringLiteral("approved_by"))
                     .toString(),
                 QStringLiteral("tray"));

        // A change over MCP: what it newly reaches is marked; rejected, the
        // approved script is back.
        apiJsonAsAgent(m_port, "PATCH", "/api/v1/watchers/" + id.toUtf8(),
                       "{\"script\":\"local r = http.get('https://shop.example/item')\\n"
                       "http.post('https://collector.example/', r.body)\\nreturn r.status\"}");
        QTRY_COMPARE_WITH_TIMEOUT(page->awaitingApproval(), 1, test::scaled(5000));
        page->selectWatcher(id);
        // The user may edit it meanwhile (it stays awaiting approval), but
        // not enable it: approving decides that.
        QSignalSpy editors(page, &WatchersPage::editorOpened);
        page->editSelected();
        QTRY_COMPARE_WITH_TIMEOUT(editors.size(), 1, test::scaled(5000));
        auto *editor = editors.first().first().value<WatcherEditor *>();
        QVERIFY(!editor->findChild<QCheckBox *>(QStringLiteral("enabled"))->isEnabled());
        QSignalSpy saved(editor, &WatcherEditor::saved);
        editor->save();
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, test::scaled(5000));
        QCOMPARE(saved.first().first().value<client::Watcher>().approval, Approval::Pending);
        QCOMPARE(page->awaitingApproval(), 1);
        page->reviewSelected();
        QCOMPARE(opened.size(), 2);
        dialog = opened.last().first().value<ApprovalDialog *>();
        QSignalSpy reloaded(dialog, &ApprovalDialog::loaded);
        QTRY_COMPARE_WITH_TIMEOUT(reloaded.size(), 1, test::scaled(5000));
        QVERIFY2(dialog->reach()->text().contains(
                     u"• Websites: collector.example (new), shop.example\n"),
                 qPrintable(dialog->reach()->text()));
        QVERIFY(
            dialog->summary()->text().contains(u"Rejecting restores the version approved before."));
        dialog->rejectChange();
        QTRY_COMPARE_WITH_TIMEOUT(page->awaitingApproval(), 0, test::scaled(5000));
        QCOMPARE(
            apiJson(m_port, "GET", "/api/v1/watchers/" + id.toUtf8())
                .value(QStringLiteral("script"))
                .toString(),
            QStringLiteral("local r = http.get('https://shop.example/item')\nreturn r.status"));
        QCOMPARE(test::call(m_port, "DELETE", "/api/v1/watchers/" + id.toUtf8()).status, 204);
        // An agent watcher: its prompt, and the agent and worker it runs on.
        const QString workerId =
            idOf(apiJson(m_port, "POST", "/api/v1/workers",
                         "{\"name\":\"approvals\",\"agent_kinds\":[\"reviewer\"]}"));
        const QString agentId = idOf(apiJsonAsAgent(
            m_port, "POST", "/api/v1/watchers",
            "{\"name\":\"agent proposal\",\"kind\":\"agent\",\"agent_kind\":\"reviewer\","
            "\"prompt\":\"Summarise the news\",\"schedule\":{\"every_s\":3600}}"));
        QVERIFY(!agentId.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(page->awaitingApproval(), 1, test::scaled(5000));
        page->selectWatcher(agentId);
        page->reviewSelected();
        QCOMPARE(opened.size(), 3);
        dialog = opened.last().first().value<ApprovalDialog *>();
        QSignalSpy agentLoaded(dialog, &ApprovalDialog::loaded);
        QTRY_COMPARE_WITH_TIMEOUT(agentLoaded.size(), 1, test::scaled(5000));
        QCOMPARE(dialog->task()->toPlainText(), QStringLiteral("Summarise the news"));
        QVERIFY2(dialog->reach()->text().contains(
                     QStringLiteral("• Runs the reviewer agent on device worker %1, in the "
                                    "worker's own folder")
                         .arg(workerId)),
                 qPrintable(dialog->reach()->text()));
        dialog->rejectChange();
        QTRY_COMPARE_WITH_TIMEOUT(page->awaitingApproval(), 0, test::scaled(5000));
        QCOMPARE(test::call(m_port, "GET", "/api/v1/watchers/" + agentId.toUtf8()).status, 404);
        QCOMPARE(test::call(m_port, "DELETE", "/api/v1/workers/" + workerId.toUtf8()).status, 204);
    }

    void watchersPageShowsWatchersAndFollowsEvents()
    {
        WatchersPage *page = m_window->watchersPage();
        const QJsonObject created = apiJson(
            m_port, "POST", "/api/v1/watchers",
            "{\"name\":\"from api\",\"script\":\"return 1\",\"schedule\":{\"every_s\":300}}");
        // Created after the page loaded: the watcher event brings it.
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->indexOf(idOf(created)) >= 0, test::scaled(5000));
        const int row = page->model()->indexOf(idOf(created));
        const auto cell = [&](int column) {
            return page->model()
                ->data(page->model()->index(row, column), Qt::DisplayRole)
                .toString();
        };
        QCOMPARE(cell(0), QStringLiteral("from api"));
        QCOMPARE(cell(1), QStringLiteral("lua"));
        QCOMPARE(cell(2), QStringLiteral("every 5 minute(s)"));
        QVERIFY(cell(3) != QStringLiteral("—"));
        // Who made it: these tests' own client (X-Hearth-Client: hearth-tests).
        QCOMPARE(cell(5), QStringLiteral("API client hearth-tests"));
        QCOMPARE(page->model()->data(page->model()->index(row, 6), Qt::CheckStateRole).toInt(),
                 int(Qt::Checked));

        // The enabled toggle changes the runtime, as the tray's change.
        QVERIFY(page->model()->setData(page->model()->index(row, 6), Qt::Unchecked,
                                       Qt::CheckStateRole));
        QTRY_VERIFY_WITH_TIMEOUT(
            !apiJson(m_port, "GET", "/api/v1/watchers/" + idOf(created).toUtf8())
                 .value(QStringLiteral("enabled"))
                 .toBool(),
            test::scaled(5000));
        QTRY_COMPARE(page->model()->data(page->model()->index(row, 6), Qt::CheckStateRole).toInt(),
                     int(Qt::Unchecked));
        const QJsonObject toggled =
            apiJson(m_port, "GET", "/api/v1/watchers/" + idOf(created).toUtf8());
        QCOMPARE(toggled.value(QStringLiteral("created_by")).toString(),
                 QStringLiteral("api:hearth-tests"));
        QCOMPARE(toggled.value(QStringLiteral("updated_by")).toString(), QStringLiteral("tray"));
        QTRY_COMPARE(cell(5), QStringLiteral("Tray"));
        QCOMPARE(page->model()->data(page->model()->index(row, 5), Qt::ToolTipRole).toString(),
                 QStringLiteral("Created by API client hearth-tests, last changed by Tray"));

        // Run now, and the last status follows the run's events.
        page->selectWatcher(idOf(created));
        page->runSelected();
        QTRY_COMPARE_WITH_TIMEOUT(cell(4), QStringLiteral("succeeded"), test::scaled(10000));
        const QJsonArray trayRuns =
            apiJson(m_port, "GET", "/api/v1/runs?watcher=" + idOf(created).toUtf8())
                .value(QStringLiteral("items"))
                .toArray();
        QCOMPARE(trayRuns.size(), 1);
        QCOMPARE(trayRuns.at(0).toObject().value(QStringLiteral("actor")).toString(),
                 QStringLiteral("tray"));

        // Delete asks first; No keeps it, Yes deletes it.
        answerNextQuestion(QMessageBox::No);
        page->deleteSelected();
        QCOMPARE(test::call(m_port, "GET", "/api/v1/watchers/" + idOf(created).toUtf8()).status,
                 200);
        answerNextQuestion(QMessageBox::Yes);
        page->deleteSelected();
        QTRY_COMPARE_WITH_TIMEOUT(
            test::call(m_port, "GET", "/api/v1/watchers/" + idOf(created).toUtf8()).status, 404,
            test::scaled(5000));
        QTRY_COMPARE(page->model()->indexOf(idOf(created)), -1);
    }

    void editorCreatesPreviewsTestRunsAndEdits()
    {
        WatchersPage *page = m_window->watchersPage();
        QSignalSpy opened(page, &WatchersPage::editorOpened);
        page->writeScript();
        QCOMPARE(opened.size(), 1);
        auto *editor = opened.first().first().value<WatcherEditor *>();
        QVERIFY(editor);
        QSignalSpy previews(editor, &WatcherEditor::previewUpdated);
        QTRY_VERIFY_WITH_TIMEOUT(previews.size() >= 1, test::scaled(5000));
        QCOMPARE(editor->previewLines().size(), 5); // every 5 minutes: five fires

        editor->findChild<QLineEdit *>(QStringLiteral("name"))
            ->setText(QStringLiteral("made in the editor"));
        auto *script = editor->findChild<QPlainTextEdit *>(QStringLiteral("script"));
        script->setPlainText(
            QStringLiteral("log.info('adding') notify{title='Sum', body='two'} return 1 + 1"));
        const int notificationsBefore =
            int(apiJson(m_port, "GET", "/api/v1/notifications?limit=1000")
                    .value(QStringLiteral("items"))
                    .toArray()
                    .size());
        QSignalSpy tested(editor, &WatcherEditor::testRunFinished);
        editor->testRun();
        QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, test::scaled(10000));
        QVERIFY2(editor->testOutput().contains(QStringLiteral("Status: succeeded")),
                 qPrintable(editor->testOutput()));
        QVERIFY(editor->testOutput().contains(QStringLiteral("Result: 2")));
        QVERIFY(editor->testOutput().contains(QStringLiteral("[info] adding")));
        QVERIFY(editor->testOutput().contains(QStringLiteral("instructions")));
        // A test run notifies nobody: it says what it would.
        QVERIFY2(editor->testOutput().contains(QStringLiteral("Would notify: Sum — two")),
                 qPrintable(editor->testOutput()));
        QCOMPARE(apiJson(m_port, "GET", "/api/v1/notifications?limit=1000")
                     .value(QStringLiteral("items"))
                     .toArray()
                     .size(),
                 notificationsBefore);
        QCOMPARE(
            apiJson(m_port, "GET", "/api/v1/runs").value(QStringLiteral("items")).toArray().size(),
            runCount()); // a test run creates no run

        // A script that does not compile: the runtime's message, nothing saved.
        script->setPlainText(QStringLiteral("return ("));
        editor->save();
        QTRY_VERIFY_WITH_TIMEOUT(!editor->errorText().isEmpty(), test::scaled(5000));
        QVERIFY2(editor->errorText().contains(QStringLiteral("script")),
                 qPrintable(editor->errorText()));
        QVERIFY(editor->isVisible());
        script->setPlainText(QStringLiteral("return 1 + 1"));
        QSignalSpy saved(editor, &WatcherEditor::saved);
        editor->save();
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, test::scaled(5000));
        const QString id = saved.first().first().value<client::Watcher>().id;
        const QJsonObject stored = apiJson(m_port, "GET", "/api/v1/watchers/" + id.toUtf8());
        QCOMPARE(stored.value(QStringLiteral("name")).toString(),
                 QStringLiteral("made in the editor"));
        QCOMPARE(stored.value(QStringLiteral("script")).toString(), QStringLiteral("return 1 + 1"));
        QCOMPARE(stored.value(QStringLiteral("schedule"))
                     .toObject()
                     .value(QStringLiteral("every_s"))
                     .toInt(),
                 300);
        QCOMPARE(stored.value(QStringLiteral("max_attempts")).toInt(), 3);

        // Budgets set elsewhere are shown; the channels, which the form
        // does not show, survive it.
        QCOMPARE(apiJson(m_port, "PATCH", "/api/v1/watchers/" + id.toUtf8(),
                         R"({"escalations":{"daily_budget":3},)"
                         R"("notify":{"min_interval_s":120,"daily_budget":7,"channels":[]}})")
                     .value(QStringLiteral("escalations"))
                     .toObject()
                     .value(QStringLiteral("daily_budget"))
                     .toInt(),
                 3);

        // Edit: the editor loads the stored watcher; a rename is saved.
        opened.clear();
        page->selectWatcher(id);
        page->editSelected();
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, test::scaled(5000));
        editor = opened.first().first().value<WatcherEditor *>();
        QCOMPARE(editor->changes().toJson().value(QStringLiteral("script")).toString(),
                 QStringLiteral("return 1 + 1"));
        QCOMPARE(editor->changes().toJson().value(QStringLiteral("schedule")).toObject(),
                 stored.value(QStringLiteral("schedule")).toObject());
        editor->findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("renamed"));
        // Its own history: more runs kept than hearthd's, for as long as Settings says.
        auto *keepRuns = test::controlLabelled<QSpinBox>(editor, QStringLiteral("Runs kept"));
        auto *keepDays =
            test::controlLabelled<QSpinBox>(editor, QStringLiteral("Days runs are kept"));
        QVERIFY(keepRuns && keepDays);
        QCOMPARE(keepRuns->text(), QStringLiteral("as in Settings"));
        keepRuns->setValue(5000);
        auto *cooldown =
            test::controlLabelled<QSpinBox>(editor, QStringLiteral("Notification cooldown"));
        auto *notifyBudget =
            test::controlLabelled<QSpinBox>(editor, QStringLiteral("Notifications per day"));
        auto *escalationBudget =
            test::controlLabelled<QSpinBox>(editor, QStringLiteral("Escalations per day"));
        QVERIFY(cooldown && notifyBudget && escalationBudget);
        QCOMPARE(cooldown->value(), 120);
        QCOMPARE(notifyBudget->value(), 7);
        QCOMPARE(escalationBudget->value(), 3);
        QVERIFY(escalationBudget->isEnabled()); // a script's
        notifyBudget->setValue(9);
        escalationBudget->setValue(0);
        QSignalSpy savedAgain(editor, &WatcherEditor::saved);
        editor->save();
        QTRY_COMPARE_WITH_TIMEOUT(savedAgain.size(), 1, test::scaled(5000));
        const QJsonObject renamed = apiJson(m_port, "GET", "/api/v1/watchers/" + id.toUtf8());
        QCOMPARE(renamed.value(QStringLiteral("name")).toString(), QStringLiteral("renamed"));
        QCOMPARE(renamed.value(QStringLiteral("history")).toObject(),
                 (QJsonObject { { QStringLiteral("keep_runs"), 5000 },
                                { QStringLiteral("keep_days"), QJsonValue() },
                                { QStringLiteral("keep_snapshots"), QJsonValue() },
                                { QStringLiteral("keep_snapshot_days"), QJsonValue() } }));
        QCOMPARE(savedAgain.first().first().value<client::Watcher>().spec.history.keepRuns, 5000);
        QCOMPARE(renamed.value(QStringLiteral("escalations")).toObject(),
                 QJsonObject({ { QStringLiteral("daily_budget"), 0 } }));
        const QJsonObject notify = renamed.value(QStringLiteral("notify")).toObject();
        QCOMPARE(notify.value(QStringLiteral("min_interval_s")).toInt(), 120);
        QCOMPARE(notify.value(QStringLiteral("daily_budget")).toInt(), 9);
        QCOMPARE(notify.value(QStringLiteral("channels")).toArray(), QJsonArray());
        QTRY_COMPARE(nameOf(page->model()->find(id)), QStringLiteral("renamed"));
    }

    // "After another watcher" in place of a schedule: the watchers to pick
    // from, the condition, what the preview says; saved as a trigger, loaded
    // back, and replaced by a schedule again.
    void editorChainsAWatcherAfterAnother()
    {
        const QJsonObject source =
            apiJson(m_port, "POST", "/api/v1/watchers",
                    R"({"name":"chain source","script":"return 1","schedule":{"every_s":3600}})");
        const QString sourceId = idOf(source);
        WatchersPage *page = m_window->watchersPage();
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->indexOf(sourceId) >= 0, test::scaled(5000));
        QSignalSpy opened(page, &WatchersPage::editorOpened);
        page->writeScript();
        auto *editor = opened.first().first().value<WatcherEditor *>();
        QSignalSpy previews(editor, &WatcherEditor::previewUpdated);
        QTRY_VERIFY_WITH_TIMEOUT(previews.size() >= 1, test::scaled(5000));
        const auto combo = [&editor](const QString &accessibleName) {
            return comboNamed(editor, accessibleName);
        };
        QComboBox *scheduleKind = combo(QStringLiteral("Schedule kind"));
        QComboBox *after = combo(QStringLiteral("Watcher it starts after"));
        QComboBox *when = combo(QStringLiteral("When that watcher"));
        QVERIFY(scheduleKind && after && when);
        QVERIFY(after->findText(QStringLiteral("chain source")) >= 0);
        scheduleKind->setCurrentIndex(
            scheduleKind->findText(QStringLiteral("After another watcher")));
        after->setCurrentText(QStringLiteral("chain source"));
        when->setCurrentIndex(when->findText(QStringLiteral("finds a change")));
        previews.clear();
        QTRY_VERIFY_WITH_TIMEOUT(previews.size() >= 1, test::scaled(5000));
        QCOMPARE(editor->previewLines(),
                 QStringList { QStringLiteral("Runs each time chain source finds a change.") });
        const QString id = saveScriptWatcher(editor, QStringLiteral("chained in the editor"));
        QVERIFY(!id.isEmpty());
        QJsonObject stored = apiJson(m_port, "GET", "/api/v1/watchers/" + id.toUtf8());
        QCOMPARE(stored.value(QStringLiteral("trigger")).toObject(),
                 (QJsonObject { { QStringLiteral("after"), QStringLiteral("chain source") },
                                { QStringLiteral("when"), QStringLiteral("changed") } }));
        QVERIFY(!stored.contains(QStringLiteral("schedule")));
        QTRY_COMPARE(
            page->model()
                ->data(page->model()->index(page->model()->indexOf(id), 2), Qt::DisplayRole)
                .toString(),
            QStringLiteral("after chain source finds a change"));
        // A change of the source starts it; the Runs page says by which run.
        QCOMPARE(test::call(m_port, "PATCH", "/api/v1/watchers/" + sourceId.toUtf8(),
                            R"({"script":"return ctx.event.n"})")
                     .status,
                 200);
        for (int n : { 1, 2 }) {
            const QJsonObject sourceRun =
                apiJson(m_port, "POST", "/api/v1/watchers/" + sourceId.toUtf8() + "/run",
                        QStringLiteral(R"({"event":{"n":%1}})").arg(n).toUtf8());
            QCOMPARE(test::waitForRunEnd(m_port, idOf(sourceRun))
                         .value(QStringLiteral("status"))
                         .toString(),
                     QStringLiteral("succeeded"));
        }
        const QJsonArray followed = apiJson(m_port, "GET", "/api/v1/runs?watcher=" + id.toUtf8())
                                        .value(QStringLiteral("items"))
                                        .toArray();
        QCOMPARE(followed.size(), 1);
        const QJsonObject followedRun = followed.at(0).toObject();
        RunsPage *runs = m_window->runsPage();
        QTRY_VERIFY_WITH_TIMEOUT(runs->model()->find(idOf(followedRun)), test::scaled(5000));
        QSignalSpy shown(runs, &RunsPage::detailShown);
        runs->openRun(idOf(followedRun));
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), test::scaled(5000));
        QVERIFY2(runs->detailText().contains(
                     QStringLiteral("Started by the end of run %1 (link 1 of a chain)")
                         .arg(followedRun.value(QStringLiteral("parent_run_id")).toString())),
                 qPrintable(runs->detailText()));
        // hearthd started it, not a person.
        QVERIFY2(runs->detailText().contains(QStringLiteral("Started by Hearth\n")),
                 qPrintable(runs->detailText()));

        // Loaded back as it was; an interval replaces the trigger.
        opened.clear();
        page->selectWatcher(id);
        page->editSelected();
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, test::scaled(5000));
        editor = opened.first().first().value<WatcherEditor *>();
        scheduleKind = combo(QStringLiteral("Schedule kind"));
        QCOMPARE(scheduleKind->currentText(), QStringLiteral("After another watcher"));
        QCOMPARE(combo(QStringLiteral("Watcher it starts after"))->currentText(),
                 QStringLiteral("chain source"));
        QCOMPARE(combo(QStringLiteral("When that watcher"))->currentText(),
                 QStringLiteral("finds a change"));
        // It is not offered itself.
        QCOMPARE(combo(QStringLiteral("Watcher it starts after"))
                     ->findText(QStringLiteral("chained in the editor")),
                 -1);
        scheduleKind->setCurrentIndex(scheduleKind->findText(QStringLiteral("Interval")));
        QSignalSpy savedAgain(editor, &WatcherEditor::saved);
        editor->save();
        QTRY_COMPARE_WITH_TIMEOUT(savedAgain.size(), 1, test::scaled(5000));
        stored = apiJson(m_port, "GET", "/api/v1/watchers/" + id.toUtf8());
        QVERIFY(stored.contains(QStringLiteral("schedule")));
        QVERIFY(!stored.contains(QStringLiteral("trigger")));
        QCOMPARE(test::call(m_port, "DELETE", "/api/v1/watchers/" + sourceId.toUtf8()).status, 204);
    }

    void editorWatchesAFolder()
    {
        QTemporaryDir folder;
        WatchersPage *page = m_window->watchersPage();
        QSignalSpy opened(page, &WatchersPage::editorOpened);
        page->writeScript();
        auto *editor = opened.first().first().value<WatcherEditor *>();
        QSignalSpy previews(editor, &WatcherEditor::previewUpdated);
        QTRY_VERIFY_WITH_TIMEOUT(previews.size() >= 1, test::scaled(5000));
        const auto scheduleKind = [&editor]() {
            return comboNamed(editor, QStringLiteral("Schedule kind"));
        };
        QVERIFY(scheduleKind());
        scheduleKind()->setCurrentIndex(
            scheduleKind()->findText(QStringLiteral("When files change in a folder")));
        previews.clear();
        QTRY_VERIFY_WITH_TIMEOUT(previews.size() >= 1, test::scaled(5000));
        QCOMPARE(editor->previewLines(),
                 QStringList { QStringLiteral("Choose the folder to watch.") });
        auto *path = editor->findChild<QLineEdit *>(QStringLiteral("folder"));
        QVERIFY(path);
        path->setText(folder.path());
        for (QCheckBox *box : editor->findChildren<QCheckBox *>()) {
            if (box->text() == QStringLiteral("and the folders under it"))
                box->setChecked(true);
        }
        for (QLineEdit *edit : editor->findChildren<QLineEdit *>()) {
            if (edit->accessibleName() == QStringLiteral("Only files matching"))
                edit->setText(QStringLiteral("*.pdf"));
        }
        previews.clear();
        QTRY_VERIFY_WITH_TIMEOUT(previews.size() >= 1, test::scaled(5000));
        const QString starts = QStringLiteral("when files change in %1 or a folder under it "
                                              "(only *.pdf)")
                                   .arg(folder.path());
        QCOMPARE(editor->previewLines(), QStringList { QStringLiteral("Runs %1.").arg(starts) });
        const QString id = saveScriptWatcher(editor, QStringLiteral("folder in the editor"));
        QVERIFY(!id.isEmpty());
        QJsonObject stored = apiJson(m_port, "GET", "/api/v1/watchers/" + id.toUtf8());
        QCOMPARE(stored.value(QStringLiteral("trigger")).toObject(),
                 (QJsonObject { { QStringLiteral("path"), folder.path() },
                                { QStringLiteral("recursive"), true },
                                { QStringLiteral("glob"), QStringLiteral("*.pdf") },
                                { QStringLiteral("settle_ms"), 2000 } }));
        QTRY_COMPARE(
            page->model()
                ->data(page->model()->index(page->model()->indexOf(id), 2), Qt::DisplayRole)
                .toString(),
            starts);

        // Loaded back as it was.
        opened.clear();
        page->selectWatcher(id);
        page->editSelected();
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, test::scaled(5000));
        editor = opened.first().first().value<WatcherEditor *>();
        QCOMPARE(scheduleKind()->currentText(), QStringLiteral("When files change in a folder"));
        QCOMPARE(editor->findChild<QLineEdit *>(QStringLiteral("folder"))->text(), folder.path());
        editor->reject();
        QCOMPARE(test::call(m_port, "DELETE", "/api/v1/watchers/" + id.toUtf8()).status, 204);
    }

    void editorMakesWebhookWatchers()
    {
        WatchersPage *page = m_window->watchersPage();
        QSignalSpy opened(page, &WatchersPage::editorOpened);
        page->writeScript();
        auto *editor = opened.first().first().value<WatcherEditor *>();
        QSignalSpy previews(editor, &WatcherEditor::previewUpdated);
        QTRY_VERIFY_WITH_TIMEOUT(previews.size() >= 1, test::scaled(5000));
        const auto combo = [&editor](const QString &accessibleName) {
            return comboNamed(editor, accessibleName);
        };
        QComboBox *scheduleKind = combo(QStringLiteral("Schedule kind"));
        QComboBox *verify = combo(QStringLiteral("Webhook signature"));
        QVERIFY(scheduleKind && verify);
        scheduleKind->setCurrentIndex(
            scheduleKind->findText(QStringLiteral("When a webhook arrives")));
        verify->setCurrentIndex(verify->findText(QStringLiteral("Signed (GitHub)")));
        previews.clear();
        QTRY_VERIFY_WITH_TIMEOUT(previews.size() >= 1, test::scaled(5000));
        QCOMPARE(editor->previewLines(),
                 QStringList { QStringLiteral("Runs when a webhook arrives (signed: GitHub).") });
        const QString id = saveScriptWatcher(editor, QStringLiteral("webhook in the editor"));
        QVERIFY(!id.isEmpty());
        const QJsonObject webhook = apiJson(m_port, "GET", "/api/v1/watchers/" + id.toUtf8())
                                        .value(QStringLiteral("trigger"))
                                        .toObject()
                                        .value(QStringLiteral("webhook"))
                                        .toObject();
        QCOMPARE(webhook.value(QStringLiteral("verify")).toString(), QStringLiteral("github"));
        const QString token = webhook.value(QStringLiteral("token")).toString();
        QCOMPARE(token.size(), 43);

        // Loaded back with where deliveries go; saving keeps the token.
        opened.clear();
        page->selectWatcher(id);
        page->editSelected();
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, test::scaled(5000));
        editor = opened.first().first().value<WatcherEditor *>();
        QCOMPARE(combo(QStringLiteral("Schedule kind"))->currentText(),
                 QStringLiteral("When a webhook arrives"));
        QCOMPARE(combo(QStringLiteral("Webhook signature"))->currentText(),
                 QStringLiteral("Signed (GitHub)"));
        bool shown = false;
        for (QLabel *label : editor->findChildren<QLabel *>())
            shown = shown || label->text().contains(QStringLiteral("/hooks/") + token);
        QVERIFY(shown);
        combo(QStringLiteral("Webhook signature"))
            ->setCurrentIndex(combo(QStringLiteral("Webhook signature"))
                                  ->findText(QStringLiteral("Signed (Standard Webhooks)")));
        QSignalSpy saved(editor, &WatcherEditor::saved);
        editor->save();
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, test::scaled(5000));
        const QJsonObject stored = apiJson(m_port, "GET", "/api/v1/watchers/" + id.toUtf8())
                                       .value(QStringLiteral("trigger"))
                                       .toObject()
                                       .value(QStringLiteral("webhook"))
                                       .toObject();
        QCOMPARE(stored.value(QStringLiteral("verify")).toString(), QStringLiteral("standard"));
        QCOMPARE(stored.value(QStringLiteral("token")).toString(), token);
        QCOMPARE(test::call(m_port, "DELETE", "/api/v1/watchers/" + id.toUtf8()).status, 204);
    }

    void editorMakesAgentWatchersPinnedToAWorker()
    {
        // Two device workers: the editor offers both; "desk" runs claude only.
        const QJsonObject desk = apiJson(m_port, "POST", "/api/v1/workers",
                                         "{\"name\":\"desk\",\"agent_kinds\":[\"claude\"]}");
        const QJsonObject laptop =
            apiJson(m_port, "POST", "/api/v1/workers",
                    "{\"name\":\"laptop\",\"agent_kinds\":[\"claude\",\"codex\"]}");
        QVERIFY(!idOf(desk).isEmpty() && !idOf(laptop).isEmpty());

        WatchersPage *page = m_window->watchersPage();
        QSignalSpy opened(page, &WatchersPage::editorOpened);
        page->writeScript();
        auto *editor = opened.first().first().value<WatcherEditor *>();
        auto *kind = test::controlLabelled<QComboBox>(editor, QStringLiteral("Kind"));
        auto *prompt = test::controlLabelled<QPlainTextEdit>(editor, QStringLiteral("Prompt"));
        auto *agent = test::controlLabelled<QComboBox>(editor, QStringLiteral("Agent profile"));
        auto *worker = test::controlLabelled<QComboBox>(editor, QStringLiteral("Device worker"));
        auto *folder = test::controlLabelled<QLineEdit>(editor, QStringLiteral("Working folder"));
        auto *instructions =
            test::controlLabelled<QSpinBox>(editor, QStringLiteral("Instructions"));
        auto *timeout = test::controlLabelled<QSpinBox>(editor, QStringLiteral("Timeout"));
        auto *escalations =
            test::controlLabelled<QSpinBox>(editor, QStringLiteral("Escalations per day"));
        QVERIFY(kind && prompt && agent && worker && folder && instructions && timeout &&
                escalations);
        QVERIFY(!prompt->isVisible());
        kind->setCurrentIndex(kind->findData(QStringLiteral("agent")));
        // The agent side replaces the script; Lua's limits and escalations
        // do not apply.
        QVERIFY(prompt->isVisible());
        QVERIFY(!instructions->isEnabled());
        QVERIFY(!escalations->isEnabled());
        QCOMPARE(timeout->value(), 600);
        QTRY_COMPARE_WITH_TIMEOUT(worker->count(), 3, test::scaled(5000)); // + "the only one"
        QVERIFY(worker->findText(QStringLiteral("desk")) > 0);

        editor->findChild<QLineEdit *>(QStringLiteral("name"))
            ->setText(QStringLiteral("triage issues"));
        prompt->setPlainText(QStringLiteral("Summarise the open issues in {workdir}."));
        agent->setCurrentText(QStringLiteral("codex"));
        folder->setText(m_home.path());
        // desk does not run codex: the runtime says so and nothing is saved.
        worker->setCurrentIndex(worker->findData(idOf(desk)));
        editor->save();
        QTRY_VERIFY_WITH_TIMEOUT(!editor->errorText().isEmpty(), test::scaled(5000));
        QVERIFY2(editor->errorText().contains(QStringLiteral("codex")),
                 qPrintable(editor->errorText()));
        QVERIFY(editor->isVisible());

        // A result schema that is not a JSON object is refused in the form.
        auto *schema =
            test::controlLabelled<QPlainTextEdit>(editor, QStringLiteral("Result schema"));
        QVERIFY(schema && schema->isVisible());
        schema->setPlainText(QStringLiteral("{\"type\": \"object\","));
        editor->save();
        QVERIFY2(editor->errorText().startsWith(QStringLiteral("Result schema: not a JSON object")),
                 qPrintable(editor->errorText()));
        const QJsonObject verdict { { QStringLiteral("type"), QStringLiteral("object") },
                                    { QStringLiteral("required"),
                                      QJsonArray { QStringLiteral("notify") } } };
        schema->setPlainText(QString::fromUtf8(QJsonDocument(verdict).toJson()));

        worker->setCurrentIndex(worker->findData(idOf(laptop)));
        QSignalSpy saved(editor, &WatcherEditor::saved);
        editor->save();
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, test::scaled(5000));
        const QString id = saved.first().first().value<client::Watcher>().id;
        const QJsonObject stored = apiJson(m_port, "GET", "/api/v1/watchers/" + id.toUtf8());
        QCOMPARE(stored.value(QStringLiteral("kind")).toString(), QStringLiteral("agent"));
        QCOMPARE(stored.value(QStringLiteral("prompt")).toString(),
                 QStringLiteral("Summarise the open issues in {workdir}."));
        QCOMPARE(stored.value(QStringLiteral("agent_kind")).toString(), QStringLiteral("codex"));
        QCOMPARE(stored.value(QStringLiteral("device_worker_id")).toString(), idOf(laptop));
        QCOMPARE(stored.value(QStringLiteral("workdir")).toString(), m_home.path());
        QCOMPARE(stored.value(QStringLiteral("timeout_s")).toInt(), 600);
        QCOMPARE(stored.value(QStringLiteral("result_schema")).toObject(), verdict);

        // Edit: the agent side comes back as stored; a new prompt is saved.
        opened.clear();
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->indexOf(id) >= 0, test::scaled(5000));
        page->selectWatcher(id);
        page->editSelected();
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, test::scaled(5000));
        editor = opened.first().first().value<WatcherEditor *>();
        prompt = test::controlLabelled<QPlainTextEdit>(editor, QStringLiteral("Prompt"));
        worker = test::controlLabelled<QComboBox>(editor, QStringLiteral("Device worker"));
        QVERIFY(prompt && prompt->isVisible());
        QCOMPARE(prompt->toPlainText(), QStringLiteral("Summarise the open issues in {workdir}."));
        QTRY_COMPARE_WITH_TIMEOUT(worker->currentData().toString(), idOf(laptop),
                                  test::scaled(5000));
        QCOMPARE(test::controlLabelled<QComboBox>(editor, QStringLiteral("Agent profile"))
                     ->currentText(),
                 QStringLiteral("codex"));
        schema = test::controlLabelled<QPlainTextEdit>(editor, QStringLiteral("Result schema"));
        QCOMPARE(QJsonDocument::fromJson(schema->toPlainText().toUtf8()).object(), verdict);
        prompt->setPlainText(QStringLiteral("List the stale branches."));
        QSignalSpy savedAgain(editor, &WatcherEditor::saved);
        editor->save();
        QTRY_COMPARE_WITH_TIMEOUT(savedAgain.size(), 1, test::scaled(5000));
        const QJsonObject edited = apiJson(m_port, "GET", "/api/v1/watchers/" + id.toUtf8());
        QCOMPARE(edited.value(QStringLiteral("prompt")).toString(),
                 QStringLiteral("List the stale branches."));
        QCOMPARE(edited.value(QStringLiteral("device_worker_id")).toString(), idOf(laptop));
        QCOMPARE(edited.value(QStringLiteral("result_schema")).toObject(), verdict);

        // Tidy up: later tests want no agent watchers waiting for workers.
        QCOMPARE(test::call(m_port, "DELETE", "/api/v1/watchers/" + id.toUtf8()).status, 204);
        for (const QJsonObject &registered : { desk, laptop })
            QCOMPARE(
                test::call(m_port, "DELETE", "/api/v1/workers/" + idOf(registered).toUtf8()).status,
                204);
    }

    void runsPageShowsDetailsRetriesAndCancels()
    {
        RunsPage *page = m_window->runsPage();
        const QJsonObject broken =
            apiJson(m_port, "POST", "/api/v1/watchers",
                    "{\"name\":\"broken\",\"script\":\"log.warn('about to fail') "
                    "error('boom')\",\"schedule\":{\"every_s\":3600},\"max_attempts\":1}");
        const QJsonObject run =
            apiJson(m_port, "POST", "/api/v1/watchers/" + idOf(broken).toUtf8() + "/run");
        QTRY_VERIFY2_WITH_TIMEOUT(
            statusOf(page->model()->find(idOf(run))) == scheduler::RunStatus::Dead,
            qPrintable(pageAndRuntimeDisagree(idOf(run))), test::scaled(10000));
        QSignalSpy shown(page, &RunsPage::detailShown);
        page->openRun(idOf(run));
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), test::scaled(5000));
        QVERIFY2(page->detailText().contains(QStringLiteral("dead")),
                 qPrintable(page->detailText()));
        QVERIFY(page->detailText().contains(QStringLiteral("script_error")));
        QVERIFY(page->detailText().contains(QStringLiteral("broken")));
        QVERIFY2(page->logText().contains(QStringLiteral("[warn] about to fail")),
                 qPrintable(page->logText()));
        // Who started it: these tests' own client.
        QCOMPARE(
            page->model()
                ->data(page->model()->index(page->model()->indexOf(idOf(run)), 7), Qt::DisplayRole)
                .toString(),
            QStringLiteral("API client hearth-tests"));

        page->retrySelected();
        QTRY_VERIFY_WITH_TIMEOUT(
            apiJson(m_port, "GET", "/api/v1/runs?watcher=" + idOf(broken).toUtf8())
                    .value(QStringLiteral("items"))
                    .toArray()
                    .size() == 2,
            test::scaled(5000));
        const QJsonObject retry =
            apiJson(m_port, "GET", "/api/v1/runs?watcher=" + idOf(broken).toUtf8())
                .value(QStringLiteral("items"))
                .toArray()
                .first()
                .toObject();
        QCOMPARE(retry.value(QStringLiteral("attempt")).toInt(), 2);

        // A long run: Cancel stops it.
        const QJsonObject slow = apiJson(m_port, "POST", "/api/v1/watchers",
                                         "{\"name\":\"slow\",\"script\":\"while true do "
                                         "end\",\"schedule\":{\"every_s\":3600},\"timeout_s\":60,"
                                         "\"limits\":{\"instructions\":1000000000}}");
        const QJsonObject slowRun =
            apiJson(m_port, "POST", "/api/v1/watchers/" + idOf(slow).toUtf8() + "/run");
        QTRY_VERIFY2_WITH_TIMEOUT(
            statusOf(page->model()->find(idOf(slowRun))) == scheduler::RunStatus::Running,
            qPrintable(pageAndRuntimeDisagree(idOf(slowRun))), test::scaled(10000));
        page->openRun(idOf(slowRun));
        QTRY_COMPARE(page->selectedId(), idOf(slowRun));
        page->cancelSelected();
        QTRY_COMPARE_WITH_TIMEOUT(apiJson(m_port, "GET", "/api/v1/runs/" + idOf(slowRun).toUtf8())
                                      .value(QStringLiteral("status"))
                                      .toString(),
                                  QStringLiteral("cancelled"), test::scaled(10000));

        // The status filter asks the runtime for that status only.
        QSignalSpy loaded(page, &RunsPage::loaded);
        page->setStatusFilter(QStringLiteral("cancelled"));
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), test::scaled(5000));
        QCOMPARE(page->model()->rowCount(), 1);
        QCOMPARE(page->model()->keyAt(0), idOf(slowRun));
        page->setStatusFilter({});
    }

    void logsPageTailsFiltersSearchesAndPauses()
    {
        LogsPage *page = m_window->logsPage();
        const QJsonObject chatty = apiJson(
            m_port, "POST", "/api/v1/watchers",
            "{\"name\":\"chatty\",\"script\":\"log.trace('tiny detail') log.info('hello from lua') "
            "log.error('bad thing') return 1\",\"schedule\":{\"every_s\":3600}}");
        const QByteArray runPath = "/api/v1/watchers/" + idOf(chatty).toUtf8() + "/run";
        QCOMPARE(test::call(m_port, "POST", runPath).status, 201);
        QTRY_VERIFY_WITH_TIMEOUT(page->visibleText().contains(QStringLiteral("hello from lua")),
                                 test::scaled(10000));
        QVERIFY(page->visibleText().contains(QStringLiteral("[trace] tiny detail")));
        page->setLevelFilter(LogLevel::Error);
        QVERIFY(!page->visibleText().contains(QStringLiteral("hello from lua")));
        QVERIFY(page->visibleText().contains(QStringLiteral("bad thing")));
        page->setLevelFilter(LogLevel::Trace);
        page->setSearch(QStringLiteral("HELLO"));
        QVERIFY(page->visibleText().contains(QStringLiteral("hello from lua")));
        QVERIFY(!page->visibleText().contains(QStringLiteral("bad thing")));
        page->setSearch({});

        page->setPaused(true);
        const int before = page->lineCount();
        QCOMPARE(test::call(m_port, "POST", runPath).status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(page->lineCount(), before + 3, test::scaled(10000));
        QCOMPARE(page->visibleText().count(QStringLiteral("hello from lua")),
                 1); // held while paused
        page->setPaused(false);
        QCOMPARE(page->visibleText().count(QStringLiteral("hello from lua")), 2);
    }

    void secretsPageAddsRevealsCopiesAndDeletes()
    {
        SecretsPage *page = m_window->secretsPage();
        m_window->showPage(MainWindow::Secrets);
        QSignalSpy loaded(page, &SecretsPage::loaded);
        page->putSecret(QStringLiteral("API_TOKEN"), QStringLiteral("s3cret-value"));
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->indexOf(QStringLiteral("API_TOKEN")) >= 0,
                                 test::scaled(5000));
        QCOMPARE(apiJson(m_port, "POST", "/api/v1/secrets/API_TOKEN/reveal")
                     .value(QStringLiteral("value"))
                     .toString(),
                 QStringLiteral("s3cret-value"));
        // The list holds names and dates, never values.
        for (int column = 0; column < page->model()->columnCount(); ++column)
            QVERIFY(!page->model()
                         ->data(page->model()->index(0, column), Qt::DisplayRole)
                         .toString()
                         .contains(QStringLiteral("s3cret")));
        QVERIFY2(page->keyStatusText().contains(QStringLiteral("HEARTH_SECRET_KEY")),
                 qPrintable(page->keyStatusText()));

        // Values are exposed for 30 s; shortened here to watch both ends.
        QCOMPARE(page->exposure(), std::chrono::milliseconds(30000));
        page->setExposure(std::chrono::milliseconds(300));
        page->selectSecret(QStringLiteral("API_TOKEN"));
        QSignalSpy revealed(page, &SecretsPage::revealed);
        page->revealSelected();
        QTRY_COMPARE_WITH_TIMEOUT(revealed.size(), 1, test::scaled(5000));
        QCOMPARE(page->revealedValue(), QStringLiteral("s3cret-value"));
        QTRY_COMPARE_WITH_TIMEOUT(page->revealedValue(), QString(), test::scaled(3000));

        QClipboard *clipboard = QApplication::clipboard();
        QSignalSpy copied(page, &SecretsPage::copied);
        page->copySelected();
        QTRY_COMPARE_WITH_TIMEOUT(copied.size(), 1, test::scaled(5000));
        QCOMPARE(clipboard->text(), QStringLiteral("s3cret-value"));
        QTRY_COMPARE_WITH_TIMEOUT(clipboard->text(), QString(), test::scaled(3000));
        // Whatever the user copied after it is theirs: left alone.
        page->copySelected();
        QTRY_COMPARE_WITH_TIMEOUT(copied.size(), 2, test::scaled(5000));
        clipboard->setText(QStringLiteral("the user's own text"));
        QTest::qWait(3 * 300);
        QCOMPARE(clipboard->text(), QStringLiteral("the user's own text"));
        page->setExposure(SecretsPage::DefaultExposure);

        // Update keeps the name; the value changes.
        page->putSecret(QStringLiteral("API_TOKEN"), QStringLiteral("rotated"));
        QTRY_COMPARE_WITH_TIMEOUT(apiJson(m_port, "POST", "/api/v1/secrets/API_TOKEN/reveal")
                                      .value(QStringLiteral("value"))
                                      .toString(),
                                  QStringLiteral("rotated"), test::scaled(5000));

        page->selectSecret(QStringLiteral("API_TOKEN"));
        answerNextQuestion(QMessageBox::Yes);
        page->deleteSelected();
        QTRY_COMPARE_WITH_TIMEOUT(
            test::call(m_port, "POST", "/api/v1/secrets/API_TOKEN/reveal").status, 404,
            test::scaled(5000));
        QTRY_COMPARE(page->model()->indexOf(QStringLiteral("API_TOKEN")), -1);
        // A bad name: the runtime's error, nothing stored.
        QSignalSpy messages(page, &Page::message);
        page->putSecret(QStringLiteral("bad name!"), QStringLiteral("x"));
        QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), test::scaled(5000));
        QVERIFY(messages.first().first().toString().startsWith(QStringLiteral("Could not save")));
    }

    void notificationsPageMarksReadAndOpensTheRun()
    {
        NotificationsPage *page = m_window->notificationsPage();
        // It keeps no snapshots and returns no number: its notification
        // opens its run (historyShowsSnapshotsDiffsAndValues: one that does).
        const QJsonObject loud =
            apiJson(m_port, "POST", "/api/v1/watchers",
                    "{\"name\":\"loud\",\"script\":\"notify{title='Look', body='here'} return "
                    "true\",\"schedule\":{\"every_s\":3600}}");
        const QJsonObject run =
            apiJson(m_port, "POST", "/api/v1/watchers/" + idOf(loud).toUtf8() + "/run");
        // Other watchers' notifications may land around it: look it up by its run.
        const auto rowOfRun = [&](const QJsonObject &ofRun) {
            for (int row = 0; row < page->model()->rowCount(); ++row) {
                if (page->model()->recordAt(row)->runId == idOf(ofRun))
                    return row;
            }
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(rowOfRun(run) >= 0, test::scaled(10000));
        const client::Notification newest = *page->model()->recordAt(rowOfRun(run));
        QCOMPARE(newest.title, QStringLiteral("Look"));
        QVERIFY(page->model()
                    ->data(page->model()->index(rowOfRun(run), 2), Qt::FontRole)
                    .value<QFont>()
                    .bold());

        QSignalSpy open(page, &Page::openFindingRequested);
        page->activate(newest.id);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().at(0).toString(), idOf(loud));
        QCOMPARE(open.first().at(1).toString(), idOf(run));
        QTRY_VERIFY_WITH_TIMEOUT(!apiJson(m_port, "GET", "/api/v1/notifications?unread=false")
                                      .value(QStringLiteral("items"))
                                      .toArray()
                                      .isEmpty(),
                                 test::scaled(5000));
        QTRY_VERIFY(!page->model()
                         ->data(page->model()->index(rowOfRun(run), 2), Qt::FontRole)
                         .value<QFont>()
                         .bold());
        // The window follows: it shows the Runs page with that run.
        QTRY_COMPARE(m_window->currentPage(), MainWindow::Runs);
        QTRY_COMPARE(m_window->runsPage()->selectedId(), idOf(run));

        // Mark all read once the next run's notification is in (other
        // watchers' unread ones may be there before it).
        const QJsonObject again =
            apiJson(m_port, "POST", "/api/v1/watchers/" + idOf(loud).toUtf8() + "/run");
        QVERIFY(!idOf(again).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(rowOfRun(again) >= 0, test::scaled(10000));
        QVERIFY(m_session->unreadNotifications() >= 1);
        page->markAllRead();
        QTRY_COMPARE_WITH_TIMEOUT(m_session->unreadNotifications(), 0, test::scaled(5000));
        QVERIFY(apiJson(m_port, "GET", "/api/v1/notifications?unread=true")
                    .value(QStringLiteral("items"))
                    .toArray()
                    .isEmpty());
    }

    // The language is the user's pick in Settings, or the system's; the tray
    // installs it when it starts.
    void settingsPagePicksTheLanguage()
    {
        SettingsPage *page = m_window->settingsPage();
        // The user's settings outlive a test process (Qt's test mode keeps
        // them in ~/.qttest): start from, and go back to, the system's.
        setChosenLanguage(QString());
        const auto systemAgain = qScopeGuard([]() { setChosenLanguage(QString()); });
        page->showSettings(page->settings());
        auto *language = test::controlLabelled<QComboBox>(page, QStringLiteral("Language"));
        QVERIFY(language);
        QStringList offered;
        for (int i = 0; i < language->count(); ++i)
            offered.append(language->itemData(i).toString());
        QCOMPARE(offered,
                 QStringList({ QString(), QStringLiteral("en"), QStringLiteral("de"),
                               QStringLiteral("es"), QStringLiteral("fr") }));
        QCOMPARE(language->itemText(2), QStringLiteral("Deutsch"));
        QCOMPARE(language->itemText(4), QStringLiteral("français"));
        QCOMPARE(language->currentIndex(), 0); // as the system, at first
        QCOMPARE(chosenLocale(), QLocale());

        language->setCurrentIndex(2);
        QVERIFY(page->save());
        QCOMPARE(chosenLanguage(), QStringLiteral("de"));
        QCOMPARE(chosenLocale().language(), QLocale::German);
        {
            const auto installed = installTranslations(qApp, chosenLocale());
            const auto uninstall = qScopeGuard([&installed]() {
                for (QTranslator *translator : installed)
                    QCoreApplication::removeTranslator(translator);
                qDeleteAll(installed);
            });
            MainWindow german(m_hearthd.dataDir(), QString());
            QCOMPARE(german.windowTitle(), QStringLiteral("Wächter — Hearth"));
        }
        // Shown again as saved; an unknown stored language follows the system.
        language->setCurrentIndex(0);
        page->showSettings(page->settings());
        QCOMPARE(language->currentIndex(), 2);
        QSettings().setValue(QStringLiteral("language"), QStringLiteral("tlh"));
        QCOMPARE(chosenLanguage(), QString());
        language->setCurrentIndex(0);
        QVERIFY(page->save());
        QVERIFY(!QSettings().contains(QStringLiteral("language")));
    }

    // Settings' channels section against the real hearthd: a channel added
    // through its dialog is saved and listed; Send test says how the first
    // attempt went (no receiver there: it will be tried again); removing
    // asks first.
    void settingsPageManagesChannels()
    {
        SettingsPage *page = m_window->settingsPage();
        ChannelsSection *section = page->channelsSection();
        auto *table = section->findChild<QTableWidget *>();
        QVERIFY(table);
        page->reload();
        QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 0, test::scaled(5000));
        QTimer::singleShot(0, qApp, []() {
            auto *dialog = qobject_cast<ChannelDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            test::controlLabelled<QLineEdit>(dialog, QStringLiteral("Channel name"))
                ->setText(QStringLiteral("hook"));
            test::controlLabelled<QComboBox>(dialog, QStringLiteral("Kind"))->setCurrentIndex(2);
            test::controlLabelled<QLineEdit>(dialog, QStringLiteral("Webhook URL"))
                ->setText(QStringLiteral("http://127.0.0.1:9/hook"));
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
        });
        test::controlLabelled<QPushButton>(section, QStringLiteral("Add channel…"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 1, test::scaled(5000));
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("hook"));
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("http://127.0.0.1:9/hook"));
        const QJsonArray stored =
            apiJson(m_port, "GET", "/api/v1/channels").value(QStringLiteral("items")).toArray();
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.at(0).toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("webhook"));

        table->selectRow(0);
        test::controlLabelled<QPushButton>(section, QStringLiteral("Send test"))->click();
        QTRY_VERIFY2_WITH_TIMEOUT(section->statusText().contains(u"tried again"),
                                  qPrintable(section->statusText()), test::scaled(15000));

        // A delivery out of retries is listed, and sent again from there. The
        // section follows the runtime's events: what the API changes shows
        // without a reload.
        const QJsonObject deadEnd =
            apiJson(m_port, "POST", "/api/v1/channels",
                    test::compact({ { QStringLiteral("name"), QStringLiteral("dead end") },
                                    { QStringLiteral("webhook"),
                                      QJsonObject { { QStringLiteral("url"),
                                                      QStringLiteral("http://127.0.0.1:9/x") } } },
                                    { QStringLiteral("retry"),
                                      QJsonObject { { QStringLiteral("max_attempts"), 1 } } } }));
        const QByteArray deadEndPath = "/api/v1/channels/" + idOf(deadEnd).toUtf8();
        QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 2, test::scaled(5000));
        const QByteArray deliveryPath =
            "/api/v1/deliveries/" + idOf(apiJson(m_port, "POST", deadEndPath + "/test")).toUtf8();
        QTRY_COMPARE_WITH_TIMEOUT(
            apiJson(m_port, "GET", deliveryPath).value(QStringLiteral("status")).toString(),
            QStringLiteral("dead"), test::scaled(15000));
        auto *undelivered = test::controlLabelled<QTableWidget>(
            section, QStringLiteral("Notifications not delivered"));
        QVERIFY(undelivered);
        QTRY_COMPARE_WITH_TIMEOUT(undelivered->rowCount(), 1, test::scaled(5000));
        QCOMPARE(undelivered->item(0, 1)->text(), QStringLiteral("dead end"));
        undelivered->selectRow(0);
        test::controlLabelled<QPushButton>(section, QStringLiteral("Send again"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(
            apiJson(m_port, "GET", deliveryPath).value(QStringLiteral("attempts")).toInt(), 2,
            test::scaled(15000));
        QCOMPARE(test::call(m_port, "DELETE", deadEndPath).status, 204);
        QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 1, test::scaled(5000));
        QTRY_COMPARE_WITH_TIMEOUT(undelivered->rowCount(), 0, test::scaled(5000));
        table->selectRow(0);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("hook"));

        answerNextQuestion(QMessageBox::Yes);
        test::controlLabelled<QPushButton>(section, QStringLiteral("Remove channel"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 0, test::scaled(5000));
        QVERIFY(apiJson(m_port, "GET", "/api/v1/channels")
                    .value(QStringLiteral("items"))
                    .toArray()
                    .isEmpty());
    }

    void settingsPageSavesAgentProfilesForTheWorker()
    {
        SettingsPage *page = m_window->settingsPage();
        client::AgentProfile custom;
        custom.name = QStringLiteral("mine");
        custom.program = QStringLiteral("/bin/echo");
        custom.args = { QStringLiteral("{prompt}") };
        page->setProfile(*client::AgentProfile::builtIn(QStringLiteral("claude")));
        page->setProfile(custom);
        page->removeProfile(QStringLiteral("claude"));
        TraySettings settings = page->settings();
        settings.notificationsEnabled = false;
        page->showSettings(settings);
        QVERIFY(page->save());
        const auto stored = client::WorkerSettings::load(
            QDir(m_hearthd.dataDir()).filePath(QStringLiteral("worker.json")));
        QVERIFY(stored);
        QCOMPARE(stored.value().profiles.size(), 1);
        QCOMPARE(stored.value().profiles.first().name, QStringLiteral("mine"));
        QCOMPARE(stored.value().profiles.first().program, QStringLiteral("/bin/echo"));
        QVERIFY(!TraySettings::load(m_hearthd.dataDir()).notificationsEnabled);
    }

    // In every shipped language: a label that shows a mnemonic has a buddy
    // (without one Qt shows the "&" itself), and the window and the watcher
    // editor fit a 1280×800 screen (the editor shrinks to its screen, its
    // form scrolling, the buttons in view).
    void labelsAndDialogsInEveryLanguage_data()
    {
        QTest::addColumn<QLocale>("locale");
        for (const QString &language : shippedLanguages())
            QTest::newRow(qPrintable(language)) << QLocale(language);
        QVERIFY(shippedLanguages().size() >= 4); // English, German, French, Spanish
    }

    // An escalation's details say which run asked which agent what.
    void runsPageSaysWhichRunEscalated()
    {
        // A worker with the profile; it never polls, so the escalation waits.
        const QJsonObject worker = apiJson(m_port, "POST", "/api/v1/workers",
                                           R"({"name":"judge box","agent_kinds":["judge"]})");
        QVERIFY(!idOf(worker).isEmpty());
        const QJsonObject watcher = apiJson(
            m_port, "POST", "/api/v1/watchers",
            R"({"name":"escalating","schedule":{"every_s":86400},"script":)"
            R"("return agent.escalate{ profile = 'judge', prompt = 'Is it cheaper?', data = { price = 9 } }"})");
        const QJsonObject luaRun =
            apiJson(m_port, "POST", "/api/v1/watchers/" + idOf(watcher).toUtf8() + "/run");
        const QJsonObject ended = test::waitForRunEnd(m_port, idOf(luaRun));
        QCOMPARE(ended.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
        const QString escalationId = ended.value(QStringLiteral("result")).toString();
        QVERIFY2(!escalationId.isEmpty(), QJsonDocument(ended).toJson().constData());

        RunsPage *runs = m_window->runsPage();
        QTRY_VERIFY_WITH_TIMEOUT(runs->model()->find(escalationId), test::scaled(5000));
        QSignalSpy shown(runs, &RunsPage::detailShown);
        runs->openRun(escalationId);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), test::scaled(5000));
        QVERIFY2(runs->detailText().contains(
                     QStringLiteral("Escalated by run %1 to the judge agent: Is it cheaper?")
                         .arg(idOf(luaRun))),
                 qPrintable(runs->detailText()));
        QVERIFY2(runs->detailText().contains(QStringLiteral("(escalation)")),
                 qPrintable(runs->detailText()));
        QVERIFY(!runs->detailText().contains(QStringLiteral("of a chain")));

        // Removing the worker cancels what waits for it.
        QCOMPARE(test::call(m_port, "DELETE", "/api/v1/workers/" + idOf(worker).toUtf8()).status,
                 204);
        QCOMPARE(test::waitForRunEnd(m_port, escalationId).value(QStringLiteral("status")),
                 QJsonValue(QStringLiteral("cancelled")));
        QCOMPARE(test::call(m_port, "DELETE", "/api/v1/watchers/" + idOf(watcher).toUtf8()).status,
                 204);
    }

    void labelsAndDialogsInEveryLanguage()
    {
        QFETCH(QLocale, locale);
        const auto installed = installTranslations(qApp, locale);
        const auto uninstall = qScopeGuard([&installed]() {
            for (QTranslator *translator : installed)
                QCoreApplication::removeTranslator(translator);
            qDeleteAll(installed);
        });
        MainWindow window(m_hearthd.dataDir(),
                          QDir(m_hearthd.dataDir()).filePath(QStringLiteral("worker.json")));
        window.setSession(m_session.get());
        WatcherEditor editor(*m_session, std::nullopt, &window);
        NewWatcherDialog templates(*m_session, &window);
        QTRY_VERIFY_WITH_TIMEOUT(templates.templateList()->count() > 0, test::scaled(5000));
        HistoryDialog history(*m_session, someWatcher(), QStringLiteral("w"), &window);
        for (const QWidget *top :
             { static_cast<QWidget *>(&window), static_cast<QWidget *>(&editor),
               static_cast<QWidget *>(&templates), static_cast<QWidget *>(&history) }) {
            test::checkMnemonicLabels(top);
            test::checkFitsALaptop(top);
            if (QTest::currentTestFailed())
                return;
        }
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        test::checkOnItsScreen(&editor);
        if (QTest::currentTestFailed())
            return;
        editor.close();
        // The shared window is the active one again for the tests after this.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    void everyControlIsNamedAndReachableByKeyboard()
    {
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        auto *pages = test::controlLabelled<QListWidget>(m_window.get(), QStringLiteral("Pages"));
        QVERIFY(pages);
        // Ctrl+1…6 pick a page; the window's title says which.
        for (int page = MainWindow::Watchers; page <= MainWindow::Settings; ++page) {
            QTest::keyClick(m_window.get(), Qt::Key(Qt::Key_1 + page), Qt::ControlModifier);
            QCOMPARE(int(m_window->currentPage()), page);
            QVERIFY2(m_window->windowTitle().startsWith(pages->item(page)->text()),
                     qPrintable(m_window->windowTitle()));
            pages->setFocus();
            checkKeyboardAndNames(m_window.get());
        }
        // Arrow keys in the page list move between pages.
        pages->setFocus();
        QTest::keyClick(pages, Qt::Key_Home);
        QCOMPARE(m_window->currentPage(), MainWindow::Watchers);
        QTest::keyClick(pages, Qt::Key_Down);
        QCOMPARE(m_window->currentPage(), MainWindow::Runs);

        // The watcher editor, both sides.
        WatchersPage *page = m_window->watchersPage();
        QSignalSpy opened(page, &WatchersPage::editorOpened);
        page->writeScript();
        auto *editor = opened.first().first().value<WatcherEditor *>();
        QVERIFY(QTest::qWaitForWindowExposed(editor));
        auto *script = editor->findChild<QPlainTextEdit *>(QStringLiteral("script"));
        script->setPlainText(QStringLiteral("return 1"));
        script->setFocus();
        checkKeyboardAndNames(editor);
        // Ctrl+Tab leaves the script without typing into it.
        QCOMPARE(script->toPlainText(), QStringLiteral("return 1"));
        auto *kind = test::controlLabelled<QComboBox>(editor, QStringLiteral("Kind"));
        kind->setCurrentIndex(kind->findData(QStringLiteral("agent")));
        kind->setFocus();
        checkKeyboardAndNames(editor);
        QTest::keyClick(editor, Qt::Key_Escape);
        QTRY_VERIFY(!editor->isVisible());

        // The template dialog and a watcher's history.
        QSignalSpy dialogs(page, &WatchersPage::newDialogOpened);
        page->newWatcher(QStringLiteral("value_watch"));
        auto *dialog = dialogs.first().first().value<NewWatcherDialog *>();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->chosenTemplate(), QStringLiteral("value_watch"),
                                  test::scaled(5000));
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        dialog->templateList()->setFocus();
        checkKeyboardAndNames(dialog);
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(!dialog->isVisible());
        HistoryDialog *history = m_window->openHistory(someWatcher(), {}, false);
        QTRY_VERIFY_WITH_TIMEOUT(history->isVisible(), test::scaled(5000));
        history->snapshotList()->setFocus();
        checkKeyboardAndNames(history);
        QTest::keyClick(history, Qt::Key_Escape);
        QTRY_VERIFY(!history->isVisible());
    }

    // The watchers are the session's, shared by the pages and the tray: a
    // burst of watchers firing together moves each one's next run on in the
    // session (read again as one listing: more than 20 at once).
    void theSessionsWatchersFollowABurstOfFires()
    {
        QHash<QString, QDateTime> firstNextRun;
        for (int i = 0; i < 25; ++i) {
            const QJsonObject created =
                apiJson(m_port, "POST", "/api/v1/watchers",
                        QStringLiteral(
                            R"({"name":"burst %1","script":"return 1","schedule":{"every_s":2}})")
                            .arg(i)
                            .toUtf8());
            QVERIFY(!idOf(created).isEmpty());
            firstNextRun.insert(
                idOf(created),
                client::Timestamp(created.value(QStringLiteral("next_run_at")).toString())
                    .dateTime());
        }
        const auto movedOn = [&]() {
            for (auto it = firstNextRun.cbegin(); it != firstNextRun.cend(); ++it) {
                const client::Watcher *watcher = m_session->watchers().find(it.key());
                if (!watcher || watcher->nextRunAt.dateTime() <= it.value())
                    return false;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(movedOn(), test::scaled(15000));
        // The Watchers page shows the session's list, not a copy of its own.
        QCOMPARE(m_window->watchersPage()->model()->rowCount(), m_session->watchers().count());
        for (auto it = firstNextRun.cbegin(); it != firstNextRun.cend(); ++it)
            QCOMPARE(test::call(m_port, "DELETE", "/api/v1/watchers/" + it.key().toUtf8()).status,
                     204);
        QTRY_COMPARE(m_window->watchersPage()->model()->rowCount(), m_session->watchers().count());
        for (auto it = firstNextRun.cbegin(); it != firstNextRun.cend(); ++it)
            QTRY_VERIFY(!m_session->watchers().find(it.key()));
    }

    // More watchers than one page of the listing: a session that opens
    // now loads every page.
    void aNewSessionLoadsEveryPageOfWatchers()
    {
        QStringList created;
        for (int i = 0; i < 1001; ++i) {
            const QJsonObject watcher = apiJson(
                m_port, "POST", "/api/v1/watchers",
                QStringLiteral(
                    R"({"name":"many %1","script":"return 1","schedule":{"every_s":86400}})")
                    .arg(i)
                    .toUtf8());
            QVERIFY(!idOf(watcher).isEmpty());
            created.append(idOf(watcher));
        }
        // The listing takes two pages now.
        const QJsonObject first = apiJson(m_port, "GET", "/api/v1/watchers");
        const QString next = first.value(QStringLiteral("next")).toString();
        QVERIFY(!next.isEmpty());
        const QJsonObject second =
            apiJson(m_port, "GET", "/api/v1/watchers?cursor=" + next.toUtf8());
        QVERIFY(second.value(QStringLiteral("next")).isNull());
        const int total = int(first.value(QStringLiteral("items")).toArray().size() +
                              second.value(QStringLiteral("items")).toArray().size());
        QVERIFY(total > 1000);
        const auto runtime = client::readRuntimeFile(m_hearthd.dataDir());
        QVERIFY(runtime);
        Session fresh(runtime.value());
        QSignalSpy loaded(&fresh, &Session::watchersLoaded);
        fresh.open();
        QVERIFY(loaded.wait(test::scaled(10000)));
        QCOMPARE(fresh.watchers().count(), total);
        for (const QString &id : std::as_const(created))
            QVERIFY(fresh.watchers().find(id));
        for (const QString &id : std::as_const(created))
            QCOMPARE(test::call(m_port, "DELETE", "/api/v1/watchers/" + id.toUtf8()).status, 204);
    }

    void aDroppedStreamReconnectsAndSaysSo()
    {
        QSignalSpy live(m_session.get(), &Session::liveChanged);
        // The runtime goes away and comes back on the same port and data dir.
        const quint16 port = m_port;
        QCOMPARE(m_hearthd.terminate(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!live.isEmpty() && !live.last().first().toBool(),
                                 test::scaled(10000));
        QVERIFY2(m_window->connectionText().startsWith(QStringLiteral("Reconnecting")),
                 qPrintable(m_window->connectionText()));
        // A new hearthd has a new proof key: the old session must not trust it.
        QProcessEnvironment env;
        env.insert(QStringLiteral("HEARTH_SECRET_KEY"), qEnvironmentVariable("HEARTH_SECRET_KEY"));
        QVERIFY(m_hearthd.start({ QStringLiteral("--port"), QString::number(port) }, env));
        QSignalSpy gone(m_session.get(), &Session::runtimeGone);
        QTRY_VERIFY_WITH_TIMEOUT(!gone.isEmpty(), test::scaled(20000));
        QVERIFY(gone.first().first().toString().contains(QStringLiteral("could not prove")));
    }

private:
    // The editor's combo box with this accessible name, or null.
    static QComboBox *comboNamed(const QWidget *editor, const QString &accessibleName)
    {
        for (QComboBox *box : editor->findChildren<QComboBox *>()) {
            if (box->accessibleName() == accessibleName)
                return box;
        }
        return nullptr;
    }

    // Names the editor's new watcher, gives it a script that returns its
    // event and saves it: its id (empty if it was not saved).
    static QString saveScriptWatcher(WatcherEditor *editor, const QString &name)
    {
        editor->findChild<QLineEdit *>(QStringLiteral("name"))->setText(name);
        editor->findChild<QPlainTextEdit *>(QStringLiteral("script"))
            ->setPlainText(QStringLiteral("return ctx.event"));
        QSignalSpy saved(editor, &WatcherEditor::saved);
        editor->save();
        if (!QTest::qWaitFor([&saved]() { return !saved.isEmpty(); }, test::scaled(5000)))
            return {};
        return saved.first().first().value<client::Watcher>().id;
    }

    // When the Runs page does not show what a test waits for: what it shows,
    // what the runtime says and whether the session's events are flowing.
    QString pageAndRuntimeDisagree(const QString &runId)
    {
        const client::Run *shown = m_window->runsPage()->model()->find(runId);
        return QStringLiteral("the page shows %1, the runtime says %2; events %3")
            .arg(shown ? scheduler::runStatusName(shown->status) : QStringLiteral("nothing"),
                 apiJson(m_port, "GET", "/api/v1/runs/" + runId.toUtf8())
                     .value(QStringLiteral("status"))
                     .toString(),
                 m_session->isLive() ? QStringLiteral("live") : QStringLiteral("not live"));
    }

    // Every control `window` shows has a name a screen reader can say, and
    // Tab (Ctrl+Tab out of a text editor that takes Tab) reaches each one.
    void checkKeyboardAndNames(QWidget *window)
    {
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window));
        const QList<QWidget *> controls = test::keyboardControlsOf(window);
        QVERIFY(!controls.isEmpty());
        QStringList unnamed;
        for (QWidget *control : controls) {
            if (test::accessibleLabelOf(control).isEmpty())
                unnamed << QString::fromLatin1(control->metaObject()->className()) +
                        QLatin1Char('/') + control->objectName();
        }
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));

        QSet<QWidget *> reached;
        for (int step = 0; step < 3 * controls.size(); ++step) {
            QWidget *focus = QApplication::focusWidget();
            QVERIFY(focus);
            reached.insert(focus);
            const auto *text = qobject_cast<QPlainTextEdit *>(focus);
            const bool takesTab = text && !text->tabChangesFocus() && !text->isReadOnly();
            QTest::keyClick(focus, Qt::Key_Tab, takesTab ? Qt::ControlModifier : Qt::NoModifier);
        }
        QStringList missed;
        for (QWidget *control : controls) {
            if (!reached.contains(control))
                missed << test::accessibleLabelOf(control);
        }
        QVERIFY2(missed.isEmpty(), qPrintable(missed.join(QStringLiteral(", "))));
    }

    int runCount() const
    {
        return int(
            apiJson(m_port, "GET", "/api/v1/runs").value(QStringLiteral("items")).toArray().size());
    }

    // A watcher's id (one is made when there is none).
    QString someWatcher()
    {
        if (m_session->watchers().count() > 0)
            return m_session->watchers().at(0).id;
        return idOf(apiJson(m_port, "POST", "/api/v1/watchers",
                            R"({"name":"some","script":"return 1","schedule":{"every_s":3600}})"));
    }

    QString shopUrl() const
    {
        return QStringLiteral("http://127.0.0.1:%1/shop.html").arg(m_sitePort);
    }

    QTemporaryDir m_home;
    httplib::Server m_site;
    std::thread m_siteThread;
    int m_sitePort = 0;
    test::HearthdProcess m_hearthd;
    quint16 m_port = 0;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestPages)
#include "tst_pages.moc"
