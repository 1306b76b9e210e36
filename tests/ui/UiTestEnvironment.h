#pragma once

#include <QByteArray>
#include <QStandardPaths>
#include <QTemporaryDir>

// What every tray and page test process sets before it starts anything: its
// own config dir (the tray's QSettings), no reachable keychain (hearthd
// processes the tray spawns inherit this environment) and a fixed master key
// in the environment instead, so that secrets work without a keyring.
namespace hearth::test {

inline void isolateUiTest(QTemporaryDir &home)
{
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/hearth-tests-no-bus");
    qputenv("HEARTH_SECRET_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    for (const char *name : { "HEARTH_DATA_DIR", "HEARTH_PORT", "HEARTH_HOST", "HEARTH_PROOF_KEY" })
        qunsetenv(name);
}

} // namespace hearth::test
