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

// What the upload API answers. Fields the request's responseFields did not ask for are absent
// and stay empty (the reference SDK crashes on a missing AITags or versionInfo; we do not).
struct UploadResult
{
    QString fileId;
    QString name;
    QString url;
    QString thumbnailUrl;
    QString filePath;
    QString fileType;
    QString description;
    QStringList tags;
    QList<AiTag> aiTags;
    VersionInfo versionInfo;
    QString customCoordinates;
    QJsonObject customMetadata;
    QJsonObject embeddedMetadata;   // as sent ("XResolution", "DateCreated", ...)
    QJsonObject extensionStatus;
    std::optional<bool> isPrivateFile;
    std::optional<qint64> height;
    std::optional<qint64> width;
    std::optional<qint64> size;
    std::optional<qint64> orientation;
    QJsonObject fields;
    ResponseMetadata metadata;

    QJsonValue field(const QString &name) const;
    static UploadResult fromJson(const QJsonObject &object);
    static std::optional<UploadResult> fromResponse(const ResponseMetadata &metadata, QString *why);
};

} // namespace ik
