#pragma once

#include "api/apierror.h"
#include "api/results/fileitem.h"
#include "api/results/folderitem.h"

#include <QList>

#include <optional>

namespace ik {

// One page of a listing (list files, file versions). Entries with type "folder" go to
// `folders`, the others to `files`; `entryCount` counts both, which is what a pager compares
// with the page size. The server's order survives in metadata.raw.
struct FileList
{
    QList<FileItem> files;
    QList<FolderItem> folders;
    ResponseMetadata metadata;

    qsizetype entryCount() const { return files.size() + folders.size(); }

    // The response must be a JSON array of objects.
    static std::optional<FileList> fromResponse(const ResponseMetadata &metadata, QString *why);
};

} // namespace ik
