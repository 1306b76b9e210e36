#pragma once

#include "client/ApiTypes.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTabWidget;

namespace hearth::ui {

class CodeEditor;
class DiffView;
class LuaHighlighter;
class Session;

// A watcher created or changed over MCP, as a person decides on it: who
// asked, whether approving enables it, what it reaches (what is new since
// the approved version marked), what the change is, line by line, and the
// whole script or prompt as it would run.
// Approve and Reject name the version shown: if the watcher changed
// meanwhile, the runtime refuses and the dialog shows the new version.
class ApprovalDialog : public QDialog
{
    Q_OBJECT
public:
    ApprovalDialog(Session &session, const QString &watcherId, QWidget *parent = nullptr);

    void load();
    void approveChange();
    void rejectChange();

    QLabel *summary() const { return m_summary; }
    QLabel *reach() const { return m_reach; }
    DiffView *changes() const { return m_changes; }
    // The whole script or prompt (read-only).
    CodeEditor *task() const { return m_task; }
    QPushButton *approveButton() const { return m_approve; }
    QPushButton *rejectButton() const { return m_reject; }
    QString statusText() const;

signals:
    void loaded();
    // The decision was taken: what happened, in a line.
    void decided(const QString &outcome);

private:
    void showReview(const client::WatcherReview &review);
    void failed(const QString &text);
    static QString reachText(const client::Reach &reach,
                             const std::optional<client::Reach> &before);

    Session &m_session;
    QString m_watcherId;
    QString m_name;
    QString m_revision;
    QLabel *m_summary;
    QLabel *m_reach;
    QLabel *m_status;
    QTabWidget *m_tabs;
    DiffView *m_changes;
    CodeEditor *m_task;
    LuaHighlighter *m_highlighter = nullptr; // a script's, not a prompt's
    QPushButton *m_approve;
    QPushButton *m_reject;
};

} // namespace hearth::ui
