#pragma once

#include <QString>

namespace hearth {

// Why a repository write did not happen: the database failed, or the data
// said no (an unknown id, a taken name, a run in the wrong state). The API
// maps the codes to 500, 404 and 409.
struct StoreError
{
    enum Code { Storage, NotFound, Conflict };
    Code code = Storage;
    QString message;

    static StoreError storage(QString message) { return { Storage, std::move(message) }; }
    static StoreError notFound(QString message) { return { NotFound, std::move(message) }; }
    static StoreError conflict(QString message) { return { Conflict, std::move(message) }; }
};

} // namespace hearth
