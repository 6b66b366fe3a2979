#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace ikemu {

// One stored version of a file. The current version has isCurrent = true; older versions keep
// their own versionId and bytes but share fileId, folder and name with the current one.
struct FileRecord {
    QString versionId;
    QString fileId;
    bool isCurrent = true;
    int versionNumber = 1;
    QString folder;                 // "/" or "/a/b"
    QString name;
    QString fileType;               // "image" or "non-image"
    QString mime;
    QString format;                 // "jpg", "png", ...
    qint64 size = 0;
    int width = 0;
    int height = 0;
    bool hasAlpha = false;
    bool hasTransparency = false;
    QString pHash;
    QStringList tags;
    QJsonArray aiTags;              // [{name, confidence, source}]
    QString customCoordinates;      // null QString when unset
    QJsonObject customMetadata;
    QJsonObject embeddedMetadata;
    QString description;
    bool isPrivate = false;
    bool isPublished = true;
    QString blobId;
    qint64 createdAt = 0;           // ms since epoch
    qint64 updatedAt = 0;

    QString filePath() const;
    bool isImage() const { return fileType == QLatin1String("image"); }

    // The file as the management API returns it. `deliveryBase` is
    // "http://127.0.0.1:<port>/<url-endpoint-id>" so that url/thumbnail point at this emulator.
    QJsonObject toJson(const QString &deliveryBase) const;
};

// A folder of the media library.
struct FolderRecord {
    QString folderId;
    QString path;                   // "/a/b"
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QJsonObject customMetadata;

    QString name() const;
    QJsonObject toJson() const;
};

// ISO 8601 with milliseconds in UTC, as ImageKit writes dates: 2022-06-15T08:19:00.843Z.
QString isoTimestamp(qint64 msSinceEpoch);

// 24 lower-case hex digits, the shape of ImageKit's ids.
QString newObjectId();

} // namespace ikemu
