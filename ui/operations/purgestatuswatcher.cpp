#include "operations/purgestatuswatcher.h"

namespace ikui {

PurgeStatusWatcher::PurgeStatusWatcher(const ik::ImageKit &imagekit, QString title, QObject *parent)
    : QObject(parent)
    , m_imagekit(imagekit)
    , m_title(std::move(title))
{
    m_pollTimer.setSingleShot(true);
    m_pollTimer.setInterval(DefaultPollMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &PurgeStatusWatcher::poll);
}

void PurgeStatusWatcher::watch(ik::PurgeCacheJob *purgeJob)
{
    m_current = purgeJob;
    connect(purgeJob, &ik::PurgeCacheJob::finished, this, [this](const ik::PurgeRequest &request) {
        if (m_done)
            return;
        m_requestId = request.requestId;
        if (m_requestId.isEmpty()) {
            fail(ik::ApiError(ik::ErrorKind::UnparseableResponse, tr("The server accepted the purge but sent no request id to follow.")));
            return;
        }
        m_lastStatus = QStringLiteral("Pending");
        Q_EMIT statusChanged(m_lastStatus, 0);
        poll(); // the first check right away, later ones after the interval
    });
    connect(purgeJob, &ik::ApiJob::failed, this, &PurgeStatusWatcher::fail);
}

void PurgeStatusWatcher::cancel()
{
    if (m_done)
        return;
    m_pollTimer.stop();
    if (m_current)
        m_current->disconnect(this);
    fail(ik::ApiError(ik::ErrorKind::Cancelled,
                      tr("Stopped following \"%1\"; the purge itself goes on.").arg(m_title)));
}

void PurgeStatusWatcher::poll()
{
    if (m_done)
        return;
    ++m_polls;
    ik::PurgeStatusJob *job = m_imagekit.getPurgeFileCacheStatus(m_requestId);
    m_current = job;
    connect(job, &ik::PurgeStatusJob::finished, this, [this](const ik::PurgeStatus &status) {
        if (m_done)
            return;
        m_lastStatus = status.status;
        Q_EMIT statusChanged(status.status, m_polls);
        if (status.isCompleted()) {
            end();
            Q_EMIT completed();
        } else if (m_polls >= m_maxPolls) {
            end();
            Q_EMIT gaveUp(m_lastStatus);
        } else {
            m_pollTimer.start();
        }
    });
    connect(job, &ik::ApiJob::failed, this, &PurgeStatusWatcher::fail);
}

void PurgeStatusWatcher::fail(const ik::ApiError &error)
{
    if (m_done)
        return;
    end();
    Q_EMIT failed(error);
}

void PurgeStatusWatcher::end()
{
    m_done = true;
    m_pollTimer.stop();
    deleteLater();
}

} // namespace ikui
