#include "api/results/filemetadata.h"

#include "api/results/jsonfields.h"
#include "api/results/responsebody.h"

namespace ik {

QJsonValue FileMetadata::field(const QString &name) const
{
    return json::field(fields, name);
}

FileMetadata FileMetadata::fromJson(const QJsonObject &object)
{
    FileMetadata result;
    result.height = json::integer(object, QLatin1String("height"));
    result.width = json::integer(object, QLatin1String("width"));
    result.size = json::integer(object, QLatin1String("size"));
    result.format = json::string(object, QLatin1String("format"));
    result.hasColorProfile = json::boolean(object, QLatin1String("hasColorProfile"));
    result.quality = json::integer(object, QLatin1String("quality"));
    result.density = json::integer(object, QLatin1String("density"));
    result.hasTransparency = json::boolean(object, QLatin1String("hasTransparency"));
    result.pHash = json::string(object, QLatin1String("pHash"));
    result.bitRate = json::integer(object, QLatin1String("bitRate"));
    result.duration = json::number(object, QLatin1String("duration"));
    result.audioCodec = json::string(object, QLatin1String("audioCodec"));
    result.videoCodec = json::string(object, QLatin1String("videoCodec"));
    const QJsonObject exif = json::object(object, QLatin1String("exif"));
    result.image.tags = json::object(exif, QLatin1String("image"));
    result.thumbnail.tags = json::object(exif, QLatin1String("thumbnail"));
    result.exif.tags = json::object(exif, QLatin1String("exif"));
    result.gps.tags = json::object(exif, QLatin1String("gps"));
    result.interoperability.tags = json::object(exif, QLatin1String("interoperability"));
    result.makernote.tags = json::object(exif, QLatin1String("makernote"));
    result.fields = object;
    return result;
}

std::optional<FileMetadata> FileMetadata::fromResponse(const ResponseMetadata &metadata, QString *why)
{
    QJsonObject object;
    if (!responseObject(metadata, &object, why))
        return std::nullopt;
    FileMetadata result = fromJson(object);
    result.metadata = metadata;
    return result;
}

} // namespace ik
