// html's CSS selectors against an independent implementation: for every
// page of tests/unit/data/css and every selector of its selectors.txt, the
// elements html.parse(page):select(selector) finds in a sandbox must be the
// ones lxml's cssselect finds (python3-lxml, python3-cssselect), compared by
// their paths; select_one must be the first of them. Bad selectors are
// checked to fail with their position.
#include "lua/CssSelector.h"
#include "lua/Sandbox.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace hearth;
using namespace hearth::lua;

namespace {

const QString CorpusDir = QStringLiteral(HEARTH_SOURCE_DIR "/tests/unit/data/css");

QString systemPython()
{
    // Debian's, where python3-lxml is installed (not a virtualenv's).
    const QString debian =
        QStandardPaths::findExecutable(QStringLiteral("python3"), { QStringLiteral("/usr/bin") });
    return debian.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("python3")) : debian;
}

// Runs html.parse(page) and select/select_one for each selector in a
// sandbox; returns {selector: {all: [paths], first: path|null}}.
QJsonObject selectInSandbox(const QByteArray &page, const QStringList &selectors)
{
    ScriptContext context;
    context.eventJson =
        QJsonDocument(QJsonObject {
                          { QStringLiteral("page"), QString::fromUtf8(page) },
                          { QStringLiteral("selectors"), QJsonArray::fromStringList(selectors) },
                      })
            .toJson(QJsonDocument::Compact);
    const QByteArray source = R"lua(
        local doc = html.parse(ctx.event.page)
        local out = {}
        for _, selector in ipairs(ctx.event.selectors) do
          local paths = {}
          for _, node in ipairs(doc:select(selector)) do paths[#paths + 1] = node:path() end
          local first = doc:select_one(selector)
          out[selector] = { all = paths, first = first and first:path() or json.null }
        end
        return out
    )lua";
    const ExecutionResult run = Sandbox::run(source, context, Limits {});
    if (run.outcome != Outcome::Succeeded)
        qWarning().noquote() << run.errorMessage;
    return QJsonDocument::fromJson(run.resultJson).object();
}

} // namespace

class TestCssSelect : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sameAsLxml_data();
    void sameAsLxml();
    void everySelectorFindsSomething();
    void badSelectorsSayWhere_data();
    void badSelectorsSayWhere();

private:
    QStringList m_selectors;
    QStringList m_pages;
    QSet<QString> m_foundSomewhere;
};

void TestCssSelect::initTestCase()
{
    QFile list(CorpusDir + QStringLiteral("/selectors.txt"));
    QVERIFY(list.open(QIODevice::ReadOnly));
    for (const QByteArray &line : list.readAll().split('\n')) {
        const QString selector = QString::fromUtf8(line).trimmed();
        if (!selector.isEmpty() && !selector.startsWith(QLatin1String("# ")))
            m_selectors.append(selector);
    }
    QVERIFY(m_selectors.size() >= 50);
    m_pages = QDir(CorpusDir).entryList({ QStringLiteral("*.html") }, QDir::Files, QDir::Name);
    QVERIFY(m_pages.size() >= 3);
    QVERIFY2(!systemPython().isEmpty(), "python3 is needed (python3-lxml, python3-cssselect)");
}

void TestCssSelect::sameAsLxml_data()
{
    QTest::addColumn<QString>("page");
    for (const QString &page : std::as_const(m_pages))
        QTest::newRow(qPrintable(page)) << page;
}

