#include "Autostart.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>

namespace hearth::ui::autostart {

namespace {
QStringList launchArguments()
{
    // Keep the profile: a tray started with --data-dir logs in with it too.
    QStringList arguments { QCoreApplication::applicationFilePath() };
    const QStringList own = QCoreApplication::arguments();
    const qsizetype dataDir = own.indexOf(QStringLiteral("--data-dir"));
    if (dataDir >= 0 && dataDir + 1 < own.size())
        arguments << QStringLiteral("--data-dir") << own.at(dataDir + 1);
    return arguments;
}

#if !defined(Q_OS_WIN)
bool writeFile(const QString &path, const QByteArray &content, QString *error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() ||
        !file.commit()) {
        *error = QCoreApplication::translate("hearth::ui::autostart", "cannot write %1: %2")
                     .arg(path, file.errorString());
        return false;
    }
    return true;
}

bool removeFile(const QString &path, QString *error)
{
    if (!QFile::exists(path) || QFile::remove(path))
        return true;
    *error = QCoreApplication::translate("hearth::ui::autostart", "cannot remove %1").arg(path);
    return false;
}
#endif
} // namespace

#if defined(Q_OS_WIN)

static const QString RunKey =
    QStringLiteral(R"(HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run)");

QString location()
{
    return RunKey + QStringLiteral("\\Hearth");
}

bool isEnabled()
{
    return QSettings(RunKey, QSettings::NativeFormat).contains(QStringLiteral("Hearth"));
}

bool setEnabled(bool enabled, QString *error)
{
    QSettings run(RunKey, QSettings::NativeFormat);
    if (enabled) {
        QStringList command;
        for (const QString &argument : launchArguments())
            command << QDir::toNativeSeparators(argument);
        run.setValue(QStringLiteral("Hearth"), windowsRunCommand(command));
    } else {
        run.remove(QStringLiteral("Hearth"));
    }
    run.sync();
    if (run.status() != QSettings::NoError) {
        *error =
            QCoreApplication::translate("hearth::ui::autostart", "cannot write %1").arg(location());
        return false;
    }
    return true;
}

#elif defined(Q_OS_MACOS)

QString location()
{
    return QDir::homePath() + QStringLiteral("/Library/LaunchAgents/org.hearth.tray.plist");
}

bool isEnabled()
{
    return QFile::exists(location());
}

bool setEnabled(bool enabled, QString *error)
{
    if (!enabled)
        return removeFile(location(), error);
    return writeFile(location(), launchAgentPlist(launchArguments()), error);
}

#else

QString location()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
        QStringLiteral("/autostart/hearth-tray.desktop");
}

bool isEnabled()
{
    return QFile::exists(location());
}

bool setEnabled(bool enabled, QString *error)
{
    if (!enabled)
        return removeFile(location(), error);
    return writeFile(location(), xdgDesktopEntry(launchArguments()), error);
}

#endif

QByteArray xdgDesktopEntry(const QStringList &command)
{
    // Desktop Entry Exec quoting: each argument in double quotes with \ " ` $
    // backslash-escaped and % doubled; then the value's own string escaping
    // doubles every backslash again.
    QStringList quoted;
    for (QString argument : command) {
        for (const char *special : { "\\", "\"", "`", "$" })
            argument.replace(QLatin1String(special), u'\\' + QLatin1String(special));
        argument.replace(QStringLiteral("%"), QStringLiteral("%%"));
        quoted << u'"' + argument + u'"';
    }
    const QString exec = quoted.join(u' ').replace(QStringLiteral("\\"), QStringLiteral("\\\\"));
    // TryExec: a removed Hearth is not started (and the session does not
    // report a failed login item). A plain string value: only its own escapes.
    QString program = command.value(0);
    program.replace(QStringLiteral("\\"), QStringLiteral("\\\\"))
        .replace(QStringLiteral("\n"), QStringLiteral("\\n"));
    return "[Desktop Entry]\n"
           "Type=Application\n"
           "Name=Hearth\n"
           "Comment=Local automation companion\n"
           "Icon=org.hearth.Hearth\n"
           "TryExec=" +
        program.toUtf8() +
        "\n"
        "Exec=" +
        exec.toUtf8() +
        "\n"
        "X-GNOME-Autostart-enabled=true\n";
}

QString windowsRunCommand(const QStringList &command)
{
    // Quoted for CommandLineToArgvW (what the C runtime of the started
    // program parses with): backslashes are literal except before a quote,
    // where they must be doubled, and a quote inside is escaped — so a data
    // dir ending in a backslash does not swallow the closing quote.
    QStringList quoted;
    for (const QString &argument : command) {
        QString out = QStringLiteral("\"");
        qsizetype backslashes = 0;
        for (const QChar c : argument) {
            if (c == u'\\') {
                ++backslashes;
                continue;
            }
            if (c == u'"')
                out += QString(backslashes * 2 + 1, u'\\') + c;
            else
                out += QString(backslashes, u'\\') + c;
            backslashes = 0;
        }
        out += QString(backslashes * 2, u'\\') + u'"';
        quoted << out;
    }
    return quoted.join(u' ');
}

QByteArray launchAgentPlist(const QStringList &command)
{
    QByteArray arguments;
    for (const QString &argument : command)
        arguments += "    <string>" + argument.toHtmlEscaped().toUtf8() + "</string>\n";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
           "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
           "<plist version=\"1.0\"><dict>\n"
           "  <key>Label</key><string>org.hearth.tray</string>\n"
           "  <key>ProgramArguments</key><array>\n" +
        arguments +
        "  </array>\n"
        "  <key>RunAtLoad</key><true/>\n"
        "</dict></plist>\n";
}

} // namespace hearth::ui::autostart
