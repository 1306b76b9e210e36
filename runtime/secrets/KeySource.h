#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>
#include <memory>
#include <optional>

// Where the master key lives. One interface, three sources, tried by
// MasterKeyResolution in this order: environment, OS keychain, opt-in file.
namespace hearth::secrets {

enum class KeySourceKind { Environment, Keychain, File };
QString sourceName(KeySourceKind kind); // "environment", "keychain", "file"

struct KeySourceError
{
    enum class Kind {
        NotFound, // the source works but holds no key (yet)
        Unavailable, // the source cannot be used right now (no keychain service…)
        Invalid, // the source holds something that is not a key
        Failed, // the operation failed
    };
    Kind kind = Kind::Failed;
    QString message;
};

// Rotation writes the new key to the Pending slot first and promotes it to
// Current only once the database has been re-sealed; see SecretStore.
enum class KeySlot { Current, Pending };

class KeySource
{
public:
    virtual ~KeySource() = default;
    virtual KeySourceKind kind() const = 0;
    // Whether the source can take a new key (the environment cannot).
    virtual bool isWritable() const = 0;
    virtual Result<QByteArray, KeySourceError> load(KeySlot slot) = 0;
    virtual Result<void, KeySourceError> store(KeySlot slot, const QByteArray &key) = 0;
    // Succeeds when the slot is already empty.
    virtual Result<void, KeySourceError> remove(KeySlot slot) = 0;
};

// HEARTH_SECRET_KEY: base64 of exactly 32 bytes. Unset, malformed and wrong
// length are three distinct errors.
class EnvironmentKeySource final : public KeySource
{
public:
    explicit EnvironmentKeySource(std::optional<QString> value);
    KeySourceKind kind() const override { return KeySourceKind::Environment; }
    bool isWritable() const override { return false; }
    Result<QByteArray, KeySourceError> load(KeySlot slot) override;
    Result<void, KeySourceError> store(KeySlot slot, const QByteArray &key) override;
    Result<void, KeySourceError> remove(KeySlot slot) override;

private:
    std::optional<QString> m_value;
};

// The OS keychain through QtKeychain (Secret Service, macOS Keychain,
// Windows Credential Manager), never with QtKeychain's insecure plaintext
// fallback. Entries are namespaced by data dir, so two data dirs never share
// a key. Calls block the calling thread on a local event loop.
class KeychainKeySource final : public KeySource
{
public:
    static constexpr char Service[] = "Hearth";
    explicit KeychainKeySource(const QString &dataDir);
    KeySourceKind kind() const override { return KeySourceKind::Keychain; }
    bool isWritable() const override { return true; }
    Result<QByteArray, KeySourceError> load(KeySlot slot) override;
    Result<void, KeySourceError> store(KeySlot slot, const QByteArray &key) override;
    Result<void, KeySourceError> remove(KeySlot slot) override;
    QString entryName(KeySlot slot) const;

private:
    QString m_entryPrefix;
};

// master.key in the data dir (0600, base64), used only when the user opted
// in: it protects the secrets no better than the data dir's permissions.
class FileKeySource final : public KeySource
{
public:
    explicit FileKeySource(const QString &dataDir);
    KeySourceKind kind() const override { return KeySourceKind::File; }
    bool isWritable() const override { return true; }
    Result<QByteArray, KeySourceError> load(KeySlot slot) override;
    Result<void, KeySourceError> store(KeySlot slot, const QByteArray &key) override;
    Result<void, KeySourceError> remove(KeySlot slot) override;
    QString path(KeySlot slot) const;

private:
    QString m_dataDir;
};

// Parses base64 of exactly 32 bytes; `what` names the origin in messages.
Result<QByteArray, KeySourceError> parseBase64Key(const QString &text, const QString &what);

} // namespace hearth::secrets
