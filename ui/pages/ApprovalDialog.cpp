#include "ApprovalDialog.h"

#include "Page.h"
#include "Session.h"
#include "client/HearthApi.h"
#include "models/HistoryData.h"
#include "widgets/CodeEditor.h"
#include "widgets/DiffView.h"
#include "widgets/LuaHighlighter.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace hearth::ui {

ApprovalDialog::ApprovalDialog(Session &session, const QString &watcherId, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_watcherId(watcherId)
    , m_summary(new QLabel(this))
    , m_reach(new QLabel(this))
    , m_status(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_changes(new DiffView(m_tabs))
    , m_task(new CodeEditor(m_tabs))
{
    setWindowTitle(tr("Review a change"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_reach->setWordWrap(true);
    m_reach->setTextFormat(Qt::PlainText);
    m_reach->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(this);
    m_approve = buttons->addButton(tr("&Approve"), QDialogButtonBox::AcceptRole);
    m_reject = buttons->addButton(tr("Re&ject"), QDialogButtonBox::DestructiveRole);
    buttons->addButton(QDialogButtonBox::Close);
    m_approve->setEnabled(false);
    m_reject->setEnabled(false);
    connect(m_approve, &QPushButton::clicked, this, &ApprovalDialog::approveChange);
    connect(m_reject, &QPushButton::clicked, this, &ApprovalDialog::rejectChange);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *reachTitle = new QLabel(tr("What it reaches:"), this);
    m_task->setReadOnly(true);
    m_tabs->addTab(m_changes, tr("What changes"));
    m_tabs->addTab(m_task, tr("Script"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(reachTitle);
    layout->addWidget(m_reach);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(760, 620);
    load();
}

QString ApprovalDialog::statusText() const
{
    return m_status->text();
}

void ApprovalDialog::load()
{
    m_status->setText(tr("Loading…"));
    m_session.send(
        client::api::watcherReview(m_watcherId), this,
        [this](const client::Answer<client::WatcherReview> &answer) {
            if (!answer.ok()) {
                failed(tr("Could not load the change: %1").arg(answer.reply.errorMessage()));
            } else {
                showReview(*answer.value);
            }
            emit loaded();
        });
}

void ApprovalDialog::showReview(const client::WatcherReview &review)
{
    const client::Watcher &watcher = review.watcher;
    m_name = watcher.spec.name;
    m_revision = watcher.revision;
    QStringList summary;
    if (!watcher.awaitsApproval()) {
        summary << tr("\"%1\" does not await approval.").arg(m_name);
    } else {
        const QString asker = Page::actorText(watcher.approvalRequestedBy);
        summary << (review.approved
                        ? tr("%1 changed \"%2\". The change awaits your approval; until then the "
                             "watcher does not run.")
                              .arg(asker, m_name)
                        : tr("%1 created \"%2\". It awaits your approval; until then it does not "
                             "run.")
                              .arg(asker, m_name));
        summary << (watcher.enablesOnApproval ? tr("Approving enables it.")
                                              : tr("Approving leaves it disabled."));
        summary << (review.approved ? tr("Rejecting restores the version approved before.")
                                    : tr("Rejecting deletes it."));
    }
    m_summary->setText(summary.join(u' '));
    m_reach->setText(reachText(review.reach, review.approvedReach));
    m_changes->setRows(diffRows(review.changes));
    if (const scheduler::LuaTask *lua = watcher.spec.lua()) {
        m_tabs->setTabText(m_tabs->indexOf(m_task), tr("Script"));
        if (!m_highlighter)
            m_highlighter = new LuaHighlighter(m_task->document());
        m_task->setPlainText(lua->script);
    } else if (const scheduler::AgentTask *agent = watcher.spec.agent()) {
        m_tabs->setTabText(m_tabs->indexOf(m_task), tr("Prompt"));
        delete m_highlighter;
        m_highlighter = nullptr;
        m_task->setPlainText(agent->prompt);
    }
    m_status->clear();
    m_approve->setEnabled(watcher.awaitsApproval());
    m_reject->setEnabled(watcher.awaitsApproval());
}

void ApprovalDialog::failed(const QString &text)
{
    m_status->setText(text);
}

QString ApprovalDialog::reachText(const client::Reach &reach,
                                  const std::optional<client::Reach> &before)
{
    // Items the approved version did not reach are marked: they are what
    // the change adds.
    const auto listed = [&before](const QStringList &items, const QStringList &earlier) {
        QStringList shown;
        for (const QString &item : items)
            shown << (before && !earlier.contains(item) ? tr("%1 (new)").arg(item) : item);
        return shown.join(QStringLiteral(", "));
    };
    QStringList lines;
    if (!reach.domains.isEmpty())
        lines << tr("Websites: %1")
                     .arg(listed(reach.domains, before ? before->domains : QStringList()));
    if (reach.urlsBuiltAtRunTime)
        lines << tr("Websites it builds the address of at run time (any website)");
    if (!reach.secrets.isEmpty())
        lines << tr("Secrets: %1")
                     .arg(listed(reach.secrets, before ? before->secrets : QStringList()));
    if (reach.secretsNamedAtRunTime)
        lines << tr("Secrets it names at run time (any secret)");
    if (reach.sendsEmail)
        lines << tr("Sends email");
    if (!reach.agentProfile.isEmpty()) {
        const QString where =
            reach.workdir.isEmpty() ? tr("the worker's own folder") : reach.workdir;
        lines << tr("Runs the %1 agent on device worker %2, in %3")
                     .arg(reach.agentProfile,
                          reach.deviceWorkerId.isEmpty() ? QStringLiteral("—")
                                                         : reach.deviceWorkerId,
                          where);
    }
    if (!reach.folder.isEmpty())
        lines << tr("Watches the folder %1").arg(reach.folder);
    if (reach.webhook)
        lines << tr("Starts on requests to its webhook URL");
    if (!reach.after.isEmpty())
        lines << tr("Starts after \"%1\"").arg(reach.after);
    lines << (reach.channels ? (reach.channels->isEmpty()
                                    ? tr("Notifies on the desktop only")
                                    : tr("Notifies on the desktop and %1")
                                          .arg(reach.channels->join(QStringLiteral(", "))))
                             : tr("Notifies on the desktop and the default channels"));
    for (QString &line : lines)
        line.prepend(QStringLiteral("• "));
    return lines.join(u'\n');
}

void ApprovalDialog::approveChange()
{
    m_approve->setEnabled(false);
    m_reject->setEnabled(false);
    m_session.send(
        client::api::approveWatcher(m_watcherId, m_revision), this,
        [this](const client::Answer<client::Watcher> &answer) {
            if (!answer.ok()) {
                failed(tr("Could not approve \"%1\": %2").arg(m_name, answer.reply.errorMessage()));
                load(); // as it is now
                return;
            }
            m_session.showWatcher(*answer.value);
            emit decided(answer.value->spec.enabled
                             ? tr("Approved \"%1\": it is enabled.").arg(m_name)
                             : tr("Approved \"%1\": it stays disabled.").arg(m_name));
            accept();
        });
}

void ApprovalDialog::rejectChange()
{
    m_approve->setEnabled(false);
    m_reject->setEnabled(false);
    m_session.send(
        client::api::rejectWatcher(m_watcherId, m_revision), this,
        [this](const client::Answer<client::Rejected> &answer) {
            if (!answer.ok()) {
                failed(tr("Could not reject \"%1\": %2").arg(m_name, answer.reply.errorMessage()));
                load();
                return;
            }
            if (answer.value->restored) {
                m_session.showWatcher(*answer.value->restored);
                emit decided(tr("Rejected the change to \"%1\": it is as approved "
                                "before.")
                                 .arg(answer.value->restored->spec.name));
            } else {
                m_session.watchers().remove(m_watcherId);
                emit decided(tr("Rejected \"%1\": it is deleted.").arg(m_name));
            }
            accept();
        });
}

} // namespace hearth::ui
