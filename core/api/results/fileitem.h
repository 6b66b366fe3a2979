#pragma once

#include "api/apierror.h"
#include "api/results/aitag.h"
#include "api/results/versioninfo.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ik {

// A file or a file version as the management API describes it (list, details, versions,
// update, restore). Absent fields stay empty: AITags or versionInfo missing means "none".
struct FileItem
{
    QString type;                 // "file" or "file-version"
    QString fileId;
    QString name;
    QString filePath;
    QString url;
    QString thumbnail;
    QString fileType;             // "image" or "non-image"
    QString mime;
    QString createdAt;            // ISO 8601, as sent
    QString updatedAt;
    QString description;
    QStringList tags;
    QList<AiTag> aiTags;
    VersionInfo versionInfo;
    QString customCoordinates;    // "x,y,width,height" or empty
    QJsonObject customMetadata;
    QJsonObject embeddedMetadata; // as sent, keys not converted
    QJsonObject extensionStatus;
    std::optional<bool> isPrivateFile;
    std::optional<bool> isPublished;
    std::optional<bool> hasAlpha;
    std::optional<qint64> height;
    std::optional<qint64> width;
    std::optional<qint64> size;
    QJsonObject fields;           // the object as received (every key, including unknown ones)
    ResponseMetadata metadata;    // set when the file is the whole response

    // Any field by wire name or seed snake_case name ("file_health"); undefined when absent.
    QJsonValue field(const QString &name) const;

    static FileItem fromJson(const QJsonObject &object);
    // The response must be one JSON object.
    static std::optional<FileItem> fromResponse(const ResponseMetadata &metadata, QString *why);
};

} // namespace ik
