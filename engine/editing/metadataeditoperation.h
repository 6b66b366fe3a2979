#pragma once

#include "session/filestore.h"
#include "editing/metadatachange.h"
#include "editing/tagrequestplan.h"
#include "operations/operation.h"

#include "api/imagekit.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>

#include <functional>
#include <optional>

namespace ikui {


// Writes metadata diffs to the server: tag additions and removals through the bulk tag APIs (at
// most 50 files and 500 characters of tags a request), custom metadata, description and
// coordinates through update-file-details (one request per file, only the changed keys). A 207
// fails exactly the files the server named, with its message; a 404 naming missing files drops
// them and sends the rest. Every answer goes into the store. What took effect is kept per file
// (applied()), also when cancelled half-way, so undo covers exactly that and a retry does the rest.
class MetadataEditOperation : public Operation
{
    Q_OBJECT

public:
    static constexpr int MaxInFlight = 4;

    MetadataEditOperation(QString title, const ik::ImageKit &imagekit, FileStore *store,
                          QList<FileMetadataDiff> diffs, QObject *parent = nullptr);

    const QList<FileMetadataDiff> &diffs() const { return m_diffs; }
    // What the server applied so far, per file (parts that failed or were not sent are left out).
    QList<FileMetadataDiff> applied() const;
    QStringList appliedFileIds() const;
    // Requests sent (retries of one request by the client not counted).
    int requestCount() const { return m_requestsSent; }

    // Called when it has ended (also for its retries, which carry it over): the edit history
    // records what was applied.
    void setWhenEnded(std::function<void(MetadataEditOperation *)> whenEnded) { m_whenEnded = std::move(whenEnded); }

    Operation *createRetry() const override;

protected:
    void run() override;
    void abort() override;

private:
    struct Request
    {
        std::optional<TagRequest> tags;
        QString detailsFileId;      // an update-file-details request when set
    };
    void launchMore();
    void launch(const Request &request);
    void onTagsDone(const TagRequest &request, const QStringList &succeeded);
    void onTagsFailed(const TagRequest &request, const ik::ApiError &error);
    void onDetailsDone(const QString &fileId, const ik::FileItem &file);
    void failFile(const QString &fileId, const ik::ApiError &error);
    void settle(const QString &fileId);
    void finishIfDone();
    QString appliedNote() const;

    ik::ImageKit m_imagekit;
    QPointer<FileStore> m_store;
    QList<FileMetadataDiff> m_diffs;
    QHash<QString, int> m_index;            // file id -> index in m_diffs
    QList<FileMetadataDiff> m_applied;      // parallel to m_diffs, filled as answers arrive
    QHash<QString, int> m_pending;          // file id -> requests not answered yet
    QSet<QString> m_failed;
    QList<Request> m_queue;
    QList<QPointer<ik::ApiJob>> m_inFlight;
    int m_settled = 0;
    int m_requestsSent = 0;
    bool m_ended = false;
    std::function<void(MetadataEditOperation *)> m_whenEnded;
};

} // namespace ikui
