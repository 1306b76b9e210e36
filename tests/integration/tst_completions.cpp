// `hearth completion bash|zsh|fish`, tried in the real shells: each script
// is loaded and asked what completes a typed command line, as the shell
// would when the user presses Tab. bash and zsh call the completion function
// with the words set as the shell sets them (zsh's completion builtins print
// what they are given); fish answers `complete -C LINE` itself.
#include "../support/HearthdProcess.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth::test;

namespace {

// What the shell offers for `line` (the cursor at its end).
QStringList offered(const QString &shell, const QString &scriptPath, const QString &line)
{
    QProcess process;
    if (shell == u"bash") {
        QStringList words = line.split(u' ');
        process.start(QStringLiteral("bash"),
                      QStringList { QStringLiteral("--norc"), QStringLiteral("-c"),
                                    QStringLiteral("source \"$1\"; shift; COMP_WORDS=(\"$@\"); "
                                                   "COMP_CWORD=$(($# - 1)); _hearth 2>/dev/null; "
                                                   "printf '%s\\n' \"${COMPREPLY[@]}\""),
                                    QStringLiteral("bash"), scriptPath } +
                          words);
    } else if (shell == u"zsh") {
        QStringList words = line.split(u' ');
        process.start(
            QStringLiteral("zsh"),
            QStringList {
                QStringLiteral("-f"), QStringLiteral("-c"),
                QStringLiteral(
                    "_describe() { local name=$2; print -l -- \"${(@)${(P)name}%%:*}\"; }; "
                    "compadd() { print -l -- \"$@\"; }; _files() { print -- '<files>'; }; "
                    "_message() { print -- '<value>'; }; "
                    "script=$1; shift; words=(\"$@\"); CURRENT=$#; PREFIX=${words[CURRENT]}; "
                    "source $script"),
                QStringLiteral("zsh"), scriptPath } +
                words);
    } else {
        process.start(QStringLiteral("fish"),
                      { QStringLiteral("--no-config"), QStringLiteral("-c"),
                        QStringLiteral("source $argv[1]; complete -C $argv[2]"), scriptPath,
                        line });
    }
    if (!process.waitForFinished(20000))
        qFatal("%s did not finish", qPrintable(shell));
    QStringList candidates;
    for (const QByteArray &row : process.readAllStandardOutput().split('\n')) {
        const QString word = QString::fromUtf8(row.split('\t').constFirst()).trimmed();
        // bash and zsh list every candidate; the shell then keeps those that
        // start with what is typed (fish filters by itself).
        const QString typed = line.section(u' ', -1);
        if (!word.isEmpty() && (word.startsWith(typed) || word.startsWith(u'<')))
            candidates.append(word);
    }
    return candidates;
}

} // namespace

