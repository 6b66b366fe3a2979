#pragma once

#include "uploadqueue/uploadbatchoptions.h"
#include "uploadqueue/uploadstate.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace ikui {

// One queue item as stored in SQLite.
struct StoredUploadItem
{
    qint64 id = 0;
    qint64 batchId = 0;
    QString localPath;
    QString targetFolder;
    QString name;                 // the local file name
    qint64 size = 0;              // when queued
    qint64 modifiedMs = 0;        // when queued
    UploadState state = UploadState::Queued;
    bool needsCheck = false;      // an earlier attempt may have stored it on the server
    qint64 firstAttemptMs = 0;    // client clock, when the first upload request started; 0 = never
    int attempts = 0;             // upload requests started so far
    bool uniqueName = false;      // this item is sent with useUniqueFileName=true
    QString error;
    QString fileId;
    QString filePath;
};

// A file to add: what addItems() needs from the caller.
struct NewUploadItem
{
    QString localPath;
    QString targetFolder;
    QString name;
    qint64 size = 0;
    qint64 modifiedMs = 0;
    UploadState state = UploadState::Queued;  // Failed for a file that was already gone
    QString error;
};

struct UploadSource;

// The queue's SQLite database (WAL journal, one transaction per change). Only UploadQueue uses it.
// Open fails with a readable reason for a file that is not an SQLite database, is damaged, is
// read-only or comes from a newer Mediadesk; it never deletes or rewrites such a file.
//
// Batches added in the background are "staged" (batches.adding = 1) while a worker thread stores
// their items slice by slice: staged items are not part of the queue (bulk state changes skip
// them, open() deletes what a crash left staged) until publishBatch() flips the flag in one
// transaction. So a batch is in the queue whole or not at all.
class UploadStore
{
public:
    // 2: batches.planned_count and batches.adding (staged background adds).
    static constexpr int SchemaVersion = 2;

    explicit UploadStore(QString databasePath);
    ~UploadStore();
    UploadStore(const UploadStore &) = delete;
    UploadStore &operator=(const UploadStore &) = delete;

    bool open(QString *error);
    // A second connection (another thread) to a database that open() already checked: no
    // integrity check, no schema work.
    bool attach(QString *error);
    bool isOpen() const { return m_open; }
    QString lastError() const { return m_lastError; }

    // Items left Checking/Uploading by a run that did not finish become Queued + needs check.
    // Returns how many there were, -1 on error.
    int recoverInterruptedItems();

    // What addBatch needs for one source: the file is stat'ed here (a missing or non-regular file
    // becomes a Failed item with the reason).
    static NewUploadItem describeSource(const UploadSource &source);

    // One transaction: the batch and its items. The new ids are appended to *ids in order.
    qint64 addBatch(const UploadBatchOptions &options, const QList<NewUploadItem> &items, QList<qint64> *ids);

    // Staged (background) adds: the batch row first (adding = 1), then its items in slices (one
    // transaction each; `keepGoing` is asked while the write lock is held, just before the commit,
    // and false rolls the slice back), then publishBatch() makes the whole batch part of the queue
    // (again asking `keepGoing` inside the transaction). discardStagedBatch() deletes a staged batch
    // in short transactions. Each returns false (0) on failure or when keepGoing said no.
    qint64 createStagedBatch(const UploadBatchOptions &options, qint64 plannedCount);
    bool stageItems(qint64 batchId, const QList<NewUploadItem> &items, const std::function<bool()> &keepGoing);
    bool publishBatch(qint64 batchId, const std::function<bool()> &keepGoing);
    bool discardStagedBatch(qint64 batchId);
    // Staged batches a crash left behind: deleted with their items. Returns how many, -1 on error;
    // *filesStored gets the number of items deleted, *filesPlanned the files those batches had.
    int discardInterruptedAdds(qint64 *filesStored, qint64 *filesPlanned);
    // Up to `limit` items of a batch with an id above `afterId`, in id order (feeds the model).
    bool batchItemsAfter(qint64 batchId, qint64 afterId, int limit, const std::function<void(const StoredUploadItem &)> &visit);
    // Of `candidates`, the local paths that an item still needs: one not Done, Skipped or Cancelled.
    QSet<QString> localPathsInUse(const QStringList &candidates);
    QHash<qint64, UploadBatchOptions> batches();
    std::optional<StoredUploadItem> item(qint64 id);
    // Every item in id order (full rows: the caller keeps what it needs).
    bool forEachItem(const std::function<void(const StoredUploadItem &)> &visit);

    bool markAttemptStarted(qint64 id, qint64 firstAttemptMs, int attempts, bool uniqueName);
    bool setUniqueName(qint64 id, bool uniqueName);
    bool setState(qint64 id, UploadState state, const QString &error, bool needsCheck);
    bool markDone(qint64 id, const QString &fileId, const QString &filePath);
    // Every item in `from` becomes `to` (error cleared when `to` is Queued). Returns rows changed.
    int changeStates(const QList<UploadState> &from, UploadState to);
    int removeItems(const QList<UploadState> &states);
    // True when another item already records `fileId` as its upload.
    bool isFileIdClaimed(const QString &fileId, qint64 exceptItemId);

    // Groups the writes until commitTransaction() into one transaction (many items ending at once
    // cost one commit). False when a transaction could not be started.
    bool beginTransaction();
    bool commitTransaction();

    bool isPaused();
    bool setPaused(bool paused);

private:
    bool exec(const QString &sql);
    bool fail(const QString &what);

    QString m_path;
    QString m_connectionName;
    bool m_open = false;
    QString m_lastError;
};

} // namespace ikui
