#include "FeedParser.h"

#include "HtmlText.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>
#include <climits>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <memory>

namespace hearth::lua {

namespace {

constexpr const char *AtomNamespace = "http://www.w3.org/2005/Atom";
constexpr const char *RdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr const char *ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
constexpr const char *DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";

// RSS's own elements: none in RSS 2.0, these in RSS 1.0 and 0.90.
bool isRssNamespace(const xmlNs *ns)
{
    return !ns || !ns->href || xmlStrcmp(ns->href, BAD_CAST "http://purl.org/rss/1.0/") == 0 ||
        xmlStrcmp(ns->href, BAD_CAST "http://my.netscape.com/rdf/simple/0.9/") == 0;
}

// Whether `node` is the element `name` in `ns` (null: one of RSS's own).
bool hasName(const xmlNode *node, const char *name, const char *ns = nullptr)
{
    if (node->type != XML_ELEMENT_NODE || xmlStrcmp(node->name, BAD_CAST name) != 0)
        return false;
    if (!ns)
        return isRssNamespace(node->ns);
    return node->ns && node->ns->href && xmlStrcmp(node->ns->href, BAD_CAST ns) == 0;
}

// The first child element called `name` (see hasName).
xmlNode *child(xmlNode *parent, const char *name, const char *ns = nullptr)
{
    for (xmlNode *node = parent ? parent->children : nullptr; node; node = node->next) {
        if (hasName(node, name, ns))
            return node;
    }
    return nullptr;
}

QString contentOf(const xmlNode *node)
{
    if (!node)
        return {};
    xmlChar *content = xmlNodeGetContent(node);
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(content));
    xmlFree(content);
    return text;
}

QString attributeOf(xmlNode *node, const char *name, const char *ns = nullptr)
{
    if (!node)
        return {};
    xmlChar *value =
        ns ? xmlGetNsProp(node, BAD_CAST name, BAD_CAST ns) : xmlGetProp(node, BAD_CAST name);
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(value));
    xmlFree(value);
    return text;
}

QString childText(xmlNode *parent, const char *name, const char *ns = nullptr)
{
    return contentOf(child(parent, name, ns)).trimmed();
}

// Text that may hold HTML (RSS descriptions, Atom text of type html) as
// what a person reads.
QString readable(const QString &text)
{
    return readableTextOfHtml(text.toUtf8());
}

QString resolved(const QString &base, const QString &link)
{
    if (link.isEmpty() || base.isEmpty())
        return link;
    return QUrl(base).resolved(QUrl(link)).toString(QUrl::FullyEncoded);
}

QString firstNonEmpty(std::initializer_list<QString> texts)
{
    for (const QString &text : texts) {
        if (!text.isEmpty())
            return text;
    }
    return {};
}

FeedItem rssItem(xmlNode *item, const QString &base, bool rdf)
{
    FeedItem entry;
    entry.title = readable(childText(item, "title"));
    entry.link = resolved(base, childText(item, "link"));
    const QString guid = childText(item, "guid");
    const QString about = rdf ? attributeOf(item, "about", RdfNamespace) : QString();
    entry.id = firstNonEmpty({ guid, about, entry.link, entry.title });
    entry.published = normalizedFeedDate(firstNonEmpty(
        { childText(item, "pubDate"), childText(item, "date", DublinCoreNamespace) }));
    entry.updated = normalizedFeedDate(childText(item, "updated", AtomNamespace));
    entry.summary = readable(firstNonEmpty(
        { childText(item, "description"), childText(item, "encoded", ContentNamespace) }));
    return entry;
}

// An Atom link: rel="alternate" (or none) first.
QString atomLink(xmlNode *parent, const QString &base)
{
    QString fallback;
    for (xmlNode *node = parent->children; node; node = node->next) {
        if (!hasName(node, "link", AtomNamespace))
            continue;
        const QString rel = attributeOf(node, "rel");
        const QString href = attributeOf(node, "href").trimmed();
        if (rel.isEmpty() || rel == u"alternate")
            return resolved(base, href);
        if (fallback.isEmpty())
            fallback = resolved(base, href);
    }
    return fallback;
}

