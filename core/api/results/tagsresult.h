#pragma once

#include "api/apierror.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace ik {

// Answer of add tags, remove tags and remove AI tags: the files that were updated.
struct TagsResult
{
    QStringList successfullyUpdatedFileIds;
    QJsonObject fields;           // the object as received, unknown keys included
    ResponseMetadata metadata;

    // Any field by wire name or seed snake_case name; undefined when absent.
    QJsonValue field(const QString &name) const;
    static TagsResult fromJson(const QJsonObject &object);
    static std::optional<TagsResult> fromResponse(const ResponseMetadata &metadata, QString *why);
};

} // namespace ik
