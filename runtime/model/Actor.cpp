#include "Actor.h"

#include <QUrl>

namespace hearth {

namespace {

constexpr qsizetype MaxNameLength = 64;
const QLatin1StringView McpHeaderPrefix("hearth-mcp/");
const QLatin1StringView McpPrefix("mcp:");
const QLatin1StringView ClientPrefix("api:");

// A name as shown: printable, trimmed, at most MaxNameLength characters.
QString shownName(const QString &name)
{
    QString shown;
    for (const QChar c : name) {
        if (c.isPrint())
            shown.append(c);
    }
    shown = shown.trimmed();
    if (shown.size() > MaxNameLength)
        shown.truncate(MaxNameLength);
    return shown.isEmpty() ? QStringLiteral("unnamed") : shown;
}

} // namespace

Actor::Actor(Kind kind, QString name)
    : m_kind(kind)
    , m_name(std::move(name))
{
}

QByteArray Actor::clientHeader(Kind kind, const QString &name)
{
    switch (kind) {
    case Kind::Tray:
        return QByteArrayLiteral("hearth-tray");
    case Kind::Cli:
        return QByteArrayLiteral("hearth-cli");
    case Kind::Mcp:
        return QByteArray(McpHeaderPrefix.data(), McpHeaderPrefix.size()) +
            QUrl::toPercentEncoding(shownName(name));
    case Kind::Client:
        return name.toUtf8();
    case Kind::Hearthd: // sends no requests
        break;
    }
    return {};
}

Actor Actor::fromClientHeader(const QString &value)
{
    if (value == u"hearth-tray")
        return Actor(Kind::Tray, {});
    if (value == u"hearth-cli")
        return Actor(Kind::Cli, {});
    if (value.startsWith(McpHeaderPrefix))
        return Actor(
            Kind::Mcp,
            shownName(QUrl::fromPercentEncoding(value.mid(McpHeaderPrefix.size()).toUtf8())));
    return Actor(Kind::Client, shownName(value));
}

std::optional<Actor> Actor::fromStored(const QString &text)
{
    if (text == u"hearthd")
        return hearthd();
    if (text == u"tray")
        return Actor(Kind::Tray, {});
    if (text == u"cli")
        return Actor(Kind::Cli, {});
    if (text.startsWith(McpPrefix) && text.size() > McpPrefix.size())
        return Actor(Kind::Mcp, text.mid(McpPrefix.size()));
    if (text.startsWith(ClientPrefix) && text.size() > ClientPrefix.size())
        return Actor(Kind::Client, text.mid(ClientPrefix.size()));
    return std::nullopt;
}

QString Actor::toString() const
{
    switch (m_kind) {
    case Kind::Hearthd:
        return QStringLiteral("hearthd");
    case Kind::Tray:
        return QStringLiteral("tray");
    case Kind::Cli:
        return QStringLiteral("cli");
    case Kind::Mcp:
        return McpPrefix + m_name;
    case Kind::Client:
        return ClientPrefix + m_name;
    }
    return {};
}

} // namespace hearth