QString atomText(xmlNode *node)
{
    if (!node)
        return {};
    const QString type = attributeOf(node, "type");
    const QString text = contentOf(node).trimmed();
    return type == u"html" || type == u"xhtml" ? readable(text) : text.simplified();
}

Feed atomFeed(xmlNode *root)
{
    Feed feed;
    feed.kind = FeedKind::Atom;
    xmlChar *baseValue = xmlNodeGetBase(root->doc, root);
    const QString base = QString::fromUtf8(reinterpret_cast<const char *>(baseValue));
    xmlFree(baseValue);
    feed.title = atomText(child(root, "title", AtomNamespace));
    feed.link = atomLink(root, base);
    const QString feedBase = base.isEmpty() ? feed.link : base;
    for (xmlNode *node = root->children; node; node = node->next) {
        if (!hasName(node, "entry", AtomNamespace))
            continue;
        FeedItem entry;
        entry.title = atomText(child(node, "title", AtomNamespace));
        entry.link = atomLink(node, feedBase);
        entry.id = firstNonEmpty({ childText(node, "id", AtomNamespace), entry.link, entry.title });
        entry.published = normalizedFeedDate(childText(node, "published", AtomNamespace));
        entry.updated = normalizedFeedDate(childText(node, "updated", AtomNamespace));
        entry.summary = firstNonEmpty({ atomText(child(node, "summary", AtomNamespace)),
                                        atomText(child(node, "content", AtomNamespace)) });
        feed.items.append(entry);
    }
    return feed;
}

Feed rssFeed(xmlNode *root, bool rdf)
{
    Feed feed;
    feed.kind = rdf ? FeedKind::Rdf : FeedKind::Rss;
    xmlNode *channel = child(root, "channel");
    feed.title = readable(childText(channel, "title"));
    feed.link = childText(channel, "link");
    // RSS 2.0: items inside the channel; RSS 1.0 and 0.90: beside it.
    for (xmlNode *holder : { channel, root }) {
        for (xmlNode *node = holder ? holder->children : nullptr; node; node = node->next) {
            if (hasName(node, "item"))
                feed.items.append(rssItem(node, feed.link, rdf));
        }
        if (!feed.items.isEmpty())
            break;
    }
    return feed;
}

QString jsonString(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().trimmed();
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    return {};
}

Result<Feed> jsonFeed(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(QStringLiteral("the JSON Feed is not valid JSON (%1 at byte %2)")
                        .arg(error.errorString())
                        .arg(error.offset));
    const QJsonObject root = document.object();
    if (!root.value(QStringLiteral("version"))
             .toString()
             .startsWith(QLatin1String("https://jsonfeed.org/version/")))
        return fail(QStringLiteral("a JSON document without a JSON Feed version"));
    Feed feed;
    feed.kind = FeedKind::Json;
    feed.title = jsonString(root.value(QStringLiteral("title")));
    feed.link = jsonString(root.value(QStringLiteral("home_page_url")));
    const QString base =
        firstNonEmpty({ feed.link, jsonString(root.value(QStringLiteral("feed_url"))) });
    for (const QJsonValue &value : root.value(QStringLiteral("items")).toArray()) {
        const QJsonObject item = value.toObject();
        FeedItem entry;
        entry.title = jsonString(item.value(QStringLiteral("title")));
        entry.link =
            resolved(base,
                     firstNonEmpty({ jsonString(item.value(QStringLiteral("url"))),
                                     jsonString(item.value(QStringLiteral("external_url"))) }));
        entry.id = firstNonEmpty(
            { jsonString(item.value(QStringLiteral("id"))), entry.link, entry.title });
        entry.published =
            normalizedFeedDate(jsonString(item.value(QStringLiteral("date_published"))));
        entry.updated = normalizedFeedDate(jsonString(item.value(QStringLiteral("date_modified"))));
        entry.summary =
            firstNonEmpty({ jsonString(item.value(QStringLiteral("summary"))).simplified(),
                            jsonString(item.value(QStringLiteral("content_text"))).simplified(),
                            readable(jsonString(item.value(QStringLiteral("content_html")))) });
        feed.items.append(entry);
    }
    return feed;
}

} // namespace

