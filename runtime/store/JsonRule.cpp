#include "JsonRule.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

namespace hearth {

namespace {

// This thread's in-memory connection, removed when the thread ends
// (thread_local destructors run before Qt tears down its per-thread data).
class JsonConnection
{
public:
    JsonConnection()
        : m_name(QStringLiteral("hearth-json-") +
                 QString::number(reinterpret_cast<quintptr>(QThread::currentThreadId()), 16))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(QStringLiteral(":memory:"));
        db.open();
    }
    ~JsonConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    JsonConnection(const JsonConnection &) = delete;
    JsonConnection &operator=(const JsonConnection &) = delete;

    QSqlDatabase database() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
};

} // namespace

bool isStrictJson(const QByteArray &text)
{
    thread_local JsonConnection connection;
    QSqlQuery query(connection.database());
    query.prepare(QStringLiteral("SELECT json_valid(?)"));
    query.addBindValue(QString::fromUtf8(text));
    return query.exec() && query.next() && query.value(0).toInt() == 1;
}

} // namespace hearth
