#include "store/filerecord.h"

#include "store/librarypaths.h"

#include <QDateTime>
#include <QTimeZone>
#include <QUuid>

namespace ikemu {

QString isoTimestamp(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString newObjectId()
{
    return QUuid::createUuid().toString(QUuid::Id128).left(24);
}

QString FileRecord::filePath() const
{
    return LibraryPaths::join(folder, name);
}

QJsonObject FileRecord::toJson(const QString &deliveryBase) const
{
    const QString path = filePath();
    QString url = deliveryBase + path;
    QString thumbnail = deliveryBase + QStringLiteral("/tr:n-ik_ml_thumbnail") + path;
    if (!isCurrent) {
        const QString versionQuery = QStringLiteral("?ik-obj-version=") + versionId;
        url += versionQuery;
        thumbnail += versionQuery;
    }
    QJsonObject json;
    json.insert(QStringLiteral("type"), isCurrent ? QStringLiteral("file") : QStringLiteral("file-version"));
    json.insert(QStringLiteral("name"), name);
    json.insert(QStringLiteral("createdAt"), isoTimestamp(createdAt));
    json.insert(QStringLiteral("updatedAt"), isoTimestamp(updatedAt));
    json.insert(QStringLiteral("fileId"), fileId);
    json.insert(QStringLiteral("tags"), tags.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QJsonArray::fromStringList(tags)));
    json.insert(QStringLiteral("AITags"), aiTags.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(aiTags));
    json.insert(QStringLiteral("versionInfo"),
                QJsonObject{{QStringLiteral("id"), versionId},
                            {QStringLiteral("name"), QStringLiteral("Version %1").arg(versionNumber)}});
    json.insert(QStringLiteral("embeddedMetadata"), embeddedMetadata);
    json.insert(QStringLiteral("customCoordinates"),
                customCoordinates.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(customCoordinates));
    json.insert(QStringLiteral("customMetadata"), customMetadata);
    json.insert(QStringLiteral("description"), description);
    json.insert(QStringLiteral("isPrivateFile"), isPrivate);
    json.insert(QStringLiteral("isPublished"), isPublished);
    json.insert(QStringLiteral("url"), url);
    json.insert(QStringLiteral("thumbnail"), thumbnail);
    json.insert(QStringLiteral("fileType"), fileType);
    json.insert(QStringLiteral("filePath"), path);
    json.insert(QStringLiteral("height"), height);
    json.insert(QStringLiteral("width"), width);
    json.insert(QStringLiteral("size"), size);
    json.insert(QStringLiteral("hasAlpha"), hasAlpha);
    json.insert(QStringLiteral("mime"), mime);
    // Not part of ImageKit's File model, but handy for search (`format`, `transparency`).
    json.insert(QStringLiteral("format"), format);
    json.insert(QStringLiteral("hasTransparency"), hasTransparency);
    return json;
}

QString FolderRecord::name() const
{
    return LibraryPaths::nameOf(path);
}

QJsonObject FolderRecord::toJson() const
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("folder")},
                       {QStringLiteral("name"), name()},
                       {QStringLiteral("folderPath"), path},
                       {QStringLiteral("folderId"), folderId},
                       {QStringLiteral("customMetadata"), customMetadata},
                       {QStringLiteral("createdAt"), isoTimestamp(createdAt)},
                       {QStringLiteral("updatedAt"), isoTimestamp(updatedAt)}};
}

} // namespace ikemu
