#include "session/filestore.h"

#include <QSet>
#include <QUrl>

namespace ikui {

namespace {

bool sameFields(const FileEntry &a, const FileEntry &b)
{
    return a.name == b.name && a.folder == b.folder && a.url == b.url && a.mime == b.mime && a.tags == b.tags
        && a.size == b.size && a.createdMs == b.createdMs && a.updatedMs == b.updatedMs && a.width == b.width
        && a.height == b.height && a.flags == b.flags && a.versionId == b.versionId && a.sameExtras(b);
}

} // namespace

FileStore::FileStore(QObject *parent)
    : QObject(parent)
{
}

FileStore::Record *FileStore::find(const QString &id)
{
    const QHash<QString, int> &shard = shardOf(id);
    const auto it = shard.constFind(id);
    return it == shard.cend() ? nullptr : &slotRecord(*it);
}

const FileStore::Record *FileStore::find(const QString &id) const
{
    const QHash<QString, int> &shard = shardOf(id);
    const auto it = shard.constFind(id);
    return it == shard.cend() ? nullptr : &slotRecord(*it);
}

void FileStore::insert(FileEntry entry, int refs)
{
    const QString id = entry.id; // the key must not be moved from with the entry
    int slot;
    if (!m_freeSlots.isEmpty()) {
        slot = m_freeSlots.takeLast();
    } else {
        if (m_slotCount % BlockSize == 0)
            m_blocks.push_back(std::make_unique<Record[]>(BlockSize));
        slot = m_slotCount++;
    }
    slotRecord(slot) = Record{std::move(entry), refs};
    shardOf(id).insert(id, slot);
    ++m_indexed;
}

void FileStore::erase(const QString &id)
{
    QHash<QString, int> &shard = shardOf(id);
    const auto it = shard.constFind(id);
    if (it == shard.cend())
        return;
    const int slot = *it;
    shard.erase(it);
    --m_indexed;
    m_metadata.remove(id);
    slotRecord(slot) = Record{};
    m_freeSlots.append(slot);
    if (m_indexed == 0) {
        m_blocks.clear();
        m_slotCount = 0;
        m_freeSlots.clear();
        m_strings.clear();
    }
}

const FileEntry *FileStore::entry(const QString &id) const
{
    const Record *record = find(id);
    return record ? &record->entry : nullptr;
}

const ik::FileMetadata *FileStore::metadata(const QString &id) const
{
    const auto it = m_metadata.constFind(id);
    return it == m_metadata.cend() ? nullptr : &*it;
}

void FileStore::putMetadata(const QString &id, const ik::FileMetadata &metadata)
{
    if (!contains(id))
        return;
    m_metadata.insert(id, metadata);
    Q_EMIT metadataChanged(id);
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

QVector<int> FileStore::addListed(QVector<FileEntry> rows, QStringList *changed)
{
    QVector<int> slots;
    slots.reserve(rows.size());
    for (FileEntry &row : rows) {
        const QString id = row.id;
        intern(row);
        Record *record = find(id);
        if (!record) {
            insert(std::move(row), 1);
            slots.append(slotOf(id));
            continue;
        }
        slots.append(slotOf(id));
        ++record->refs;
        if (!sameFields(record->entry, row)) {
            record->entry = std::move(row);
            m_details.remove(id); // older than the listing now
            m_detailsOrder.removeOne(id);
            if (changed)
                *changed << id;
        }
    }
    return slots;
}

void FileStore::announceChanged(const QStringList &ids)
{
    if (!ids.isEmpty())
        Q_EMIT filesChanged(ids);
}

int FileStore::slotOf(const QString &id) const
{
    return shardOf(id).value(id, -1);
}

void FileStore::retain(int slot)
{
    if (slot >= 0 && slot < m_slotCount)
        ++slotRecord(slot).refs;
}

void FileStore::releaseSlot(int slot)
{
    if (slot < 0 || slot >= m_slotCount)
        return;
    Record &held = slotRecord(slot);
    if (held.entry.id.isEmpty())
        return; // already forgotten
    if (--held.refs <= 0 && !m_details.contains(held.entry.id))
        erase(held.entry.id);
}

void FileStore::release(const QVector<int> &slots)
{
    for (int slot : slots)
        releaseSlot(slot);
}

void FileStore::upsert(FileEntry entry)
{
    intern(entry);
    if (Record *record = find(entry.id)) {
        if (record->entry.versionId != entry.versionId)
            m_metadata.remove(entry.id); // another version's metadata
        record->entry = std::move(entry);
    } else {
        insert(std::move(entry), 0);
    }
}

void FileStore::putFile(const ik::FileItem &file)
{
    putFiles({file});
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
    const Record *record = find(id);
    return record && record->refs > 0;
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
        erase(id);
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
    Record *record = find(id);
    if (!record || newName.isEmpty())
        return;
    FileEntry &e = record->entry;
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
        Record *record = find(id);
        if (!record)
            continue;
        record->entry.folder = m_strings.intern(folder);
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
        if (contains(id))
            removed << id;
    }
    if (removed.isEmpty())
        return;
    // Listings let go of their rows while the records are still there to read.
    Q_EMIT filesRemoved(removed);
    for (const QString &id : std::as_const(removed)) {
        m_details.remove(id);
        m_detailsOrder.removeOne(id);
        erase(id);
    }
}

void FileStore::changeTags(const QStringList &ids, const QStringList &added, const QStringList &removed)
{
    QStringList changed;
    for (const QString &id : ids) {
        Record *record = find(id);
        if (!record)
            continue;
        QStringList &tags = record->entry.tags;
        const QStringList before = tags;
        for (const QString &tag : removed)
            tags.removeAll(tag);
        for (const QString &tag : added) {
            if (!tags.contains(tag))
                tags.append(m_strings.intern(tag));
        }
        if (auto details = m_details.find(id); details != m_details.end())
            details->tags = tags;
        if (tags != before)
            changed << id;
    }
    announceChanged(changed);
}

void FileStore::removeAiTags(const QStringList &ids, const QStringList &names)
{
    QStringList changed;
    for (const QString &id : ids) {
        Record *record = find(id);
        if (!record || !record->entry.extras)
            continue;
        auto extras = QExplicitlySharedDataPointer<FileExtras>(new FileExtras(*record->entry.extras));
        const qsizetype before = extras->aiTags.size();
        extras->aiTags.removeIf([&names](const ik::AiTag &tag) { return names.contains(tag.name); });
        if (extras->aiTags.size() == before)
            continue;
        if (auto details = m_details.find(id); details != m_details.end())
            details->aiTags = extras->aiTags;
        record->entry.extras = extras->isEmpty() ? QExplicitlySharedDataPointer<FileExtras>() : extras;
        changed << id;
    }
    announceChanged(changed);
}

void FileStore::forEachEntry(const std::function<void(const FileEntry &)> &visit) const
{
    for (int slot = 0; slot < m_slotCount; ++slot) {
        const Record &record = slotRecord(slot);
        if (!record.entry.id.isEmpty())
            visit(record.entry);
    }
}

} // namespace ikui
