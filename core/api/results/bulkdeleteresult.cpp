#include "api/results/bulkdeleteresult.h"

#include "api/results/jsonfields.h"
#include "api/results/responsebody.h"

namespace ik {

QJsonValue BulkDeleteResult::field(const QString &name) const
{
    return json::field(fields, name);
}

BulkDeleteResult BulkDeleteResult::fromJson(const QJsonObject &object)
{
    BulkDeleteResult result;
    result.successfullyDeletedFileIds = json::stringList(object, QLatin1String("successfullyDeletedFileIds"));
    result.fields = object;
    return result;
}

std::optional<BulkDeleteResult> BulkDeleteResult::fromResponse(const ResponseMetadata &metadata, QString *why)
{
    QJsonObject object;
    if (!responseObject(metadata, &object, why, false))
        return std::nullopt;
    BulkDeleteResult result = fromJson(object);
    result.metadata = metadata;
    return result;
}

} // namespace ik
