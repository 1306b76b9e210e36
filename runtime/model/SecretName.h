#pragma once

#include <QString>

namespace hearth::secrets {

// A secret's name: [A-Za-z_][A-Za-z0-9_.-]{0,127}. Watchers name secrets
// too (`env_secrets`), so the rule lives with the domain values.
bool isValidSecretName(const QString &name);

} // namespace hearth::secrets
