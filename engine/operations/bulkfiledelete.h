#pragma once

#include "operations/operation.h"
#include <QHash>

#include "api/apierror.h"
#include "api/imagekit.h"

#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QStringList>

namespace ikui {

// Deleting many files through ImageKit's bulk delete (POST /v1/files/batch/deleteByFileIds): the
// ids go in chunks of at most 100 (the API's limit), one request after the other, so a selection of
// 250 files costs three requests, not 250. Partial failures are kept per file:
// - 207: the ids the server deleted, and {fileId, error} for each file it did not;
// - 404 with missingFileIds: those files are reported as missing, and the other ids of the chunk
//   (which ImageKit then leaves untouched) are sent again once without them;
// - any other error fails every id of its chunk with that error.
// cancel() cancels the request in flight and sends no more chunks. Deletes itself after finished().
class BulkFileDelete : public Operation
{
    Q_OBJECT

public:
    static constexpr int MaxChunkSize = ik::ImageKit::MaxBulkDeleteIds;

    // `imagekit` is copied (it only holds the client pointer); the client must outlive this.
    BulkFileDelete(const ik::ImageKit &imagekit, QString title, QStringList fileIds, QObject *parent = nullptr);

    int total() const { return int(m_ids.size()); }
    // Files deleted or failed so far.
    int doneCount() const { return int(m_deleted.size() + m_failures.size()); }
    QStringList deletedIds() const { return m_deleted; }
    // {fileId, why} for every file that was not deleted (skipped ones after cancel() excluded).
    QList<QPair<QString, ik::ApiError>> failures() const { return m_failures; }
    // Bulk delete requests sent (tests and the status bar).
    int requestCount() const { return m_requests; }
    // 1..MaxChunkSize (tests use small chunks to see several requests).
    void setChunkSize(int size);
    int chunkSize() const { return m_chunkSize; }

    // How the user knows a file (its name); the id when not set.
    void setFileNames(const QHash<QString, QString> &nameOfId) { m_names = nameOfId; }
    // The files that failed, deleted again (not the missing ones: they are gone).
    Operation *createRetry() const override;

protected:
    void run() override;
    void abort() override;

private:
    void sendNextChunk();
    void send(const QStringList &chunk, bool isRetry);
    void onDeleted(const QStringList &chunk, const QStringList &deletedIds);
    void onFailed(const QStringList &chunk, bool isRetry, const ik::ApiError &error);
    void fail(const QString &id, const ik::ApiError &error);
    void end();

    ik::ImageKit m_imagekit;
    QHash<QString, QString> m_names;
    QStringList m_ids;
    int m_chunkSize = MaxChunkSize;
    int m_next = 0;
    int m_requests = 0;
    QPointer<ik::ApiJob> m_inFlight;
    QStringList m_deleted;
    QList<QPair<QString, ik::ApiError>> m_failures;
    bool m_ended = false;
};

} // namespace ikui
