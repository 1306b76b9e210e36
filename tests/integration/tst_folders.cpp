// Folder triggers through a real hearthd and real files in a temporary
// folder: created, modified and removed files start one run with them as
// ctx.event; a slow copy starts nothing until it ends; the glob and
// recursion select files; changes made while hearthd was stopped are
// delivered once at start (or not, with catch_up "skip"); folders that
// cannot be watched are refused when saved and recorded when they go; the
// CLI creates folder watchers.
#include "HearthdProcess.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth::test;

class TestFolders : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void changesStartOneRunWithThem();
    void slowCopyStartsOnceItEnds();
    void globAndRecursionSelectFiles();
    void churnOutsideTheGlobDoesNotHoldFilesBack();
    void changesWhileStoppedAreCaughtUpOnce();
    void foldersThatCannotBeWatchedAreRefused();
    void folderThatGoesAwayIsRecorded();
    void forbidWaitsForTheActiveRun();
    void kill9DeliversEachChangeOnce();
    void cliCreatesFolderWatchers();

private:
    quint16 port() const { return m_hearthd->port(); }

    std::unique_ptr<HearthdProcess> m_hearthd;
};

namespace {

constexpr int SettleMs = 300;

QJsonObject folderWatcher(const QString &name, const QJsonObject &trigger,
                          const QString &script = QStringLiteral("return ctx.event"))
{
    QJsonObject withSettle = trigger;
    if (!withSettle.contains(QStringLiteral("settle_ms")))
        withSettle.insert(QStringLiteral("settle_ms"), SettleMs);
    return { { QStringLiteral("name"), name },
             { QStringLiteral("script"), script },
             { QStringLiteral("max_attempts"), 1 },
             { QStringLiteral("trigger"), withSettle } };
}

QJsonObject inFolder(const QString &path)
{
    return { { QStringLiteral("path"), path } };
}

QByteArray createWatcher(quint16 port, const QJsonObject &spec)
{
    const HttpResponse response = call(port, "POST", "/api/v1/watchers", compact(spec));
    if (response.status != 201)
        qWarning("create failed: %d %s", response.status, response.body.constData());
    return json(response).value(QStringLiteral("id")).toString().toLatin1();
}

QString errorMessage(const HttpResponse &response)
{
    return json(response)
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("message"))
        .toString();
}

void writeFile(const QString &path, const QByteArray &bytes, QIODevice::OpenMode mode = {})
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | mode), qPrintable(path));
    QCOMPARE(file.write(bytes), bytes.size());
}

// The watcher's runs (newest first) once `count` of them have ended and
// none is active.
QJsonArray endedRuns(quint16 port, const QByteArray &watcherId, int count, bool *met)
{
    const QJsonArray all = listRunsUntil(
        port,
        [&](const QJsonArray &runs) {
            int ended = 0;
            for (const QJsonValue &value : runs) {
                const QJsonObject run = value.toObject();
                if (run.value(QStringLiteral("watcher_id")).toString().toLatin1() != watcherId)
                    continue;
                const QString status = run.value(QStringLiteral("status")).toString();
                if (status == u"pending" || status == u"running")
                    return false;
                ++ended;
            }
            return ended >= count;
        },
        met, scaled(30000));
    QJsonArray mine;
    for (const QJsonValue &value : all) {
        if (value.toObject().value(QStringLiteral("watcher_id")).toString().toLatin1() == watcherId)
            mine.append(value);
    }
    return mine;
}

// The watcher's runs after a quiet while in which more could have started.
QJsonArray runsAfterQuiet(quint16 port, const QByteArray &watcherId)
{
    QTest::qWait(scaled(SettleMs * 4));
    bool met = false;
    return endedRuns(port, watcherId, 0, &met);
}

QStringList paths(const QJsonObject &event, const char *which)
{
    QStringList list;
    for (const QJsonValue &value : event.value(QLatin1String(which)).toArray())
        list.append(value.toString());
    return list;
}

