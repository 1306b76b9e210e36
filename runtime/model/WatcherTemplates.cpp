#include "WatcherTemplates.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace hearth::scheduler {

namespace {

const TemplateParam UrlParam { "url", ParamType::Url, true,
                               QT_TRANSLATE_NOOP("WatcherTemplates",
                                                 "The address to watch (http or https)") };

QString typeName(ParamType type)
{
    switch (type) {
    case ParamType::Url:
    case ParamType::Text:
    case ParamType::Choice:
        return QStringLiteral("string");
    case ParamType::Number:
        return QStringLiteral("number");
    }
    return {};
}

Result<QJsonValue, FieldError> checked(const TemplateParam &param, const QJsonValue &value)
{
    const QString field = QStringLiteral("params.") + QLatin1String(param.name);
    switch (param.type) {
    case ParamType::Number:
        if (!value.isDouble())
            return fail(FieldError { field, QStringLiteral("must be a number") });
        return value;
    case ParamType::Url: {
        const QUrl url(value.toString(), QUrl::StrictMode);
        if (!value.isString() || !url.isValid() ||
            (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
            return fail(FieldError { field, QStringLiteral("must be an http:// or https:// URL") });
        return value;
    }
    case ParamType::Text:
        if (!value.isString() || value.toString().isEmpty())
            return fail(FieldError { field, QStringLiteral("must be a non-empty string") });
        return value;
    case ParamType::Choice:
        if (!param.choices.contains(value.toString()))
            return fail(FieldError { field,
                                     QStringLiteral("must be one of ") +
                                         param.choices.join(QStringLiteral(", ")) });
        return value;
    }
    return value;
}

// A Lua long string that `text` cannot end early.
QString longString(const QString &text)
{
    QString level;
    while (text.contains(u']' + level + u']'))
        level += u'=';
    return u'[' + level + u'[' + text + u']' + level + u']';
}

} // namespace

// Titles and descriptions are marked for translation: the tray shows them
// in the user's language (translations/ reads this file too).
const QList<WatcherTemplate> &watcherTemplates()
{
    static const QList<WatcherTemplate> templates {
        { "page_change",
          QT_TRANSLATE_NOOP("WatcherTemplates", "Page change"),
          QT_TRANSLATE_NOOP(
              "WatcherTemplates",
              "Tells what was added to (or removed from) a page, or a part of it, since the last "
              "check."),
          { UrlParam,
            { "selector", ParamType::Text, false,
              QT_TRANSLATE_NOOP("WatcherTemplates",
                                "Only this part of the page (a CSS selector)") },
            { "xpath", ParamType::Text, false,
              QT_TRANSLATE_NOOP("WatcherTemplates", "Only this part of the page (an XPath)") },
            { "notify_on",
              ParamType::Choice,
              false,
              QT_TRANSLATE_NOOP("WatcherTemplates", "What to tell about"),
              { QStringLiteral("added"), QStringLiteral("removed"), QStringLiteral("any") },
              QStringLiteral("any") },
            { "ignore_text", ParamType::Text, false,
              QT_TRANSLATE_NOOP("WatcherTemplates", "Lines containing this do not count") },
            { "trigger_text", ParamType::Text, false,
              QT_TRANSLATE_NOOP("WatcherTemplates",
                                "Tell only when an added line contains this") } } },
        { "value_watch",
          QT_TRANSLATE_NOOP("WatcherTemplates", "Value watch"),
          QT_TRANSLATE_NOOP("WatcherTemplates",
                            "Follows one value of a page or a JSON API, such as a price, and tells "
                            "when it changes, "
                            "crosses a threshold or moves by a percentage."),
          { UrlParam,
            { "selector", ParamType::Text, false,
              QT_TRANSLATE_NOOP("WatcherTemplates", "Where the value is on the page (CSS)") },
            { "jq", ParamType::Text, false,
              QT_TRANSLATE_NOOP("WatcherTemplates",
                                "Where the value is in the JSON answer (a jq path)") },
            { "kind",
              ParamType::Choice,
              false,
              QT_TRANSLATE_NOOP("WatcherTemplates", "Read the value as"),
              { QStringLiteral("number"), QStringLiteral("text") },
              QStringLiteral("number") },
            { "notify",
              ParamType::Choice,
              false,
              QT_TRANSLATE_NOOP("WatcherTemplates", "When to tell"),
              { QStringLiteral("change"), QStringLiteral("above"), QStringLiteral("below"),
                QStringLiteral("change_pct") },
              QStringLiteral("change") },
            { "threshold", ParamType::Number, false,
              QT_TRANSLATE_NOOP("WatcherTemplates", "For above and below") },
            { "percent", ParamType::Number, false,
              QT_TRANSLATE_NOOP("WatcherTemplates", "For change_pct: the smallest move, in %") } },
          { { "notify", "above", "threshold" },
            { "notify", "below", "threshold" },
            { "notify", "change_pct", "percent" } } },
        { "feed",
          QT_TRANSLATE_NOOP("WatcherTemplates", "Feed"),
          QT_TRANSLATE_NOOP("WatcherTemplates",
                            "Tells about the new items of an RSS, Atom or JSON feed, once each."),
          { UrlParam,
            { "keyword", ParamType::Text, false,
              QT_TRANSLATE_NOOP("WatcherTemplates",
                                "Only items whose title or summary contains this") } } },
        { "json_api_change",
          QT_TRANSLATE_NOOP("WatcherTemplates", "JSON API change"),
          QT_TRANSLATE_NOOP(
              "WatcherTemplates",
              "Tells when the part of a JSON API's answer a jq path selects changes."),
          { UrlParam,
            { "jq", ParamType::Text, true,
              QT_TRANSLATE_NOOP("WatcherTemplates", "What to compare (a jq path, . for all)") } } },
        { "site_up_down",
          QT_TRANSLATE_NOOP("WatcherTemplates", "Site up/down"),
          QT_TRANSLATE_NOOP("WatcherTemplates",
                            "Tells when a site stops answering as it should, and when it is back."),
          { UrlParam,
            { "status",
              ParamType::Number,
              false,
              QT_TRANSLATE_NOOP("WatcherTemplates", "The expected HTTP status"),
              {},
              200 },
            { "must_contain", ParamType::Text, false,
              QT_TRANSLATE_NOOP("WatcherTemplates", "Text the page must contain") },
            { "max_latency_ms", ParamType::Number, false,
              QT_TRANSLATE_NOOP("WatcherTemplates",
                                "Slower answers count as down (milliseconds)") },
            { "timeout_s",
              ParamType::Number,
              false,
              QT_TRANSLATE_NOOP("WatcherTemplates", "How long to wait for an answer"),
              {},
              30 } } },
    };
    return templates;
}

QJsonObject paramsSchema(const WatcherTemplate &recipe)
{
    QJsonObject properties;
    QJsonArray required;
    int position = 0;
    for (const TemplateParam &param : recipe.params) {
        // JSON objects have no order: propertyOrder (json-editor's keyword)
        // says where a form shows the field.
        QJsonObject property { { QStringLiteral("type"), typeName(param.type) },
                               { QStringLiteral("description"),
                                 QString::fromUtf8(param.description) },
                               { QStringLiteral("propertyOrder"), ++position } };
        if (param.type == ParamType::Url)
            property.insert(QStringLiteral("format"), QStringLiteral("uri"));
        if (param.type == ParamType::Text)
            property.insert(QStringLiteral("minLength"), 1);
        if (param.type == ParamType::Choice)
            property.insert(QStringLiteral("enum"), QJsonArray::fromStringList(param.choices));
        if (!param.defaultValue.isUndefined() && !param.defaultValue.isNull())
            property.insert(QStringLiteral("default"), param.defaultValue);
        properties.insert(QLatin1String(param.name), property);
        if (param.required)
            required.append(QLatin1String(param.name));
    }
    QJsonObject schema { { QStringLiteral("type"), QStringLiteral("object") },
                         { QStringLiteral("properties"), properties },
                         { QStringLiteral("required"), required },
                         { QStringLiteral("additionalProperties"), false } };
    // A parameter one choice needs ("above" needs "threshold"), as JSON
    // Schema says it: if notify is "above", then threshold is required.
    QJsonArray conditions;
    for (const auto &[param, value, needs] : recipe.dependencies) {
        conditions.append(QJsonObject {
            { QStringLiteral("if"),
              QJsonObject { { QStringLiteral("properties"),
                              QJsonObject { { QLatin1String(param),
                                              QJsonObject { { QStringLiteral("const"),
                                                              QLatin1String(value) } } } } },
                            { QStringLiteral("required"), QJsonArray { QLatin1String(param) } } } },
            { QStringLiteral("then"),
              QJsonObject {
                  { QStringLiteral("required"), QJsonArray { QLatin1String(needs) } } } } });
    }
    if (!conditions.isEmpty())
        schema.insert(QStringLiteral("allOf"), conditions);
    return schema;
}

Result<QJsonObject, FieldError> expandTemplate(const QString &name, const QJsonObject &params)
{
    const WatcherTemplate *recipe = nullptr;
    for (const WatcherTemplate &candidate : watcherTemplates()) {
        if (name == QLatin1String(candidate.name))
            recipe = &candidate;
    }
    if (!recipe) {
        QStringList names;
        for (const WatcherTemplate &candidate : watcherTemplates())
            names.append(QLatin1String(candidate.name));
        return fail(
            FieldError { QStringLiteral("template"),
                         QStringLiteral("must be one of ") + names.join(QStringLiteral(", ")) });
    }
    QJsonObject values;
    for (auto it = params.begin(); it != params.end(); ++it) {
        const auto known = std::find_if(
            recipe->params.cbegin(), recipe->params.cend(),
            [&it](const TemplateParam &param) { return it.key() == QLatin1String(param.name); });
        if (known == recipe->params.cend())
            return fail(FieldError { QStringLiteral("params.") + it.key(),
                                     QStringLiteral("is not a parameter of ") + name });
    }
    for (const TemplateParam &param : recipe->params) {
        const QJsonValue given = params.value(QLatin1String(param.name));
        if (given.isUndefined() || given.isNull()) {
            if (param.required)
                return fail(FieldError { QStringLiteral("params.") + QLatin1String(param.name),
                                         QStringLiteral("is required") });
            if (!param.defaultValue.isUndefined() && !param.defaultValue.isNull())
                values.insert(QLatin1String(param.name), param.defaultValue);
            continue;
        }
        auto value = checked(param, given);
        if (!value)
            return fail(value.error());
        values.insert(QLatin1String(param.name), value.value());
    }
    for (const auto &[param, value, needs] : recipe->dependencies) {
        if (values.value(QLatin1String(param)).toString() == QLatin1String(value) &&
            !values.contains(QLatin1String(needs)))
            return fail(FieldError { QStringLiteral("params.") + QLatin1String(needs),
                                     QStringLiteral("is required when %1 is %2")
                                         .arg(QLatin1String(param), QLatin1String(value)) });
    }
    // Where the value is: one of the two ways, not both.
    const bool bySelector = values.contains(QStringLiteral("selector"));
    if (bySelector &&
        (values.contains(QStringLiteral("xpath")) ||
         (values.contains(QStringLiteral("jq")) && name == u"value_watch")))
        return fail(FieldError { QStringLiteral("params.selector"),
                                 QStringLiteral("give either selector or the other, not both") });
    if (name == u"value_watch" && !bySelector && !values.contains(QStringLiteral("jq")))
        return fail(FieldError { QStringLiteral("params.selector"),
                                 QStringLiteral("give selector (a page) or jq (a JSON API)") });

    QFile source(QStringLiteral(":/hearth/templates/") + QLatin1String(recipe->name) +
                 QStringLiteral(".lua"));
    if (!source.open(QIODevice::ReadOnly))
        return fail(
            FieldError { QStringLiteral("template"), QStringLiteral("is missing its script") });
    const QString parameters =
        QString::fromUtf8(QJsonDocument(values).toJson(QJsonDocument::Compact));
    const QString script = QStringLiteral("local P = json.decode(") + longString(parameters) +
        QStringLiteral(")\n") + QString::fromUtf8(source.readAll());
    const QString host = QUrl(values.value(QStringLiteral("url")).toString()).host();
    const QString title = QLatin1String(recipe->title) + QStringLiteral(": ") + host;
    return QJsonObject { { QStringLiteral("name"), title },
                         { QStringLiteral("schedule"),
                           QJsonObject { { QStringLiteral("every_s"), 900 } } },
                         { QStringLiteral("script"), script } };
}

} // namespace hearth::scheduler
