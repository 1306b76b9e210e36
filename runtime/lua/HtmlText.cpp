#include "HtmlText.h"

#include <QSet>
#include <QStringList>
#include <climits>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <memory>

namespace hearth::lua {

namespace {

bool isNamed(const xmlNode *node, const char *name)
{
    return node->name && xmlStrcasecmp(node->name, BAD_CAST name) == 0;
}

bool isDropped(const xmlNode *node)
{
    return isNamed(node, "script") || isNamed(node, "style") || isNamed(node, "template") ||
        isNamed(node, "head");
}

// Table cells: words apart, on their row's line.
bool isCell(const xmlNode *node)
{
    return isNamed(node, "td") || isNamed(node, "th");
}

// Elements a browser lays out as blocks: their text starts and ends a line.
bool isBlock(const xmlNode *node)
{
    static const QSet<QByteArray> blocks {
        "address", "article", "aside", "blockquote", "body",     "caption",    "dd",     "details",
        "dialog",  "div",     "dl",    "dt",         "fieldset", "figcaption", "figure", "footer",
        "form",    "h1",      "h2",    "h3",         "h4",       "h5",         "h6",     "header",
        "hgroup",  "hr",      "html",  "legend",     "li",       "main",       "nav",    "ol",
        "option",  "p",       "pre",   "section",    "summary",  "table",      "tbody",  "tfoot",
        "thead",   "title",   "tr",    "ul",
    };
    return blocks.contains(QByteArray(reinterpret_cast<const char *>(node->name)).toLower());
}

xmlNode *bodyOf(xmlDoc *document)
{
    xmlNode *root = xmlDocGetRootElement(document);
    if (!root)
        return nullptr;
    for (xmlNode *child = root->children; child; child = child->next) {
        if (child->type == XML_ELEMENT_NODE && isNamed(child, "body"))
            return child;
    }
    return root;
}

} // namespace

QString readableText(xmlNode *node)
{
    if (node && node->type == XML_HTML_DOCUMENT_NODE)
        node = bodyOf(reinterpret_cast<xmlDoc *>(node));
    if (!node)
        return {};
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE ||
        node->type == XML_ATTRIBUTE_NODE) {
        xmlChar *content = xmlNodeGetContent(node);
        const QString text =
            QString::fromUtf8(reinterpret_cast<const char *>(content)).simplified();
        xmlFree(content);
        return text;
    }
    // Iterative, depth-first: a page may nest deeper than a stack would like.
    QString raw;
    xmlNode *current = node;
    bool descend = true;
    while (current) {
        if (descend) {
            if (current->type == XML_ELEMENT_NODE && current != node && isDropped(current)) {
                descend = false;
                continue;
            }
            if (current->type == XML_ELEMENT_NODE) {
                if (isBlock(current) || isNamed(current, "br"))
                    raw += u'\n';
                else if (isCell(current))
                    raw += u' ';
            } else if (current->type == XML_TEXT_NODE || current->type == XML_CDATA_SECTION_NODE) {
                // A newline in the source is a space on the page: only
                // blocks start lines.
                QString text = QString::fromUtf8(reinterpret_cast<const char *>(current->content));
                for (QChar &c : text) {
                    if (c.isSpace())
                        c = u' ';
                }
                raw += text;
            }
            if (current->type == XML_ELEMENT_NODE && current->children) {
                current = current->children;
                continue;
            }
            descend = false;
            continue;
        }
        // Leaving `current`.
        if (current->type == XML_ELEMENT_NODE && isBlock(current))
            raw += u'\n';
        else if (current->type == XML_ELEMENT_NODE && isCell(current))
            raw += u' ';
        if (current == node)
            break;
        if (current->next) {
            current = current->next;
            descend = true;
        } else {
            current = current->parent;
        }
    }
    QStringList lines;
    for (const QStringView line : QStringView(raw).split(u'\n')) {
        const QString simplified = line.toString().simplified();
        if (!simplified.isEmpty())
            lines.append(simplified);
    }
    return lines.join(u'\n');
}

QString readableTextOfHtml(const QByteArray &html)
{
    if (!html.contains('<') && !html.contains('&'))
        return QString::fromUtf8(html).simplified();
    const std::unique_ptr<xmlDoc, void (*)(xmlDoc *)> document(
        htmlReadMemory(
            html.constData(), int(qMin<qsizetype>(html.size(), INT_MAX)), nullptr, "UTF-8",
            HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET),
        xmlFreeDoc);
    return document ? readableText(reinterpret_cast<xmlNode *>(document.get())) : QString();
}

} // namespace hearth::lua
