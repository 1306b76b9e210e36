#include "model/WatcherReach.h"

#include <QJsonArray>
#include <QTest>

using hearth::scheduler::WatcherReach;
using hearth::scheduler::WatcherSpec;

namespace {
WatcherSpec specOf(const QJsonObject &json)
{
    auto spec = WatcherSpec::fromStored(json);
    if (!spec)
        qFatal("bad spec in the test: %s", qPrintable(spec.error().message));
    return spec.value();
}

WatcherSpec luaSpec(const QString &script)
{
    return specOf(
        { { QStringLiteral("name"), QStringLiteral("w") },
          { QStringLiteral("script"), script },
          { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 60 } } } });
}
} // namespace

// What a person approving a watcher is told it reaches: read from its
// script without running it, never claiming less than it can do.
class TestReach : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void scripts_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QStringList>("domains");
        QTest::addColumn<bool>("urlsAtRunTime");
        QTest::addColumn<QStringList>("secrets");
        QTest::addColumn<bool>("secretsAtRunTime");
        QTest::addColumn<bool>("email");
        const QStringList none;
        QTest::newRow("nothing") << QStringLiteral("return 1") << none << false << none << false
                                 << false;
        QTest::newRow("a literal URL")
            << QStringLiteral("local r = http.get(\"https://api.example.org/v1?q=1\")")
            << QStringList { QStringLiteral("api.example.org") } << false << none << false << false;
        QTest::newRow("a call without parentheses")
            << QStringLiteral("http.get 'https://a.example'")
            << QStringList { QStringLiteral("a.example") } << false << none << false << false;
        QTest::newRow("request's url field")
            << QStringLiteral(
                   "http.request{method = 'POST', body = '{}', url = [[https://b.example/x]]}")
            << QStringList { QStringLiteral("b.example") } << false << none << false << false;
        QTest::newRow("post with headers")
            << QStringLiteral("http.post(\"http://c.example:8080/\", body, {headers = {}})")
            << QStringList { QStringLiteral("c.example") } << false << none << false << false;
        QTest::newRow("a URL in a variable: listed, and the call is computed")
            << QStringLiteral("local URL = 'https://d.example/feed'\nlocal r = http.get(URL)")
            << QStringList { QStringLiteral("d.example") } << true << none << false << false;
        QTest::newRow("a URL built by concatenation")
            << QStringLiteral("http.get('https://e.example/' .. ctx.event.path)")
            << QStringList { QStringLiteral("e.example") } << true << none << false << false;
        QTest::newRow("a url field built at run time")
            << QStringLiteral("http.request{url = base .. '/x'}") << none << true << none << false
            << false;
        QTest::newRow("http handed around") << QStringLiteral("local h = http\nh.get('x')") << none
                                            << true << none << false << false;
        QTest::newRow("a function of http handed around")
            << QStringLiteral("local get = http.get\nget(u)") << none << true << none << false
            << false;
        QTest::newRow("the environment by name")
            << QStringLiteral("_ENV['ht' .. 'tp'].get(u)") << none << true << none << true << false;
        QTest::newRow("load") << QStringLiteral("load('return 1')()") << none << true << none
                              << true << false;
        QTest::newRow("comments and strings are not code")
            << QStringLiteral("-- http.get(u) secrets.get(n)\n--[==[ email.send{} ]==]\n"
                              "local s = \"http.get(x) secrets.get(y)\"")
            << none << false << none << false << false;
        QTest::newRow("a URL in a comment is not reached")
            << QStringLiteral("-- see https://docs.example/\nreturn 1") << none << false << none
            << false << false;
        QTest::newRow("secrets by literal name, each once")
            << QStringLiteral("local a = secrets.get('TOKEN')\nlocal b = secrets.get \"KEY\"\n"
                              "local c = secrets.get(\"TOKEN\")")
            << none << false << QStringList { QStringLiteral("KEY"), QStringLiteral("TOKEN") }
            << false << false;
        QTest::newRow("a secret named at run time") << QStringLiteral("secrets.get(ctx.event.name)")
                                                    << none << false << none << true << false;
        QTest::newRow("a secret's name built")
            << QStringLiteral("secrets.get('A' .. n)") << none << false << none << true << false;
        QTest::newRow("email") << QStringLiteral("email.send{to = 'me@example.org', text = 'x'}")
                               << none << false << none << false << true;
        QTest::newRow("a field that is not the module")
            << QStringLiteral("local t = {} t.http = 1 t.secrets = 2 return t.http") << none
            << false << none << false << false;
        QTest::newRow("hosts sorted and each once")
            << QStringLiteral("http.get('https://z.example/a') http.get('https://a.example/') "
                              "http.get('https://z.example/b')")
            << QStringList { QStringLiteral("a.example"), QStringLiteral("z.example") } << false
            << none << false << false;
        QTest::newRow("a url field far into a huge table counts as computed")
            << (QStringLiteral("http.request{") + QStringLiteral("a = 1, ").repeated(3000) +
                QStringLiteral("url = 'https://late.example/'}"))
            << QStringList { QStringLiteral("late.example") } << true << none << false << false;
        QTest::newRow("an unterminated string (a script that does not compile)")
            << QStringLiteral("http.get('https://f.example/")
            << QStringList { QStringLiteral("f.example") } << true << none << false << false;
    }
    void scripts()
    {
        QFETCH(QString, script);
        QFETCH(QStringList, domains);
        QFETCH(bool, urlsAtRunTime);
        QFETCH(QStringList, secrets);
        QFETCH(bool, secretsAtRunTime);
        QFETCH(bool, email);
        const WatcherReach reach = WatcherReach::of(luaSpec(script));
        QCOMPARE(reach.domains, domains);
        QCOMPARE(reach.urlsBuiltAtRunTime, urlsAtRunTime);
        QCOMPARE(reach.secrets, secrets);
        QCOMPARE(reach.secretsNamedAtRunTime, secretsAtRunTime);
        QCOMPARE(reach.sendsEmail, email);
        QVERIFY(reach.agentProfile.isEmpty());
    }

    void agentsAndTriggers()
    {
        const WatcherReach agent = WatcherReach::of(
            specOf({ { QStringLiteral("name"), QStringLiteral("a") },
                     { QStringLiteral("kind"), QStringLiteral("agent") },
                     { QStringLiteral("prompt"), QStringLiteral("Look at https://x.example") },
                     { QStringLiteral("agent_kind"), QStringLiteral("claude") },
                     { QStringLiteral("device_worker_id"), QStringLiteral("3") },
                     { QStringLiteral("workdir"), QStringLiteral("/srv/repo") },
                     { QStringLiteral("env_secrets"),
                       QJsonObject { { QStringLiteral("GH"), QStringLiteral("GITHUB_TOKEN") },
                                     { QStringLiteral("B"), QStringLiteral("API_KEY") } } },
                     { QStringLiteral("notify"),
                       QJsonObject { { QStringLiteral("channels"),
                                       QJsonArray { QStringLiteral("phone") } } } },
                     { QStringLiteral("trigger"),
                       QJsonObject { { QStringLiteral("path"), QStringLiteral("~/inbox") } } } }));
        QCOMPARE(agent.agentProfile, QStringLiteral("claude"));
        QCOMPARE(agent.deviceWorkerId, std::optional<qint64>(3));
        QCOMPARE(agent.workdir, QStringLiteral("/srv/repo"));
        QCOMPARE(agent.secrets,
                 (QStringList { QStringLiteral("API_KEY"), QStringLiteral("GITHUB_TOKEN") }));
        QCOMPARE(agent.folder, QStringLiteral("~/inbox"));
        QCOMPARE(agent.channels, std::optional(QStringList { QStringLiteral("phone") }));
        QVERIFY(!agent.webhook);
        const QJsonObject json = agent.toJson();
        QCOMPARE(json.value(QStringLiteral("device_worker_id")).toString(), QStringLiteral("3"));
        QCOMPARE(json.value(QStringLiteral("folder")).toString(), QStringLiteral("~/inbox"));
        QVERIFY(json.value(QStringLiteral("after")).isNull());

        const WatcherReach chained = WatcherReach::of(specOf(
            { { QStringLiteral("name"), QStringLiteral("c") },
              { QStringLiteral("script"), QStringLiteral("return 1") },
              { QStringLiteral("trigger"),
                QJsonObject { { QStringLiteral("after"), QStringLiteral("upstream") } } } }));
        QCOMPARE(chained.after, QStringLiteral("upstream"));
        QVERIFY(!chained.channels);
        QVERIFY(chained.toJson().value(QStringLiteral("channels")).isNull());
        const WatcherReach hooked = WatcherReach::of(
            specOf({ { QStringLiteral("name"), QStringLiteral("h") },
                     { QStringLiteral("script"), QStringLiteral("return 1") },
                     { QStringLiteral("trigger"),
                       QJsonObject { { QStringLiteral("webhook"), QJsonObject {} } } } }));
        QVERIFY(hooked.webhook);
    }
};

QTEST_GUILESS_MAIN(TestReach)
#include "tst_reach.moc"
