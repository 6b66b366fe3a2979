#include "models/filepageparser.h"

#include "api/results/fileitem.h"
#include "api/results/folderitem.h"

#include <QJsonArray>
#include <QJsonObject>

namespace ikui {

ParsedFilePage FilePageParser::parse(const ik::ResponseMetadata &response)
{
    ParsedFilePage page;
    const QJsonValue body = response.json();
    if (!body.isArray()) {
        page.error = QStringLiteral("expected a JSON array of files");
        return page;
    }
    // Entry by entry, in the server's order, through the library's own readers of a file and a
    // folder (as ik::FileList does, without keeping every entry's JSON).
    const QJsonArray array = body.toArray();
    StringPool strings;
    page.entries.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue value = array.at(i);
        if (!value.isObject()) {
            page.entries.clear();
            page.error = QStringLiteral("entry %1 of the listing is not a JSON object").arg(i);
            return page;
        }
        const QJsonObject object = value.toObject();
        if (object.value(QLatin1String("type")).toString() == QLatin1String("folder"))
            page.entries.append(FileEntry::fromFolder(ik::FolderItem::fromJson(object), strings));
        else
            page.entries.append(FileEntry::fromFile(ik::FileItem::fromJson(object), strings));
    }
    page.entryCount = page.entries.size();
    return page;
}

} // namespace ikui
