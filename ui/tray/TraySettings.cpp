#include "TraySettings.h"

#include <QCryptographicHash>
#include <QSettings>

namespace hearth::ui {

static QString groupFor(const QString &dataDir)
{
    // A data dir path is not a valid settings key on every platform.
    return QStringLiteral("profile-") +
        QString::fromLatin1(QCryptographicHash::hash(dataDir.toUtf8(), QCryptographicHash::Sha256)
                                .toHex()
                                .left(16));
}

TraySettings TraySettings::load(const QString &dataDir)
{
    QSettings store;
    store.beginGroup(groupFor(dataDir));
    TraySettings settings;
    settings.port = quint16(store.value(QStringLiteral("port"), settings.port).toUInt());
    settings.startRuntimeWithTray =
        store.value(QStringLiteral("start_runtime_with_tray"), true).toBool();
    settings.keepRuntimeOnQuit = store.value(QStringLiteral("keep_runtime_on_quit")).toBool();
    settings.notificationsEnabled =
        store.value(QStringLiteral("notifications_enabled"), true).toBool();
    settings.mutedUntil = store.value(QStringLiteral("muted_until")).toDateTime();
    settings.insecureKeyFile = store.value(QStringLiteral("insecure_key_file")).toBool();
    settings.runWorker = store.value(QStringLiteral("run_worker"), true).toBool();
    settings.runRetentionDays =
        store.value(QStringLiteral("run_retention_days"), settings.runRetentionDays).toInt();
    settings.keepRunsPerWatcher =
        store.value(QStringLiteral("keep_runs_per_watcher"), settings.keepRunsPerWatcher).toInt();
    settings.webhooksListen = store.value(QStringLiteral("webhooks_listen")).toString();
    return settings;
}

void TraySettings::save(const QString &dataDir) const
{
    QSettings store;
    store.beginGroup(groupFor(dataDir));
    store.setValue(QStringLiteral("data_dir"), dataDir);
    store.setValue(QStringLiteral("port"), port);
    store.setValue(QStringLiteral("start_runtime_with_tray"), startRuntimeWithTray);
    store.setValue(QStringLiteral("keep_runtime_on_quit"), keepRuntimeOnQuit);
    store.setValue(QStringLiteral("notifications_enabled"), notificationsEnabled);
    store.setValue(QStringLiteral("muted_until"), mutedUntil);
    store.setValue(QStringLiteral("insecure_key_file"), insecureKeyFile);
    store.setValue(QStringLiteral("run_worker"), runWorker);
    store.setValue(QStringLiteral("run_retention_days"), runRetentionDays);
    store.setValue(QStringLiteral("keep_runs_per_watcher"), keepRunsPerWatcher);
    store.setValue(QStringLiteral("webhooks_listen"), webhooksListen);
    // Trays before 0.1.0 kept what Pause all disabled here; the runtime
    // keeps it now.
    store.remove(QStringLiteral("paused_watchers"));
    store.sync();
}

} // namespace hearth::ui
