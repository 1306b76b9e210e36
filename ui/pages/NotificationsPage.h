#pragma once

#include "Page.h"

class QPushButton;
class QTableView;

namespace hearth::ui {

class JsonTableModel;

// Notifications, newest first, unread in bold; mark read, mark all read;
// activating one marks it read and opens its run.
class NotificationsPage : public Page
{
    Q_OBJECT
public:
    explicit NotificationsPage(QWidget *parent = nullptr);

    void setSession(Session *session) override;
    void reload() override;

    JsonTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    int unreadCount() const;
    void markRead(const QString &id);
    void markAllRead();
    // Marks it read and asks the window to show its run.
    void activate(const QString &id);

signals:
    void loaded();
    void unreadCountChanged(int unread);
    // A notification the runtime just created (for the desktop popup).
    void created(const QJsonObject &notification);

protected:
    void onEvent(const QByteArray &type, const QJsonObject &data) override;

private:
    void setRead(const QString &id);

    JsonTableModel *m_model;
    QTableView *m_view;
    QPushButton *m_markRead;
    QPushButton *m_markAll;
};

} // namespace hearth::ui
