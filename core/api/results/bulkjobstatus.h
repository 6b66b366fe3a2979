#pragma once

#include "api/apierror.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace ik {

// State of a folder bulk job.
struct BulkJobStatus
{
    QString jobId;
    QString type;                 // COPY_FOLDER, MOVE_FOLDER, RENAME_FOLDER
    QString status;               // "Pending", "Completed"
    QString purgeRequestId;       // rename folder with purgeCache

    bool isCompleted() const { return status == QLatin1String("Completed"); }
    QJsonObject fields;           // the object as received, unknown keys included
    ResponseMetadata metadata;

    // Any field by wire name or seed snake_case name; undefined when absent.
    QJsonValue field(const QString &name) const;
    static BulkJobStatus fromJson(const QJsonObject &object);
    static std::optional<BulkJobStatus> fromResponse(const ResponseMetadata &metadata, QString *why);
};

} // namespace ik