QJsonObject resultOf(const QJsonObject &run)
{
    return run.value(QStringLiteral("result")).toObject();
}

} // namespace

void TestFolders::initTestCase()
{
    m_hearthd = std::make_unique<HearthdProcess>();
    QVERIFY2(m_hearthd->start(), qPrintable(m_hearthd->lastError()));
}

void TestFolders::cleanupTestCase()
{
    QCOMPARE(m_hearthd->terminate(), 0);
}

void TestFolders::changesStartOneRunWithThem()
{
    QTemporaryDir folder;
    const QDir dir(folder.path());
    writeFile(dir.filePath(QStringLiteral("old.txt")), "there before");
    writeFile(dir.filePath(QStringLiteral("kept.txt")), "kept");
    const QByteArray id =
        createWatcher(port(), folderWatcher(QStringLiteral("inbox"), inFolder(folder.path())));
    QVERIFY(!id.isEmpty());
    // What was there when the watcher was saved is not a change.
    QCOMPARE(runsAfterQuiet(port(), id).size(), 0);

    writeFile(dir.filePath(QStringLiteral("new.txt")), "new");
    writeFile(dir.filePath(QStringLiteral("old.txt")), " and more", QIODevice::Append);
    QVERIFY(QFile::remove(dir.filePath(QStringLiteral("kept.txt"))));
    bool met = false;
    QJsonArray runs = endedRuns(port(), id, 1, &met);
    QVERIFY2(met, QJsonDocument(runs).toJson().constData());
    runs = runsAfterQuiet(port(), id);
    QCOMPARE(runs.size(), 1); // one run for the three changes
    const QJsonObject run = runs.at(0).toObject();
    QCOMPARE(run.value(QStringLiteral("trigger")).toString(), QStringLiteral("folder"));
    QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
    const QJsonObject event = resultOf(run);
    QCOMPARE(event.value(QStringLiteral("path")).toString(), folder.path());
    QCOMPARE(paths(event, "created"), QStringList { dir.filePath(QStringLiteral("new.txt")) });
    QCOMPARE(paths(event, "modified"), QStringList { dir.filePath(QStringLiteral("old.txt")) });
    QCOMPARE(paths(event, "removed"), QStringList { dir.filePath(QStringLiteral("kept.txt")) });
    QVERIFY(!event.contains(QStringLiteral("truncated")));

    // Writing a file in place (no entry of the folder changes) is a change.
    writeFile(dir.filePath(QStringLiteral("new.txt")), "rewritten, longer");
    runs = endedRuns(port(), id, 2, &met);
    QVERIFY2(met, QJsonDocument(runs).toJson().constData());
    QCOMPARE(paths(resultOf(runs.at(0).toObject()), "modified"),
             QStringList { dir.filePath(QStringLiteral("new.txt")) });
    QCOMPARE(paths(resultOf(runs.at(0).toObject()), "created"), QStringList());
}

void TestFolders::slowCopyStartsOnceItEnds()
{
    QTemporaryDir folder;
    const QByteArray id =
        createWatcher(port(), folderWatcher(QStringLiteral("slow copy"), inFolder(folder.path())));
    QVERIFY(!id.isEmpty());
    // A copy that writes a chunk every SettleMs / 2 for four settle periods:
    // the folder never stays still for settle_ms until it ends.
    const QString target = QDir(folder.path()).filePath(QStringLiteral("big.bin"));
    QFile file(target);
    QVERIFY(file.open(QIODevice::WriteOnly));
    for (int chunk = 0; chunk < 8; ++chunk) {
        QCOMPARE(file.write(QByteArray(64 * 1024, 'x')), 64 * 1024);
        QVERIFY(file.flush());
        QTest::qWait(SettleMs / 2);
    }
    file.close();
    const qint64 copyEnded = QDateTime::currentMSecsSinceEpoch();

    bool met = false;
    QJsonArray runs = endedRuns(port(), id, 1, &met);
    QVERIFY2(met, QJsonDocument(runs).toJson().constData());
    runs = runsAfterQuiet(port(), id);
    QCOMPARE(runs.size(), 1);
    const QJsonObject run = runs.at(0).toObject();
    const qint64 created =
        QDateTime::fromString(run.value(QStringLiteral("created_at")).toString(), Qt::ISODateWithMs)
            .toMSecsSinceEpoch();
    QVERIFY2(created >= copyEnded,
             qPrintable(QStringLiteral("the run was made %1 ms before the copy ended")
                            .arg(copyEnded - created)));
    QCOMPARE(paths(resultOf(run), "created"), QStringList { target });
}

