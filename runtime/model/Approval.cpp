#include "Approval.h"

#include "core/EnumNames.h"

#include <QCryptographicHash>

namespace hearth {

namespace {
constexpr std::array<EnumName<Approval>, 2> ApprovalNames { {
    { Approval::Approved, u"approved" },
    { Approval::Pending, u"pending" },
} };
// Enough to tell versions apart; not a secret.
constexpr qsizetype RevisionChars = 16;
} // namespace

QString approvalName(Approval approval)
{
    return nameOf(ApprovalNames, approval);
}

std::optional<Approval> approvalFromName(QStringView name)
{
    return valueOf(ApprovalNames, name);
}

QString approvalRevision(QByteArrayView specText, bool enablesOnApproval)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(specText);
    hash.addData(enablesOnApproval ? QByteArrayView("\n1") : QByteArrayView("\n0"));
    return QString::fromLatin1(hash.result().toHex().left(RevisionChars));
}

} // namespace hearth
