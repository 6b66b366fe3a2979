#include "operations/bulkfiledelete.h"

#include "api/results/batcherrordetails.h"

#include <QSet>
#include <QTimer>

namespace ikui {

BulkFileDelete::BulkFileDelete(const ik::ImageKit &imagekit, QString title, QStringList fileIds, QObject *parent)
    : Operation(std::move(title), parent)
    , m_imagekit(imagekit)
{
    // Each id once: a duplicate would be reported as missing after the first copy is gone.
    QSet<QString> seen;
    for (const QString &id : std::as_const(fileIds)) {
        if (!id.isEmpty() && !seen.contains(id)) {
            seen.insert(id);
            m_ids.append(id);
        }
    }
    setItemTotal(int(m_ids.size()));
    setSubjects(m_ids, Effect::Changes);
}

Operation *BulkFileDelete::createRetry() const
{
    QStringList again;
    for (const auto &[id, error] : m_failures) {
        if (error.kind() != ik::ErrorKind::NotFound)
            again << id;
    }
    if (again.isEmpty())
        return nullptr;
    auto *retry = new BulkFileDelete(m_imagekit, tr("%1 (retry)").arg(title()), again);
    retry->setFileNames(m_names);
    retry->setChunkSize(m_chunkSize);
    return retry;
}

void BulkFileDelete::setChunkSize(int size)
{
    m_chunkSize = qBound(1, size, int(MaxChunkSize));
}

void BulkFileDelete::run()
{
    sendNextChunk();
}

void BulkFileDelete::abort()
{
    if (m_inFlight) {
        ik::ApiJob *job = m_inFlight;
        m_inFlight = nullptr;
        job->disconnect(this);
        job->cancel();
    }
    end();
}

void BulkFileDelete::sendNextChunk()
{
    if (isCancelled() || m_ended)
        return;
    if (m_next >= m_ids.size()) {
        // Queued: finished() never fires from inside start() (callers connect after creating).
        QTimer::singleShot(0, this, &BulkFileDelete::end);
        return;
    }
    const QStringList chunk = m_ids.mid(m_next, m_chunkSize);
    m_next += int(chunk.size());
    send(chunk, false);
}

void BulkFileDelete::send(const QStringList &chunk, bool isRetry)
{
    ++m_requests;
    ik::BulkDeleteJob *job = m_imagekit.bulkFileDelete(chunk);
    m_inFlight = job;
    connect(job, &ik::BulkDeleteJob::finished, this, [this, chunk](const ik::BulkDeleteResult &result) {
        onDeleted(chunk, result.successfullyDeletedFileIds);
    });
    connect(job, &ik::ApiJob::failed, this,
            [this, chunk, isRetry](const ik::ApiError &error) { onFailed(chunk, isRetry, error); });
    connect(job, &ik::ApiJob::done, this, [this, job] {
        if (m_inFlight != job)
            return; // replaced by its retry, or cancelled
        m_inFlight = nullptr;
        sendNextChunk();
    });
}

void BulkFileDelete::onDeleted(const QStringList &chunk, const QStringList &deletedIds)
{
    // A 200 lists what it deleted; an id it does not list was not deleted.
    const QSet<QString> deleted(deletedIds.cbegin(), deletedIds.cend());
    for (const QString &id : chunk) {
        if (deleted.contains(id))
            m_deleted.append(id);
        else
            fail(id, ik::ApiError(ik::ErrorKind::Unknown, tr("The server did not report this file as deleted.")));
    }
    setItemsDone(doneCount());
}

void BulkFileDelete::onFailed(const QStringList &chunk, bool isRetry, const ik::ApiError &error)
{
    if (error.kind() == ik::ErrorKind::Cancelled)
        return; // cancel() ends the operation; the chunk's files are neither deleted nor failed
    const ik::BatchErrorDetails details = ik::BatchErrorDetails::fromError(error);
    QSet<QString> accounted;
    if (error.kind() == ik::ErrorKind::PartialSuccess) {
        for (const QString &id : details.succeededFileIds) {
            if (chunk.contains(id) && !accounted.contains(id)) {
                m_deleted.append(id);
                accounted.insert(id);
            }
        }
        for (const ik::BatchErrorDetails::ItemError &item : details.itemErrors) {
            if (!chunk.contains(item.fileId) || accounted.contains(item.fileId))
                continue;
            accounted.insert(item.fileId);
            fail(item.fileId, ik::ApiError(ik::ErrorKind::PartialSuccess, item.error, error.help()));
        }
    }
    for (const QString &id : details.missingFileIds) {
        if (!chunk.contains(id) || accounted.contains(id))
            continue;
        accounted.insert(id);
        fail(id, ik::ApiError(ik::ErrorKind::NotFound, tr("The file does not exist (already deleted?)."), error.help()));
    }
    QStringList rest;
    for (const QString &id : chunk) {
        if (!accounted.contains(id))
            rest.append(id);
    }
    // ImageKit rejects a whole request when some ids are missing: the others were not touched,
    // so they go again, once, without the missing ones.
    if (error.kind() == ik::ErrorKind::NotFound && !details.missingFileIds.isEmpty() && !isRetry && !rest.isEmpty()) {
        setItemsDone(doneCount());
        send(rest, true); // becomes m_inFlight: the failed job's done() then does not move on
        return;
    }
    for (const QString &id : std::as_const(rest))
        fail(id, error);
    setItemsDone(doneCount());
}

void BulkFileDelete::fail(const QString &id, const ik::ApiError &error)
{
    m_failures.append({id, error});
    addFailure(id, m_names.value(id, id), error);
}

void BulkFileDelete::end()
{
    if (m_ended)
        return;
    m_ended = true;
    finish();
}

} // namespace ikui
