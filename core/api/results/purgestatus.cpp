#include "api/results/purgestatus.h"

#include "api/results/jsonfields.h"
#include "api/results/responsebody.h"

namespace ik {

QJsonValue PurgeStatus::field(const QString &name) const
{
    return json::field(fields, name);
}

PurgeStatus PurgeStatus::fromJson(const QJsonObject &object)
{
    PurgeStatus result;
    result.status = json::string(object, QLatin1String("status"));
    result.fields = object;
    return result;
}

std::optional<PurgeStatus> PurgeStatus::fromResponse(const ResponseMetadata &metadata, QString *why)
{
    QJsonObject object;
    if (!responseObject(metadata, &object, why, false))
        return std::nullopt;
    PurgeStatus result = fromJson(object);
    result.metadata = metadata;
    return result;
}

} // namespace ik
