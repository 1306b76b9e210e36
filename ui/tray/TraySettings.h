#pragma once

#include <QDateTime>
#include <QString>

namespace hearth::ui {

// The tray's own options (not the runtime's): kept with QSettings in the
// user's config dir, one group per data dir so that profiles side by side
// keep their own.
struct TraySettings
{
    quint16 port = 47615;
    bool startRuntimeWithTray = true;
    bool keepRuntimeOnQuit = false;
    bool notificationsEnabled = true;
    QDateTime mutedUntil; // invalid: not muted
    bool insecureKeyFile = false;
    bool runWorker = true;
    // The history the runtime this tray starts keeps (finished runs; dead
    // ones are always kept).
    int runRetentionDays = 30;
    int keepRunsPerWatcher = 1000;
    // Where the runtime this tray starts receives webhooks
    // (--webhooks-listen ADDR:PORT); empty: it does not.
    QString webhooksListen;

    bool muted(const QDateTime &now = QDateTime::currentDateTimeUtc()) const
    {
        return mutedUntil.isValid() && now < mutedUntil;
    }

    static TraySettings load(const QString &dataDir);
    void save(const QString &dataDir) const;
};

// Where the data dir and port come from, most specific first: the command
// line, the environment (HEARTH_DATA_DIR, HEARTH_PORT), the saved settings.
struct TrayLaunchOptions
{
    QString dataDir;
    quint16 port = 0; // 0: from the settings
    bool portGiven = false;
};

} // namespace hearth::ui
