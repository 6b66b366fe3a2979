#include "api/results/tagsresult.h"

#include "api/results/jsonfields.h"
#include "api/results/responsebody.h"

namespace ik {

QJsonValue TagsResult::field(const QString &name) const
{
    return json::field(fields, name);
}

TagsResult TagsResult::fromJson(const QJsonObject &object)
{
    TagsResult result;
    result.successfullyUpdatedFileIds = json::stringList(object, QLatin1String("successfullyUpdatedFileIds"));
    result.fields = object;
    return result;
}

std::optional<TagsResult> TagsResult::fromResponse(const ResponseMetadata &metadata, QString *why)
{
    QJsonObject object;
    if (!responseObject(metadata, &object, why, false))
        return std::nullopt;
    TagsResult result = fromJson(object);
    result.metadata = metadata;
    return result;
}

} // namespace ik
