#include "api/results/folderitem.h"

#include "api/results/jsonfields.h"

namespace ik {

FolderItem FolderItem::fromJson(const QJsonObject &object)
{
    FolderItem folder;
    folder.folderId = json::string(object, QLatin1String("folderId"));
    folder.name = json::string(object, QLatin1String("name"));
    folder.folderPath = json::string(object, QLatin1String("folderPath"));
    folder.createdAt = json::string(object, QLatin1String("createdAt"));
    folder.updatedAt = json::string(object, QLatin1String("updatedAt"));
    folder.customMetadata = json::object(object, QLatin1String("customMetadata"));
    folder.fields = object;
    return folder;
}

} // namespace ik
