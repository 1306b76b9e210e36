#include "Paths.h"

#include <QDir>
#include <QStandardPaths>

namespace hearth {

QString defaultDataDir()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base).filePath(QStringLiteral("Hearth"));
}

} // namespace hearth
