#include "operations/purgestatuswatcher.h"

namespace ikui {

PurgeStatusWatcher::PurgeStatusWatcher(const ik::ImageKit &imagekit, QString title, QObject *parent)
    : StatusPoller(std::move(title), DefaultPollMs, DefaultMaxPolls, parent)
    , m_imagekit(imagekit)
{
}

void PurgeStatusWatcher::watch(ik::PurgeCacheJob *purgeJob)
{
    track(purgeJob);
    connect(purgeJob, &ik::PurgeCacheJob::finished, this, [this](const ik::PurgeRequest &request) {
        m_requestId = request.requestId;
        if (m_requestId.isEmpty()) {
            fail(ik::ApiError(ik::ErrorKind::UnparseableResponse, tr("The server accepted the purge but sent no request id to follow.")));
            return;
        }
        beginPolling(QStringLiteral("Pending"));
    });
}

ik::ApiJob *PurgeStatusWatcher::requestStatus()
{
    ik::PurgeStatusJob *job = m_imagekit.getPurgeFileCacheStatus(m_requestId);
    connect(job, &ik::PurgeStatusJob::finished, this, [this](const ik::PurgeStatus &status) {
        if (receiveStatus(status.status, status.isCompleted()))
            Q_EMIT completed();
    });
    return job;
}

QString PurgeStatusWatcher::cancelledMessage() const
{
    return tr("Stopped following \"%1\"; the purge itself goes on.").arg(title());
}

} // namespace ikui
