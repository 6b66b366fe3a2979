#include "operations/folderjobwatcher.h"

namespace ikui {

FolderJobWatcher::FolderJobWatcher(const ik::ImageKit &imagekit, QString title, QObject *parent)
    : StatusPoller(std::move(title), DefaultPollMs, NoLimit, parent)
    , m_imagekit(imagekit)
{
}

void FolderJobWatcher::watch(ik::BulkJobStartJob *startJob)
{
    track(startJob);
    connect(startJob, &ik::BulkJobStartJob::finished, this, [this](const ik::BulkJob &job) {
        m_jobId = job.jobId;
        if (m_jobId.isEmpty()) {
            fail(ik::ApiError(ik::ErrorKind::UnparseableResponse,
                              tr("The server accepted \"%1\" but sent no job id to follow; refresh to see its state.").arg(title())));
            return;
        }
        beginPolling(QStringLiteral("Pending"));
    });
}

ik::ApiJob *FolderJobWatcher::requestStatus()
{
    ik::BulkJobStatusJob *job = m_imagekit.getBulkJobStatus(m_jobId);
    connect(job, &ik::BulkJobStatusJob::finished, this, [this](const ik::BulkJobStatus &status) {
        if (receiveStatus(status.status, status.isCompleted()))
            Q_EMIT completed(status);
    });
    return job;
}

QString FolderJobWatcher::cancelledMessage() const
{
    return tr("Stopped waiting for \"%1\"; the server may still finish it.").arg(title());
}

} // namespace ikui
