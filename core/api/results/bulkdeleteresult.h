#pragma once

#include "api/apierror.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace ik {

// Answer of bulk delete: the files that were deleted.
struct BulkDeleteResult
{
    QStringList successfullyDeletedFileIds;
    QJsonObject fields;           // the object as received, unknown keys included
    ResponseMetadata metadata;

    // Any field by wire name or seed snake_case name; undefined when absent.
    QJsonValue field(const QString &name) const;
    static BulkDeleteResult fromJson(const QJsonObject &object);
    static std::optional<BulkDeleteResult> fromResponse(const ResponseMetadata &metadata, QString *why);
};

} // namespace ik
