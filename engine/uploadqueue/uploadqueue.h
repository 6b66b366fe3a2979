#pragma once

#include "uploadqueue/uploadbatchoptions.h"
#include "uploadqueue/uploadsource.h"
#include "uploadqueue/uploadstate.h"
#include "uploadqueue/uploadtotals.h"

#include "api/apiclient.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <memory>

namespace ik {
class Clock;
class ImageKit;
struct UploadResult;
}

namespace ikui {

class UploadQueueModel;

// The upload queue engine: a SQLite-backed list of files to upload, sent a few at a time through
// ik::ImageKit (streamed from disk), surviving crashes, never uploading a file twice.
//
//     ikui::UploadQueue queue(session->imageKit(), dataDir + "/uploads.sqlite");
//     if (!queue.open(&error)) ...;                  // loads what a previous run left
//     queue.addBatch(plan.sources, options);         // stored before it returns
//     queue.start();
//     queue.addBatchInBackground(drop, options);     // UI: big drops stored on a worker
//
// Guarantees:
// - Stored first: addBatch() writes the items in one transaction before returning; states are
//   written as they change (WAL journal). After a crash, open() loads the queue and items that
//   were Checking/Uploading come back Queued and marked "needs check".
// - Whole batches: addBatchInBackground() stores a big batch from a worker thread in slices, but
//   the batch joins the queue only once all of it is stored (one last transaction); cancelled,
//   failed or cut short by a crash, none of it is queued. Items reach the model (and can start)
//   only after that, in slices of FeedSliceRows per event-loop turn.
// - Exactly once: before sending an item that may already be on the server (needs check: left
//   Uploading by a crash, or its last attempt failed by a network error or timeout after the
//   request went out), the queue lists the target folder for that name. Found with the same size
//   and changed since the first attempt began -> Done with that file, not sent again. With unique
//   file names (the server renames "a.jpg" to "a_XYZ.jpg"), a match is a file of the same size whose
//   name is the stem + "_" + suffix + same extension, created since the first attempt began, and not
//   already claimed by another item of this queue. A network error or timeout is not retried
//   inside the job: the queue aborts the job, checks, then re-sends with the client's backoff.
//   429 and 5xx are retried by the client's policy (the server did not store the file).
// - WhenExists::Skip and KeepBoth check the name before the first send.
// - Unchanged files only: the size and modification time recorded when queued are compared before
//   each send and after the upload; a file that changed or disappeared ends Failed with that reason.
// - Bounded memory: files stream from disk; the model keeps a compact row per item; the rest is
//   read from SQLite when an item starts.
// - A corrupt or unreadable database makes open() fail with a clear reason and leaves the file
//   untouched (nothing is deleted or recreated).
//
// Pausing aborts in-flight uploads; resuming sends them again from the start (ImageKit has no
// resumable upload). The paused flag is stored, so a queue paused before a restart stays paused.
class UploadQueue : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultConcurrency = 4;
    static constexpr int MaxConcurrency = 16;
    // addBatchInBackground() stores a batch of at most this many files at once (a few ms).
    static constexpr int ImmediateAddLimit = 256;
    // Rows given to the model per event-loop turn when a background batch is shown.
    static constexpr int FeedSliceRows = 250;

    // Background adds still being stored or shown: files stored so far of how many.
    struct AddProgress
    {
        int batches = 0;
        qint64 filesStored = 0;
        qint64 filesTotal = 0;
    };
    // What open() removed: background adds a crash cut short (none of their files is queued).
    struct InterruptedAdds
    {
        int batches = 0;
        qint64 filesStored = 0;     // of them that had been stored when the app stopped
        qint64 filesPlanned = 0;
    };

    UploadQueue(ik::ImageKit *api, const QString &databasePath, QObject *parent = nullptr);
    ~UploadQueue() override;

    QString databasePath() const;
    // Creates or loads the database. False with a readable reason when it cannot be used.
    bool open(QString *error);
    bool isOpen() const;

    // For tests: speed, backoff and the "created since" rule use this clock (default system).
    void setClock(const ik::Clock *clock);
    // Runs the retry backoff waits (same contract as ik::ApiClient::setDelayScheduler): tests can
    // record the schedule and fire it at once. Default (or an empty function): QTimer::singleShot.
    void setDelayScheduler(ik::ApiClient::DelayScheduler scheduler);
    // For tests: the jitter draw of each backoff, in [0, 1) (default QRandomGenerator).
    void setJitterSource(std::function<double()> unitRandom);

    // Stores the items (one transaction) and returns the batch id; 0 with *error set when the
    // options are invalid or the database write failed (then nothing was added). Items start when
    // the queue is started and not paused.
    qint64 addBatch(const QList<UploadSource> &sources, const UploadBatchOptions &options, QString *error = nullptr);

    // For the UI thread: the same, without blocking it for long. Returns the batch id at once (0
    // with *error when refused up front, as addBatch). A batch of at most ImmediateAddLimit files
    // is stored before this returns; a bigger one is stat'ed and stored on a worker thread (its own
    // SQLite connection, slices of UploadBatchStager::SliceSize in short transactions), joins the
    // queue whole when all of it is stored, then reaches the model FeedSliceRows per turn;
    // addProgressChanged() reports the way, backgroundAddFinished() the end. Batches are stored
    // one after another, in call order.
    qint64 addBatchInBackground(const QList<UploadSource> &sources, const UploadBatchOptions &options,
                                QString *error = nullptr);
    bool isAdding() const;
    AddProgress addProgress() const;
    // Stops the background adds not stored yet (none of their files is queued). A batch already
    // stored and being shown stays. cancelAll() does this too.
    void cancelAdding();
    InterruptedAdds interruptedAdds() const;

    // Starts sending queued items (and keeps doing so as items are added) unless paused.
    void start();
    bool isRunning() const;

    void setConcurrency(int count);   // clamped to 1..MaxConcurrency
    int concurrency() const;

    void pauseAll();
    void resumeAll();
    bool isPaused() const;

    void cancel(qint64 itemId);
    void cancelAll();                 // every item not finished yet
    void retryFailed();               // Failed -> Queued (cancelled items stay cancelled)
    void retry(qint64 itemId);        // one Failed or Cancelled item -> Queued
    void clearFinished();             // removes Done, Skipped and Cancelled items (keeps Failed)

    UploadQueueModel *model() const;
    UploadTotals totals() const;
    // The state of one item (Cancelled for an unknown id).
    UploadState state(qint64 itemId) const;
    // Items currently Checking or Uploading.
    int activeCount() const;
    // Of these local paths, the ones an item still needs (one not Done, Skipped or Cancelled,
    // including batches still being added). On a read error, all of them.
    QSet<QString> localPathsInUse(const QStringList &candidates) const;

Q_SIGNALS:
    void itemUploaded(qint64 itemId, const ik::UploadResult &result);
    void itemFailed(qint64 itemId, const QString &reason);
    void itemStateChanged(qint64 itemId, ikui::UploadState state);
    void totalsChanged();
    // Every item has ended (nothing Queued, Checking or Uploading), after at least one was sent.
    void queueFinished();
    void pausedChanged(bool paused);
    // A database write failed (disk full, ...): the queue pauses; `reason` is readable.
    void storageError(const QString &reason);
    // addProgress() changed (throttled to one signal per event-loop turn).
    void addProgressChanged();
    // A background batch ended: `added` = all its files are in the queue and the model; else
    // nothing of it was queued: cancelled (`reason` empty) or a storage failure (`reason`).
    void backgroundAddFinished(qint64 batchId, bool added, const QString &reason);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace ikui
