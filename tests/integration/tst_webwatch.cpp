// Watching the web end to end (issue 20): a real hearthd runs watchers whose
// scripts fetch fixture sites from a real HTTP server whose content changes
// between runs, and read them with the SDK's html, feed, diff and jq.
#include "HearthdProcess.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QTest>
#include <algorithm>
#include <httplib.h>
#include <thread>

using namespace hearth::test;

namespace {

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
    void templatesListTheirParameters();
    void templatesMakeWorkingWatchers();
    void watchInOneLine();
    void templateParametersAreChecked_data();
    void templateParametersAreChecked();
    void templatesArePreviewedWithoutSending();
    void scriptPreviewsSendNothing();
    void previewsAreChecked_data();
    void previewsAreChecked();

private:
    QString createWatcher(const QString &name, const QString &script);
    // Creates a watcher from a template; its id.
    QString fromTemplate(const char *name, const QJsonObject &params);
    // The titles of a watcher's notifications, oldest first.
    QStringList notificationTitles(const QString &watcherId);
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
    // A slow answer, for latency thresholds.
    m_site.Get("/slow", [](const httplib::Request &, httplib::Response &response) {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        response.set_content("status: OK", "text/plain");
    });
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

QString TestWebWatch::fromTemplate(const char *name, const QJsonObject &params)
{
    const HttpResponse created = call(port(), "POST", "/api/v1/watchers",
                                      compact({ { QStringLiteral("template"), QLatin1String(name) },
                                                { QStringLiteral("params"), params },
                                                { QStringLiteral("max_attempts"), 1 } }));
    if (created.status != 201)
        qWarning("create failed: %d %s", created.status, created.body.constData());
    return json(created).value(QStringLiteral("id")).toString();
}

QStringList TestWebWatch::notificationTitles(const QString &watcherId)
{
    QStringList titles;
    const QJsonArray notifications = json(call(port(), "GET", "/api/v1/notifications?limit=1000"))
                                         .value(QStringLiteral("items"))
                                         .toArray();
    for (const QJsonValue &notification : notifications) {
        const QJsonObject object = notification.toObject();
        if (object.value(QStringLiteral("watcher_id")).toString() == watcherId)
            titles.prepend(object.value(QStringLiteral("title")).toString());
    }
    return titles;
}

void TestWebWatch::templatesListTheirParameters()
{
    const QJsonArray templates =
        json(call(port(), "GET", "/api/v1/templates")).value(QStringLiteral("items")).toArray();
    QStringList names;
    for (const QJsonValue &value : templates) {
        const QJsonObject recipe = value.toObject();
        names.append(recipe.value(QStringLiteral("name")).toString());
        QVERIFY(!recipe.value(QStringLiteral("title")).toString().isEmpty());
        const QJsonObject schema = recipe.value(QStringLiteral("params")).toObject();
        QCOMPARE(schema.value(QStringLiteral("type")).toString(), QStringLiteral("object"));
        QCOMPARE(schema.value(QStringLiteral("additionalProperties")), false);
        QVERIFY(schema.value(QStringLiteral("required")).toArray().contains(QStringLiteral("url")));
        QCOMPARE(schema.value(QStringLiteral("properties"))
                     .toObject()
                     .value(QStringLiteral("url"))
                     .toObject()
                     .value(QStringLiteral("format"))
                     .toString(),
                 QStringLiteral("uri"));
        // Each property says its place in a form: 1, 2, 3… in the template's order.
        QList<int> places;
        const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
        for (const QJsonValue &property : properties)
            places.append(property.toObject().value(QStringLiteral("propertyOrder")).toInt());
        std::sort(places.begin(), places.end());
        for (int i = 0; i < places.size(); ++i)
            QCOMPARE(places.at(i), i + 1);
        QCOMPARE(properties.value(QStringLiteral("url"))
                     .toObject()
                     .value(QStringLiteral("propertyOrder"))
                     .toInt(),
                 1);
        // What one choice needs, as JSON Schema's if/then.
        if (recipe.value(QStringLiteral("name")).toString() == u"value_watch") {
            const QJsonArray conditions = schema.value(QStringLiteral("allOf")).toArray();
            QCOMPARE(conditions.size(), 3);
            QCOMPARE(
                conditions.at(0).toObject(),
                QJsonDocument::fromJson(
                    R"({"if":{"properties":{"notify":{"const":"above"}},"required":["notify"]},)"
                    R"("then":{"required":["threshold"]}})")
                    .object());
        }
    }
    QCOMPARE(names,
             (QStringList { QStringLiteral("page_change"), QStringLiteral("value_watch"),
                            QStringLiteral("feed"), QStringLiteral("json_api_change"),
                            QStringLiteral("site_up_down") }));
}

void TestWebWatch::templatesMakeWorkingWatchers()
{
    const QString site = QString::fromLatin1(base());
    const auto at = [&site](const char *path) {
        return QString(site + QLatin1String(path));
    };
    // Page change: the added line, once.
    serve("/news.html", "<html><body><nav>Menu</nav><main><p>First</p></main></body></html>",
          "text/html");
    const QString page = fromTemplate("page_change",
                                      { { QStringLiteral("url"), at("/news.html") },
                                        { QStringLiteral("selector"), QStringLiteral("main") },
                                        { QStringLiteral("notify_on"), QStringLiteral("added") } });
    QVERIFY(!page.isEmpty());
    const QJsonObject stored = json(call(port(), "GET", "/api/v1/watchers/" + page.toLatin1()));
    QVERIFY(
        stored.value(QStringLiteral("script")).toString().startsWith(u"local P = json.decode("));
    QCOMPARE(stored.value(QStringLiteral("schedule")).toObject().value(QStringLiteral("every_s")),
             900);
    QCOMPARE(stored.value(QStringLiteral("name")).toString(),
             QStringLiteral("Page change: 127.0.0.1"));
    QCOMPARE(runWatcher(page).value(QStringLiteral("status")).toString(),
             QStringLiteral("succeeded"));
    serve("/news.html",
          "<html><body><nav>Menu 2</nav><main><p>First</p><p>Second</p></main></body></html>",
          "text/html");
    QJsonObject run = runWatcher(page);
    QCOMPARE(
        run.value(QStringLiteral("result")).toObject().value(QStringLiteral("added")).toArray(),
        QJsonArray { QStringLiteral("Second") });
    QCOMPARE(notificationTitles(page),
             QStringList { QString(QStringLiteral("New on ") + at("/news.html")) });
    QCOMPARE(json(call(port(), "GET", "/api/v1/watchers/" + page.toLatin1() + "/snapshots"))
                 .value(QStringLiteral("items"))
                 .toArray()
                 .size(),
             2);

    // Value watch on a page: a price below a threshold, read as people write it.
    serve("/kettle.html", "<html><body><span class=price>€ 1.039,90</span></body></html>",
          "text/html");
    const QString price = fromTemplate("value_watch",
                                       { { QStringLiteral("url"), at("/kettle.html") },
                                         { QStringLiteral("selector"), QStringLiteral(".price") },
                                         { QStringLiteral("notify"), QStringLiteral("below") },
                                         { QStringLiteral("threshold"), 1000 } });
    run = runWatcher(price);
    QCOMPARE(
        run.value(QStringLiteral("result")).toObject().value(QStringLiteral("value")).toDouble(),
        1039.9);
    QVERIFY(notificationTitles(price).isEmpty());
    serve("/kettle.html", "<html><body><span class=price>€ 989,00</span></body></html>",
          "text/html");
    runWatcher(price);
    runWatcher(price); // still below: said once
    QCOMPARE(notificationTitles(price),
             QStringList { QString(QStringLiteral("Below 1000: ") + at("/kettle.html")) });

    // Value watch on a JSON API: a move of at least 5 %.
    serve("/api/quote", R"({"quote":{"price":100}})", "application/json");
    const QString quote = fromTemplate("value_watch",
                                       { { QStringLiteral("url"), at("/api/quote") },
                                         { QStringLiteral("jq"), QStringLiteral(".quote.price") },
                                         { QStringLiteral("notify"), QStringLiteral("change_pct") },
                                         { QStringLiteral("percent"), 5 } });
    // A second value watch of the same site gets a name of its own.
    QCOMPARE(json(call(port(), "GET", "/api/v1/watchers/" + quote.toLatin1()))
                 .value(QStringLiteral("name"))
                 .toString(),
             QStringLiteral("Value watch: 127.0.0.1 (2)"));
    runWatcher(quote);
    serve("/api/quote", R"({"quote":{"price":103}})", "application/json");
    runWatcher(quote);
    serve("/api/quote", R"({"quote":{"price":110}})", "application/json");
    runWatcher(quote);
    QCOMPARE(notificationTitles(quote),
             QStringList { QString(QStringLiteral("Moved by 6.8%: ") + at("/api/quote")) });

    // Feed with a keyword: only matching new items, each once.
    serve("/posts.xml",
          rssWith({ QStringLiteral("Release 1.0"), QStringLiteral("Team lunch"),
                    QStringLiteral("Release 1.1") }),
          "application/rss+xml");
    const QString posts =
        fromTemplate("feed",
                     { { QStringLiteral("url"), at("/posts.xml") },
                       { QStringLiteral("keyword"), QStringLiteral("release") } });
    run = runWatcher(posts);
    QCOMPARE(run.value(QStringLiteral("result")).toObject().value(QStringLiteral("new")).toArray(),
             (QJsonArray { QStringLiteral("Release 1.0"), QStringLiteral("Release 1.1") }));
    run = runWatcher(posts);
    QCOMPARE(run.value(QStringLiteral("result")).toObject().value(QStringLiteral("new")).toArray(),
             QJsonArray());
    QCOMPARE(notificationTitles(posts),
             (QStringList { QStringLiteral("Release 1.0"), QStringLiteral("Release 1.1") }));

    // JSON API change.
    serve("/api/stock", R"({"items":[{"sku":"a","stock":3}]})", "application/json");
    const QString stock =
        fromTemplate("json_api_change",
                     { { QStringLiteral("url"), at("/api/stock") },
                       { QStringLiteral("jq"), QStringLiteral(".items[0].stock") } });
    runWatcher(stock);
    runWatcher(stock);
    QVERIFY(notificationTitles(stock).isEmpty());
    serve("/api/stock", R"({"items":[{"sku":"a","stock":0}]})", "application/json");
    run = runWatcher(stock);
    QCOMPARE(run.value(QStringLiteral("result")).toObject().value(QStringLiteral("changed")), true);
    QCOMPARE(notificationTitles(stock),
             QStringList { QString(QStringLiteral("Changed: ") + at("/api/stock")) });

    // Site up/down: down once, back once.
    serve("/health", "status: OK", "text/plain");
    const QString health =
        fromTemplate("site_up_down",
                     { { QStringLiteral("url"), at("/health") },
                       { QStringLiteral("must_contain"), QStringLiteral("OK") } });
    QCOMPARE(
        runWatcher(health).value(QStringLiteral("result")).toObject().value(QStringLiteral("up")),
        true);
    serve("/health", "status: degraded", "text/plain");
    runWatcher(health);
    runWatcher(health);
    serve("/health", "status: OK", "text/plain");
    runWatcher(health);
    QCOMPARE(notificationTitles(health),
             (QStringList { QString(QStringLiteral("Down: ") + at("/health")),
                            QString(QStringLiteral("Back up: ") + at("/health")) }));
    // Slower than its threshold is down too.
    const QString slow = fromTemplate(
        "site_up_down",
        { { QStringLiteral("url"), at("/slow") }, { QStringLiteral("max_latency_ms"), 200 } });
    run = runWatcher(slow);
    QCOMPARE(run.value(QStringLiteral("result")).toObject().value(QStringLiteral("up")), false);
    QVERIFY(run.value(QStringLiteral("result"))
                .toObject()
                .value(QStringLiteral("elapsed_ms"))
                .toInt() >= 400);
    QCOMPARE(notificationTitles(slow),
             QStringList { QString(QStringLiteral("Down: ") + at("/slow")) });
}

void TestWebWatch::watchInOneLine()
{
    serve("/one.html", "<html><body><main><p>One</p></main></body></html>", "text/html");
    serve("/one.json", R"({"v":1})", "application/json");
    serve("/one.xml", rssWith({ QStringLiteral("Only post") }), "application/rss+xml");
    const QStringList dataDir { QStringLiteral("--data-dir"), m_hearthd->dataDir() };
    const QString site = QString::fromLatin1(base());
    const auto watch = [&](QStringList arguments) {
        return runCli(dataDir + QStringList { QStringLiteral("watch") } + arguments);
    };
    const auto created = [](const CliResult &result) {
        return QJsonDocument::fromJson(result.out).object();
    };

    CliResult page = watch({ site + QStringLiteral("/one.html"), QStringLiteral("--selector"),
                             QStringLiteral("main"), QStringLiteral("--every"),
                             QStringLiteral("1h"), QStringLiteral("-o"), QStringLiteral("json") });
    QCOMPARE(page.exitCode, 0);
    QCOMPARE(
        created(page).value(QStringLiteral("schedule")).toObject().value(QStringLiteral("every_s")),
        3600);
    QVERIFY(created(page)
                .value(QStringLiteral("script"))
                .toString()
                .contains(u"\"selector\":\"main\""));
    QCOMPARE(runWatcher(created(page).value(QStringLiteral("id")).toString())
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("succeeded"));

    CliResult api = watch({ site + QStringLiteral("/one.json"), QStringLiteral("--jq"),
                            QStringLiteral(".v"), QStringLiteral("--name"), QStringLiteral("v"),
                            QStringLiteral("-o"), QStringLiteral("json") });
    QCOMPARE(api.exitCode, 0);
    QCOMPARE(created(api).value(QStringLiteral("name")).toString(), QStringLiteral("v"));
    QCOMPARE(runWatcher(created(api).value(QStringLiteral("id")).toString())
                 .value(QStringLiteral("result"))
                 .toObject()
                 .value(QStringLiteral("value")),
             1);

    CliResult posts = watch({ site + QStringLiteral("/one.xml"), QStringLiteral("--feed") });
    QCOMPARE(posts.exitCode, 0);
    QVERIFY2(posts.out.startsWith("created watcher"), posts.out.constData());

    const CliResult both = watch({ site + QStringLiteral("/one.xml"), QStringLiteral("--feed"),
                                   QStringLiteral("--jq"), QStringLiteral(".") });
    QCOMPARE(both.exitCode, 2);
    const CliResult badUrl = watch({ QStringLiteral("ftp://example.org/") });
    QCOMPARE(badUrl.exitCode, 1);
    QVERIFY2(badUrl.err.contains("params.url"), badUrl.err.constData());
}

void TestWebWatch::templateParametersAreChecked_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::newRow("unknown template")
        << QByteArray(R"({"template":"nope","params":{}})") << QStringLiteral("template");
    QTest::newRow("no url") << QByteArray(R"({"template":"feed","params":{}})")
                            << QStringLiteral("params.url");
    QTest::newRow("not http") << QByteArray(R"({"template":"feed","params":{"url":"file:///etc"}})")
                              << QStringLiteral("params.url");
    QTest::newRow("unknown parameter")
        << QByteArray(R"({"template":"feed","params":{"url":"https://a.example/","colour":1}})")
        << QStringLiteral("params.colour");
    QTest::newRow("not a choice")
        << QByteArray(
               R"({"template":"page_change","params":{"url":"https://a.example/","notify_on":"x"}})")
        << QStringLiteral("params.notify_on");
    QTest::newRow("a threshold is needed")
        << QByteArray(R"({"template":"value_watch","params":{"url":"https://a.example/",)"
                      R"("selector":".p","notify":"above"}})")
        << QStringLiteral("params.threshold");
    QTest::newRow("where the value is")
        << QByteArray(R"({"template":"value_watch","params":{"url":"https://a.example/"}})")
        << QStringLiteral("params.selector");
    QTest::newRow("params without a template")
        << QByteArray(R"({"name":"x","script":"return 1","schedule":{"every_s":60},"params":{}})")
        << QStringLiteral("params");
    QTest::newRow("params not an object")
        << QByteArray(R"({"template":"feed","params":[1]})") << QStringLiteral("params");
}

void TestWebWatch::templateParametersAreChecked()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const HttpResponse refused = call(port(), "POST", "/api/v1/watchers", body);
    QCOMPARE(refused.status, 422);
    QVERIFY2(json(refused)
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString()
                 .startsWith(field),
             refused.body.constData());
}

void TestWebWatch::templatesArePreviewedWithoutSending()
{
    const auto count = [this](const char *path) {
        return json(call(port(), "GET", path)).value(QStringLiteral("items")).toArray().size();
    };
    const qsizetype watchersBefore = count("/api/v1/watchers");
    const qsizetype notificationsBefore = count("/api/v1/notifications?limit=1000");
    const auto preview = [this](const char *recipe, const QJsonObject &params) {
        const HttpResponse answer =
            call(port(), "POST", "/api/v1/templates/" + QByteArray(recipe) + "/preview",
                 compact({ { QStringLiteral("params"), params } }));
        if (answer.status != 200)
            qWarning("preview failed: %d %s", answer.status, answer.body.constData());
        return json(answer);
    };
    const QString site = QString::fromLatin1(base());
    const auto at = [&site](const char *path) {
        return QString(site + QLatin1String(path));
    };

    // A page change: what it keeps, and what it would say if all of it were
    // new (the first five lines, then how many more).
    serve("/preview.html",
          "<html><body><nav>Menu</nav><main><p>One</p><p>Two</p><p>Three</p><p>Four</p>"
          "<p>Five</p><p>Six</p><p>Seven</p></main></body></html>",
          "text/html");
    const QString pageUrl = at("/preview.html");
    QJsonObject page = preview("page_change",
                               { { QStringLiteral("url"), pageUrl },
                                 { QStringLiteral("selector"), QStringLiteral("main") } });
    QCOMPARE(page.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(page.value(QStringLiteral("snapshot")).toString(),
             QStringLiteral("One\nTwo\nThree\nFour\nFive\nSix\nSeven"));
    const QJsonObject watcher = page.value(QStringLiteral("watcher")).toObject();
    QCOMPARE(watcher.value(QStringLiteral("name")).toString(),
             QStringLiteral("Page change: 127.0.0.1"));
    QVERIFY(
        watcher.value(QStringLiteral("script")).toString().startsWith(u"local P = json.decode("));
    const QJsonArray drafts = page.value(QStringLiteral("notifications")).toArray();
    QCOMPARE(drafts.size(), 1);
    QCOMPARE(drafts.at(0).toObject().value(QStringLiteral("title")).toString(),
             QStringLiteral("New on ") + pageUrl);
    QCOMPARE(drafts.at(0).toObject().value(QStringLiteral("body")).toString(),
             QStringLiteral("One\nTwo\nThree\nFour\nFive\n… and 2 more"));
    QCOMPARE(drafts.at(0).toObject().value(QStringLiteral("level")).toString(),
             QStringLiteral("info"));

    // A feed: every item is new in a preview.
    serve("/preview.xml", rssWith({ QStringLiteral("Alpha"), QStringLiteral("Beta") }),
          "application/rss+xml");
    const QJsonObject feed =
        preview("feed", QJsonObject { { QStringLiteral("url"), at("/preview.xml") } });
    QStringList titles;
    for (const QJsonValue &draft : feed.value(QStringLiteral("notifications")).toArray())
        titles.append(draft.toObject().value(QStringLiteral("title")).toString());
    QCOMPARE(titles, (QStringList { QStringLiteral("Alpha"), QStringLiteral("Beta") }));

    // A value above its threshold says so; the result carries the value.
    serve("/price.json", R"({"price": 12.5})", "application/json");
    const QJsonObject value = preview("value_watch",
                                      { { QStringLiteral("url"), at("/price.json") },
                                        { QStringLiteral("jq"), QStringLiteral(".price") },
                                        { QStringLiteral("notify"), QStringLiteral("above") },
                                        { QStringLiteral("threshold"), 10 } });
    QCOMPARE(value.value(QStringLiteral("result")).toObject().value(QStringLiteral("value")), 12.5);
    QCOMPARE(value.value(QStringLiteral("notifications"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("title"))
                 .toString(),
             QStringLiteral("Above 10: ") + at("/price.json"));

    // A page that is not there: the run failed, and the answer says why.
    const QJsonObject missing =
        preview("page_change", QJsonObject { { QStringLiteral("url"), at("/gone.html") } });
    QCOMPARE(missing.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QVERIFY(missing.value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(u"answered 404"));
    QVERIFY(missing.value(QStringLiteral("snapshot")).isNull());

    // Nothing was saved or sent.
    QCOMPARE(count("/api/v1/watchers"), watchersBefore);
    QCOMPARE(count("/api/v1/notifications?limit=1000"), notificationsBefore);
}

// POST /api/v1/scripts/run with "preview": true: notify{} is checked and
// answered as drafts, and nothing is sent.
void TestWebWatch::scriptPreviewsSendNothing()
{
    const auto notificationCount = [this]() {
        return json(call(port(), "GET", "/api/v1/notifications?limit=1000"))
            .value(QStringLiteral("items"))
            .toArray()
            .size();
    };
    const qsizetype before = notificationCount();
    const QJsonObject previewed = json(call(
        port(), "POST", "/api/v1/scripts/run",
        R"({"source":"notify{title='Hello', body='there', level='warning'} return 1","preview":true})"));
    QCOMPARE(previewed.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(previewed.value(QStringLiteral("notifications")).toArray(),
             (QJsonArray { QJsonObject { { QStringLiteral("level"), QStringLiteral("warning") },
                                         { QStringLiteral("title"), QStringLiteral("Hello") },
                                         { QStringLiteral("body"), QStringLiteral("there") } } }));
    QCOMPARE(notificationCount(), before);
    // Checked like a sent one.
    const QJsonObject refused =
        json(call(port(), "POST", "/api/v1/scripts/run",
                  R"({"source":"notify{title=''} return 1","preview":true})"));
    QCOMPARE(refused.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QVERIFY(refused.value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(u"notify: title"));
    QCOMPARE(
        call(port(), "POST", "/api/v1/scripts/run", R"({"source":"return 1","preview":1})").status,
        422);
    // Without it, a notification is sent (and none are answered).
    const QJsonObject sent = json(call(port(), "POST", "/api/v1/scripts/run",
                                       R"({"source":"notify{title='Sent'} return 1"})"));
    QVERIFY(!sent.contains(QStringLiteral("notifications")));
    QCOMPARE(notificationCount(), before + 1);
}

void TestWebWatch::previewsAreChecked_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown template")
        << QByteArray("POST") << QByteArray("/api/v1/templates/nope/preview") << QByteArray("{}")
        << 404 << QStringLiteral("no template");
    QTest::newRow("no url") << QByteArray("POST") << QByteArray("/api/v1/templates/feed/preview")
                            << QByteArray(R"({"params":{}})") << 422
                            << QStringLiteral("params.url");
    QTest::newRow("unknown field")
        << QByteArray("POST") << QByteArray("/api/v1/templates/feed/preview")
        << QByteArray(R"({"params":{"url":"https://a.example/"},"name":"x"})") << 422
        << QStringLiteral("name");
    QTest::newRow("params not an object")
        << QByteArray("POST") << QByteArray("/api/v1/templates/feed/preview")
        << QByteArray(R"({"params":"x"})") << 422 << QStringLiteral("params");
    QTest::newRow("not JSON") << QByteArray("POST") << QByteArray("/api/v1/templates/feed/preview")
                              << QByteArray("{") << 400 << QString();
    QTest::newRow("GET") << QByteArray("GET") << QByteArray("/api/v1/templates/feed/preview")
                         << QByteArray() << 405 << QString();
}

void TestWebWatch::previewsAreChecked()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, message);
    const HttpResponse refused = call(port(), method, path, body);
    QCOMPARE(refused.status, status);
    QVERIFY2(json(refused)
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString()
                 .startsWith(message),
             refused.body.constData());
}

QTEST_GUILESS_MAIN(TestWebWatch)
#include "tst_webwatch.moc"
