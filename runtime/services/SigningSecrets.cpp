#include "SigningSecrets.h"

#include "core/Crypto.h"
#include "secrets/SecretStore.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSigningSecrets, "hearth.secrets.signing")

namespace hearth::services {

Result<void, Error> requireSecretsReady(const secrets::SecretStore &secrets, const QString &what)
{
    const secrets::SecretsStatus status = secrets.status();
    if (status.state == secrets::SecretsStatus::State::Ready)
        return {};
    return fail(Error { ErrorCode::SecretsUnavailable,
                        QStringLiteral("%1 is kept with the secrets, which are not available: %2")
                            .arg(what, status.message),
                        {} });
}

void ensureSigningSecret(secrets::SecretStore &secrets, const QString &name)
{
    // Not when one is stored (the user's own, or one that cannot be opened
    // now) or the store cannot tell.
    auto existing = secrets.exists(name);
    if (!existing || existing.value())
        return;
    // GitHub takes it as it is; Standard Webhooks strips the prefix.
    bool created = false;
    if (auto put = secrets.put(name, "whsec_" + crypto::randomBytes(32).toBase64(), &created); !put)
        qCWarning(lcSigningSecrets).noquote()
            << QStringLiteral("cannot store the signing secret %1: %2")
                   .arg(name, put.error().message);
}

} // namespace hearth::services
