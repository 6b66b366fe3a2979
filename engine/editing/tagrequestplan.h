#pragma once

#include "editing/metadatachange.h"

#include <QList>
#include <QStringList>

namespace ikui {

// One bulk tag request: at most MaxFiles ids and at most MaxTagCharacters characters of tags.
struct TagRequest
{
    enum class Kind { Add, Remove, RemoveAi };

    static constexpr int MaxFiles = 50;
    static constexpr int MaxTagCharacters = 500;

    Kind kind = Kind::Add;
    QStringList fileIds;
    QStringList tags;

    // Files that want the same tags are sent together: "add X" to 120 files is three requests,
    // whatever else the files carry; a tag list over 500 characters is split.
    static QList<TagRequest> plan(const QList<FileMetadataDiff> &diffs);
};

} // namespace ikui
