#pragma once

#include <QList>
#include <QLocale>

class QObject;
class QTranslator;

namespace hearth::ui {

// Installs Qt's own translations and Hearth's (translations/*.ts, compiled
// in under :/i18n) for `locale`; strings without a translation stay in
// English. Returns the translators it installed, owned by `owner`.
QList<QTranslator *> installTranslations(QObject *owner, const QLocale &locale = QLocale());

} // namespace hearth::ui
