#pragma once

#include <QJsonObject>
#include <QString>

namespace ik {

// A folder entry of a listing with type=folder or type=all.
struct FolderItem
{
    QString folderId;
    QString name;
    QString folderPath;
    QString createdAt;
    QString updatedAt;
    QJsonObject customMetadata;
    QJsonObject fields;           // the object as received

    static FolderItem fromJson(const QJsonObject &object);
};

} // namespace ik