void TestFolders::globAndRecursionSelectFiles()
{
    QTemporaryDir folder;
    const QDir dir(folder.path());
    QVERIFY(dir.mkpath(QStringLiteral("sub")));
    QJsonObject deep = inFolder(folder.path());
    deep.insert(QStringLiteral("recursive"), true);
    deep.insert(QStringLiteral("glob"), QStringLiteral("*.pdf"));
    const QByteArray recursive = createWatcher(port(), folderWatcher(QStringLiteral("pdfs"), deep));
    QJsonObject flat = inFolder(folder.path());
    flat.insert(QStringLiteral("glob"), QStringLiteral("*.pdf"));
    const QByteArray topOnly =
        createWatcher(port(), folderWatcher(QStringLiteral("top pdfs"), flat));
    QVERIFY(!recursive.isEmpty() && !topOnly.isEmpty());

    writeFile(dir.filePath(QStringLiteral("sub/a.pdf")), "a");
    writeFile(dir.filePath(QStringLiteral("sub/notes.txt")), "not a pdf");
    // A folder made after the watcher was saved, and a file in it at once.
    QVERIFY(dir.mkpath(QStringLiteral("new/deeper")));
    writeFile(dir.filePath(QStringLiteral("new/deeper/b.pdf")), "b");
    writeFile(dir.filePath(QStringLiteral("c.pdf")), "c");
    writeFile(dir.filePath(QStringLiteral("c.pdf.part")), "still downloading");

    bool met = false;
    QJsonArray runs = endedRuns(port(), recursive, 1, &met);
    QVERIFY2(met, QJsonDocument(runs).toJson().constData());
    runs = runsAfterQuiet(port(), recursive);
    QSet<QString> created;
    for (const QJsonValue &run : std::as_const(runs)) {
        for (const QString &path : paths(resultOf(run.toObject()), "created"))
            created.insert(path);
    }
    QCOMPARE(created,
             (QSet<QString> { dir.filePath(QStringLiteral("sub/a.pdf")),
                              dir.filePath(QStringLiteral("new/deeper/b.pdf")),
                              dir.filePath(QStringLiteral("c.pdf")) }));

    runs = runsAfterQuiet(port(), topOnly);
    QCOMPARE(runs.size(), 1);
    QCOMPARE(paths(resultOf(runs.at(0).toObject()), "created"),
             QStringList { dir.filePath(QStringLiteral("c.pdf")) });

    // A file in the folder made later, recursively: found too.
    writeFile(dir.filePath(QStringLiteral("new/deeper/d.pdf")), "d");
    runs = endedRuns(port(), recursive, runs.size() + 1, &met);
    QVERIFY2(met, QJsonDocument(runs).toJson().constData());
    QCOMPARE(paths(resultOf(runs.at(0).toObject()), "created"),
             QStringList { dir.filePath(QStringLiteral("new/deeper/d.pdf")) });
}

