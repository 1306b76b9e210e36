#pragma once

#include <QString>
#include <optional>

namespace hearth {

// Who asked for something: recorded on the watchers they create or change
// and on the runs they start, so a user can tell their own edits from an
// agent's. Clients name themselves in X-Hearth-Client (every state-changing
// request carries it); hearthd acts on its own for schedules and triggers.
class Actor
{
public:
    enum class Kind {
        Hearthd, // a schedule, a retry, a chain, a folder or a webhook
        Tray,
        Cli,
        Mcp, // an MCP client through `hearth mcp`, by the name it gave
        Client, // any other client of the API, by the name it gave
    };

    // The X-Hearth-Client value a client of this kind sends:
    // "hearth-tray", "hearth-cli", "hearth-mcp/<name, percent-encoded>", or
    // another client's own name.
    static QByteArray clientHeader(Kind kind, const QString &name = {});
    // From a request's X-Hearth-Client; any value but ours names a client of
    // its own.
    static Actor fromClientHeader(const QString &value);
    static Actor hearthd() { return Actor(Kind::Hearthd, {}); }
    // From its stored text (toString); none for '' (recorded before actors
    // were) or text that is not an actor's.
    static std::optional<Actor> fromStored(const QString &text);

    Kind kind() const { return m_kind; }
    // The name an MCP client or another API client gave; empty for others.
    const QString &name() const { return m_name; }
    // "hearthd", "tray", "cli", "mcp:<name>" or "api:<name>": what the API
    // shows and the database keeps.
    QString toString() const;

    bool operator==(const Actor &) const = default;

private:
    Actor(Kind kind, QString name);

    Kind m_kind;
    QString m_name;
};

} // namespace hearth
