#pragma once

#include "api/apierror.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace ik {

// Answer of rename file: the purge request started for the old URLs, if any.
struct RenameResult
{
    QString purgeRequestId;       // set when purgeCache was asked for
    QJsonObject fields;           // the object as received, unknown keys included
    ResponseMetadata metadata;

    // Any field by wire name or seed snake_case name; undefined when absent.
    QJsonValue field(const QString &name) const;
    static RenameResult fromJson(const QJsonObject &object);
    static std::optional<RenameResult> fromResponse(const ResponseMetadata &metadata, QString *why);
};

} // namespace ik
