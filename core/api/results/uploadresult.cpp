#include "api/results/uploadresult.h"

#include "api/results/jsonfields.h"
#include "api/results/responsebody.h"

#include <QJsonArray>

namespace ik {

QJsonValue UploadResult::field(const QString &name) const
{
    return json::field(fields, name);
}

UploadResult UploadResult::fromJson(const QJsonObject &object)
{
    UploadResult result;
    result.fileId = json::string(object, QLatin1String("fileId"));
    result.name = json::string(object, QLatin1String("name"));
    result.url = json::string(object, QLatin1String("url"));
    result.thumbnailUrl = json::string(object, QLatin1String("thumbnailUrl"));
    result.filePath = json::string(object, QLatin1String("filePath"));
    result.fileType = json::string(object, QLatin1String("fileType"));
    result.description = json::string(object, QLatin1String("description"));
    result.tags = json::stringList(object, QLatin1String("tags"));
    for (const QJsonValue &tag : object.value(QLatin1String("AITags")).toArray())
        result.aiTags.append(AiTag::fromJson(tag.toObject()));
    result.versionInfo = VersionInfo::fromJson(json::object(object, QLatin1String("versionInfo")));
    result.customCoordinates = json::string(object, QLatin1String("customCoordinates"));
    result.customMetadata = json::object(object, QLatin1String("customMetadata"));
    result.embeddedMetadata = json::object(object, QLatin1String("embeddedMetadata"));
    result.extensionStatus = json::object(object, QLatin1String("extensionStatus"));
    result.isPrivateFile = json::boolean(object, QLatin1String("isPrivateFile"));
    result.height = json::integer(object, QLatin1String("height"));
    result.width = json::integer(object, QLatin1String("width"));
    result.size = json::integer(object, QLatin1String("size"));
    result.orientation = json::integer(object, QLatin1String("orientation"));
    result.fields = object;
    return result;
}

std::optional<UploadResult> UploadResult::fromResponse(const ResponseMetadata &metadata, QString *why)
{
    QJsonObject object;
    if (!responseObject(metadata, &object, why))
        return std::nullopt;
    UploadResult result = fromJson(object);
    result.metadata = metadata;
    return result;
}

} // namespace ik