void TestCssSelect::sameAsLxml()
{
    QFETCH(QString, page);
    const QString pagePath = CorpusDir + u'/' + page;
    QProcess reference;
    reference.start(systemPython(),
                    { CorpusDir + QStringLiteral("/reference.py"), pagePath,
                      CorpusDir + QStringLiteral("/selectors.txt") });
    QVERIFY(reference.waitForFinished(60'000));
    QVERIFY2(reference.exitCode() == 0, reference.readAllStandardError().constData());
    const QJsonObject expected =
        QJsonDocument::fromJson(reference.readAllStandardOutput()).object();
    QCOMPARE(expected.size(), m_selectors.size());

    QFile file(pagePath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject actual = selectInSandbox(file.readAll(), m_selectors);
    QCOMPARE(actual.size(), m_selectors.size());
    for (const QString &selector : std::as_const(m_selectors)) {
        const QJsonArray lxml = expected.value(selector).toArray();
        const QJsonObject ours = actual.value(selector).toObject();
        const QJsonArray all = ours.value(QStringLiteral("all")).toArray();
        QVERIFY2(
            all == lxml,
            qPrintable(
                QStringLiteral("%1 on %2: lxml %3, html %4")
                    .arg(selector, page,
                         QString::fromUtf8(QJsonDocument(lxml).toJson(QJsonDocument::Compact)),
                         QString::fromUtf8(QJsonDocument(all).toJson(QJsonDocument::Compact)))));
        QCOMPARE(ours.value(QStringLiteral("first")),
                 lxml.isEmpty() ? QJsonValue(QJsonValue::Null) : lxml.first());
        if (!lxml.isEmpty())
            m_foundSomewhere.insert(selector);
    }
}

void TestCssSelect::everySelectorFindsSomething()
{
    // An empty result on every page would check nothing.
    for (const QString &selector : std::as_const(m_selectors))
        QVERIFY2(m_foundSomewhere.contains(selector), qPrintable(selector));
}

void TestCssSelect::badSelectorsSayWhere_data()
{
    QTest::addColumn<QString>("selector");
    QTest::addColumn<int>("position"); // 0-based
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QString() << 0 << QStringLiteral("empty");
    QTest::newRow("dangling combinator")
        << QStringLiteral("div >") << 5 << QStringLiteral("after '>'");
    QTest::newRow("dangling comma") << QStringLiteral("a,") << 2 << QStringLiteral("after ','");
    QTest::newRow("unclosed attribute")
        << QStringLiteral("a[href") << 6 << QStringLiteral("expected ']'");
    QTest::newRow("unterminated string")
        << QStringLiteral("a[title=\"x]") << 8 << QStringLiteral("unterminated");
    QTest::newRow("unknown pseudo-class")
        << QStringLiteral("a:hover") << 1 << QStringLiteral("unknown pseudo-class :hover");
    QTest::newRow("pseudo-element")
        << QStringLiteral("p::before") << 1 << QStringLiteral("pseudo-elements");
    QTest::newRow("bad nth") << QStringLiteral("li:nth-child(2x)") << 13 << QStringLiteral("an+b");
    QTest::newRow("nested not") << QStringLiteral("a:not(:not(b))") << 6
                                << QStringLiteral("cannot be nested");
    QTest::newRow("of-type without a type")
        << QStringLiteral(".a:first-of-type") << 2 << QStringLiteral("needs a type selector");
    QTest::newRow("stray character")
        << QStringLiteral("div $ p") << 4 << QStringLiteral("unexpected '$'");
    QTest::newRow("a control character")
        << QStringLiteral("a[title=\"\u0001\"]") << 9 << QStringLiteral("cannot contain U+0001");
    QTest::newRow("too many steps") << QStringLiteral("a > ").repeated(16) + QStringLiteral("a")
                                    << 64 << QStringLiteral("more than 16 selectors in a row");
    QTest::newRow("namespace") << QStringLiteral("svg|rect") << 3 << QStringLiteral("namespaces");
}

void TestCssSelect::badSelectorsSayWhere()
{
    QFETCH(QString, selector);
    QFETCH(int, position);
    QFETCH(QString, message);
    const auto translated = cssToXPath(selector);
    QVERIFY(!translated);
    QVERIFY2(translated.error().message.contains(message), qPrintable(translated.error().message));
    QCOMPARE(translated.error().position, qsizetype(position));
}

QTEST_GUILESS_MAIN(TestCssSelect)
#include "tst_cssselect.moc"
