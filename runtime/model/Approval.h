#pragma once

#include <QByteArrayView>
#include <QString>
#include <optional>

namespace hearth {

// Whether a watcher may run as it is stored: a watcher created or changed
// over MCP waits, disabled, until a person approves or rejects the change.
enum class Approval { Approved, Pending };
// "approved", "pending": the API's and the database's spelling.
QString approvalName(Approval approval);
std::optional<Approval> approvalFromName(QStringView name);

// What a person approves names exactly what they saw: the stored spec's
// text and whether approving enables it, hashed. An approval or rejection
// that names another revision is refused (the watcher changed meanwhile).
QString approvalRevision(QByteArrayView specText, bool enablesOnApproval);

} // namespace hearth
