// The SDK's html module: html.parse(text, url?) → a document, searched with
// CSS selectors (translated to XPath, CssSelector.h) or XPath, both run by
// libxml2 — the parser and XPath engine lxml uses. Documents and nodes are
// userdata; a node keeps its document alive. libxml2's memory is the run's
// (XmlMemory.h).
#include "CssSelector.h"
#include "HtmlText.h"
#include "LuaJson.h"
#include "LuaSupport.h"
#include "SdkModule.h"

#include <QSet>
#include <QUrl>
#include <climits>
#include <cmath>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xpath.h>
#include <memory>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace hearth::lua {

namespace {

constexpr const char *DocumentType = "hearth.html.document";
constexpr const char *NodeType = "hearth.html.node";

struct DocumentBox
{
    xmlDoc *document = nullptr;
};

struct NodeBox
{
    xmlNode *node = nullptr;
};

struct XPathObjectFree
{
    void operator()(xmlXPathObject *object) const { xmlXPathFreeObject(object); }
};
struct XPathContextFree
{
    void operator()(xmlXPathContext *context) const { xmlXPathFreeContext(context); }
};
struct XmlFree
{
    void operator()(xmlChar *text) const { xmlFree(text); }
};
using XmlText = std::unique_ptr<xmlChar, XmlFree>;

void pushUtf8(lua_State *L, const QByteArray &utf8)
{
    lua_pushlstring(L, utf8.constData(), size_t(utf8.size()));
}

void pushXmlText(lua_State *L, const xmlChar *text)
{
    lua_pushstring(L, text ? reinterpret_cast<const char *>(text) : "");
}

// What a method was called on: the node (a document is its own root) and
// the stack index of the document's userdata.
struct Target
{
    xmlNode *node;
    xmlDoc *document;
    int documentIndex;
};

Target checkTarget(lua_State *L, const char *method)
{
    if (auto *box = static_cast<DocumentBox *>(luaL_testudata(L, 1, DocumentType))) {
        if (!box->document)
            luaL_error(L, "%s: the document is closed", method);
        return { reinterpret_cast<xmlNode *>(box->document), box->document, 1 };
    }
    if (auto *box = static_cast<NodeBox *>(luaL_testudata(L, 1, NodeType))) {
        lua_getiuservalue(L, 1, 1);
        const int documentIndex = lua_gettop(L);
        auto *document = static_cast<DocumentBox *>(lua_touserdata(L, documentIndex));
        return { box->node, document->document, documentIndex };
    }
    luaL_error(L, "%s: call it on a document or a node, with ':'", method);
    std::abort(); // luaL_error does not return
}

void pushNode(lua_State *L, int documentIndex, xmlNode *node)
{
    if (node->type == XML_HTML_DOCUMENT_NODE || node->type == XML_DOCUMENT_NODE) {
        lua_pushvalue(L, documentIndex);
        return;
    }
    auto *box = static_cast<NodeBox *>(lua_newuserdatauv(L, sizeof(NodeBox), 1));
    box->node = node;
    luaL_setmetatable(L, NodeType);
    lua_pushvalue(L, documentIndex);
    lua_setiuservalue(L, -2, 1);
}

// An XPath result's node: elements as nodes, attributes and text as their
// string values.
void pushResultNode(lua_State *L, int documentIndex, xmlNode *node)
{
    if (node->type == XML_ELEMENT_NODE || node->type == XML_HTML_DOCUMENT_NODE ||
        node->type == XML_DOCUMENT_NODE) {
        pushNode(L, documentIndex, node);
        return;
    }
    const XmlText content(xmlNodeGetContent(node));
    pushXmlText(L, content.get());
}

struct XPathErrors
{
    QString first;
    int position = -1;
};

void collectXPathError(void *userData, xmlError *error)
{
    auto *errors = static_cast<XPathErrors *>(userData);
    if (errors->first.isEmpty() && error && error->message) {
        errors->first = QString::fromUtf8(error->message).trimmed();
        errors->position = error->int1;
    }
}

// libxml2 formats an XPath error's message only for the structured error
// handler (its context's own callback gets the code alone), so one is set
// around an evaluation.
class XPathErrorCapture
{
public:
    explicit XPathErrorCapture(XPathErrors *errors)
    {
        xmlSetStructuredErrorFunc(errors, collectXPathError);
    }
    ~XPathErrorCapture() { xmlSetStructuredErrorFunc(nullptr, nullptr); }
    XPathErrorCapture(const XPathErrorCapture &) = delete;
    XPathErrorCapture &operator=(const XPathErrorCapture &) = delete;
};

// Evaluates `expression` from the target node; raises the engine's message
// on a bad expression.
std::unique_ptr<xmlXPathObject, XPathObjectFree> evaluate(lua_State *L, const Target &target,
                                                          const QByteArray &expression,
                                                          const char *method,
                                                          const QString &shownExpression)
{
    std::unique_ptr<xmlXPathContext, XPathContextFree> context(xmlXPathNewContext(target.document));
    if (!context)
        raiseText(L, QStringLiteral("%1: not enough memory").arg(QLatin1String(method)));
    context->node = target.node;
    XPathErrors errors;
    std::unique_ptr<xmlXPathObject, XPathObjectFree> result;
    {
        const XPathErrorCapture capture(&errors);
        result.reset(xmlXPathEvalExpression(BAD_CAST expression.constData(), context.get()));
    }
    if (!result) {
        const QString where = errors.position >= 0
            ? QStringLiteral(" at position %1").arg(errors.position + 1)
            : QString();
        raiseText(
            L,
            QStringLiteral("%1: %2 in \"%3\"%4")
                .arg(QLatin1String(method),
                     errors.first.isEmpty() ? QStringLiteral("cannot evaluate") : errors.first,
                     shownExpression, where));
    }
    return result;
}

// Pushes the nodes of a node-set as an array.
void pushNodeSet(lua_State *L, const Target &target, const xmlNodeSet *nodes)
{
    const int count = nodes ? nodes->nodeNr : 0;
    lua_createtable(L, count, 0);
    markAsArray(L, -1);
    for (int i = 0; i < count; ++i) {
        pushResultNode(L, target.documentIndex, nodes->nodeTab[i]);
        lua_rawseti(L, -2, i + 1);
    }
}

QString cssXPath(lua_State *L, const char *method, const QString &selector)
{
    auto xpath = cssToXPath(selector);
    if (!xpath) {
        raiseText(L,
                  QStringLiteral("%1: bad CSS selector \"%2\" at position %3: %4")
                      .arg(QLatin1String(method), selector)
                      .arg(xpath.error().position + 1)
                      .arg(xpath.error().message));
    }
    return xpath.value();
}

int documentSelect(lua_State *L)
{
    const Target target = checkTarget(L, "node:select");
    const QString selector = QString::fromUtf8(checkedBytes(L, 2));
    const QString xpath = cssXPath(L, "select", selector);
    const auto result = evaluate(L, target, xpath.toUtf8(), "select", selector);
    pushNodeSet(L, target, result->type == XPATH_NODESET ? result->nodesetval : nullptr);
    return 1;
}

int documentSelectOne(lua_State *L)
{
    const Target target = checkTarget(L, "node:select_one");
    const QString selector = QString::fromUtf8(checkedBytes(L, 2));
    const QString xpath = cssXPath(L, "select_one", selector);
    const auto result =
        evaluate(L, target, (xpath + QStringLiteral("[1]")).toUtf8(), "select_one", selector);
    const xmlNodeSet *nodes = result->type == XPATH_NODESET ? result->nodesetval : nullptr;
    if (!nodes || nodes->nodeNr == 0)
        lua_pushnil(L);
    else
        pushResultNode(L, target.documentIndex, nodes->nodeTab[0]);
    return 1;
}

int documentXPath(lua_State *L)
{
    const Target target = checkTarget(L, "node:xpath");
    const QByteArray expression = checkedBytes(L, 2);
    const auto result = evaluate(L, target, expression, "xpath", QString::fromUtf8(expression));
    switch (result->type) {
    case XPATH_NODESET:
        pushNodeSet(L, target, result->nodesetval);
        break;
    case XPATH_BOOLEAN:
        lua_pushboolean(L, result->boolval);
        break;
    case XPATH_NUMBER:
        // The range check comes first: converting a larger double (or NaN) to
        // an integer is undefined.
        if (std::abs(result->floatval) < 9e15 &&
            result->floatval == double(qint64(result->floatval)))
            lua_pushinteger(L, lua_Integer(result->floatval));
        else
            lua_pushnumber(L, result->floatval);
        break;
    case XPATH_STRING:
        pushXmlText(L, result->stringval);
        break;
    default:
        lua_pushnil(L);
        break;
    }
    return 1;
}

int nodeText(lua_State *L)
{
    const Target target = checkTarget(L, "node:text");
    pushUtf8(L, readableText(target.node).toUtf8());
    return 1;
}

int nodeAttr(lua_State *L)
{
    const Target target = checkTarget(L, "node:attr");
    const QByteArray name = checkedBytes(L, 2).toLower();
    if (target.node->type != XML_ELEMENT_NODE) {
        lua_pushnil(L);
        return 1;
    }
    const XmlText value(xmlGetProp(target.node, BAD_CAST name.constData()));
    if (value)
        pushXmlText(L, value.get());
    else
        lua_pushnil(L);
    return 1;
}

int nodeName(lua_State *L)
{
    const Target target = checkTarget(L, "node:name");
    if (target.node->type == XML_ELEMENT_NODE)
        pushXmlText(L, target.node->name);
    else
        lua_pushliteral(L, "#document");
    return 1;
}

int nodePath(lua_State *L)
{
    const Target target = checkTarget(L, "node:path");
    const XmlText path(xmlGetNodePath(target.node));
    pushXmlText(L, path.get());
    return 1;
}

int nodeHtml(lua_State *L)
{
    const Target target = checkTarget(L, "node:html");
    if (target.node == reinterpret_cast<xmlNode *>(target.document)) {
        xmlChar *memory = nullptr;
        int size = 0;
        htmlDocDumpMemoryFormat(target.document, &memory, &size, 0);
        const XmlText owned(memory);
        if (!memory)
            raiseText(L, QStringLiteral("html: not enough memory"));
        lua_pushlstring(L, reinterpret_cast<const char *>(memory), size_t(size));
        return 1;
    }
    std::unique_ptr<xmlBuffer, void (*)(xmlBuffer *)> buffer(xmlBufferCreate(), xmlBufferFree);
    if (!buffer)
        raiseText(L, QStringLiteral("html: not enough memory"));
    xmlOutputBuffer *output = xmlOutputBufferCreateBuffer(buffer.get(), nullptr);
    if (!output)
        raiseText(L, QStringLiteral("html: not enough memory"));
    htmlNodeDumpFormatOutput(output, target.document, target.node, nullptr, 0);
    xmlOutputBufferClose(output);
    lua_pushlstring(L, reinterpret_cast<const char *>(xmlBufferContent(buffer.get())),
                    size_t(xmlBufferLength(buffer.get())));
    return 1;
}

// The document's address for relative links: <base href> (itself resolved
// against the page's URL), else the page's URL.
QUrl baseUrlOf(xmlDoc *document)
{
    const QUrl page = document->URL
        ? QUrl(QString::fromUtf8(reinterpret_cast<const char *>(document->URL)))
        : QUrl();
    std::unique_ptr<xmlXPathContext, XPathContextFree> context(xmlXPathNewContext(document));
    if (!context)
        return page;
    std::unique_ptr<xmlXPathObject, XPathObjectFree> base(
        xmlXPathEvalExpression(BAD_CAST "string((//base[@href])[1]/@href)", context.get()));
    if (!base || base->type != XPATH_STRING || !base->stringval || !*base->stringval)
        return page;
    const QUrl declared(
        QString::fromUtf8(reinterpret_cast<const char *>(base->stringval)).trimmed());
    return page.isEmpty() ? declared : page.resolved(declared);
}

int nodeLinks(lua_State *L)
{
    const Target target = checkTarget(L, "node:links");
    std::unique_ptr<xmlXPathContext, XPathContextFree> context(xmlXPathNewContext(target.document));
    if (!context)
        raiseText(L, QStringLiteral("links: not enough memory"));
    context->node = target.node;
    std::unique_ptr<xmlXPathObject, XPathObjectFree> hrefs(xmlXPathEvalExpression(
        BAD_CAST "descendant-or-self::*[self::a or self::area]/@href", context.get()));
    const QUrl base = baseUrlOf(target.document);
    QSet<QString> seen;
    lua_newtable(L);
    markAsArray(L, -1);
    lua_Integer index = 0;
    const xmlNodeSet *nodes = hrefs && hrefs->type == XPATH_NODESET ? hrefs->nodesetval : nullptr;
    for (int i = 0; nodes && i < nodes->nodeNr; ++i) {
        const XmlText value(xmlNodeGetContent(nodes->nodeTab[i]));
        const QString href =
            QString::fromUtf8(reinterpret_cast<const char *>(value.get())).trimmed();
        if (href.isEmpty() || href.startsWith(QLatin1String("javascript:"), Qt::CaseInsensitive))
            continue;
        const QUrl url(href);
        const QString absolute =
            (base.isEmpty() ? url : base.resolved(url)).toString(QUrl::FullyEncoded);
        if (seen.contains(absolute))
            continue;
        seen.insert(absolute);
        pushUtf8(L, absolute.toUtf8());
        lua_rawseti(L, -2, ++index);
    }
    return 1;
}

int nodeToString(lua_State *L)
{
    if (luaL_testudata(L, 1, DocumentType)) {
        lua_pushliteral(L, "html document");
        return 1;
    }
    const auto *box = static_cast<NodeBox *>(luaL_checkudata(L, 1, NodeType));
    lua_pushfstring(L, "html node <%s>",
                    box->node->name ? reinterpret_cast<const char *>(box->node->name) : "?");
    return 1;
}

int documentCollect(lua_State *L)
{
    auto *box = static_cast<DocumentBox *>(luaL_checkudata(L, 1, DocumentType));
    if (box->document) {
        xmlFreeDoc(box->document);
        box->document = nullptr;
    }
    return 0;
}

int htmlParse(lua_State *L)
{
    size_t length = 0;
    const char *text = luaL_checklstring(L, 1, &length);
    const char *url = luaL_optstring(L, 2, nullptr);
    if (length > size_t(INT_MAX))
        raiseText(L, QStringLiteral("html.parse: the text is larger than 2 GiB"));
    // Declared before the parse: its allocation must not fail after it.
    auto *box = static_cast<DocumentBox *>(lua_newuserdatauv(L, sizeof(DocumentBox), 0));
    box->document = nullptr;
    luaL_setmetatable(L, DocumentType);
    // UTF-8 when the text is (a body from http.get is); otherwise libxml2
    // reads the page's own <meta charset>, else Windows-1252.
    const bool utf8 = QUtf8StringView(QByteArrayView(text, qsizetype(length))).isValidUtf8();
    box->document = htmlReadMemory(text, int(length), url, utf8 ? "UTF-8" : nullptr,
                                   HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                       HTML_PARSE_NONET | HTML_PARSE_COMPACT);
    if (!box->document)
        raiseText(L,
                  QStringLiteral("html.parse: the page could not be parsed (or did not fit "
                                 "in the run's memory)"));
    return 1;
}

void registerType(lua_State *L, const char *name, bool document)
{
    luaL_newmetatable(L, name);
    const luaL_Reg methods[] = {
        { "select", documentSelect }, { "select_one", documentSelectOne },
        { "xpath", documentXPath },   { "text", nodeText },
        { "attr", nodeAttr },         { "html", nodeHtml },
        { "links", nodeLinks },       { "name", nodeName },
        { "path", nodePath },
    };
    lua_newtable(L);
    for (const luaL_Reg &method : methods) {
        lua_pushcfunction(L, method.func);
        lua_setfield(L, -2, method.name);
    }
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, nodeToString);
    lua_setfield(L, -2, "__tostring");
    if (document) {
        lua_pushcfunction(L, documentCollect);
        lua_setfield(L, -2, "__gc");
    }
    // Scripts cannot reach or change it (getmetatable gives this instead).
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
}

} // namespace

void openSdk_html(lua_State *L, const SdkEnvironment &)
{
    registerType(L, DocumentType, true);
    registerType(L, NodeType, false);
    lua_newtable(L);
    lua_pushcfunction(L, htmlParse);
    lua_setfield(L, -2, "parse");
    lua_setglobal(L, "html");
}

} // namespace hearth::lua
