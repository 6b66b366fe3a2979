#pragma once

#include "api/apierror.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace ik {

// Answer of purge cache: the id to poll with purge status.
struct PurgeRequest
{
    QString requestId;
    QJsonObject fields;           // the object as received, unknown keys included
    ResponseMetadata metadata;

    // Any field by wire name or seed snake_case name; undefined when absent.
    QJsonValue field(const QString &name) const;
    static PurgeRequest fromJson(const QJsonObject &object);
    static std::optional<PurgeRequest> fromResponse(const ResponseMetadata &metadata, QString *why);
};

} // namespace ik
