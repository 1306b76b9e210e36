#pragma once

#include "core/Error.h"
#include "core/Result.h"

#include <QString>

namespace hearth::secrets {
class SecretStore;
}

namespace hearth::services {

// Signing secrets hearthd makes for what signs or checks webhooks (a
// webhook watcher's deliveries, a webhook channel's messages).

// SecretsUnavailable, saying `what` is kept with the secrets, unless the
// store has its key.
Result<void, Error> requireSecretsReady(const secrets::SecretStore &secrets, const QString &what);
// Makes the secret `name` (Standard Webhooks' form: whsec_ + base64 of 32
// random bytes) unless it exists, as the user may have set their own. Called
// after the commit of what it signs for, not inside it: the secret store
// takes its own lock before the database's writer turn (a key rotation
// holds the first while it waits for the second), so writing a secret
// inside a batch could deadlock with one. A failure is logged: whatever
// reads the secret then says that it cannot, until the user sets it.
void ensureSigningSecret(secrets::SecretStore &secrets, const QString &name);

} // namespace hearth::services
