#include "uploadqueue/uploadbatchstager.h"

#include "uploadqueue/uploadstore.h"

namespace ikui {

UploadBatchStager::Outcome UploadBatchStager::run(const QString &databasePath, qint64 batchId, const QList<UploadSource> &sources,
                                                  const std::atomic_bool &cancelled,
                                                  const std::function<void(qint64 stored)> &progress)
{
    Outcome outcome;
    // The connection is created, used and closed on this thread (QSqlDatabase's rule).
    UploadStore store(databasePath);
    QString error;
    if (!store.attach(&error)) {
        outcome.error = error;
        return outcome;
    }
    const auto keepGoing = [&cancelled] { return !cancelled.load(); };
    const auto giveUp = [&](const QString &reason) {
        outcome.cancelled = reason.isEmpty();
        outcome.error = reason;
        // Best effort: if this fails too, the next open() deletes the staged batch.
        store.discardStagedBatch(batchId);
        return outcome;
    };

    qint64 stored = 0;
    QList<NewUploadItem> slice;
    slice.reserve(SliceSize);
    for (qsizetype start = 0; start < sources.size(); start += SliceSize) {
        if (cancelled.load())
            return giveUp({});
        slice.clear();
        const qsizetype end = qMin(sources.size(), start + SliceSize);
        for (qsizetype i = start; i < end; ++i)
            slice.append(UploadStore::describeSource(sources.at(i)));
        if (!store.stageItems(batchId, slice, keepGoing))
            return giveUp(store.lastError());
        stored += slice.size();
        if (progress)
            progress(stored);
    }
    if (!store.publishBatch(batchId, keepGoing))
        return giveUp(store.lastError());
    outcome.published = true;
    return outcome;
}

} // namespace ikui
