#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

struct lua_State;

namespace hearth::lua {

struct Services;

// The SDK's kv and secrets modules. `kvNamespace` is the run's own
// namespace (kv.global uses the global one). Every value secrets.get returns
// is appended to `revealed`, so the sandbox can redact it from the run's logs
// and errors.
void openKv(lua_State *L, const Services &services, const QString &kvNamespace);
void openSecrets(lua_State *L, const Services &services, QList<QByteArray> *revealed);
// notify{title=, body=, level=}: at most Sandbox::MaxNotificationsPerRun per
// run; `sent` counts them.
void openNotify(lua_State *L, const Services &services, const struct ScriptContext &context,
                int *sent);

} // namespace hearth::lua
