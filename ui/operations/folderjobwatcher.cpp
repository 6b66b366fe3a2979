#include "operations/folderjobwatcher.h"

namespace ikui {

FolderJobWatcher::FolderJobWatcher(const ik::ImageKit &imagekit, QString title, QObject *parent)
    : QObject(parent)
    , m_imagekit(imagekit)
    , m_title(std::move(title))
{
    m_pollTimer.setSingleShot(true);
    m_pollTimer.setInterval(DefaultPollMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &FolderJobWatcher::poll);
}

void FolderJobWatcher::watch(ik::BulkJobStartJob *startJob)
{
    m_current = startJob;
    connect(startJob, &ik::BulkJobStartJob::finished, this, [this](const ik::BulkJob &job) {
        m_jobId = job.jobId;
        m_lastStatus = QStringLiteral("Pending");
        Q_EMIT statusChanged(m_lastStatus, 0);
        poll(); // the first status right away; later ones after the interval
    });
    connect(startJob, &ik::ApiJob::failed, this, &FolderJobWatcher::fail);
}

void FolderJobWatcher::cancel()
{
    if (m_done)
        return;
    m_pollTimer.stop();
    if (m_current)
        m_current->disconnect(this);
    fail(ik::ApiError(ik::ErrorKind::Cancelled,
                      tr("Stopped waiting for \"%1\"; the server may still finish it.").arg(m_title)));
}

void FolderJobWatcher::poll()
{
    if (m_done)
        return;
    ++m_polls;
    ik::BulkJobStatusJob *job = m_imagekit.getBulkJobStatus(m_jobId);
    m_current = job;
    connect(job, &ik::BulkJobStatusJob::finished, this, [this](const ik::BulkJobStatus &status) {
        if (m_done)
            return;
        m_lastStatus = status.status;
        Q_EMIT statusChanged(status.status, m_polls);
        if (status.isCompleted()) {
            m_done = true;
            Q_EMIT completed(status);
            deleteLater();
            return;
        }
        m_pollTimer.start();
    });
    connect(job, &ik::ApiJob::failed, this, &FolderJobWatcher::fail);
}

void FolderJobWatcher::fail(const ik::ApiError &error)
{
    if (m_done)
        return;
    m_done = true;
    m_pollTimer.stop();
    Q_EMIT failed(error);
    deleteLater();
}

} // namespace ikui
