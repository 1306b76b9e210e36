#include "Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QSettings>
#include <QTranslator>

namespace hearth::ui {

QList<QTranslator *> installTranslations(QObject *owner, const QLocale &locale)
{
    QList<QTranslator *> installed;
    const auto install = [&](const QString &name, const QString &directory) {
        auto *translator = new QTranslator(owner);
        if (translator->load(locale, name, QStringLiteral("_"), directory) &&
            QCoreApplication::installTranslator(translator))
            installed.append(translator);
        else
            delete translator;
    };
    install(QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    install(QStringLiteral("hearth"), QStringLiteral(":/i18n"));
    return installed;
}

QStringList shippedLanguages()
{
    QStringList languages { QStringLiteral("en") };
    for (const QString &file :
         QDir(QStringLiteral(":/i18n")).entryList({ QStringLiteral("hearth_*.qm") })) {
        languages.append(file.mid(7, file.size() - 7 - 3)); // hearth_<language>.qm
    }
    return languages;
}

QString chosenLanguage()
{
    const QString language = QSettings().value(QStringLiteral("language")).toString();
    return shippedLanguages().contains(language) ? language : QString();
}

void setChosenLanguage(const QString &language)
{
    if (language.isEmpty())
        QSettings().remove(QStringLiteral("language"));
    else
        QSettings().setValue(QStringLiteral("language"), language);
}

QLocale chosenLocale()
{
    const QString language = chosenLanguage();
    return language.isEmpty() ? QLocale() : QLocale(language);
}

} // namespace hearth::ui
