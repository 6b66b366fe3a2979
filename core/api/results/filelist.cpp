#include "api/results/filelist.h"

#include <QJsonArray>

namespace ik {

std::optional<FileList> FileList::fromResponse(const ResponseMetadata &metadata, QString *why)
{
    const QJsonValue body = metadata.json();
    if (!body.isArray()) {
        *why = QStringLiteral("expected a JSON array of files");
        return std::nullopt;
    }
    FileList list;
    list.metadata = metadata;
    const QJsonArray entries = body.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonValue entry = entries.at(i);
        if (!entry.isObject()) {
            *why = QStringLiteral("entry %1 of the listing is not a JSON object").arg(i);
            return std::nullopt;
        }
        const QJsonObject object = entry.toObject();
        if (object.value(QLatin1String("type")).toString() == QLatin1String("folder"))
            list.folders.append(FolderItem::fromJson(object));
        else
            list.files.append(FileItem::fromJson(object));
    }
    return list;
}

} // namespace ik
