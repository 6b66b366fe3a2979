#pragma once

#include "api/apierror.h"
#include "api/results/exifgroup.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace ik {

// Technical metadata of an image or video (get file metadata, remote URL metadata), with the
// EXIF groups. Fields the server leaves out stay empty.
struct FileMetadata
{
    std::optional<qint64> height;
    std::optional<qint64> width;
    std::optional<qint64> size;
    QString format;
    std::optional<bool> hasColorProfile;
    std::optional<qint64> quality;
    std::optional<qint64> density;
    std::optional<bool> hasTransparency;
    QString pHash;                  // 64-bit perceptual hash, hex
    std::optional<qint64> bitRate;  // videos
    std::optional<double> duration;
    QString audioCodec;
    QString videoCodec;

    ExifGroup image;
    ExifGroup thumbnail;
    ExifGroup exif;
    ExifGroup gps;
    ExifGroup interoperability;
    ExifGroup makernote;

    QJsonObject fields;
    ResponseMetadata metadata;

    QJsonValue field(const QString &name) const;
    static FileMetadata fromJson(const QJsonObject &object);
    static std::optional<FileMetadata> fromResponse(const ResponseMetadata &metadata, QString *why);
};

} // namespace ik
