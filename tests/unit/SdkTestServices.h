#pragma once

#include "SandboxHosts.h"
#include "core/Crypto.h"
#include "events/EventBus.h"
#include "secrets/SecretStore.h"
#include "services/FeedService.h"
#include "services/KvService.h"
#include "services/NotificationService.h"
#include "store/Database.h"
#include "store/FeedItemRepository.h"
#include "store/KvRepository.h"
#include "store/NotificationRepository.h"

#include <QDir>
#include <QTemporaryDir>
#include <memory>

// A real database in a temporary dir with every service the Lua SDK uses:
// the KV store, notifications, feed items, and a secret store keyed from a random
// HEARTH_SECRET_KEY (no keychain); scripts run in real sandbox hosts.
struct SdkTestServices
{
    QTemporaryDir dir;
    hearth::Database db { QDir(dir.path()).filePath(QStringLiteral("hearth.db")) };
    hearth::KvRepository kv { db };
    hearth::services::KvService kvService { kv };
    hearth::NotificationRepository notifications { db };
    hearth::events::EventBus events;
    hearth::services::NotificationService notificationService { notifications, events };
    hearth::FeedItemRepository feedItems { db };
    hearth::services::FeedService feedService { feedItems };
    std::unique_ptr<hearth::secrets::SecretStore> secrets;
    std::unique_ptr<hearth::sandbox::SandboxPool> pool;
    bool ready = false; // the database opened and the secret store is ready

    SdkTestServices()
    {
        if (!db.open().ok())
            return;
        hearth::secrets::SecretStoreConfig config;
        config.dataDir = dir.path();
        config.environmentKey = QString::fromLatin1(hearth::crypto::randomBytes(32).toBase64());
        config.useKeychain = false;
        secrets = std::make_unique<hearth::secrets::SecretStore>(db, config);
        secrets->initialize();
        ready = secrets->status().state == hearth::secrets::SecretsStatus::State::Ready;
        pool = makeSandboxPool({ &kvService, secrets.get(), &notificationService, &feedService });
    }

    hearth::lua::ExecutionResult run(const QByteArray &source,
                                     const hearth::lua::ScriptContext &context = {},
                                     const hearth::lua::Limits &limits = {})
    {
        return pool->run(source, context, limits);
    }
};
