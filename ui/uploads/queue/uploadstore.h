#pragma once

#include "uploads/queue/uploadbatchoptions.h"
#include "uploads/queue/uploadstate.h"

#include <QHash>
#include <QList>
#include <QString>

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

// The queue's SQLite database (WAL journal, one transaction per change). Only UploadQueue uses it.
// Open fails with a readable reason for a file that is not an SQLite database, is damaged, is
// read-only or comes from a newer Mediadesk; it never deletes or rewrites such a file.
class UploadStore
{
public:
    static constexpr int SchemaVersion = 1;

    explicit UploadStore(QString databasePath);
    ~UploadStore();
    UploadStore(const UploadStore &) = delete;
    UploadStore &operator=(const UploadStore &) = delete;

    bool open(QString *error);
    bool isOpen() const { return m_open; }
    QString lastError() const { return m_lastError; }

    // Items left Checking/Uploading by a run that did not finish become Queued + needs check.
    // Returns how many there were, -1 on error.
    int recoverInterruptedItems();

    // One transaction: the batch and its items. The new ids are appended to *ids in order.
    qint64 addBatch(const UploadBatchOptions &options, const QList<NewUploadItem> &items, QList<qint64> *ids);
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
