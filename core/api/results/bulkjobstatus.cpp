#include "api/results/bulkjobstatus.h"

#include "api/results/jsonfields.h"
#include "api/results/responsebody.h"

namespace ik {

QJsonValue BulkJobStatus::field(const QString &name) const
{
    return json::field(fields, name);
}

BulkJobStatus BulkJobStatus::fromJson(const QJsonObject &object)
{
    BulkJobStatus result;
    result.jobId = json::string(object, QLatin1String("jobId"));
    result.type = json::string(object, QLatin1String("type"));
    result.status = json::string(object, QLatin1String("status"));
    result.purgeRequestId = json::string(object, QLatin1String("purgeRequestId"));
    result.fields = object;
    return result;
}

std::optional<BulkJobStatus> BulkJobStatus::fromResponse(const ResponseMetadata &metadata, QString *why)
{
    QJsonObject object;
    if (!responseObject(metadata, &object, why, false))
        return std::nullopt;
    BulkJobStatus result = fromJson(object);
    result.metadata = metadata;
    return result;
}

} // namespace ik
