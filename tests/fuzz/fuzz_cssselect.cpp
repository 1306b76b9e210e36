// libFuzzer: any text as a CSS selector. cssToXPath either refuses it with
// a position inside the text, or gives an XPath libxml2 compiles and
// evaluates on a small page — a selector we accept never becomes an
// expression the engine rejects.
#include "lua/CssSelector.h"

#include <cstdlib>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

namespace {

void ignore(void *, xmlError *) { }

xmlDoc *page()
{
    static xmlDoc *document = [] {
        const char html[] = "<html><body><div id=a class='x y'><p lang=en>t<a href=/u>l</a></p>"
                            "<ul><li>1</li><li class=s>2</li></ul></div></body></html>";
        return htmlReadMemory(html, int(sizeof(html) - 1), nullptr, "UTF-8",
                              HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    }();
    return document;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString selector =
        QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto xpath = hearth::lua::cssToXPath(selector);
    if (!xpath) {
        if (xpath.error().position < 0 || xpath.error().position > selector.size())
            std::abort();
        return 0;
    }
    xmlSetStructuredErrorFunc(nullptr, ignore);
    xmlXPathContext *context = xmlXPathNewContext(page());
    const QByteArray expression = xpath.value().toUtf8();
    xmlXPathObject *result = xmlXPathEvalExpression(BAD_CAST expression.constData(), context);
    if (!result || result->type != XPATH_NODESET)
        std::abort();
    xmlXPathFreeObject(result);
    xmlXPathFreeContext(context);
    return 0;
}
