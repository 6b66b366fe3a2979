#pragma once

#include "api/apierror.h"
#include "api/imagekit.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

namespace ikui {

// A CDN cache purge followed until the server reports it Completed: takes the purge request job,
// then polls getPurgeFileCacheStatus every pollInterval() (2 s by default; tests shorten it) and
// reports each status. It stops after maxPolls() checks (the purge usually completes within
// minutes; the user is told it is still pending rather than watched forever). cancel() stops
// watching; the purge itself cannot be undone. Deletes itself after completed(), gaveUp() or failed().
class PurgeStatusWatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultPollMs = 2000;
    static constexpr int DefaultMaxPolls = 60; // two minutes at the default interval

    // `imagekit` is copied (it only holds the client pointer); the client must outlive this.
    PurgeStatusWatcher(const ik::ImageKit &imagekit, QString title, QObject *parent = nullptr);

    QString title() const { return m_title; }
    QString requestId() const { return m_requestId; }
    QString lastStatus() const { return m_lastStatus; }
    int pollCount() const { return m_polls; }
    void setPollInterval(int ms) { m_pollTimer.setInterval(qMax(0, ms)); }
    int pollInterval() const { return m_pollTimer.interval(); }
    void setMaxPolls(int polls) { m_maxPolls = qMax(1, polls); }
    int maxPolls() const { return m_maxPolls; }

    // Takes a purgeFileCache job that has not emitted yet.
    void watch(ik::PurgeCacheJob *purgeJob);

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    // "Pending" ... after each check; `poll` counts the checks (0: the purge was just requested).
    void statusChanged(const QString &status, int poll);
    void completed();
    // maxPolls() checks and still not Completed.
    void gaveUp(const QString &lastStatus);
    // The request or a status check failed, or cancel() (ErrorKind::Cancelled).
    void failed(const ik::ApiError &error);

private:
    void poll();
    void fail(const ik::ApiError &error);
    void end();

    ik::ImageKit m_imagekit;
    QString m_title;
    QString m_requestId;
    QString m_lastStatus;
    QTimer m_pollTimer;
    QPointer<ik::ApiJob> m_current;
    int m_polls = 0;
    int m_maxPolls = DefaultMaxPolls;
    bool m_done = false;
};

} // namespace ikui