void TestFolders::churnOutsideTheGlobDoesNotHoldFilesBack()
{
    QTemporaryDir folder;
    const QDir dir(folder.path());
    QJsonObject pdfs = inFolder(folder.path());
    pdfs.insert(QStringLiteral("glob"), QStringLiteral("*.pdf"));
    const QByteArray id = createWatcher(port(), folderWatcher(QStringLiteral("churn"), pdfs));
    QVERIFY(!id.isEmpty());
    // A download the glob leaves out keeps the folder busy for 20 settle
    // periods; the PDF that lands at its start still starts its run.
    writeFile(dir.filePath(QStringLiteral("report.pdf")), "done");
    QFile download(dir.filePath(QStringLiteral("movie.mkv.part")));
    QVERIFY(download.open(QIODevice::WriteOnly));
    for (int chunk = 0; chunk < 60; ++chunk) {
        QCOMPARE(download.write(QByteArray(4096, 'm')), 4096);
        QVERIFY(download.flush());
        QTest::qWait(SettleMs / 3);
    }
    const qint64 downloadEnded = QDateTime::currentMSecsSinceEpoch();
    download.close();
    bool met = false;
    const QJsonArray runs = endedRuns(port(), id, 1, &met);
    QVERIFY2(met, QJsonDocument(runs).toJson().constData());
    const QJsonObject run = runs.last().toObject();
    QCOMPARE(paths(resultOf(run), "created"),
             QStringList { dir.filePath(QStringLiteral("report.pdf")) });
    const qint64 created =
        QDateTime::fromString(run.value(QStringLiteral("created_at")).toString(), Qt::ISODateWithMs)
            .toMSecsSinceEpoch();
    QVERIFY2(created < downloadEnded,
             qPrintable(QStringLiteral("the run waited for the whole download (%1 ms after it)")
                            .arg(created - downloadEnded)));
}

void TestFolders::changesWhileStoppedAreCaughtUpOnce()
{
    QTemporaryDir folder;
    const QDir dir(folder.path());
    writeFile(dir.filePath(QStringLiteral("edited.txt")), "v1");
    writeFile(dir.filePath(QStringLiteral("deleted.txt")), "soon gone");
    QTemporaryDir skipFolder;
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    const QByteArray once = createWatcher(
        hearthd.port(), folderWatcher(QStringLiteral("once"), inFolder(folder.path())));
    QJsonObject skipping = folderWatcher(QStringLiteral("skipping"), inFolder(skipFolder.path()));
    skipping.insert(QStringLiteral("catch_up"), QStringLiteral("skip"));
    const QByteArray skip = createWatcher(hearthd.port(), skipping);
    QVERIFY(!once.isEmpty() && !skip.isEmpty());
    QCOMPARE(hearthd.terminate(), 0);

    writeFile(dir.filePath(QStringLiteral("added.txt")), "while stopped");
    writeFile(dir.filePath(QStringLiteral("edited.txt")), "v2 is longer");
    QVERIFY(QFile::remove(dir.filePath(QStringLiteral("deleted.txt"))));
    writeFile(QDir(skipFolder.path()).filePath(QStringLiteral("missed.txt")), "skipped");

    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    bool met = false;
    QJsonArray runs = endedRuns(hearthd.port(), once, 1, &met);
    QVERIFY2(met, QJsonDocument(runs).toJson().constData());
    runs = runsAfterQuiet(hearthd.port(), once);
    QCOMPARE(runs.size(), 1);
    const QJsonObject run = runs.at(0).toObject();
    QCOMPARE(run.value(QStringLiteral("trigger")).toString(), QStringLiteral("catch_up"));
    QCOMPARE(paths(resultOf(run), "created"),
             QStringList { dir.filePath(QStringLiteral("added.txt")) });
    QCOMPARE(paths(resultOf(run), "modified"),
             QStringList { dir.filePath(QStringLiteral("edited.txt")) });
    QCOMPARE(paths(resultOf(run), "removed"),
             QStringList { dir.filePath(QStringLiteral("deleted.txt")) });
    QCOMPARE(runsAfterQuiet(hearthd.port(), skip).size(), 0);

    // Delivered once: another restart finds nothing new.
    QCOMPARE(hearthd.terminate(), 0);
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    QCOMPARE(runsAfterQuiet(hearthd.port(), once).size(), 1);
    // The skipping watcher starts from what it found: the next change is
    // only the new file.
    const QString later = QDir(skipFolder.path()).filePath(QStringLiteral("later.txt"));
    writeFile(later, "after the start");
    runs = endedRuns(hearthd.port(), skip, 1, &met);
    QVERIFY2(met, QJsonDocument(runs).toJson().constData());
    QCOMPARE(paths(resultOf(runs.at(0).toObject()), "created"), QStringList { later });
    QCOMPARE(hearthd.terminate(), 0);
}

