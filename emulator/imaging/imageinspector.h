#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace ikemu {

// Facts about an uploaded file, read from its real bytes. Non-images get isImage = false and
// only the format/mime guessed from the name.
struct ImageInfo {
    bool isImage = false;
    int width = 0;
    int height = 0;
    QByteArray format;      // "jpg", "png", "webp", "gif", "svg", "bmp"...; file extension for non-images
    QByteArray mime;        // "image/jpeg", ...; "application/octet-stream" when unknown
    bool hasAlpha = false;          // the pixel format carries an alpha channel
    bool hasTransparency = false;   // at least one pixel is not fully opaque
    bool hasColorProfile = false;   // an embedded ICC profile
    int quality = 0;                // estimated JPEG quality (0 when unknown / not JPEG)
    int density = 72;               // dots per inch from the file, 72 when absent
    QString pHash;                  // 16 hex digits, empty for non-images
    // EXIF as the metadata API groups it: image, thumbnail, exif, gps, interoperability, makernote.
    QJsonObject exif;
    // Embedded text metadata Qt exposes (PNG tEXt, JPEG comments...), key -> value.
    QJsonObject embedded;
};

// Inspects `bytes` (fileName is used for the format of non-images and as a decoding hint).
ImageInfo inspectImage(const QByteArray &bytes, const QString &fileName);

// The body of GET /v1/files/{id}/metadata: height, width, size, format, hasColorProfile, quality,
// density, hasTransparency, pHash, exif{...}. For a non-image: size and format only plus exif {}.
QJsonObject metadataJson(const ImageInfo &info, qint64 size);

} // namespace ikemu
