#include "Page.h"

#include "Session.h"
#include "model/Actor.h"

namespace hearth::ui {

void Page::followSession(Session *session)
{
    if (m_session) {
        m_session->disconnect(this);
        m_session->watchers().disconnect(this);
        m_session->notifications().disconnect(this);
    }
    m_session = session;
}

QString Page::actorText(const QString &actor)
{
    const std::optional<Actor> known = Actor::fromStored(actor);
    if (!known)
        return QStringLiteral("—");
    switch (known->kind()) {
    case Actor::Kind::Hearthd:
        return tr("Hearth");
    case Actor::Kind::Tray:
        return tr("Tray");
    case Actor::Kind::Cli:
        return tr("Command line");
    case Actor::Kind::Mcp:
        return tr("MCP client %1").arg(known->name());
    case Actor::Kind::Client:
        return tr("API client %1").arg(known->name());
    }
    return actor;
}

} // namespace hearth::ui
