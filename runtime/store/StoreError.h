#pragma once

#include <QString>

namespace hearth {

// Why a repository write did not happen: the database failed, or the data
// said no (an unknown id, a taken name, a run in the wrong state, a field
// that refers to what does not fit). The API maps the codes to 500, 404,
// 409 and 422.
struct StoreError
{
    enum Code { Storage, NotFound, Conflict, Invalid };
    Code code = Storage;
    QString message;
    QString field; // Invalid: the field at fault ("trigger.after")

    static StoreError storage(QString message) { return { Storage, std::move(message), {} }; }
    static StoreError notFound(QString message) { return { NotFound, std::move(message), {} }; }
    static StoreError conflict(QString message) { return { Conflict, std::move(message), {} }; }
    static StoreError invalid(QString field, QString message)
    {
        return { Invalid, std::move(message), std::move(field) };
    }
};

} // namespace hearth
