#pragma once

#include "core/Result.h"

#include <QList>
#include <QString>

// RSS 2.0 (and 0.9x), RSS 1.0 (RDF), Atom and JSON Feed, read into one
// shape for the SDK's feed module. XML is read by libxml2 without network
// or external entities.
namespace hearth::lua {

struct FeedItem
{
    QString id; // the item's own id (guid, atom:id, rdf:about), else its link, else its title
    QString title;
    QString link; // absolute where the feed gave a base
    QString published; // RFC 3339 UTC, or empty when absent or unreadable
    QString updated;
    QString summary; // readable text (HTML removed)
};

enum class FeedKind { Rss, Rdf, Atom, Json };
QString feedKindName(FeedKind kind);

struct Feed
{
    FeedKind kind = FeedKind::Rss;
    QString title;
    QString link;
    QList<FeedItem> items;
};

Result<Feed> parseFeed(const QByteArray &text);

// "Tue, 10 Jun 2003 04:00:00 GMT" or an ISO 8601 instant as RFC 3339 UTC
// ("2003-06-10T04:00:00Z"); empty when it is neither.
QString normalizedFeedDate(const QString &text);

} // namespace hearth::lua
