#include "api/results/batcherrordetails.h"

#include "api/results/jsonfields.h"

#include <QJsonArray>
#include <QJsonObject>

namespace ik {

BatchErrorDetails BatchErrorDetails::fromError(const ApiError &error)
{
    BatchErrorDetails details;
    const QJsonObject body = error.body().toObject();
    details.succeededFileIds = json::stringList(body, QLatin1String("successfullyUpdatedFileIds"));
    details.succeededFileIds += json::stringList(body, QLatin1String("successfullyDeletedFileIds"));
    details.missingFileIds = json::stringList(body, QLatin1String("missingFileIds"));
    const QJsonValue errors = body.value(QLatin1String("errors"));
    if (errors.isArray()) {
        for (const QJsonValue &entry : errors.toArray()) {
            const QJsonObject item = entry.toObject();
            const QJsonValue message = item.value(QLatin1String("error"));
            details.itemErrors.append({json::string(item, QLatin1String("fileId")),
                                       message.isString() ? message.toString() : json::string(item, QLatin1String("message"))});
        }
    } else if (errors.isObject()) {
        // Some endpoints send {fileId: message}.
        const QJsonObject map = errors.toObject();
        for (auto it = map.constBegin(); it != map.constEnd(); ++it)
            details.itemErrors.append({it.key(), it.value().toString()});
    }
    return details;
}

} // namespace ik
