#pragma once

#include <QList>
#include <QLocale>
#include <QStringList>

class QObject;
class QTranslator;

namespace hearth::ui {

// Installs Qt's own translations and Hearth's (translations/*.ts, compiled
// in under :/i18n) for `locale`; strings without a translation stay in
// English. Returns the translators it installed, owned by `owner`.
QList<QTranslator *> installTranslations(QObject *owner, const QLocale &locale = QLocale());

// The languages the tray is shipped in (English and every compiled-in
// translation), by their BCP 47 names ("en", "de").
QStringList shippedLanguages();
// The language picked in Settings ("" follows the system), kept for the user
// (not per data folder).
QString chosenLanguage();
void setChosenLanguage(const QString &language);
// What to install translations for: the picked language, else the system's.
QLocale chosenLocale();

} // namespace hearth::ui
