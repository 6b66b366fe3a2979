#include "store/libraryoperations.h"

#include "store/librarypaths.h"

namespace ikemu {

QList<FileRecord> LibraryOperations::versionsForTransfer(const FileRecord &file, bool includeVersions)
{
    if (!includeVersions)
        return {file};
    QList<FileRecord> ordered;
    std::optional<FileRecord> current;
    const QList<FileRecord> all = m_store.versions(file.fileId);
    for (const FileRecord &v : all) {
        if (v.isCurrent)
            current = v;
        else
            ordered.append(v);
    }
    ordered.append(current ? *current : file);
    return ordered;
}

bool LibraryOperations::appendVersions(const QList<FileRecord> &versions, const FileRecord &target, bool keepIds,
                                       qint64 nowMs)
{
    FileRecord previousCurrent = target;
    previousCurrent.isCurrent = false;
    if (!m_store.updateFile(previousCurrent))
        return false;
    int number = m_store.nextVersionNumber(target.fileId);
    for (qsizetype i = 0; i < versions.size(); ++i) {
        FileRecord v = versions.at(i);
        if (keepIds) {
            if (!m_store.deleteVersion(v.versionId))
                return false;
        } else {
            v.versionId = newObjectId();
        }
        v.fileId = target.fileId;
        v.folder = target.folder;
        v.name = target.name;
        v.versionNumber = number++;
        v.isCurrent = (i == versions.size() - 1);
        v.createdAt = target.createdAt;
        v.updatedAt = nowMs;
        if (!m_store.insertFile(v))
            return false;
    }
    return true;
}

bool LibraryOperations::copyFileInto(const FileRecord &file, const QString &destinationFolder, bool includeVersions,
                                     qint64 nowMs)
{
    if (!m_store.ensureFolder(destinationFolder, nowMs))
        return false;
    const QList<FileRecord> versions = versionsForTransfer(file, includeVersions);
    const std::optional<FileRecord> existing = m_store.currentFileAt(LibraryPaths::join(destinationFolder, file.name));
    if (existing)
        return appendVersions(versions, *existing, false, nowMs);
    const QString newFileId = newObjectId();
    int number = 1;
    for (qsizetype i = 0; i < versions.size(); ++i) {
        FileRecord v = versions.at(i);
        v.versionId = (i == versions.size() - 1 && versions.size() == 1) ? newFileId : newObjectId();
        v.fileId = newFileId;
        v.folder = destinationFolder;
        v.versionNumber = number++;
        v.isCurrent = (i == versions.size() - 1);
        v.createdAt = nowMs;
        v.updatedAt = nowMs;
        if (!m_store.insertFile(v))
            return false;
    }
    return true;
}

bool LibraryOperations::moveFileInto(const FileRecord &file, const QString &destinationFolder, qint64 nowMs)
{
    if (!m_store.ensureFolder(destinationFolder, nowMs))
        return false;
    const std::optional<FileRecord> existing = m_store.currentFileAt(LibraryPaths::join(destinationFolder, file.name));
    if (existing && existing->fileId == file.fileId)
        return true;
    const QList<FileRecord> versions = versionsForTransfer(file, true);
    if (existing)
        return appendVersions(versions, *existing, true, nowMs);
    for (FileRecord v : versions) {
        v.folder = destinationFolder;
        if (!m_store.updateFile(v))
            return false;
    }
    return true;
}

bool LibraryOperations::copyFolder(const QString &source, const QString &destinationParent, bool includeVersions,
                                   qint64 nowMs)
{
    const QString target = LibraryPaths::join(destinationParent, LibraryPaths::nameOf(source));
    const QList<FolderRecord> folders = m_store.foldersInside(source);
    for (const FolderRecord &f : folders) {
        if (!m_store.ensureFolder(target + f.path.mid(source.size()), nowMs))
            return false;
    }
    const QList<FileRecord> files = m_store.filesInside(source);
    for (const FileRecord &f : files) {
        if (!f.isCurrent)
            continue;
        if (!copyFileInto(f, target + f.folder.mid(source.size()), includeVersions, nowMs))
            return false;
    }
    return true;
}

bool LibraryOperations::moveFolder(const QString &source, const QString &destinationParent, qint64 nowMs)
{
    const QString target = LibraryPaths::join(destinationParent, LibraryPaths::nameOf(source));
    if (target == source)
        return true;
    if (!m_store.folderExists(target))
        return m_store.moveFolderTree(source, target, nowMs);
    // Merge into the existing folder: file by file, then drop the emptied source tree.
    const QList<FolderRecord> folders = m_store.foldersInside(source);
    for (const FolderRecord &f : folders) {
        if (!m_store.ensureFolder(target + f.path.mid(source.size()), nowMs))
            return false;
    }
    const QList<FileRecord> files = m_store.filesInside(source);
    for (const FileRecord &f : files) {
        if (!f.isCurrent)
            continue;
        if (!moveFileInto(f, target + f.folder.mid(source.size()), nowMs))
            return false;
    }
    return m_store.deleteFolderTree(source);
}

bool LibraryOperations::renameFolder(const QString &folder, const QString &newName, qint64 nowMs)
{
    return m_store.moveFolderTree(folder, LibraryPaths::join(LibraryPaths::folderOf(folder), newName), nowMs);
}

} // namespace ikemu
