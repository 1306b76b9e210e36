#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
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

} // namespace hearth::ui
