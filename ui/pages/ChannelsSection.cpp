#include "ChannelsSection.h"

#include "Session.h"
#include "client/Format.h"
#include "model/Delivery.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <array>
#include <memory>

namespace hearth::ui {

namespace {

// The kinds in the order of the dialog's choice and its pages.
const QStringList Kinds { QStringLiteral("email"), QStringLiteral("ntfy"),
                          QStringLiteral("webhook") };
const QStringList Securities { QStringLiteral("starttls"), QStringLiteral("tls"),
                               QStringLiteral("none") };

// Polls for a test's first attempt this often, this many times (a minute).
constexpr int TestPollMs = 500;
constexpr int TestPollTries = 120;
// How long channel and delivery events are gathered before one reload.
constexpr int ReloadDelayMs = 300;

QLineEdit *lineEdit(const QString &text, const QString &accessibleName, QWidget *parent)
{
    auto *edit = new QLineEdit(text, parent);
    edit->setAccessibleName(accessibleName);
    return edit;
}

QSpinBox *spinBox(int minimum, int maximum, int value, const QString &accessibleName,
                  QWidget *parent)
{
    auto *spin = new QSpinBox(parent);
    spin->setRange(minimum, maximum);
    spin->setValue(value);
    spin->setAccessibleName(accessibleName);
    return spin;
}

} // namespace

ChannelDialog::ChannelDialog(const client::Channel *channel, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(channel ? tr("Edit channel") : tr("Add channel"));
    const QJsonObject settings = channel ? channel->settings : QJsonObject();
    const auto setting = [&settings](const char *key) {
        return settings.value(QLatin1StringView(key)).toString();
    };
    m_name = lineEdit(channel ? channel->name : QString(), tr("Channel name"), this);
    m_kind = new QComboBox(this);
    m_kind->addItems({ tr("Email"), tr("ntfy (phone)"), tr("Webhook") });
    m_kind->setAccessibleName(tr("Kind"));

    auto *email = new QWidget(this);
    auto *emailForm = new QFormLayout(email);
    m_smtpServer = lineEdit(setting("server"), tr("SMTP server"), email);
    m_smtpServer->setPlaceholderText(QStringLiteral("smtp.example.org"));
    m_smtpPort = spinBox(1, 65535, settings.value(QStringLiteral("port")).toInt(587),
                         tr("SMTP port"), email);
    m_smtpSecurity = new QComboBox(email);
    m_smtpSecurity->addItems(
        { QStringLiteral("STARTTLS"), QStringLiteral("TLS"), tr("None (this computer only)") });
    m_smtpSecurity->setAccessibleName(tr("Security"));
    m_smtpSecurity->setCurrentIndex(qMax(0, Securities.indexOf(setting("security"))));
    m_smtpUser = lineEdit(setting("username"), tr("User name"), email);
    m_smtpPasswordSecret = lineEdit(setting("password_secret"), tr("Password secret"), email);
    m_smtpPasswordSecret->setToolTip(
        tr("The name of the secret (Secrets page) that holds the password."));
    m_mailFrom = lineEdit(setting("from"), tr("From"), email);
    m_mailTo = lineEdit(
        settings.value(QStringLiteral("to")).toVariant().toStringList().join(QStringLiteral(", ")),
        tr("To"), email);
    m_mailTo->setPlaceholderText(QStringLiteral("me@example.org, you@example.org"));
    emailForm->addRow(tr("&Server:"), m_smtpServer);
    emailForm->addRow(tr("P&ort:"), m_smtpPort);
    emailForm->addRow(tr("S&ecurity:"), m_smtpSecurity);
    emailForm->addRow(tr("&User name:"), m_smtpUser);
    emailForm->addRow(tr("&Password secret:"), m_smtpPasswordSecret);
    emailForm->addRow(tr("&From:"), m_mailFrom);
    emailForm->addRow(tr("&To:"), m_mailTo);

    auto *ntfy = new QWidget(this);
    auto *ntfyForm = new QFormLayout(ntfy);
    m_ntfyServer = lineEdit(settings.value(QStringLiteral("server"))
                                .toString(channel ? QString() : QStringLiteral("https://ntfy.sh")),
                            tr("ntfy server"), ntfy);
    m_ntfyTopic = lineEdit(setting("topic"), tr("Topic"), ntfy);
    m_ntfyPriority =
        spinBox(1, 5, settings.value(QStringLiteral("priority")).toInt(3), tr("Priority"), ntfy);
    m_ntfyTokenSecret = lineEdit(setting("token_secret"), tr("Token secret"), ntfy);
    ntfyForm->addRow(tr("&Server:"), m_ntfyServer);
    ntfyForm->addRow(tr("&Topic:"), m_ntfyTopic);
    ntfyForm->addRow(tr("&Priority:"), m_ntfyPriority);
    ntfyForm->addRow(tr("Token s&ecret:"), m_ntfyTokenSecret);

    auto *webhook = new QWidget(this);
    auto *webhookForm = new QFormLayout(webhook);
    m_webhookUrl = lineEdit(setting("url"), tr("Webhook URL"), webhook);
    m_webhookUrl->setPlaceholderText(QStringLiteral("https://example.org/hooks/hearth"));
    webhookForm->addRow(tr("&URL:"), m_webhookUrl);
    webhookForm->addRow(new QLabel(
        tr("Messages are signed with the secret channel.ID, which Hearth makes."), webhook));

    m_settings = new QStackedWidget(this);
    for (QWidget *page : { email, ntfy, webhook })
        m_settings->addWidget(page);
    connect(m_kind, &QComboBox::currentIndexChanged, m_settings, &QStackedWidget::setCurrentIndex);
    m_kind->setCurrentIndex(channel ? qMax(0, Kinds.indexOf(channel->kind)) : 0);
    m_kind->setEnabled(channel == nullptr);

    const QJsonObject whole = channel ? channel->json : QJsonObject();
    m_default = new QCheckBox(tr("Send every watcher's notifications here unless it names its "
                                 "channels"),
                              this);
    m_default->setChecked(channel && channel->isDefault);
    m_muted = new QCheckBox(tr("&Muted"), this);
    m_muted->setChecked(channel && channel->muted);
    m_cooldown = spinBox(0, 7 * 86400, whole.value(QStringLiteral("cooldown_s")).toInt(),
                         tr("Cooldown"), this);
    m_cooldown->setSuffix(tr(" s"));
    m_dailyBudget = spinBox(0, 100000, whole.value(QStringLiteral("daily_budget")).toInt(),
                            tr("Daily budget"), this);
    m_dailyBudget->setSpecialValueText(tr("no limit"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(m_settings);
    form->addRow(m_default);
    form->addRow(m_muted);
    form->addRow(tr("&Cooldown:"), m_cooldown);
    form->addRow(tr("&Daily budget:"), m_dailyBudget);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

QJsonObject ChannelDialog::fields() const
{
    const QString kind = Kinds.at(m_kind->currentIndex());
    QJsonObject settings;
    const auto put = [&settings](const char *key, const QLineEdit *edit) {
        if (!edit->text().trimmed().isEmpty())
            settings.insert(QLatin1StringView(key), edit->text().trimmed());
    };
    if (kind == u"email") {
        put("server", m_smtpServer);
        settings.insert(QStringLiteral("port"), m_smtpPort->value());
        settings.insert(QStringLiteral("security"), Securities.at(m_smtpSecurity->currentIndex()));
        put("username", m_smtpUser);
        put("password_secret", m_smtpPasswordSecret);
        put("from", m_mailFrom);
        QJsonArray to;
        for (const QString &address : m_mailTo->text().split(u',', Qt::SkipEmptyParts))
            to.append(address.trimmed());
        settings.insert(QStringLiteral("to"), to);
    } else if (kind == u"ntfy") {
        put("server", m_ntfyServer);
        put("topic", m_ntfyTopic);
        settings.insert(QStringLiteral("priority"), m_ntfyPriority->value());
        put("token_secret", m_ntfyTokenSecret);
    } else {
        put("url", m_webhookUrl);
    }
    return { { QStringLiteral("name"), m_name->text().trimmed() },
             { kind, settings },
             { QStringLiteral("default"), m_default->isChecked() },
             { QStringLiteral("muted"), m_muted->isChecked() },
             { QStringLiteral("cooldown_s"), m_cooldown->value() },
             { QStringLiteral("daily_budget"),
               m_dailyBudget->value() > 0 ? QJsonValue(m_dailyBudget->value())
                                          : QJsonValue(QJsonValue::Null) } };
}

namespace {

// The section's tables: read-only, whole rows one at a time, no row
// numbers, the last column stretched, a name for screen readers.
QTableWidget *readOnlyTable(const QStringList &headers, const QString &accessibleName,
                            int minimumHeight, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setAccessibleName(accessibleName);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setMinimumHeight(minimumHeight);
    return table;
}

// What "Not delivered" lists and "Send all again" sends again; the runtime
// takes one status a call.
const std::array UndeliveredStatuses { DeliveryStatus::Dead, DeliveryStatus::Failed };

} // namespace

ChannelsSection::ChannelsSection(QWidget *parent)
    : QGroupBox(tr("Notification channels"), parent)
    , m_table(readOnlyTable({ tr("Name"), tr("Kind"), tr("Sends to"), tr("State") },
                            tr("Notification channels"), 120, this))
{
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ChannelsSection::updateActions);
    m_add = new QPushButton(tr("&Add channel…"), this);
    m_edit = new QPushButton(tr("Ed&it channel…"), this);
    m_remove = new QPushButton(tr("Remo&ve channel"), this);
    m_test = new QPushButton(tr("Send &test"), this);
    connect(m_add, &QPushButton::clicked, this, [this]() { edit(nullptr); });
    connect(m_edit, &QPushButton::clicked, this, [this]() { edit(selected()); });
    connect(m_remove, &QPushButton::clicked, this, &ChannelsSection::removeSelected);
    connect(m_test, &QPushButton::clicked, this, &ChannelsSection::sendTest);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("channelStatus"));
    auto *note = new QLabel(tr("Notifications always show on this desktop; channels also send "
                               "them by email, to your phone (ntfy) or to a webhook."),
                            this);
    note->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : { m_add, m_edit, m_remove, m_test })
        buttons->addWidget(button);
    buttons->addStretch();

    m_undeliveredTable = readOnlyTable({ tr("Created"), tr("Channel"), tr("Message"), tr("Why") },
                                       tr("Notifications not delivered"), 100, this);
    connect(m_undeliveredTable, &QTableWidget::itemSelectionChanged, this,
            &ChannelsSection::updateActions);
    m_redrive = new QPushButton(tr("Send a&gain"), this);
    m_redriveAll = new QPushButton(tr("Send a&ll again"), this);
    connect(m_redrive, &QPushButton::clicked, this, &ChannelsSection::redriveSelected);
    connect(m_redriveAll, &QPushButton::clicked, this, &ChannelsSection::redriveAll);
    auto *redriveButtons = new QHBoxLayout;
    redriveButtons->addWidget(m_redrive);
    redriveButtons->addWidget(m_redriveAll);
    redriveButtons->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addWidget(m_table);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(new QLabel(tr("Not delivered (failed, or out of retries):"), this));
    layout->addWidget(m_undeliveredTable);
    layout->addLayout(redriveButtons);
    m_reloadSoon.setSingleShot(true);
    m_reloadSoon.setInterval(ReloadDelayMs);
    connect(&m_reloadSoon, &QTimer::timeout, this, &ChannelsSection::reload);
    updateActions();
}

void ChannelsSection::setSession(Session *session)
{
    if (m_session)
        m_session->disconnect(&m_reloadSoon);
    m_reloadSoon.stop();
    m_session = session;
    // Channels changed elsewhere (the CLI, another window) and deliveries
    // that fail or die while this is shown appear without a reload by hand.
    if (m_session)
        connect(m_session, &Session::channelsChanged, &m_reloadSoon, qOverload<>(&QTimer::start));
    m_channels.clear();
    showChannels({});
    showUndelivered({});
    setStatus({}, false);
}

void ChannelsSection::reload()
{
    if (!m_session)
        return;
    m_session->send(
        client::api::channels(), this,
        [this](const client::Answer<client::Page<client::Channel>> &answer) {
            if (!answer.ok()) {
                setStatus(tr("Could not load channels: %1").arg(answer.reply.errorMessage()), true);
                return;
            }
            showChannels(answer.value->items);
        });
    reloadUndelivered();
}

void ChannelsSection::reloadUndelivered()
{
    if (!m_session)
        return;
    // Newest first, whatever their status.
    auto gathered = std::make_shared<QList<client::Delivery>>();
    auto waiting = std::make_shared<int>(int(UndeliveredStatuses.size()));
    for (const DeliveryStatus status : UndeliveredStatuses) {
        m_session->send(
            client::api::deliveries(deliveryStatusName(status), {}, QStringLiteral("200")), this,
            [this, gathered,
             waiting](const client::Answer<client::Page<client::Delivery>> &answer) {
                if (answer.ok())
                    gathered->append(answer.value->items);
                if (--*waiting > 0)
                    return;
                std::sort(gathered->begin(), gathered->end(),
                          [](const client::Delivery &a, const client::Delivery &b) {
                              return a.id.toLongLong() > b.id.toLongLong();
                          });
                showUndelivered(*gathered);
            });
    }
}

void ChannelsSection::showUndelivered(const QList<client::Delivery> &deliveries)
{
    m_undelivered = deliveries;
    m_undeliveredTable->setRowCount(int(deliveries.size()));
    for (int row = 0; row < deliveries.size(); ++row) {
        const client::Delivery &delivery = deliveries.at(row);
        const QStringList cells { client::format::localTime(delivery.createdAt), delivery.channel,
                                  delivery.title, delivery.lastError };
        for (int column = 0; column < cells.size(); ++column)
            m_undeliveredTable->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    updateActions();
}

void ChannelsSection::redriveSelected()
{
    const int row = m_undeliveredTable->currentRow();
    if (!m_session || row < 0 || row >= m_undelivered.size() ||
        m_undeliveredTable->selectedItems().isEmpty())
        return;
    m_session->send(
        client::api::redriveDelivery(m_undelivered.at(row).id), this,
        [this](const client::Answer<client::Delivery> &answer) {
            if (!answer.ok())
                setStatus(tr("Could not send it again: %1").arg(answer.reply.errorMessage()), true);
            else
                setStatus(tr("It will be sent again."), false);
            reloadUndelivered();
        });
}

void ChannelsSection::redriveAll()
{
    if (!m_session)
        return;
    for (const DeliveryStatus status : UndeliveredStatuses) {
        m_session->send(
            client::api::redriveDeliveries(deliveryStatusName(status), {}), this,
            [this](const client::Answer<qint64> &answer) {
                if (!answer.ok())
                    setStatus(tr("Could not send them again: %1").arg(answer.reply.errorMessage()),
                              true);
                else if (*answer.value > 0)
                    setStatus(tr("They will be sent again."), false);
                reloadUndelivered();
            });
    }
}

QString ChannelsSection::statusText() const
{
    return m_status->text();
}

void ChannelsSection::showChannels(const QList<client::Channel> &channels)
{
    const client::Channel *before = selected();
    const QString selectedId = before ? before->id : QString();
    m_channels = channels;
    m_table->setRowCount(int(channels.size()));
    const QStringList kindNames { tr("Email"), tr("ntfy (phone)"), tr("Webhook") };
    for (int row = 0; row < channels.size(); ++row) {
        const client::Channel &channel = channels.at(row);
        QStringList state;
        if (channel.isDefault)
            state << tr("default");
        if (channel.muted)
            state << tr("muted");
        const int kind = int(Kinds.indexOf(channel.kind));
        const QStringList cells { channel.name, kind >= 0 ? kindNames.at(kind) : channel.kind,
                                  channel.destination(), state.join(QStringLiteral(", ")) };
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        if (channel.id == selectedId)
            m_table->selectRow(row);
    }
    updateActions();
}

const client::Channel *ChannelsSection::selected() const
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_channels.size() || m_table->selectedItems().isEmpty())
        return nullptr;
    return &m_channels.at(row);
}

