#include "SecretName.h"

#include <QRegularExpression>

namespace hearth::secrets {

bool isValidSecretName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.-]{0,127}$"));
    return pattern.match(name).hasMatch();
}

} // namespace hearth::secrets
