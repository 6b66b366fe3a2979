#pragma once

#include "api/apierror.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace ik {

// State of a purge request.
struct PurgeStatus
{
    QString status;               // "Pending" or "Completed"

    bool isCompleted() const { return status == QLatin1String("Completed"); }
    QJsonObject fields;           // the object as received, unknown keys included
    ResponseMetadata metadata;

    // Any field by wire name or seed snake_case name; undefined when absent.
    QJsonValue field(const QString &name) const;
    static PurgeStatus fromJson(const QJsonObject &object);
    static std::optional<PurgeStatus> fromResponse(const ResponseMetadata &metadata, QString *why);
};

} // namespace ik
