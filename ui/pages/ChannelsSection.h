#pragma once

#include "client/ApiTypes.h"

#include <QDialog>
#include <QGroupBox>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableWidget;

namespace hearth::ui {

class Session;

// A channel's fields in a form: its name and kind, the kind's settings,
// and whether it is a default, muted, cooling down or on a budget. What it
// makes is what POST/PATCH /api/v1/channels take; hearthd checks it.
class ChannelDialog : public QDialog
{
    Q_OBJECT
public:
    // `channel` null: a new one.
    explicit ChannelDialog(const client::Channel *channel, QWidget *parent = nullptr);

    QJsonObject fields() const;

private:
    QLineEdit *m_name;
    QComboBox *m_kind;
    QStackedWidget *m_settings;
    QLineEdit *m_smtpServer;
    QSpinBox *m_smtpPort;
    QComboBox *m_smtpSecurity;
    QLineEdit *m_smtpUser;
    QLineEdit *m_smtpPasswordSecret;
    QLineEdit *m_mailFrom;
    QLineEdit *m_mailTo;
    QLineEdit *m_ntfyServer;
    QLineEdit *m_ntfyTopic;
    QSpinBox *m_ntfyPriority;
    QLineEdit *m_ntfyTokenSecret;
    QLineEdit *m_webhookUrl;
    QCheckBox *m_default;
    QCheckBox *m_muted;
    QSpinBox *m_cooldown;
    QSpinBox *m_dailyBudget;
};

// Settings' section for the channels notifications also go to (email,
// ntfy, webhook): listed, added, edited, removed, and tried with Send test,
// which says how the test message's first attempt went; and the deliveries
// that failed or died, sent again one by one or all at once.
class ChannelsSection : public QGroupBox
{
    Q_OBJECT
public:
    explicit ChannelsSection(QWidget *parent = nullptr);

    // Clears the list; reload() fills it from the session's runtime.
    void setSession(Session *session);
    void reload();
    // The line that says how the last action or test went.
    QString statusText() const;

private:
    void showChannels(const QList<client::Channel> &channels);
    const client::Channel *selected() const;
    void updateActions();
    void edit(const client::Channel *channel);
    void save(const QString &id, const QJsonObject &fields);
    void removeSelected();
    void sendTest();
    void followTest(const QString &deliveryId, const QString &channel, int tries);
    void setStatus(const QString &text, bool problem);
    void reloadUndelivered();
    void showUndelivered(const QList<client::Delivery> &deliveries);
    void redriveSelected();
    void redriveAll();

    QPointer<Session> m_session;
    // Gathers the runtime's channel and delivery events (a burst of
    // deliveries is one reload).
    QTimer m_reloadSoon;
    QList<client::Channel> m_channels;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QPushButton *m_test;
    QLabel *m_status;
    QList<client::Delivery> m_undelivered;
    QTableWidget *m_undeliveredTable;
    QPushButton *m_redrive;
    QPushButton *m_redriveAll;
};

} // namespace hearth::ui
