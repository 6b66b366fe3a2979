#include "api/results/renameresult.h"

#include "api/results/jsonfields.h"
#include "api/results/responsebody.h"

namespace ik {

QJsonValue RenameResult::field(const QString &name) const
{
    return json::field(fields, name);
}

RenameResult RenameResult::fromJson(const QJsonObject &object)
{
    RenameResult result;
    result.purgeRequestId = json::string(object, QLatin1String("purgeRequestId"));
    result.fields = object;
    return result;
}

std::optional<RenameResult> RenameResult::fromResponse(const ResponseMetadata &metadata, QString *why)
{
    QJsonObject object;
    if (!responseObject(metadata, &object, why, true))
        return std::nullopt;
    RenameResult result = fromJson(object);
    result.metadata = metadata;
    return result;
}

} // namespace ik