QString feedKindName(FeedKind kind)
{
    switch (kind) {
    case FeedKind::Rss:
        return QStringLiteral("rss");
    case FeedKind::Rdf:
        return QStringLiteral("rdf");
    case FeedKind::Atom:
        return QStringLiteral("atom");
    case FeedKind::Json:
        return QStringLiteral("json");
    }
    return {};
}

QString normalizedFeedDate(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    QDateTime instant = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!instant.isValid()) {
        // RFC 822 as feeds write it: named zones Qt does not know are
        // mapped to offsets first ("GMT", "EST", …).
        static const QRegularExpression namedZone(QStringLiteral("\\s([A-Z]{1,4})$"));
        QString rfc = trimmed;
        const QRegularExpressionMatch zone = namedZone.match(rfc);
        if (zone.hasMatch()) {
            static const QHash<QString, QString> offsets {
                { QStringLiteral("GMT"), QStringLiteral("+0000") },
                { QStringLiteral("UT"), QStringLiteral("+0000") },
                { QStringLiteral("UTC"), QStringLiteral("+0000") },
                { QStringLiteral("Z"), QStringLiteral("+0000") },
                { QStringLiteral("EST"), QStringLiteral("-0500") },
                { QStringLiteral("EDT"), QStringLiteral("-0400") },
                { QStringLiteral("CST"), QStringLiteral("-0600") },
                { QStringLiteral("CDT"), QStringLiteral("-0500") },
                { QStringLiteral("MST"), QStringLiteral("-0700") },
                { QStringLiteral("MDT"), QStringLiteral("-0600") },
                { QStringLiteral("PST"), QStringLiteral("-0800") },
                { QStringLiteral("PDT"), QStringLiteral("-0700") },
            };
            const auto offset = offsets.constFind(zone.captured(1));
            if (offset != offsets.cend())
                rfc = rfc.left(zone.capturedStart(1)) + *offset;
        }
        instant = QDateTime::fromString(rfc, Qt::RFC2822Date);
    }
    if (!instant.isValid())
        return {};
    return instant.toUTC().toString(Qt::ISODate);
}

Result<Feed> parseFeed(const QByteArray &text)
{
    const QByteArray trimmed = text.trimmed();
    if (trimmed.startsWith('{'))
        return jsonFeed(trimmed);
    if (text.size() > INT_MAX)
        return fail(QStringLiteral("the feed is larger than 2 GiB"));
    // No network, no external entities, no DTD loading; libxml2's own
    // limits on entity expansion and depth stay on (no XML_PARSE_HUGE).
    const std::unique_ptr<xmlDoc, void (*)(xmlDoc *)> document(
        xmlReadMemory(text.constData(), int(text.size()), nullptr, nullptr,
                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                          XML_PARSE_RECOVER | XML_PARSE_NOCDATA),
        xmlFreeDoc);
    xmlNode *root = document ? xmlDocGetRootElement(document.get()) : nullptr;
    if (!root)
        return fail(QStringLiteral("not an RSS, Atom or JSON Feed document (not XML or JSON, or "
                                   "too large for the run's memory)"));
    if (hasName(root, "feed", AtomNamespace))
        return atomFeed(root);
    if (hasName(root, "rss"))
        return rssFeed(root, false);
    if (hasName(root, "RDF", RdfNamespace))
        return rssFeed(root, true);
    return fail(QStringLiteral("not an RSS, Atom or JSON Feed document (its root is <%1>)")
                    .arg(QString::fromUtf8(reinterpret_cast<const char *>(root->name))));
}

} // namespace hearth::lua
