#pragma once

#include "core/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace hearth {

struct Migration
{
    int version = 0;
    QString name; // file name, e.g. "0001_initial.sql"
    QByteArray script; // UTF-8 SQL
};

// Applies numbered .sql files (NNNN_name.sql, from 0001 without gaps) in
// order, each in its own BEGIN IMMEDIATE transaction together with its row in
// schema_migrations, so a crash leaves either all of a migration or none.
class Migrator
{
public:
    explicit Migrator(QString directory);

    Result<QList<Migration>> migrations() const;
    Result<int> latestVersion() const;
    // The highest applied version; 0 for an empty database. Only reads.
    Result<int> appliedVersion(QSqlDatabase &db) const;
    // Applies what is pending and returns the resulting version.
    Result<int> migrate(QSqlDatabase &db) const;

private:
    QString m_directory;
};

} // namespace hearth
