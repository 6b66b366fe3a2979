#pragma once

#include "store/mediastore.h"

namespace ikemu {

// Multi-record operations with ImageKit's merge rules, shared by the file endpoints and the
// folder bulk jobs. The caller wraps each call in a transaction.
class LibraryOperations
{
public:
    explicit LibraryOperations(MediaStore &store) : m_store(store) {}

    // Copies `file` (its current version, or every version) into `destinationFolder`. When a file
    // of the same name is already there, the copies are appended to it as new versions, the copy
    // of the source's current version becoming the current one (ImageKit's rule).
    bool copyFileInto(const FileRecord &file, const QString &destinationFolder, bool includeVersions, qint64 nowMs);
    // Moves `file` with all its versions; appends them to a same-named file at the destination.
    bool moveFileInto(const FileRecord &file, const QString &destinationFolder, qint64 nowMs);

    // Copies folder `source` into `destinationParent` (so /a/b into /c gives /c/b).
    bool copyFolder(const QString &source, const QString &destinationParent, bool includeVersions, qint64 nowMs);
    // Moves folder `source` into `destinationParent`, merging with a same-named folder there.
    bool moveFolder(const QString &source, const QString &destinationParent, qint64 nowMs);
    // Renames the last segment of `folder`.
    bool renameFolder(const QString &folder, const QString &newName, qint64 nowMs);

private:
    // Versions in the order they are appended elsewhere: older versions by number, current last.
    QList<FileRecord> versionsForTransfer(const FileRecord &file, bool includeVersions);
    bool appendVersions(const QList<FileRecord> &versions, const FileRecord &target, bool keepIds, qint64 nowMs);

    MediaStore &m_store;
};

} // namespace ikemu
