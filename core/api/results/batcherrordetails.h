#pragma once

#include "api/apierror.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace ik {

// The typed details of a failed or partly failed batch operation (bulk delete, add/remove
// tags, remove AI tags), read from the error body:
// - 207 PartialSuccess: the ids that succeeded and {fileId, error} per failed file;
// - 404 NotFound: `missingFileIds`, the ids the server does not know.
struct BatchErrorDetails
{
    struct ItemError
    {
        QString fileId;
        QString error;
    };

    QStringList succeededFileIds;   // successfullyUpdatedFileIds / successfullyDeletedFileIds
    QList<ItemError> itemErrors;
    QStringList missingFileIds;

    bool isEmpty() const { return succeededFileIds.isEmpty() && itemErrors.isEmpty() && missingFileIds.isEmpty(); }
    static BatchErrorDetails fromError(const ApiError &error);
};

} // namespace ik