void TestFolders::foldersThatCannotBeWatchedAreRefused()
{
    QTemporaryDir folder;
    const QDir dir(folder.path());
    writeFile(dir.filePath(QStringLiteral("file.txt")), "a file");
    const auto refused = [this](const QJsonObject &trigger, const QString &field,
                                const QString &words) {
        for (const QByteArray &target : { QByteArray("/api/v1/watchers"),
                                          QByteArray("/api/v1/watchers?validate_only=true") }) {
            const HttpResponse response = call(
                port(), "POST", target, compact(folderWatcher(QStringLiteral("refused"), trigger)));
            QCOMPARE(response.status, 422);
            const QString message = errorMessage(response);
            QVERIFY2(message.startsWith(field + QStringLiteral(": ")) && message.contains(words),
                     qPrintable(message));
        }
    };
    refused(inFolder(dir.filePath(QStringLiteral("missing"))), QStringLiteral("trigger.path"),
            QStringLiteral("there is no folder"));
    refused(inFolder(dir.filePath(QStringLiteral("file.txt"))), QStringLiteral("trigger.path"),
            QStringLiteral("is not a folder"));
    refused(inFolder(QStringLiteral("relative/path")), QStringLiteral("trigger.path"),
            QStringLiteral("absolute"));
    refused({ { QStringLiteral("path"), folder.path() },
              { QStringLiteral("after"), QStringLiteral("x") } },
            QStringLiteral("trigger"), QStringLiteral("path"));
    refused({ { QStringLiteral("path"), folder.path() }, { QStringLiteral("settle_ms"), 5 } },
            QStringLiteral("trigger.settle_ms"), QStringLiteral("100"));
    refused({ { QStringLiteral("path"), folder.path() }, { QStringLiteral("glob"), QString() } },
            QStringLiteral("trigger.glob"), QStringLiteral("pattern"));
    refused({ { QStringLiteral("path"), folder.path() }, { QStringLiteral("depth"), 2 } },
            QStringLiteral("trigger.depth"), QStringLiteral("not a field"));

    // Too big a tree: more folders than one watcher may watch.
    for (int i = 0; i <= 1000; ++i)
        QVERIFY(dir.mkpath(QStringLiteral("tree/%1").arg(i)));
    QJsonObject tree = inFolder(dir.filePath(QStringLiteral("tree")));
    tree.insert(QStringLiteral("recursive"), true);
    refused(tree, QStringLiteral("trigger.path"), QStringLiteral("more than 1000 folders"));
    // Not recursively it is fine.
    tree.insert(QStringLiteral("recursive"), false);
    QVERIFY(!createWatcher(port(), folderWatcher(QStringLiteral("tree, flat"), tree)).isEmpty());
}

void TestFolders::folderThatGoesAwayIsRecorded()
{
    QTemporaryDir parent;
    const QString folder = QDir(parent.path()).filePath(QStringLiteral("watched"));
    QVERIFY(QDir().mkpath(folder));
    const QByteArray id =
        createWatcher(port(), folderWatcher(QStringLiteral("going away"), inFolder(folder)));
    QVERIFY(!id.isEmpty());
    QVERIFY(QDir(folder).removeRecursively());
    bool met = false;
    const QJsonArray runs = endedRuns(port(), id, 1, &met);
    QVERIFY2(met, QJsonDocument(runs).toJson().constData());
    const QJsonObject run = runs.at(0).toObject();
    QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("skipped"));
    const QJsonObject error = run.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("folder_unwatchable"));
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(folder),
             qPrintable(error.value(QStringLiteral("message")).toString()));
    QCOMPARE(runsAfterQuiet(port(), id).size(), 1); // said once
}

