#pragma once

#include "api/apierror.h"
#include "api/imagekit.h"
#include "operations/statuspoller.h"

#include <QString>

namespace ikui {

// A CDN cache purge followed until the server reports it Completed: takes the purge request job,
// then polls getPurgeFileCacheStatus every pollInterval() (2 s by default; tests shorten it) and
// reports each status. It gives up after maxPolls() checks (the purge usually completes within
// minutes; the user is told it is still pending rather than watched forever). cancel() stops
// watching; the purge itself cannot be undone. Deletes itself after completed(), gaveUp() or failed().
class PurgeStatusWatcher : public StatusPoller
{
    Q_OBJECT

public:
    static constexpr int DefaultPollMs = 2000;
    static constexpr int DefaultMaxPolls = 60; // two minutes at the default interval

    // `imagekit` is copied (it only holds the client pointer); the client must outlive this.
    PurgeStatusWatcher(const ik::ImageKit &imagekit, QString title, QObject *parent = nullptr);

    QString requestId() const { return m_requestId; }

    // Takes a purgeFileCache job that has not emitted yet.
    void watch(ik::PurgeCacheJob *purgeJob);
    // The job is created when the operation starts (through an OperationManager, which may refuse it).
    void setStartJob(std::function<ik::PurgeCacheJob *()> makeJob)
    {
        setStarter([this, makeJob = std::move(makeJob)] { watch(makeJob()); });
    }

Q_SIGNALS:
    void completed();

protected:
    ik::ApiJob *requestStatus() override;
    QString cancelledMessage() const override;

private:
    ik::ImageKit m_imagekit;
    QString m_requestId;
};

} // namespace ikui
