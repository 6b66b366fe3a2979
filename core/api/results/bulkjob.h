#pragma once

#include "api/apierror.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace ik {

// Answer of copy, move and rename folder: the bulk job to poll with bulk job status.
struct BulkJob
{
    QString jobId;
    QJsonObject fields;           // the object as received, unknown keys included
    ResponseMetadata metadata;

    // Any field by wire name or seed snake_case name; undefined when absent.
    QJsonValue field(const QString &name) const;
    static BulkJob fromJson(const QJsonObject &object);
    static std::optional<BulkJob> fromResponse(const ResponseMetadata &metadata, QString *why);
};

} // namespace ik
