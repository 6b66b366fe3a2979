#include "api/results/purgerequest.h"

#include "api/results/jsonfields.h"
#include "api/results/responsebody.h"

namespace ik {

QJsonValue PurgeRequest::field(const QString &name) const
{
    return json::field(fields, name);
}

PurgeRequest PurgeRequest::fromJson(const QJsonObject &object)
{
    PurgeRequest result;
    result.requestId = json::string(object, QLatin1String("requestId"));
    result.fields = object;
    return result;
}

std::optional<PurgeRequest> PurgeRequest::fromResponse(const ResponseMetadata &metadata, QString *why)
{
    QJsonObject object;
    if (!responseObject(metadata, &object, why, false))
        return std::nullopt;
    PurgeRequest result = fromJson(object);
    result.metadata = metadata;
    return result;
}

} // namespace ik