class TestCompletions : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (const QString &shell :
             { QStringLiteral("bash"), QStringLiteral("zsh"), QStringLiteral("fish") }) {
            const CliResult made = runCli({ QStringLiteral("completion"), shell });
            QCOMPARE(made.exitCode, 0);
            QVERIFY2(made.err.isEmpty(), made.err.constData());
            QFile script(m_dir.filePath(shell));
            QVERIFY(script.open(QIODevice::WriteOnly));
            script.write(made.out);
            script.close();
            // The shell reads it without a syntax error.
            QProcess check;
            check.start(shell, { QStringLiteral("-n"), script.fileName() });
            QVERIFY2(check.waitForFinished(20000), qPrintable(shell));
            QVERIFY2(check.exitCode() == 0, check.readAllStandardError().constData());
        }
    }

    void completes_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("present");
        QTest::addColumn<QStringList>("absent");
        QTest::newRow("commands") << QStringLiteral("hearth ")
                                  << QStringList { QStringLiteral("status"),
                                                   QStringLiteral("watchers"),
                                                   QStringLiteral("completion") }
                                  << QStringList { QStringLiteral("ls"), QStringLiteral("add") };
        QTest::newRow("a group's commands")
            << QStringLiteral("hearth watchers ")
            << QStringList { QStringLiteral("add"), QStringLiteral("ls"), QStringLiteral("run") }
            << QStringList { QStringLiteral("get"), QStringLiteral("status") };
        QTest::newRow("a word begun")
            << QStringLiteral("hearth watchers e")
            << QStringList { QStringLiteral("edit"), QStringLiteral("enable") }
            << QStringList { QStringLiteral("add") };
        QTest::newRow("a command's options")
            << QStringLiteral("hearth watchers add --")
            << QStringList { QStringLiteral("--name"), QStringLiteral("--cron"),
                             QStringLiteral("--output"), QStringLiteral("--data-dir") }
            << QStringList { QStringLiteral("--prefix"), QStringLiteral("--follow") };
        QTest::newRow("an option's value is not a command word")
            << QStringLiteral("hearth --output json kv ")
            << QStringList { QStringLiteral("ls"), QStringLiteral("set") }
            << QStringList { QStringLiteral("status"), QStringLiteral("json") };
        QTest::newRow("output formats")
            << QStringLiteral("hearth -o ")
            << QStringList { QStringLiteral("table"), QStringLiteral("json") }
            << QStringList { QStringLiteral("status") };
        QTest::newRow("shells") << QStringLiteral("hearth completion ")
                                << QStringList { QStringLiteral("bash"), QStringLiteral("zsh"),
                                                 QStringLiteral("fish") }
                                << QStringList { QStringLiteral("status") };
        QTest::newRow("an option begun")
            << QStringLiteral("hearth kv ls --pr") << QStringList { QStringLiteral("--prefix") }
            << QStringList { QStringLiteral("--name") };
        QTest::newRow("a value is free text")
            << QStringLiteral("hearth watchers add --name ") << QStringList {}
            << QStringList { QStringLiteral("ls"), QStringLiteral("--name") };
    }

    void completes()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, present);
        QFETCH(QStringList, absent);
        for (const QString &shell :
             { QStringLiteral("bash"), QStringLiteral("zsh"), QStringLiteral("fish") }) {
            const QStringList candidates = offered(shell, m_dir.filePath(shell), line);
            for (const QString &word : std::as_const(present)) {
                QVERIFY2(candidates.contains(word),
                         qPrintable(shell + u": " + word + u" not in " + candidates.join(u' ')));
            }
            for (const QString &word : std::as_const(absent)) {
                QVERIFY2(!candidates.contains(word),
                         qPrintable(shell + u": " + word + u" in " + candidates.join(u' ')));
            }
        }
    }

    void filesWhereAFileIsTaken()
    {
        // bash offers the file names itself; zsh's _files and fish's -F say so.
        QFile(m_dir.filePath(QStringLiteral("check.lua"))).open(QIODevice::WriteOnly);
        const QString prefix = m_dir.filePath(QStringLiteral("che"));
        const QStringList lines { QStringLiteral("hearth script run ") + prefix,
                                  QStringLiteral("hearth watchers add --script ") + prefix };
        for (const QString &line : lines) {
            QVERIFY(offered(QStringLiteral("bash"), m_dir.filePath(QStringLiteral("bash")), line)
                        .contains(m_dir.filePath(QStringLiteral("check.lua"))));
            QVERIFY(offered(QStringLiteral("fish"), m_dir.filePath(QStringLiteral("fish")), line)
                        .contains(m_dir.filePath(QStringLiteral("check.lua"))));
            const QString zshLine = line.section(u' ', 0, -2) + u' ';
            QVERIFY(offered(QStringLiteral("zsh"), m_dir.filePath(QStringLiteral("zsh")), zshLine)
                        .contains(QStringLiteral("<files>")));
        }
    }

    void anUnknownShellIsAUsageError()
    {
        const CliResult made = runCli({ QStringLiteral("completion"), QStringLiteral("tcsh") });
        QCOMPARE(made.exitCode, 2);
        QVERIFY2(made.err.contains("bash, zsh or fish"), made.err.constData());
        QVERIFY(made.out.isEmpty());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCompletions)
#include "tst_completions.moc"
