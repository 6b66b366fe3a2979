#include "api/results/fileitem.h"

#include "api/results/jsonfields.h"
#include "api/results/responsebody.h"

#include <QJsonArray>

namespace ik {

QJsonValue FileItem::field(const QString &name) const
{
    return json::field(fields, name);
}

FileItem FileItem::fromJson(const QJsonObject &object)
{
    FileItem item;
    item.type = json::string(object, QLatin1String("type"));
    item.fileId = json::string(object, QLatin1String("fileId"));
    item.name = json::string(object, QLatin1String("name"));
    item.filePath = json::string(object, QLatin1String("filePath"));
    item.url = json::string(object, QLatin1String("url"));
    item.thumbnail = json::string(object, QLatin1String("thumbnail"));
    item.fileType = json::string(object, QLatin1String("fileType"));
    item.mime = json::string(object, QLatin1String("mime"));
    item.createdAt = json::string(object, QLatin1String("createdAt"));
    item.updatedAt = json::string(object, QLatin1String("updatedAt"));
    item.description = json::string(object, QLatin1String("description"));
    item.tags = json::stringList(object, QLatin1String("tags"));
    // AITags may be absent, null, "" or an array: only an array has tags.
    for (const QJsonValue &tag : object.value(QLatin1String("AITags")).toArray())
        item.aiTags.append(AiTag::fromJson(tag.toObject()));
    item.versionInfo = VersionInfo::fromJson(json::object(object, QLatin1String("versionInfo")));
    item.customCoordinates = json::string(object, QLatin1String("customCoordinates"));
    item.customMetadata = json::object(object, QLatin1String("customMetadata"));
    item.embeddedMetadata = json::object(object, QLatin1String("embeddedMetadata"));
    item.extensionStatus = json::object(object, QLatin1String("extensionStatus"));
    item.isPrivateFile = json::boolean(object, QLatin1String("isPrivateFile"));
    item.isPublished = json::boolean(object, QLatin1String("isPublished"));
    item.hasAlpha = json::boolean(object, QLatin1String("hasAlpha"));
    item.height = json::integer(object, QLatin1String("height"));
    item.width = json::integer(object, QLatin1String("width"));
    item.size = json::integer(object, QLatin1String("size"));
    item.fields = object;
    return item;
}

std::optional<FileItem> FileItem::fromResponse(const ResponseMetadata &metadata, QString *why)
{
    QJsonObject object;
    if (!responseObject(metadata, &object, why))
        return std::nullopt;
    FileItem result = fromJson(object);
    result.metadata = metadata;
    return result;
}

} // namespace ik
