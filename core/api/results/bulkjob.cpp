#include "api/results/bulkjob.h"

#include "api/results/jsonfields.h"
#include "api/results/responsebody.h"

namespace ik {

QJsonValue BulkJob::field(const QString &name) const
{
    return json::field(fields, name);
}

BulkJob BulkJob::fromJson(const QJsonObject &object)
{
    BulkJob result;
    result.jobId = json::string(object, QLatin1String("jobId"));
    result.fields = object;
    return result;
}

std::optional<BulkJob> BulkJob::fromResponse(const ResponseMetadata &metadata, QString *why)
{
    QJsonObject object;
    if (!responseObject(metadata, &object, why, false))
        return std::nullopt;
    BulkJob result = fromJson(object);
    result.metadata = metadata;
    return result;
}

} // namespace ik
