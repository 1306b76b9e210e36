#pragma once

#include "Page.h"
#include "client/ApiTypes.h"
#include "models/RecordTableModel.h"

class QPushButton;
class QTableView;

namespace hearth::ui {

// Notifications, newest first, unread in bold; mark read, mark all read;
// activating one marks it read and opens what its watcher found (its
// history), or its run.
class NotificationsPage : public Page
{
    Q_OBJECT
public:
    explicit NotificationsPage(QWidget *parent = nullptr);

    void setSession(Session *session) override;
    void reload() override;

    using Model = RecordTableModel<client::Notification>;
    // Over the session's latest notifications.
    Model *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    void markRead(const QString &id);
    void markAllRead();
    // Marks it read and asks the window to show its run.
    void activate(const QString &id);

signals:
    void loaded();

private:
    Model *m_model;
    QTableView *m_view;
    QPushButton *m_markRead;
    QPushButton *m_markAll;
};

} // namespace hearth::ui