void ChannelsSection::updateActions()
{
    const bool connected = m_session != nullptr;
    const bool chosen = connected && selected();
    m_add->setEnabled(connected);
    for (QPushButton *button : { m_edit, m_remove, m_test })
        button->setEnabled(chosen);
    m_redrive->setEnabled(connected && !m_undeliveredTable->selectedItems().isEmpty());
    m_redriveAll->setEnabled(connected && !m_undelivered.isEmpty());
}

void ChannelsSection::edit(const client::Channel *channel)
{
    if (!m_session)
        return;
    ChannelDialog dialog(channel, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    save(channel ? channel->id : QString(), dialog.fields());
}

void ChannelsSection::save(const QString &id, const QJsonObject &fields)
{
    if (!m_session)
        return;
    const auto done = [this](const client::Answer<client::Channel> &answer) {
        if (!answer.ok()) {
            setStatus(tr("Could not save the channel: %1").arg(answer.reply.errorMessage()), true);
            return;
        }
        setStatus(tr("Saved channel \"%1\".").arg(answer.value->name), false);
        reload();
    };
    if (id.isEmpty())
        m_session->send(client::api::createChannel(fields), this, done);
    else
        m_session->send(client::api::updateChannel(id, fields), this, done);
}

void ChannelsSection::removeSelected()
{
    const client::Channel *channel = selected();
    if (!m_session || !channel)
        return;
    const QString id = channel->id;
    const QString name = channel->name;
    if (QMessageBox::question(
            this, tr("Remove channel"),
            tr("Remove the channel \"%1\" and its delivery history?").arg(name)) !=
        QMessageBox::Yes)
        return;
    m_session->send(
        client::api::deleteChannel(id), this,
        [this, name](const client::Answer<client::Done> &answer) {
            if (!answer.ok())
                setStatus(tr("Could not remove \"%1\": %2").arg(name, answer.reply.errorMessage()),
                          true);
            else
                setStatus(tr("Removed channel \"%1\".").arg(name), false);
            reload();
        });
}

void ChannelsSection::sendTest()
{
    const client::Channel *channel = selected();
    if (!m_session || !channel)
        return;
    const QString name = channel->name;
    setStatus(tr("Sending a test message through \"%1\"…").arg(name), false);
    m_session->send(client::api::testChannel(channel->id), this,
                    [this, name](const client::Answer<client::Delivery> &answer) {
                        if (!answer.ok()) {
                            setStatus(tr("Could not send a test through \"%1\": %2")
                                          .arg(name, answer.reply.errorMessage()),
                                      true);
                            return;
                        }
                        followTest(answer.value->id, name, TestPollTries);
                    });
}

void ChannelsSection::followTest(const QString &deliveryId, const QString &channel, int tries)
{
    if (!m_session)
        return;
    m_session->send(
        client::api::delivery(deliveryId), this,
        [this, deliveryId, channel, tries](const client::Answer<client::Delivery> &answer) {
            if (!answer.ok()) {
                setStatus(tr("Could not follow the test: %1").arg(answer.reply.errorMessage()),
                          true);
                return;
            }
            const client::Delivery &delivery = *answer.value;
            const bool attempted = delivery.attempts > 0 && delivery.status != u"sending";
            if (!attempted && tries > 0) {
                QTimer::singleShot(TestPollMs, this, [this, deliveryId, channel, tries]() {
                    followTest(deliveryId, channel, tries - 1);
                });
                return;
            }
            reloadUndelivered();
            if (delivery.status == u"delivered")
                setStatus(tr("The test message went through \"%1\".").arg(channel), false);
            else if (!attempted)
                setStatus(tr("The test message has not been sent yet."), true);
            else if (delivery.status == u"pending")
                setStatus(tr("Not sent yet; it will be tried again: %1").arg(delivery.lastError),
                          true);
            else
                setStatus(tr("The test message could not be sent: %1").arg(delivery.lastError),
                          true);
        });
}

void ChannelsSection::setStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #b00020") : QString());
}

} // namespace hearth::ui
