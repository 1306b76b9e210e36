// Watching the web end to end (issue 20): a real hearthd runs watchers whose
// scripts fetch fixture sites from a real HTTP server whose content changes
// between runs, and read them with the SDK's html, feed, diff and jq.
#include "HearthdProcess.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QTest>
#include <httplib.h>
#include <thread>

using namespace hearth::test;

namespace {

QJsonObject json(const HttpResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray rssWith(const QStringList &titles)
{
    QByteArray items;
    for (qsizetype i = 0; i < titles.size(); ++i) {
        items += "<item><title>" + titles[i].toUtf8() + "</title><link>/posts/" +
            QByteArray::number(i + 1) + "</link><guid>post-" + QByteArray::number(i + 1) +
            "</guid><pubDate>Thu, 03 Dec 2026 0" + QByteArray::number(i) +
            ":00:00 GMT</pubDate><description>&lt;p&gt;About " + titles[i].toUtf8() +
            "&lt;/p&gt;</description></item>";
    }
    return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Blog</title>"
           "<link>https://blog.example/</link>" +
        items + "</channel></rss>";
}

} // namespace

class TestWebWatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void feedNewItemsAreNewOncePerWatcher();
    void pageChangesAreDiffed();
    void jsonApiValueWithJq();
    void snapshotsThroughTheApiAndTheCli();

private:
    QString createWatcher(const QString &name, const QString &script);
    QJsonObject runWatcher(const QString &id, const QJsonObject &event = {});
    void serve(const QByteArray &path, const QByteArray &body, const char *type);
    QByteArray base() const { return "http://127.0.0.1:" + QByteArray::number(m_sitePort); }
    quint16 port() const { return m_hearthd->port(); }

    std::unique_ptr<HearthdProcess> m_hearthd;
    httplib::Server m_site;
    std::thread m_siteThread;
    int m_sitePort = 0;
    QMutex m_contentLock;
    QHash<QByteArray, QPair<QByteArray, QByteArray>> m_content; // path → body, type
};

void TestWebWatch::initTestCase()
{
    m_site.Get(R"(/.*)", [this](const httplib::Request &request, httplib::Response &response) {
        QMutexLocker locker(&m_contentLock);
        const auto found = m_content.constFind(QByteArray::fromStdString(request.path));
        if (found == m_content.cend()) {
            response.status = 404;
            return;
        }
        response.set_content(found->first.toStdString(), found->second.toStdString());
    });
    m_sitePort = m_site.bind_to_any_port("127.0.0.1");
    QVERIFY(m_sitePort > 0);
    m_siteThread = std::thread([this]() { m_site.listen_after_bind(); });
    m_hearthd = std::make_unique<HearthdProcess>();
    QVERIFY2(m_hearthd->start(), qPrintable(m_hearthd->lastError()));
}

void TestWebWatch::cleanupTestCase()
{
    QCOMPARE(m_hearthd->terminate(), 0);
    m_site.stop();
    m_siteThread.join();
}

void TestWebWatch::serve(const QByteArray &path, const QByteArray &body, const char *type)
{
    QMutexLocker locker(&m_contentLock);
    m_content.insert(path, { body, QByteArray(type) });
}

QString TestWebWatch::createWatcher(const QString &name, const QString &script)
{
    const HttpResponse created =
        call(port(), "POST", "/api/v1/watchers",
             compact({ { QStringLiteral("name"), name },
                       { QStringLiteral("script"), script },
                       { QStringLiteral("max_attempts"), 1 },
                       { QStringLiteral("schedule"),
                         QJsonObject { { QStringLiteral("every_s"), 86400 } } } }));
    if (created.status != 201)
        qWarning("create failed: %d %s", created.status, created.body.constData());
    return json(created).value(QStringLiteral("id")).toString();
}

