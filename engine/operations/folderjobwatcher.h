#pragma once

#include "api/apierror.h"
#include "api/imagekit.h"
#include "operations/statuspoller.h"

#include <QString>

namespace ikui {

// A folder copy, move or rename followed to the end: starts the bulk job, then polls
// getBulkJobStatus until the server reports it Completed. There is no give-up limit by default:
// a job on a large folder legitimately takes long, and the progress strip offers Cancel.
// cancel() stops waiting (the server keeps going: a started folder job cannot be undone), so the
// UI can say so. Deletes itself after completed() or failed().
class FolderJobWatcher : public StatusPoller
{
    Q_OBJECT

public:
    static constexpr int DefaultPollMs = 500;

    // `imagekit` must outlive the watcher. `title` names the action ("Move folder /a to /b").
    FolderJobWatcher(const ik::ImageKit &imagekit, QString title, QObject *parent = nullptr);

    QString jobId() const { return m_jobId; }

    // Takes a bulk job start job (copyFolder/moveFolder/renameFolder) that has not emitted yet.
    void watch(ik::BulkJobStartJob *startJob);
    // The job is created when the operation starts (through an OperationManager, which may refuse it).
    void setStartJob(std::function<ik::BulkJobStartJob *()> makeJob)
    {
        setStarter([this, makeJob = std::move(makeJob)] { watch(makeJob()); });
    }

Q_SIGNALS:
    void completed(const ik::BulkJobStatus &status);

protected:
    ik::ApiJob *requestStatus() override;
    QString cancelledMessage() const override;

private:
    ik::ImageKit m_imagekit;
    QString m_jobId;
};

} // namespace ikui
