#include "session/filestore.h"

#include <QSet>
#include <QUrl>

namespace ikui {

namespace {

bool sameFields(const FileEntry &a, const FileEntry &b)
{
    return a.name == b.name && a.folder == b.folder && a.url == b.url && a.mime == b.mime && a.tags == b.tags
        && a.size == b.size && a.createdMs == b.createdMs && a.updatedMs == b.updatedMs && a.width == b.width
        && a.height == b.height && a.flags == b.flags && a.versionId == b.versionId;
}

} // namespace

FileStore::FileStore(QObject *parent)
    : QObject(parent)
{
}

const FileEntry *FileStore::entry(const QString &id) const
{
    const auto it = m_records.constFind(id);
    return it == m_records.cend() ? nullptr : &it->entry;
}

const ik::FileItem *FileStore::details(const QString &id) const
{
    const auto it = m_details.constFind(id);
    return it == m_details.cend() ? nullptr : &*it;
}

void FileStore::intern(FileEntry &entry)
{
    entry.folder = m_strings.intern(entry.folder);
    entry.mime = m_strings.intern(entry.mime);
    for (QString &tag : entry.tags)
        tag = m_strings.intern(tag);
}

void FileStore::addListed(const QVector<FileEntry> &rows)
{
    QStringList changed;
    m_records.reserve(m_records.size() + rows.size());
    for (const FileEntry &row : rows) {
        auto it = m_records.find(row.id);
        if (it == m_records.end()) {
            Record record{row, 1};
            intern(record.entry);
            m_records.insert(row.id, std::move(record));
            continue;
        }
        ++it->refs;
        if (!sameFields(it->entry, row)) {
            it->entry = row;
            intern(it->entry);
            m_details.remove(row.id); // older than the listing now
            m_detailsOrder.removeOne(row.id);
            changed << row.id;
        }
    }
    if (!changed.isEmpty())
        Q_EMIT filesChanged(changed);
}

void FileStore::retain(const QStringList &ids)
{
    for (const QString &id : ids) {
        auto it = m_records.find(id);
        if (it != m_records.end())
            ++it->refs;
    }
}

void FileStore::release(const QStringList &ids)
{
    for (const QString &id : ids) {
        auto it = m_records.find(id);
        if (it == m_records.end())
            continue;
        if (--it->refs <= 0 && !m_details.contains(id))
            m_records.erase(it);
    }
    if (m_records.isEmpty())
        m_strings.clear();
}

void FileStore::upsert(FileEntry entry)
{
    intern(entry);
    const QString id = entry.id; // the key must not be moved from with the entry
    auto it = m_records.find(id);
    if (it == m_records.end())
        m_records.insert(id, Record{std::move(entry), 0});
    else
        it->entry = std::move(entry);
}

void FileStore::putFile(const ik::FileItem &file)
{
    if (file.fileId.isEmpty())
        return;
    upsert(FileEntry::fromFile(file, m_strings));
    keepDetails(file);
    trimDetails({file.fileId});
    Q_EMIT filesChanged({file.fileId});
}

void FileStore::putFiles(const QList<ik::FileItem> &files)
{
    QStringList ids;
    for (const ik::FileItem &file : files) {
        if (file.fileId.isEmpty())
            continue;
        upsert(FileEntry::fromFile(file, m_strings));
        keepDetails(file);
        ids << file.fileId;
    }
    trimDetails(ids);
    if (!ids.isEmpty())
        Q_EMIT filesChanged(ids);
}

void FileStore::keepDetails(const ik::FileItem &file)
{
    if (!m_details.contains(file.fileId))
        m_detailsOrder.append(file.fileId);
    m_details.insert(file.fileId, file);
}

bool FileStore::isListed(const QString &id) const
{
    const auto it = m_records.constFind(id);
    return it != m_records.cend() && it->refs > 0;
}

void FileStore::trimDetails(const QStringList &keep)
{
    if (m_details.size() <= MaxUnlistedDetails)
        return;
    const QSet<QString> kept(keep.cbegin(), keep.cend());
    // Drop the oldest details of files nobody lists (their records go with them); listed ones and
    // those just put stay.
    qsizetype unlisted = 0;
    for (const QString &id : std::as_const(m_detailsOrder))
        unlisted += isListed(id) ? 0 : 1;
    for (qsizetype i = 0; i < m_detailsOrder.size() && unlisted > MaxUnlistedDetails;) {
        const QString id = m_detailsOrder.at(i);
        if (kept.contains(id) || isListed(id)) {
            ++i;
            continue;
        }
        m_detailsOrder.removeAt(i);
        m_details.remove(id);
        m_records.remove(id);
        --unlisted;
    }
}

void FileStore::putFolder(const ik::FolderItem &folder)
{
    if (folder.folderId.isEmpty())
        return;
    upsert(FileEntry::fromFolder(folder, m_strings));
    Q_EMIT filesChanged({folder.folderId});
}

void FileStore::rename(const QString &id, const QString &newName)
{
    auto it = m_records.find(id);
    if (it == m_records.end() || newName.isEmpty())
        return;
    FileEntry &e = it->entry;
    if (!e.url.isEmpty()) {
        // The delivery URL ends with the percent-encoded name.
        const QString oldTail = QString::fromUtf8(QUrl::toPercentEncoding(e.name, "/"));
        const QString newTail = QString::fromUtf8(QUrl::toPercentEncoding(newName, "/"));
        if (e.url.endsWith(oldTail))
            e.url = e.url.left(e.url.size() - oldTail.size()) + newTail;
        else if (e.url.endsWith(e.name))
            e.url = e.url.left(e.url.size() - e.name.size()) + newName;
    }
    e.name = newName;
    if (auto details = m_details.find(id); details != m_details.end()) {
        details->name = newName;
        details->url = e.url;
        details->filePath = e.path();
    }
    Q_EMIT filesChanged({id});
}

void FileStore::moveTo(const QStringList &ids, const QString &folder)
{
    QStringList changed;
    for (const QString &id : ids) {
        auto it = m_records.find(id);
        if (it == m_records.end())
            continue;
        it->entry.folder = m_strings.intern(folder);
        m_details.remove(id); // its URL and path changed: load again when shown
        m_detailsOrder.removeOne(id);
        changed << id;
    }
    if (!changed.isEmpty())
        Q_EMIT filesChanged(changed);
}

void FileStore::remove(const QStringList &ids)
{
    QStringList removed;
    for (const QString &id : ids) {
        m_details.remove(id);
        m_detailsOrder.removeOne(id);
        if (m_records.remove(id))
            removed << id;
    }
    if (!removed.isEmpty())
        Q_EMIT filesRemoved(removed);
}

} // namespace ikui
