// hearthd's own log: level filter, one line per event, size-based rotation.
#include "daemon/LogSink.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

Q_LOGGING_CATEGORY(lcLogTest, "hearth.logtest")

using namespace hearth;

namespace {
QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestLogSink : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { LogSink::uninstall(); }
    void levelFilterAndOneLinePerEvent();
    void rotatesBySize();
};

void TestLogSink::levelFilterAndOneLinePerEvent()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("logs/hearthd.log"));
    LogSink::install({ DiagnosticLevel::Info, path, 1024 * 1024, 3 });
    qCDebug(lcLogTest) << "debug-is-filtered";
    qCInfo(lcLogTest) << "info-is-kept";
    qCWarning(lcLogTest).noquote() << "first\nsecond";
    LogSink::uninstall();

    const QByteArray log = readFile(path);
    QVERIFY(!log.contains("debug-is-filtered"));
    QVERIFY(log.contains("INFO  hearth.logtest: info-is-kept"));
    // An embedded newline cannot forge a second log line.
    QVERIFY(log.contains("WARN  hearth.logtest: first\\nsecond"));
    QCOMPARE(log.count('\n'), 2);
    QCOMPARE(QFileInfo(path).permissions() & QFileDevice::Permissions(0x7077),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

void TestLogSink::rotatesBySize()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hearthd.log"));
    LogSink::install({ DiagnosticLevel::Info, path, 2000, 2 });
    for (int i = 0; i < 200; ++i)
        qCInfo(lcLogTest) << "line" << i;
    LogSink::uninstall();

    QStringList files = QDir(dir.path()).entryList(QDir::Files, QDir::Name);
    QCOMPARE(files,
             (QStringList { QStringLiteral("hearthd.log"), QStringLiteral("hearthd.log.1"),
                            QStringLiteral("hearthd.log.2") }));
    for (const QString &file : files)
        QVERIFY(QFileInfo(dir.filePath(file)).size() <= 2000);
    // The newest line is in the current file, the ones before it in .1.
    QVERIFY(readFile(path).contains("line 199"));
    QVERIFY(!readFile(path + QStringLiteral(".1")).contains("line 199"));
    QVERIFY(!readFile(path + QStringLiteral(".1")).isEmpty());
}

QTEST_GUILESS_MAIN(TestLogSink)
#include "tst_logsink.moc"
