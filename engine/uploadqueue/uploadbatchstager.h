#pragma once

#include "uploadqueue/uploadsource.h"

#include <QList>
#include <QString>

#include <atomic>
#include <functional>

namespace ikui {

// Stores the items of a big batch from a worker thread, so a drop of 100,000 files does not block
// the UI: each slice of files is stat'ed, then inserted in one short transaction on the stager's
// own SQLite connection (WAL: the UI thread keeps reading meanwhile, and waits at most one slice
// for the write lock). The batch row was created staged (UploadStore::createStagedBatch); the
// stager publishes it at the end, or deletes what it stored when cancelled or on an error, so the
// batch enters the queue whole or not at all. Used by UploadQueue only.
class UploadBatchStager
{
public:
    // Files per transaction: small enough that the UI thread, waiting for the write lock, waits
    // only a few milliseconds.
    static constexpr int SliceSize = 200;

    struct Outcome
    {
        bool published = false;   // the whole batch is in the queue now
        bool cancelled = false;   // stopped by `cancelled`; nothing of it stays
        QString error;            // a database failure; nothing of it stays (or open() drops it)
    };

    // Blocks the calling (worker) thread until the batch is published, cancelled or failed.
    // `progress` is called on this thread after each stored slice with the files stored so far.
    static Outcome run(const QString &databasePath, qint64 batchId, const QList<UploadSource> &sources,
                       const std::atomic_bool &cancelled, const std::function<void(qint64 stored)> &progress);
};

} // namespace ikui
