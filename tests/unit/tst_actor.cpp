#include "model/Actor.h"

#include <QTest>

using hearth::Actor;

Q_DECLARE_METATYPE(Actor::Kind)

// Who asked: what a client's X-Hearth-Client makes of it, what is stored,
// and what is read back.
class TestActor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fromClientHeader_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<Actor::Kind>("kind");
        QTest::addColumn<QString>("stored");
        QTest::newRow("the tray") << QStringLiteral("hearth-tray") << Actor::Kind::Tray
                                  << QStringLiteral("tray");
        QTest::newRow("the CLI") << QStringLiteral("hearth-cli") << Actor::Kind::Cli
                                 << QStringLiteral("cli");
        QTest::newRow("an MCP client") << QStringLiteral("hearth-mcp/Claude%20Code")
                                       << Actor::Kind::Mcp << QStringLiteral("mcp:Claude Code");
        QTest::newRow("an MCP client's name in UTF-8")
            << QStringLiteral("hearth-mcp/%C3%A9t%C3%A9") << Actor::Kind::Mcp
            << QStringLiteral("mcp:été");
        QTest::newRow("control characters dropped")
            << QStringLiteral("hearth-mcp/a%0Ab%00c%1B") << Actor::Kind::Mcp
            << QStringLiteral("mcp:abc");
        QTest::newRow("an unnamed MCP client")
            << QStringLiteral("hearth-mcp/") << Actor::Kind::Mcp << QStringLiteral("mcp:unnamed");
        QTest::newRow("a long name is cut")
            << (QStringLiteral("hearth-mcp/") + QString(100, u'x')) << Actor::Kind::Mcp
            << (QStringLiteral("mcp:") + QString(64, u'x'));
        QTest::newRow("any other client") << QStringLiteral("price-script") << Actor::Kind::Client
                                          << QStringLiteral("api:price-script");
        QTest::newRow("a client that names itself like ours")
            << QStringLiteral("hearth-cli2") << Actor::Kind::Client
            << QStringLiteral("api:hearth-cli2");
        QTest::newRow("no name") << QString() << Actor::Kind::Client
                                 << QStringLiteral("api:unnamed");
    }

    void fromClientHeader()
    {
        QFETCH(QString, header);
        QFETCH(Actor::Kind, kind);
        QFETCH(QString, stored);
        const Actor actor = Actor::fromClientHeader(header);
        QCOMPARE(actor.kind(), kind);
        QCOMPARE(actor.toString(), stored);
        // Read back as it was.
        QCOMPARE(Actor::fromStored(stored), std::optional<Actor>(actor));
    }

    void clientHeadersAreReadBack()
    {
        for (const Actor::Kind kind : { Actor::Kind::Tray, Actor::Kind::Cli, Actor::Kind::Mcp }) {
            const Actor actor = Actor::fromClientHeader(
                QString::fromLatin1(Actor::clientHeader(kind, QStringLiteral("Claude Desktop"))));
            QCOMPARE(actor.kind(), kind);
        }
        QCOMPARE(Actor::fromClientHeader(
                     QString::fromLatin1(Actor::clientHeader(Actor::Kind::Mcp, u"a b/c?é"_qs)))
                     .name(),
                 u"a b/c?é"_qs);
    }

    void storedTextThatIsNoActor()
    {
        QCOMPARE(Actor::fromStored(QStringLiteral("hearthd")), std::optional(Actor::hearthd()));
        for (const QString &text : { QString(), QStringLiteral("mcp:"), QStringLiteral("api:"),
                                     QStringLiteral("someone"), QStringLiteral("Tray") })
            QVERIFY2(!Actor::fromStored(text), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestActor)
#include "tst_actor.moc"