void TestFolders::forbidWaitsForTheActiveRun()
{
    QTemporaryDir folder;
    const QDir dir(folder.path());
    // Each run takes a while; changes during it wait (concurrency forbid)
    // and the next run has all of them.
    const QByteArray id = createWatcher(
        port(),
        folderWatcher(QStringLiteral("busy"), inFolder(folder.path()),
                      QStringLiteral("local start = os.clock() while os.clock() - start < 1.5 do "
                                     "end return ctx.event")));
    QVERIFY(!id.isEmpty());
    writeFile(dir.filePath(QStringLiteral("first.txt")), "1");
    bool met = false;
    QJsonArray runs = listRunsUntil(
        port(),
        [&](const QJsonArray &listed) {
            for (const QJsonValue &run : listed) {
                if (run.toObject().value(QStringLiteral("watcher_id")).toString().toLatin1() ==
                        id &&
                    run.toObject().value(QStringLiteral("status")).toString() == u"running")
                    return true;
            }
            return false;
        },
        &met, scaled(20000));
    QVERIFY2(met, QJsonDocument(runs).toJson().constData());
    writeFile(dir.filePath(QStringLiteral("second.txt")), "2");
    QTest::qWait(SettleMs);
    writeFile(dir.filePath(QStringLiteral("third.txt")), "3");

    runs = endedRuns(port(), id, 2, &met);
    QVERIFY2(met, QJsonDocument(runs).toJson().constData());
    runs = runsAfterQuiet(port(), id);
    QCOMPARE(runs.size(), 2);
    for (const QJsonValue &run : std::as_const(runs))
        QCOMPARE(run.toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("succeeded"));
    QCOMPARE(paths(resultOf(runs.at(1).toObject()), "created"),
             QStringList { dir.filePath(QStringLiteral("first.txt")) });
    QCOMPARE(paths(resultOf(runs.at(0).toObject()), "created"),
             (QStringList { dir.filePath(QStringLiteral("second.txt")),
                            dir.filePath(QStringLiteral("third.txt")) }));
}

void TestFolders::kill9DeliversEachChangeOnce()
{
    // Files keep landing while hearthd is killed (-9) and started again,
    // three times: every file is in exactly one succeeded run's event (a
    // run's manifest change and the run are one commit; what a dead
    // hearthd did not record is found at the next start).
    QTemporaryDir folder;
    const QDir dir(folder.path());
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    QJsonObject spec = folderWatcher(QStringLiteral("crashing"), inFolder(folder.path()));
    spec.insert(QStringLiteral("max_attempts"), 5);
    spec.insert(QStringLiteral("backoff"),
                QJsonObject { { QStringLiteral("base_s"), 1 }, { QStringLiteral("max_s"), 1 } });
    spec.insert(QStringLiteral("concurrency"), QStringLiteral("queue"));
    const QByteArray id = createWatcher(hearthd.port(), spec);
    QVERIFY(!id.isEmpty());
    QSet<QString> written;
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 8; ++i) {
            const QString path = dir.filePath(QStringLiteral("file-%1-%2.txt").arg(round).arg(i));
            writeFile(path, QByteArray::number(i));
            written.insert(path);
            QTest::qWait(SettleMs / 2 + 40 * i);
        }
        hearthd.kill9();
        writeFile(dir.filePath(QStringLiteral("while-down-%1.txt").arg(round)), "down");
        written.insert(dir.filePath(QStringLiteral("while-down-%1.txt").arg(round)));
        QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    }
    // Settled: every file delivered, nothing active.
    bool met = false;
    QMap<QString, int> deliveries;
    const QJsonArray runs = listRunsUntil(
        hearthd.port(),
        [&](const QJsonArray &listed) {
            deliveries.clear();
            for (const QJsonValue &value : listed) {
                const QJsonObject run = value.toObject();
                const QString status = run.value(QStringLiteral("status")).toString();
                if (status == u"pending" || status == u"running")
                    return false;
                if (status != u"succeeded")
                    continue;
                for (const QString &path : paths(resultOf(run), "created"))
                    ++deliveries[path];
            }
            return QSet<QString>(deliveries.keyBegin(), deliveries.keyEnd()) == written;
        },
        &met, scaled(60000));
    QVERIFY2(met, QJsonDocument(runs).toJson().constData());
    for (auto it = deliveries.cbegin(); it != deliveries.cend(); ++it)
        QVERIFY2(it.value() == 1,
                 qPrintable(QStringLiteral("%1 delivered %2 times").arg(it.key()).arg(it.value())));
    QCOMPARE(hearthd.terminate(), 0);
}

