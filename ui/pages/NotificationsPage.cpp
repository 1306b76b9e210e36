#include "NotificationsPage.h"

#include "Session.h"
#include "Tables.h"
#include "client/Format.h"
#include "models/JsonTableModel.h"

#include <QDateTime>
#include <QFont>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace hearth::ui {

namespace {
bool isUnread(const QJsonObject &notification)
{
    const QJsonValue read = notification.value(QStringLiteral("read_at"));
    return read.isNull() || read.isUndefined();
}
} // namespace

NotificationsPage::NotificationsPage(QWidget *parent)
    : Page(parent)
    , m_model(new JsonTableModel(QStringLiteral("id"), this))
    , m_view(new QTableView(this))
{
    using Row = const QJsonObject &;
    const auto cell = [](auto get) {
        return [get](Row row, int role) -> QVariant {
            if (role == Qt::DisplayRole)
                return get(row);
            if (role == Qt::FontRole && isUnread(row)) {
                QFont bold;
                bold.setBold(true);
                return bold;
            }
            if (role == Qt::AccessibleDescriptionRole)
                return isUnread(row) ? tr("unread") : tr("read");
            return {};
        };
    };
    m_model->setColumns({
        { tr("When"),
          cell([](Row row) {
              return client::format::localTime(
                  client::Timestamp(row.value(QStringLiteral("created_at")).toString()));
          }),
          {} },
        { tr("Level"),
          cell([](Row row) { return row.value(QStringLiteral("level")).toString(); }),
          {} },
        { tr("Title"),
          cell([](Row row) { return row.value(QStringLiteral("title")).toString(); }),
          {} },
        { tr("Message"),
          cell([](Row row) { return row.value(QStringLiteral("body")).toString(); }),
          {} },
    });
    setUpTable(m_view, m_model, tr("Notifications"));
    connect(m_view, &QTableView::activated, this,
            [this](const QModelIndex &index) { activate(m_model->keyAt(index.row())); });

    m_markRead = new QPushButton(tr("Mark &read"), this);
    m_markAll = new QPushButton(tr("Mark &all read"), this);
    connect(m_markRead, &QPushButton::clicked, this,
            [this]() { markRead(selectedKey(*m_view, *m_model)); });
    connect(m_markAll, &QPushButton::clicked, this, &NotificationsPage::markAllRead);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_markRead);
    bar->addWidget(m_markAll);
    bar->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view);
}

void NotificationsPage::setSession(Session *session)
{
    followSession(session);
    m_model->setRows({});
    m_markRead->setEnabled(session != nullptr);
    m_markAll->setEnabled(session != nullptr);
    if (session) {
        reload();
    }
    emit unreadCountChanged(0);
}

void NotificationsPage::reload()
{
    if (!m_session)
        return;
    const JsonTableModel::ReloadTicket ticket = m_model->beginReload();
    m_session->get(QStringLiteral("/api/v1/notifications?limit=200"), this,
                   [this, ticket](const client::ApiReply &reply) {
                       if (!reply.isSuccess()) {
                           m_model->abandonReload(ticket);
                           emit message(
                               tr("Could not load notifications: %1").arg(reply.errorMessage()));
                           return;
                       }
                       const QList<QJsonObject> rows = JsonTableModel::itemsOf(reply.body);
                       if (!m_model->finishReload(ticket, rows))
                           return; // a newer listing is on its way
                       emit unreadCountChanged(unreadCount());
                       emit loaded();
                   });
}

int NotificationsPage::unreadCount() const
{
    return int(std::count_if(m_model->rows().cbegin(), m_model->rows().cend(), isUnread));
}

void NotificationsPage::onEvent(const QByteArray &type, const QJsonObject &data)
{
    if (type != "notification")
        return;
    const QString action = data.value(QStringLiteral("action")).toString();
    if (action == QStringLiteral("read_all")) {
        reload();
        return;
    }
    const QJsonObject notification = data.value(QStringLiteral("notification")).toObject();
    m_model->upsert(notification, true);
    emit unreadCountChanged(unreadCount());
    if (action == QStringLiteral("created"))
        emit created(notification);
}

void NotificationsPage::setRead(const QString &id)
{
    const int row = m_model->indexOf(id);
    if (row < 0)
        return;
    QJsonObject notification = m_model->rowAt(row);
    if (isUnread(notification)) {
        notification.insert(QStringLiteral("read_at"),
                            QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        m_model->upsert(notification);
        emit unreadCountChanged(unreadCount());
    }
}

void NotificationsPage::markRead(const QString &id)
{
    if (!m_session || id.isEmpty())
        return;
    m_session->request(
        "POST", QStringLiteral("/api/v1/notifications/") + id + QStringLiteral("/read"), {}, this,
        [this, id](const client::ApiReply &reply) {
            if (!reply.isSuccess()) {
                emit message(tr("Could not mark it read: %1").arg(reply.errorMessage()));
                return;
            }
            setRead(id);
        });
}

void NotificationsPage::markAllRead()
{
    if (!m_session)
        return;
    m_session->request("POST", QStringLiteral("/api/v1/notifications/read-all"), {}, this,
                       [this](const client::ApiReply &reply) {
                           if (!reply.isSuccess()) {
                               emit message(
                                   tr("Could not mark them read: %1").arg(reply.errorMessage()));
                               return;
                           }
                           for (const QJsonObject &row : m_model->rows())
                               setRead(JsonTableModel::keyOf(row));
                       });
}

void NotificationsPage::activate(const QString &id)
{
    const QJsonObject notification = m_model->rowAt(m_model->indexOf(id));
    markRead(id);
    const QString runId = JsonTableModel::keyOf(notification, QStringLiteral("run_id"));
    if (!runId.isEmpty())
        emit openRunRequested(runId);
}

} // namespace hearth::ui
