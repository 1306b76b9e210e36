// The tray's small parts, without a runtime: the Lua highlighter's tokens, the record lists and
// their tables, the login item, the tray settings and the state icons.
#include "MainWindow.h"
#include "Translations.h"
#include "client/Format.h"
#include "models/RecordTableModel.h"
#include "tray/Autostart.h"
#include "tray/SingleInstance.h"
#include "tray/StateIcon.h"
#include "tray/TraySettings.h"
#include "widgets/LuaHighlighter.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QPixmap>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTimeZone>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace hearth::ui;
using Token = LuaHighlighter::Token;
Q_DECLARE_METATYPE(hearth::ui::LuaHighlighter::Token)

namespace {
// A record as the tables show them: a key and a value.
struct Item
{
    QString id;
    QString name;

    static QString keyOf(const Item &item) { return item.id; }
    static QString nameOf(const Item &item) { return item.name; }
};
} // namespace

class TestUiParts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    }

    void luaTokens_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<Token>("token");
        const QString script = QStringLiteral("local x = 42 -- the answer\n"
                                              "log.info(\"end\")\n"
                                              "--[[ a long\n"
                                              "comment with end ]] return x\n"
                                              "local s = [==[ a [[ long\n"
                                              "string ]==]\n"
                                              "local t = 'it''s'\n");
        QTest::newRow("keyword") << script << 0 << 0 << Token::Keyword;
        QTest::newRow("plain name") << script << 0 << 6 << Token::Plain;
        QTest::newRow("number") << script << 0 << 10 << Token::Number;
        QTest::newRow("line comment") << script << 0 << 16 << Token::Comment;
        QTest::newRow("sdk module") << script << 1 << 0 << Token::Builtin;
        QTest::newRow("keyword inside a string is a string") << script << 1 << 10 << Token::String;
        QTest::newRow("long comment opens") << script << 2 << 0 << Token::Comment;
        QTest::newRow("long comment continues") << script << 3 << 2 << Token::Comment;
        QTest::newRow("keyword after the long comment") << script << 3 << 20 << Token::Keyword;
        QTest::newRow("long string level 2") << script << 4 << 12 << Token::String;
        QTest::newRow("inner [[ does not close it") << script << 5 << 0 << Token::String;
        QTest::newRow("after the long string") << script << 6 << 0 << Token::Keyword;
        QTest::newRow("single-quoted string") << script << 6 << 11 << Token::String;
    }
    void luaTokens()
    {
        QFETCH(QString, source);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(Token, token);
        QTextDocument document;
        document.setPlainText(source);
        LuaHighlighter highlighter(&document);
        highlighter.rehighlight();
        QCOMPARE(LuaHighlighter::tokenAt(document.findBlockByNumber(line), column), token);
    }

    void tableModelKeysAndPatches()
    {
        RecordList<Item> list(&Item::keyOf);
        RecordTableModel<Item> model(
            { { QStringLiteral("Name"), RecordTableModel<Item>::displayText(&Item::nameOf), {} } });
        model.setList(&list);
        list.setRecords({ { QStringLiteral("1"), QStringLiteral("a") },
                          { QStringLiteral("2"), QStringLiteral("b") } });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.indexOf(QStringLiteral("2")), 1);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        list.upsert({ QStringLiteral("2"), QStringLiteral("B") });
        QCOMPARE(changed.size(), 1); // the table follows the list
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(1, 0), Qt::DisplayRole).toString(), QStringLiteral("B"));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        list.upsert({ QStringLiteral("3"), QStringLiteral("c") }, true);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(model.keyAt(0), QStringLiteral("3"));
        // Rows found by key follow every move.
        QCOMPARE(model.indexOf(QStringLiteral("1")), 1);
        QCOMPARE(model.indexOf(QStringLiteral("2")), 2);
        list.upsert({ QStringLiteral("4"), QStringLiteral("d") });
        QCOMPARE(model.indexOf(QStringLiteral("4")), 3);
        list.update(QStringLiteral("3"), [](Item &item) { item.name = QStringLiteral("C"); });
        QCOMPARE(model.data(model.index(0, 0), Qt::DisplayRole).toString(), QStringLiteral("C"));
        list.remove(QStringLiteral("1"));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.indexOf(QStringLiteral("1")), -1);
        QCOMPARE(model.indexOf(QStringLiteral("2")), 1);
        QCOMPARE(model.indexOf(QStringLiteral("4")), 2);
        QVERIFY(!(model.flags(model.index(0, 0)) & Qt::ItemIsUserCheckable));

        // Two tables over one list (a page and the tray): both follow it; a
        // list that goes away (the session ends) leaves them empty.
        auto shared = std::make_unique<RecordList<Item>>(&Item::keyOf);
        RecordTableModel<Item> other({ { QStringLiteral("Name"), {}, {} } });
        model.setList(shared.get());
        other.setList(shared.get());
        shared->upsert({ QStringLiteral("9"), QStringLiteral("z") });
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(other.rowCount(), 1);
        shared.reset();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(other.rowCount(), 0);
        QCOMPARE(model.recordAt(0), nullptr);
    }

    void aListingOlderThanEventsDoesNotUndoThem()
    {
        RecordList<Item> list(&Item::keyOf);
        const auto row = [](const char *id, const char *name) {
            return Item { QString::fromLatin1(id), QString::fromLatin1(name) };
        };
        list.setRecords({ row("1", "one"), row("2", "two") });
        RecordList<Item>::ReloadTicket ticket = list.beginReload();
        // Events that arrive while the listing is on its way…
        list.upsert(row("3", "three"), true);
        list.upsert(row("1", "ONE"));
        list.remove(QStringLiteral("2"));
        // …and the listing, read before them.
        QVERIFY(list.finishReload(ticket, { row("1", "one"), row("2", "two") }));
        QCOMPARE(list.count(), 2);
        QCOMPARE(list.keyAt(0), QStringLiteral("3"));
        QCOMPARE(list.find(QStringLiteral("1"))->name, QStringLiteral("ONE"));
        QCOMPARE(list.indexOf(QStringLiteral("2")), -1);
        // Once the listing is in, changes are not remembered any more.
        list.upsert(row("4", "four"));
        list.setRecords({});
        QCOMPARE(list.count(), 0);
        // An abandoned reload forgets what it remembered.
        ticket = list.beginReload();
        list.upsert(row("5", "five"));
        list.abandonReload(ticket);
        QVERIFY(!list.finishReload(ticket, {}));
        QCOMPARE(list.count(), 1);
        list.setRecords({});
        QCOMPARE(list.count(), 0);
    }

    void anOlderListingAnsweredLastIsIgnored()
    {
        RecordList<Item> list(&Item::keyOf);
        const auto row = [](const char *id) {
            return Item { QString::fromLatin1(id), {} };
        };
        // Two filter changes: the first one's answer comes second.
        const RecordList<Item>::ReloadTicket first = list.beginReload();
        const RecordList<Item>::ReloadTicket second = list.beginReload();
        QVERIFY(list.finishReload(second, { row("2") }));
        QVERIFY(!list.finishReload(first, { row("1") }));
        QCOMPARE(list.count(), 1);
        QCOMPARE(list.keyAt(0), QStringLiteral("2"));
        // Its failure does not end the newer reload either.
        const RecordList<Item>::ReloadTicket third = list.beginReload();
        list.abandonReload(second);
        list.upsert(row("3"));
        QVERIFY(list.finishReload(third, {}));
        QCOMPARE(list.keyAt(0), QStringLiteral("3"));
        // Records replaced outright supersede a pending listing.
        const RecordList<Item>::ReloadTicket pending = list.beginReload();
        list.setRecords({});
        QVERIFY(!list.finishReload(pending, { row("9") }));
        QCOMPARE(list.count(), 0);
    }

    void traySettingsAreKeptPerDataDir()
    {
        TraySettings first = TraySettings::load(QStringLiteral("/tmp/profile-a"));
        QVERIFY(first.startRuntimeWithTray);
        QVERIFY(!first.keepRuntimeOnQuit);
        QVERIFY(first.runWorker);
        QVERIFY(!first.muted());
        first.port = 0;
        first.keepRuntimeOnQuit = true;
        first.mutedUntil = QDateTime::currentDateTimeUtc().addSecs(3600);
        first.save(QStringLiteral("/tmp/profile-a"));
        const TraySettings again = TraySettings::load(QStringLiteral("/tmp/profile-a"));
        QCOMPARE(again.port, quint16(0));
        QVERIFY(again.keepRuntimeOnQuit);
        QVERIFY(again.muted());
        QVERIFY(!again.muted(QDateTime::currentDateTimeUtc().addSecs(3601)));
        const TraySettings other = TraySettings::load(QStringLiteral("/tmp/profile-b"));
        QCOMPARE(other.port, quint16(47615));
        QVERIFY(!other.keepRuntimeOnQuit);
    }

    void loginItemIsAnXdgAutostartEntry()
    {
        const QString path = autostart::location();
        QVERIFY2(path.startsWith(m_home.filePath(QStringLiteral("config"))), qPrintable(path));
        QString error;
        QVERIFY(autostart::setEnabled(true, &error));
        QVERIFY(autostart::isEnabled());
        QFile entry(path);
        QVERIFY(entry.open(QIODevice::ReadOnly));
        const QByteArray text = entry.readAll();
        QVERIFY(text.startsWith("[Desktop Entry]\n"));
        QVERIFY(text.contains("Type=Application\n"));
        const QByteArray exec = "Exec=\"" + QCoreApplication::applicationFilePath().toUtf8() + "\"";
        QVERIFY2(text.contains(exec), text.constData());
        // Not started once the program is gone (an uninstalled Hearth).
        const QByteArray tryExec =
            "\nTryExec=" + QCoreApplication::applicationFilePath().toUtf8() + "\n";
        QVERIFY2(text.contains(tryExec), text.constData());
        QVERIFY(QFileInfo(QCoreApplication::applicationFilePath()).isAbsolute());
        // What desktop sessions read: the reference validator accepts it.
        QProcess validator;
        validator.start(QStringLiteral("desktop-file-validate"), { path });
        QVERIFY2(validator.waitForFinished(10000), "desktop-file-validate (desktop-file-utils)");
        QVERIFY2(validator.exitCode() == 0 && validator.readAll().isEmpty(),
                 validator.readAllStandardError().constData());
        QVERIFY(autostart::setEnabled(false, &error));
        QVERIFY(!autostart::isEnabled());
        QVERIFY(!QFile::exists(path));
        QVERIFY(autostart::setEnabled(false, &error)); // already off: fine
    }

    // Each platform's login item, built here for all three (known answers).
    void loginItemQuotesTheCommandForEachPlatform()
    {
        const QStringList tricky { QStringLiteral("/opt/Hearth App/hearth-tray"),
                                   QStringLiteral("--data-dir"),
                                   QStringLiteral("/home/me/50% \"off\" $HOME `x` a\\b") };
        // XDG: quoted per argument, \ " ` $ escaped, % doubled, then every
        // backslash doubled by the key file's own escaping.
        const QByteArray entry = autostart::xdgDesktopEntry(tricky);
        QVERIFY2(entry.contains("\nExec=\"/opt/Hearth App/hearth-tray\" \"--data-dir\" "
                                "\"/home/me/50%% \\\\\"off\\\\\" \\\\$HOME \\\\`x\\\\` "
                                "a\\\\\\\\b\"\n"),
                 entry.constData());
        // TryExec is a plain string: the path as it is, backslashes doubled.
        QVERIFY2(entry.contains("\nTryExec=/opt/Hearth App/hearth-tray\n"), entry.constData());
        QVERIFY2(autostart::xdgDesktopEntry({ QStringLiteral("/opt/a\\b/hearth-tray") })
                     .contains("\nTryExec=/opt/a\\\\b/hearth-tray\n"),
                 entry.constData());

        // Windows: CommandLineToArgvW's rules.
        const QString program = QStringLiteral("C:\\Program Files\\Hearth\\hearth-tray.exe");
        QCOMPARE(autostart::windowsRunCommand({ program }),
                 QStringLiteral("\"C:\\Program Files\\Hearth\\hearth-tray.exe\""));
        // A trailing backslash must not escape the closing quote.
        QCOMPARE(autostart::windowsRunCommand(
                     { program, QStringLiteral("--data-dir"), QStringLiteral("C:\\Hearth\\") }),
                 QStringLiteral("\"C:\\Program Files\\Hearth\\hearth-tray.exe\" "
                                "\"--data-dir\" \"C:\\Hearth\\\\\""));
        QCOMPARE(autostart::windowsRunCommand({ QStringLiteral("say \"hi\"") }),
                 QStringLiteral("\"say \\\"hi\\\"\""));
        QCOMPARE(autostart::windowsRunCommand({ QStringLiteral("a\\\"b") }),
                 QStringLiteral("\"a\\\\\\\"b\""));
        QCOMPARE(autostart::windowsRunCommand({ QString() }), QStringLiteral("\"\""));

        // macOS: a well-formed plist whose ProgramArguments are the command.
        const QStringList marked {
            QStringLiteral("/Applications/Hearth.app/Contents/MacOS/hearth-tray"),
            QStringLiteral("--data-dir"), QStringLiteral("/Users/me/R&D <\"new\"> \u00e9t\u00e9")
        };
        QXmlStreamReader plist(autostart::launchAgentPlist(marked));
        QStringList arguments;
        bool inArguments = false;
        QString lastKey;
        while (!plist.atEnd()) {
            plist.readNext();
            if (plist.isStartElement() && plist.name() == u"key")
                lastKey = plist.readElementText();
            else if (plist.isStartElement() && plist.name() == u"array")
                inArguments = lastKey == u"ProgramArguments";
            else if (plist.isEndElement() && plist.name() == u"array")
                inArguments = false;
            else if (inArguments && plist.isStartElement() && plist.name() == u"string")
                arguments << plist.readElementText();
        }
        QVERIFY2(!plist.hasError(), qPrintable(plist.errorString()));
        QCOMPARE(arguments, marked);
    }

    void stateIconsAreDistinctAtEverySize_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("16") << 16;
        QTest::newRow("22") << 22;
        QTest::newRow("64") << 64;
        QTest::newRow("256") << 256;
    }
    void stateIconsAreDistinctAtEverySize()
    {
        QFETCH(int, size);
        QList<QImage> images;
        for (TrayState state : { TrayState::Stopped, TrayState::Starting, TrayState::Running,
                                 TrayState::Attention, TrayState::Error }) {
            const QPixmap pixmap = stateIcon(state).pixmap(QSize(size, size));
            QCOMPARE(pixmap.size(), QSize(size, size));
            const QImage image = pixmap.toImage();
            QVERIFY2(!images.contains(image), qPrintable(trayStateName(state)));
            images.append(image);
        }
        // Painted, not scaled: the 2x pixmap has twice the pixels.
        const QPixmap hiDpi = stateIcon(TrayState::Running).pixmap(QSize(size, size), 2.0);
        QCOMPARE(hiDpi.size(), QSize(size * 2, size * 2));
    }

    // Known colours at known points of each state's artwork, at 64 px: the
    // icon is its SVG file, drawn.
    void stateIconsAreDrawnFromTheirSvg_data()
    {
        QTest::addColumn<TrayState>("state");
        QTest::addColumn<QColor>("outer");
        QTest::addColumn<QColor>("inner");
        QTest::addColumn<bool>("badge");
        QTest::newRow("stopped") << TrayState::Stopped << QColor(0x9e9e9e) << QColor(0xe0e0e0)
                                 << false;
        QTest::newRow("starting") << TrayState::Starting << QColor(0xffb300) << QColor(0xfff176)
                                  << false;
        QTest::newRow("running") << TrayState::Running << QColor(0xf57c00) << QColor(0xffd54f)
                                 << false;
        QTest::newRow("attention")
            << TrayState::Attention << QColor(0xf57c00) << QColor(0xffd54f) << true;
        QTest::newRow("error") << TrayState::Error << QColor(0xc62828) << QColor(0xff8a80) << true;
    }
    void stateIconsAreDrawnFromTheirSvg()
    {
        QFETCH(TrayState, state);
        QFETCH(QColor, outer);
        QFETCH(QColor, inner);
        QFETCH(bool, badge);
        const QSvgRenderer svg(stateIconPath(state));
        QVERIFY(svg.isValid());
        QCOMPARE(svg.viewBoxF(), QRectF(0, 0, 64, 64));
        const QImage image = stateIcon(state).pixmap(QSize(64, 64)).toImage();
        QCOMPARE(image.pixelColor(18, 42), outer);
        QCOMPARE(image.pixelColor(32, 52), inner);
        QCOMPARE(image.pixelColor(4, 60).alpha(), 0); // outside: transparent
        if (badge)
            QCOMPARE(image.pixelColor(42, 49), QColor(0xd32f2f));
        // Disabled: the same drawing, paler.
        const QImage disabled = stateIcon(state).pixmap(QSize(64, 64), QIcon::Disabled).toImage();
        QCOMPARE(disabled.pixelColor(18, 42).rgba(), outer.lighter(140).rgba());
    }

    // German comes compiled in (translations/hearth_de.ts) and reaches the
    // window, the tray's words and the schedule text; English stays the
    // fallback for what is not translated.
    // Every shipped language is complete: no unfinished, obsolete or
    // vanished entry in its .ts file (a new tray string without its
    // translations fails here), every plural has its forms, and every
    // translation keeps its source's placeholders.
    void everyShippedLanguageIsComplete()
    {
        const QDir translations(QStringLiteral(HEARTH_SOURCE_DIR "/translations"));
        const QStringList files = translations.entryList({ QStringLiteral("hearth_*.ts") });
        QVERIFY(!files.isEmpty());
        static const QRegularExpression placeholder(QStringLiteral("%(\\d|n)"));
        const auto placeholders = [](const QString &text) {
            QStringList found;
            for (const auto &match : placeholder.globalMatch(text))
                found.append(match.captured(0));
            found.sort();
            found.removeDuplicates();
            return found;
        };
        for (const QString &name : files) {
            QFile file(translations.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QXmlStreamReader xml(&file);
            int messages = 0;
            QString source;
            bool numerus = false;
            while (!xml.atEnd()) {
                xml.readNext();
                if (!xml.isStartElement())
                    continue;
                if (xml.name() == u"message") {
                    ++messages;
                    numerus = xml.attributes().value(QStringLiteral("numerus")) == u"yes";
                } else if (xml.name() == u"source") {
                    source = xml.readElementText();
                } else if (xml.name() == u"translation") {
                    const QString type = xml.attributes().value(QStringLiteral("type")).toString();
                    QVERIFY2(type.isEmpty(),
                             qPrintable(name + u": " + type + u" \"" + source + u'"'));
                    QStringList forms;
                    if (numerus) {
                        while (xml.readNextStartElement())
                            forms.append(xml.readElementText());
                    } else {
                        forms.append(xml.readElementText());
                    }
                    QVERIFY2(!forms.isEmpty(), qPrintable(name + u": no forms for " + source));
                    for (const QString &form : std::as_const(forms)) {
                        QVERIFY2(!form.trimmed().isEmpty(),
                                 qPrintable(name + u": empty translation of \"" + source + u'"'));
                        // A plural's singular may say "one" instead of %n.
                        QStringList expected = placeholders(source);
                        QStringList got = placeholders(form);
                        if (numerus && forms.indexOf(form) == 0) {
                            expected.removeAll(QStringLiteral("%n"));
                            got.removeAll(QStringLiteral("%n"));
                        }
                        QVERIFY2(got == expected,
                                 qPrintable(name + u": \"" + form + u"\" does not keep the " +
                                            expected.join(u' ') + u" of \"" + source + u'"'));
                    }
                }
            }
            QVERIFY2(!xml.hasError(), qPrintable(name + u": " + xml.errorString()));
            QVERIFY2(messages > 300, qPrintable(name)); // the tray's strings are in it
        }
    }

    void germanIsCompiledInAndUsed()
    {
        QTemporaryDir dataDir;
        const auto installed =
            installTranslations(qApp, QLocale(QLocale::German, QLocale::Germany));
        const auto uninstall = qScopeGuard([&installed]() {
            for (QTranslator *translator : installed)
                QCoreApplication::removeTranslator(translator);
            qDeleteAll(installed);
        });
        QVERIFY(!installed.isEmpty());
        MainWindow window(dataDir.path(), dataDir.filePath(QStringLiteral("worker.json")));
        auto *pages = window.findChild<QListWidget *>();
        QVERIFY(pages);
        QCOMPARE(pages->item(0)->text(), QStringLiteral("Wächter"));
        QCOMPARE(window.windowTitle(), QStringLiteral("Wächter — Hearth"));
        QCOMPARE(window.connectionText(), QStringLiteral("Nicht verbunden"));
        QCOMPARE(trayStateName(TrayState::Running), QStringLiteral("aktiv"));
        const auto everySeconds = [](qint64 seconds) {
            return hearth::scheduler::Schedule::fromJson(
                       QJsonObject { { QStringLiteral("every_s"), seconds } })
                .value();
        };
        QCOMPARE(hearth::client::format::schedule(everySeconds(7200)),
                 QStringLiteral("alle 2 Stunden"));
        QCOMPARE(hearth::client::format::schedule(everySeconds(60)), QStringLiteral("jede Minute"));
    }

    void englishNeedsNoTranslation()
    {
        // No translation for English: nothing is installed for Hearth, and
        // the source strings are what the user sees.
        const auto installed = installTranslations(qApp, QLocale(QLocale::English));
        for (QTranslator *translator : installed)
            QVERIFY(!translator->filePath().startsWith(QStringLiteral(":/i18n")));
        for (QTranslator *translator : installed)
            QCoreApplication::removeTranslator(translator);
        qDeleteAll(installed);
        QCOMPARE(trayStateName(TrayState::Running), QStringLiteral("running"));
    }

    void aSecondInstanceAsksTheFirstToShowItself()
    {
        QTemporaryDir dataDir;
        SingleInstance first(dataDir.path());
        QString error;
        QVERIFY2(first.claim(&error), qPrintable(error));
        QSignalSpy shown(&first, &SingleInstance::activationRequested);
        SingleInstance second(dataDir.path());
        QVERIFY(!second.claim(&error));
        QCOMPARE(error, QString()); // not an error: the first one was told
        QTRY_COMPARE(shown.size(), 1);
        // Another data dir is another profile.
        QTemporaryDir otherDir;
        SingleInstance other(otherDir.path());
        QVERIFY2(other.claim(&error), qPrintable(error));
    }

private:
    QTemporaryDir m_home;
};

QTEST_MAIN(TestUiParts)
#include "tst_uiparts.moc"