// Runs the watcher now and waits for the run's end.
QJsonObject TestWebWatch::runWatcher(const QString &id, const QJsonObject &event)
{
    const HttpResponse started = call(port(), "POST", "/api/v1/watchers/" + id.toLatin1() + "/run",
                                      compact({ { QStringLiteral("event"), event } }));
    const QByteArray runId = json(started).value(QStringLiteral("id")).toString().toLatin1();
    QElapsedTimer timer;
    timer.start();
    QJsonObject run;
    while (timer.elapsed() < scaled(20'000)) {
        run = json(call(port(), "GET", "/api/v1/runs/" + runId));
        const QString status = run.value(QStringLiteral("status")).toString();
        if (status != u"pending" && status != u"running")
            break;
        QTest::qWait(50);
    }
    return run;
}

void TestWebWatch::feedNewItemsAreNewOncePerWatcher()
{
    serve("/feed.xml", rssWith({ QStringLiteral("First"), QStringLiteral("Second") }),
          "application/rss+xml");
    const QString script = QStringLiteral(R"lua(
        local items = feed.parse(http.get('%1/feed.xml').body)
        local titles = {}
        for _, item in ipairs(feed.new_items(items)) do
          titles[#titles + 1] = item.title
          notify{ title = 'New post: ' .. item.title, body = item.summary }
        end
        if ctx.event.fail then error('the run fails after reading its items') end
        return titles
    )lua")
                               .arg(QString::fromLatin1(base()));
    const QString id = createWatcher(QStringLiteral("blog"), script);
    QVERIFY(!id.isEmpty());
    // Another watcher of the same feed keeps its own memory.
    const QString other = createWatcher(QStringLiteral("blog again"), script);

    QJsonObject run = runWatcher(id);
    QVERIFY2(run.value(QStringLiteral("status")).toString() == u"succeeded",
             QJsonDocument(run).toJson().constData());
    QCOMPARE(run.value(QStringLiteral("result")).toArray(),
             (QJsonArray { QStringLiteral("First"), QStringLiteral("Second") }));
    run = runWatcher(id);
    QCOMPARE(run.value(QStringLiteral("result")).toArray(), QJsonArray());

    serve("/feed.xml",
          rssWith({ QStringLiteral("First"), QStringLiteral("Second"), QStringLiteral("Third") }),
          "application/rss+xml");
    run = runWatcher(id);
    QCOMPARE(run.value(QStringLiteral("result")).toArray(), QJsonArray { QStringLiteral("Third") });

    // A run that fails after new_items does not use its items up.
    serve("/feed.xml",
          rssWith({ QStringLiteral("First"), QStringLiteral("Second"), QStringLiteral("Third"),
                    QStringLiteral("Fourth") }),
          "application/rss+xml");
    run = runWatcher(id, { { QStringLiteral("fail"), true } });
    QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("dead"));
    run = runWatcher(id);
    QCOMPARE(run.value(QStringLiteral("result")).toArray(),
             QJsonArray { QStringLiteral("Fourth") });

    run = runWatcher(other);
    QCOMPARE(run.value(QStringLiteral("result")).toArray().size(), 4);

    // The notifications name the new posts, with their summaries as text.
    const QJsonArray notifications = json(call(port(), "GET", "/api/v1/notifications?limit=100"))
                                         .value(QStringLiteral("items"))
                                         .toArray();
    QStringList titles;
    for (const QJsonValue &notification : notifications) {
        const QJsonObject object = notification.toObject();
        if (object.value(QStringLiteral("watcher_id")).toString() == id)
            titles.append(object.value(QStringLiteral("title")).toString());
    }
    titles.sort();
    // "Fourth" twice: raised by the failed run, then by the one after it;
    // the failed run also raised its own failure notice.
    QVERIFY(titles.removeOne(QStringLiteral("blog failed")));
    QCOMPARE(titles,
             (QStringList { QStringLiteral("New post: First"), QStringLiteral("New post: Fourth"),
                            QStringLiteral("New post: Fourth"), QStringLiteral("New post: Second"),
                            QStringLiteral("New post: Third") }));
}

void TestWebWatch::pageChangesAreDiffed()
{
    serve("/page.html",
          "<html><body><nav>Menu</nav><main id=news><h1>News</h1><p>Alpha</p><p>Beta</p>"
          "</main><script>track()</script></body></html>",
          "text/html; charset=utf-8");
    const QString id = createWatcher(QStringLiteral("page"),
                                     QStringLiteral(R"lua(
        local doc = html.parse(http.get('%1/page.html').body, '%1/page.html')
        local text = doc:select_one('main#news'):text()
        local before = kv.get('text')
        kv.set('text', text)
        if not before then return { first = true } end
        local d = diff.lines(before, text)
        return { changed = d.changed, added = d.added, removed = d.removed }
    )lua")
                                         .arg(QString::fromLatin1(base())));
    QJsonObject run = runWatcher(id);
    QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(run.value(QStringLiteral("result")).toObject().value(QStringLiteral("first")), true);
    serve("/page.html",
          "<html><body><nav>Menu changed</nav><main id=news><h1>News</h1><p>Alpha</p>"
          "<p>Gamma <b>new</b></p></main></body></html>",
          "text/html; charset=utf-8");
    run = runWatcher(id);
    const QJsonObject result = run.value(QStringLiteral("result")).toObject();
    QCOMPARE(result.value(QStringLiteral("changed")), true);
    QCOMPARE(result.value(QStringLiteral("added")).toArray(),
             QJsonArray { QStringLiteral("Gamma new") });
    QCOMPARE(result.value(QStringLiteral("removed")).toArray(),
             QJsonArray { QStringLiteral("Beta") });
}

void TestWebWatch::jsonApiValueWithJq()
{
    serve("/api/products",
          R"({"products":[{"name":"Kettle","price":39.9,"stock":3},)"
          R"({"name":"Toaster","price":29,"stock":0},{"name":"Mill","price":19.5,"stock":8}]})",
          "application/json");
    const QString id = createWatcher(QStringLiteral("api"),
                                     QStringLiteral(R"lua(
        local body = http.get('%1/api/products').body
        return { cheapest = jq(body, '[.products[] | select(.stock > 0) | .price] | min'),
                 names = jq.all(body, '.products[] | select(.price < 30) | .name') }
    )lua")
                                         .arg(QString::fromLatin1(base())));
    const QJsonObject run = runWatcher(id);
    QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
    const QJsonObject result = run.value(QStringLiteral("result")).toObject();
    QCOMPARE(result.value(QStringLiteral("cheapest")).toDouble(), 19.5);
    QCOMPARE(result.value(QStringLiteral("names")).toArray(),
             (QJsonArray { QStringLiteral("Toaster"), QStringLiteral("Mill") }));
}

void TestWebWatch::snapshotsThroughTheApiAndTheCli()
{
    serve("/prices.html",
          "<html><body><table id=prices><tr><td>Kettle</td><td>39.90</td></tr>"
          "<tr><td>Toaster</td><td>29.00</td></tr></table></body></html>",
          "text/html");
    const QString id = createWatcher(QStringLiteral("prices"),
                                     QStringLiteral(R"lua(
        local text = html.parse(http.get('%1/prices.html').body):select_one('#prices'):text()
        local changed = ctx.last_snapshot ~= nil and diff.lines(ctx.last_snapshot, text).changed
        snapshot.save(text)
        if ctx.event.fail then error('fails after saving') end
        return { had_last = ctx.last_snapshot ~= nil, changed = changed }
    )lua")
                                         .arg(QString::fromLatin1(base())));
    QJsonObject run = runWatcher(id);
    QCOMPARE(run.value(QStringLiteral("result")).toObject().value(QStringLiteral("had_last")),
             false);
    run = runWatcher(id); // the same text: no second snapshot
    QCOMPARE(run.value(QStringLiteral("result")).toObject().value(QStringLiteral("changed")),
             false);
    serve("/prices.html",
          "<html><body><table id=prices><tr><td>Kettle</td><td>34.90</td></tr>"
          "<tr><td>Toaster</td><td>29.00</td></tr></table></body></html>",
          "text/html");
    run = runWatcher(id, { { QStringLiteral("fail"), true } }); // keeps no snapshot
    QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("dead"));
    run = runWatcher(id);
    QCOMPARE(run.value(QStringLiteral("result")).toObject().value(QStringLiteral("changed")), true);

    const QByteArray path = "/api/v1/watchers/" + id.toLatin1() + "/snapshots";
    const QJsonArray snapshots =
        json(call(port(), "GET", path)).value(QStringLiteral("items")).toArray();
    QCOMPARE(snapshots.size(), 2);
    const QByteArray newest =
        snapshots.at(0).toObject().value(QStringLiteral("id")).toString().toLatin1();
    const QByteArray oldest =
        snapshots.at(1).toObject().value(QStringLiteral("id")).toString().toLatin1();
    QCOMPARE(
        json(call(port(), "GET", path + '/' + oldest)).value(QStringLiteral("text")).toString(),
        QStringLiteral("Kettle 39.90\nToaster 29.00"));
    const QJsonObject diff = json(call(port(), "GET", path + '/' + oldest + "/diff/" + newest));
    QCOMPARE(diff.value(QStringLiteral("added")).toArray(),
             QJsonArray { QStringLiteral("Kettle 34.90") });
    QCOMPARE(diff.value(QStringLiteral("removed")).toArray(),
             QJsonArray { QStringLiteral("Kettle 39.90") });
    const QJsonObject words =
        json(call(port(), "GET", path + '/' + oldest + "/diff/" + newest + "?by=words"));
    QCOMPARE(words.value(QStringLiteral("unified")).toString(),
             QStringLiteral("Kettle [-39.90-] {+34.90+} Toaster 29.00"));
    QCOMPARE(call(port(), "GET", path + "/999999").status, 404);
    QCOMPARE(call(port(), "GET", path + '/' + oldest + "/diff/" + newest + "?by=chars").status,
             422);
    QCOMPARE(call(port(), "GET", "/api/v1/watchers/999999/snapshots").status, 404);

    const QStringList dataDir { QStringLiteral("--data-dir"), m_hearthd->dataDir() };
    const CliResult listed =
        runCli(dataDir + QStringList { QStringLiteral("snapshots"), QStringLiteral("prices") });
    QCOMPARE(listed.exitCode, 0);
    QVERIFY2(listed.out.contains(newest) && listed.out.contains(oldest), listed.out.constData());
    const CliResult latest =
        runCli(dataDir + QStringList { QStringLiteral("diff"), QStringLiteral("prices") });
    QCOMPARE(latest.exitCode, 0);
    QVERIFY2(latest.out.contains("-Kettle 39.90\n+Kettle 34.90"), latest.out.constData());
    const CliResult chosen = runCli(
        dataDir +
        QStringList { QStringLiteral("diff"), QStringLiteral("prices"), QString::fromLatin1(newest),
                      QString::fromLatin1(oldest), QStringLiteral("-o"), QStringLiteral("json") });
    QCOMPARE(chosen.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(chosen.out).object().value(QStringLiteral("added")).toArray(),
             QJsonArray { QStringLiteral("Kettle 39.90") });
    const CliResult two = runCli(dataDir +
                                 QStringList { QStringLiteral("diff"), QStringLiteral("prices"),
                                               QString::fromLatin1(oldest) });
    QCOMPARE(two.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestWebWatch)
#include "tst_webwatch.moc"
