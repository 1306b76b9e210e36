#pragma once

#include <QString>
#include <QStringList>

namespace hearth {

// Splits an SQL script into statements. Qt's SQLite driver runs one statement
// per exec(), and linking SQLite directly for sqlite3_exec() would be another
// dependency. Understands quotes ('…', "…", `…`, […]), comments (-- and /* */)
// and CREATE TRIGGER bodies (BEGIN … END;), which is all our migrations use.
QStringList splitSqlStatements(const QString &script);

} // namespace hearth
