#pragma once

#include "Page.h"
#include "client/worker/AgentProfile.h"
#include "tray/TraySettings.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace hearth::ui {

class ChannelsSection;

// The tray's options (port, data dir, start options, notifications and mute,
// the insecure key-file opt-in), the runtime's notification channels, and
// this device's agent profiles (the worker's settings, shared with
// `hearth worker`).
class SettingsPage : public Page
{
    Q_OBJECT
public:
    SettingsPage(QString dataDir, QString workerSettingsPath, QWidget *parent = nullptr);

    void setSession(Session *session) override;
    void reload() override;

    // Shows these settings (what is saved, or what the tray runs with).
    void showSettings(const TraySettings &settings);
    TraySettings settings() const;
    QList<client::AgentProfile> profiles() const { return m_profiles; }
    // Adds or replaces a profile (by name) in the list; saved with save().
    void setProfile(const client::AgentProfile &profile);
    void removeProfile(const QString &name);
    // Writes the tray settings, the profiles and the login item; says what
    // failed in `message`.
    bool save();
    ChannelsSection *channelsSection() const { return m_channels; }

signals:
    void saved(const TraySettings &settings);

private:
    void refreshProfiles();
    void editProfile(const QString &name);
    void updateMuteLabel();

    QString m_dataDir;
    QString m_workerSettingsPath;
    TraySettings m_loaded;
    QList<client::AgentProfile> m_profiles;
    QSpinBox *m_port;
    QSpinBox *m_retentionDays;
    QSpinBox *m_keepRuns;
    QLineEdit *m_webhooksListen;
    QLineEdit *m_defaultDataDir;
    QCheckBox *m_startWithTray;
    QCheckBox *m_startAtLogin;
    QCheckBox *m_keepRunning;
    QCheckBox *m_notifications;
    QComboBox *m_mute;
    QComboBox *m_language;
    QLabel *m_muteState;
    QCheckBox *m_insecureKeyFile;
    QLabel *m_keyFileWarning;
    QCheckBox *m_runWorker;
    QListWidget *m_profileList;
    QLabel *m_workerState;
    ChannelsSection *m_channels;
};

} // namespace hearth::ui
