#pragma once

#include "session/fileentry.h"

#include "api/results/fileitem.h"
#include "api/results/filemetadata.h"
#include "api/results/folderitem.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <array>
#include <functional>
#include <memory>
#include <vector>

namespace ikui {

// What one session knows about its files: the one place that holds a file's current fields.
// Listing pages, details answers, upload results and the answer of every edit go in here; the file
// list models, the details pane, thumbnails (and later the editors and duplicate groups) observe
// it, so a change made anywhere shows everywhere at once. Data flows one way: job -> store ->
// models -> views. Nothing here talks to the server.
//
// Records are compact FileEntry rows (shared strings interned); the full ik::FileItem is kept for
// files whose details were loaded. Listings hold a reference on the rows they show (retain /
// release): a record nobody shows and without details is dropped, so browsing a million files
// folder by folder does not keep them all.
class FileStore : public QObject
{
    Q_OBJECT

public:
    // Full details kept for at most this many files that no listing shows (the oldest go first).
    static constexpr int MaxUnlistedDetails = 500;

    explicit FileStore(QObject *parent = nullptr);

    // The record of `id`, or nullptr. Valid until the store changes.
    const FileEntry *entry(const QString &id) const;
    // The full file when its details were loaded (details pane, an edit's answer), else nullptr.
    const ik::FileItem *details(const QString &id) const;
    // The embedded metadata (EXIF, dimensions, pHash ...) of the file's current version when it
    // was loaded, else nullptr.
    const ik::FileMetadata *metadata(const QString &id) const;
    bool contains(const QString &id) const { return shardOf(id).contains(id); }
    // Some listing shows it (holds a reference).
    bool isListed(const QString &id) const;
    qsizetype size() const { return m_indexed; }
    StringPool &strings() { return m_strings; }

    // --- listings: they hold slots (a record's place, stable while referenced) and a reference
    // Rows of a listing page, each retained once; returns their slots in order. Rows the store
    // already knew with other fields replace them; their ids go to `changed`, which the listing
    // announces once its rows are in (announcing here would reach the listing mid-insert).
    // The rows are moved in (copies would share, and interning would then copy, every tag list).
    QVector<int> addListed(QVector<FileEntry> rows, QStringList *changed);
    // Tells every observer that these files' fields changed (filesChanged).
    void announceChanged(const QStringList &ids);
    // The slot of `id`, or -1.
    int slotOf(const QString &id) const;
    // The record in a slot the caller holds a reference on.
    const FileEntry &entryAt(int slot) const { return slotRecord(slot).entry; }
    void retain(int slot);
    void release(const QVector<int> &slots);

    // --- answers and edits (each emits filesChanged, or filesRemoved)
    // A file as the server answered it (details, upload, update, restore). Replaces its record.
    void putFile(const ik::FileItem &file);
    // Many at once (an upload batch, search results): one filesChanged for all of them.
    void putFiles(const QList<ik::FileItem> &files);
    void putFolder(const ik::FolderItem &folder);
    // A metadata answer for a file the store knows (it is dropped with the file, and when a new
    // version arrives); emits metadataChanged.
    void putMetadata(const QString &id, const ik::FileMetadata &metadata);
    // A renamed file or folder: name, path and delivery URL follow.
    void rename(const QString &id, const QString &newName);
    // Files now in another folder (moved).
    void moveTo(const QStringList &ids, const QString &folder);
    // Deleted (or moved out of what the session knows).
    void remove(const QStringList &ids);
    // The answer of a bulk tag request (it names the files, not their new fields): `added` and
    // `removed` tags, and AI tags by name, as the server applied them to these files.
    void changeTags(const QStringList &ids, const QStringList &added, const QStringList &removed);
    void removeAiTags(const QStringList &ids, const QStringList &names);

    // Every record, in no particular order (the tag catalogue gathers the account's tags).
    void forEachEntry(const std::function<void(const FileEntry &)> &visit) const;

Q_SIGNALS:
    // Fields of these files changed, or the store learnt of them outside a listing (an upload, a
    // copy): listings show them if they belong there.
    void filesChanged(const QStringList &ids);
    void metadataChanged(const QString &id);
    // Emitted before the records go: listings drop their rows (they can still read them).
    void filesRemoved(const QStringList &ids);

private:
    struct Record
    {
        FileEntry entry;
        int refs = 0;
    };
    void releaseSlot(int slot);
    void intern(FileEntry &entry);
    void upsert(FileEntry entry);
    void keepDetails(const ik::FileItem &file);
    void trimDetails(const QStringList &keep);

    Record *find(const QString &id);
    const Record *find(const QString &id) const;
    void insert(FileEntry entry, int refs);
    void erase(const QString &id);

    // Records in fixed blocks with an id -> slot index. A QHash of the records themselves cost about
    // 240 bytes a node plus its spans' slack per file of a 100,000-file listing, and one growing
    // array half as much again in spare capacity (and moved every record on the UI thread when it
    // grew); blocks waste at most one block and never move a record.
    static constexpr int BlockSize = 1024;
    Record &slotRecord(int slot) { return m_blocks[size_t(slot / BlockSize)][size_t(slot % BlockSize)]; }
    const Record &slotRecord(int slot) const { return m_blocks[size_t(slot / BlockSize)][size_t(slot % BlockSize)]; }
    std::vector<std::unique_ptr<Record[]>> m_blocks;
    int m_slotCount = 0;
    QVector<int> m_freeSlots;
    // id -> slot, in shards: a single hash of 100,000 ids rehashed 65,536 entries at once on the
    // UI thread (a 10 ms spell while scrolling); a shard rehashes 1/64 of that.
    static constexpr int IndexShards = 64;
    QHash<QString, int> &shardOf(const QString &id) { return m_index[qHash(id) % IndexShards]; }
    const QHash<QString, int> &shardOf(const QString &id) const { return m_index[qHash(id) % IndexShards]; }
    std::array<QHash<QString, int>, IndexShards> m_index;
    qsizetype m_indexed = 0;
    QHash<QString, ik::FileItem> m_details;
    QHash<QString, ik::FileMetadata> m_metadata;
    QStringList m_detailsOrder; // ids in the order their details arrived, oldest first
    StringPool m_strings;
};

} // namespace ikui
