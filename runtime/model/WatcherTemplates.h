#pragma once

#include "core/Result.h"
#include "core/Validation.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <array>

// Recipes for watchers that need no code: each makes a watcher's fields (a
// name, a schedule and a Lua script using the SDK) from a few parameters.
// The parameters' JSON Schema comes from the same table that checks them,
// so the API, the tray, the CLI and agents build forms from one source. The
// script is stored as Lua, visible and editable like any other.
namespace hearth::scheduler {

enum class ParamType { Url, Text, Number, Choice };

struct TemplateParam
{
    const char *name;
    ParamType type;
    bool required;
    const char *description;
    QStringList choices = {}; // Choice
    QJsonValue defaultValue = {}; // filled in when absent
};

struct WatcherTemplate
{
    const char *name; // "page_change"
    const char *title;
    const char *description;
    QList<TemplateParam> params;
    // Which of a template's optional parameters must be given together with
    // a value of another ("above" needs "threshold"): param, value, needs.
    QList<std::array<const char *, 3>> dependencies = {};
};

const QList<WatcherTemplate> &watcherTemplates();

// A template's parameters as a JSON Schema object.
QJsonObject paramsSchema(const WatcherTemplate &recipe);

// The watcher fields `template` makes from `params`: name (from the URL's
// host), schedule (every 15 minutes) and script. Errors name the field
// ("template", "params.url").
Result<QJsonObject, FieldError> expandTemplate(const QString &name, const QJsonObject &params);

} // namespace hearth::scheduler