void TestFolders::cliCreatesFolderWatchers()
{
    QTemporaryDir folder;
    QTemporaryDir scriptDir;
    const QString script = QDir(scriptDir.path()).filePath(QStringLiteral("w.lua"));
    writeFile(script, "return ctx.event");
    const QStringList connection { QStringLiteral("--data-dir"), m_hearthd->dataDir() };
    const CliResult created = runCli(
        connection +
        QStringList { QStringLiteral("watchers"), QStringLiteral("add"), QStringLiteral("--name"),
                      QStringLiteral("from the cli"), QStringLiteral("--folder"), folder.path(),
                      QStringLiteral("--recursive"), QStringLiteral("--glob"),
                      QStringLiteral("*.csv"), QStringLiteral("--settle-ms"),
                      QString::number(SettleMs), QStringLiteral("--script"), script });
    QVERIFY2(created.exitCode == 0, created.err.constData());
    const QByteArray says =
        "when files change in " + folder.path().toUtf8() + " or a folder under it (only *.csv)";
    QVERIFY2(created.out.contains(says), created.out.constData());

    const CliResult shown =
        runCli(connection +
               QStringList { QStringLiteral("watchers"), QStringLiteral("show"),
                             QStringLiteral("from the cli"), QStringLiteral("--output"),
                             QStringLiteral("json") });
    QVERIFY2(shown.exitCode == 0, shown.err.constData());
    const QJsonObject trigger =
        QJsonDocument::fromJson(shown.out).object().value(QStringLiteral("trigger")).toObject();
    QCOMPARE(trigger.value(QStringLiteral("path")).toString(), folder.path());
    QCOMPARE(trigger.value(QStringLiteral("recursive")).toBool(), true);
    QCOMPARE(trigger.value(QStringLiteral("glob")).toString(), QStringLiteral("*.csv"));
    QCOMPARE(trigger.value(QStringLiteral("settle_ms")).toInt(), SettleMs);

    const CliResult misused =
        runCli(connection +
               QStringList { QStringLiteral("watchers"), QStringLiteral("edit"),
                             QStringLiteral("from the cli"), QStringLiteral("--glob"),
                             QStringLiteral("*.txt") });
    QCOMPARE(misused.exitCode, 2);
    QVERIFY2(misused.err.contains("apply to --folder"), misused.err.constData());
    QCOMPARE(misused.err.count('\n'), 1);

    const CliResult missing =
        runCli(connection +
               QStringList { QStringLiteral("watchers"), QStringLiteral("add"),
                             QStringLiteral("--name"), QStringLiteral("nowhere"),
                             QStringLiteral("--folder"), folder.path() + QStringLiteral("/missing"),
                             QStringLiteral("--script"), script });
    QVERIFY(missing.exitCode != 0);
    QVERIFY2(missing.err.contains("trigger.path") && missing.err.contains("there is no folder"),
             missing.err.constData());
}

QTEST_GUILESS_MAIN(TestFolders)
#include "tst_folders.moc"
