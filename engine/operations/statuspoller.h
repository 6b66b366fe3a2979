#pragma once

#include "operations/operation.h"

#include <functional>

#include "api/apierror.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

namespace ik {
class ApiJob;
} // namespace ik

namespace ikui {

// Follows a server-side operation until the server reports it complete: once the operation is
// started (beginPolling), the status is asked right away, then again `pollInterval()` after each
// answer, until an answer says complete, `maxPolls()` checks went by without that (gaveUp), a
// request fails, or cancel(). Subclasses supply only "ask for the status" (requestStatus) and hand
// each answer to receiveStatus() with whether it means complete; they emit their own typed
// completed signal. cancel() stops watching only: the server-side operation goes on. The poller
// deletes itself after it ends (completed, gaveUp or failed).
class StatusPoller : public Operation
{
    Q_OBJECT

public:
    static constexpr int NoLimit = 0;

    QString lastStatus() const { return m_lastStatus; }
    // Status requests sent so far (the answer to the first one arrives as poll 1).
    int pollCount() const { return m_polls; }
    void setPollInterval(int ms) { m_pollTimer.setInterval(qMax(0, ms)); }
    int pollInterval() const { return m_pollTimer.interval(); }
    // Checks before giving up; NoLimit (0) waits until complete, failed or cancelled.
    void setMaxPolls(int polls) { m_maxPolls = qMax(0, polls); }
    int maxPolls() const { return m_maxPolls; }
    // True while the next check is scheduled (not while a request is in flight).
    bool isWaitingForNextPoll() const { return m_pollTimer.isActive(); }
    // cancel() stops watching and emits failed(ErrorKind::Cancelled) with cancelledMessage().

Q_SIGNALS:
    // Each answer ("Pending" ...) for the progress display; `poll` counts the checks (0: the
    // operation was just started, no check yet).
    void statusChanged(const QString &status, int poll);
    // maxPolls() checks and still not complete.
    void gaveUp(const QString &lastStatus);
    // Starting or a check failed, or cancel() (ErrorKind::Cancelled).
    void failed(const ik::ApiError &error);

protected:
    StatusPoller(QString title, int pollIntervalMs, int maxPolls, QObject *parent);

    // Sends one status request whose answer comes back through receiveStatus(). Returns its job
    // (null if it has none): its failure fails the poller, and cancel() aborts it.
    virtual ik::ApiJob *requestStatus() = 0;
    // What failed(Cancelled) says after cancel().
    virtual QString cancelledMessage() const = 0;
    void abort() override;
    // start() runs `starter` (which sends the request that starts the server-side operation);
    // code that hands the poller a started job instead is running from then on (ensureRunning).
    void run() override;
    void setStarter(std::function<void()> starter) { m_starter = std::move(starter); }
    void ensureRunning();

    // For the job that starts the operation: its failure fails the poller, cancel() aborts it.
    void track(ik::ApiJob *job);
    // The operation is started: reports `initialStatus` as poll 0 and checks right away.
    void beginPolling(const QString &initialStatus);
    // One answer. True when it completed the watch: the caller then emits its completed signal
    // (the poller is already finished and scheduled for deletion).
    bool receiveStatus(const QString &status, bool isComplete);
    void fail(const ik::ApiError &error);

private:
    void poll();
    void end();

    std::function<void()> m_starter;
    QString m_lastStatus;
    QTimer m_pollTimer;
    QPointer<ik::ApiJob> m_current;
    int m_polls = 0;
    int m_maxPolls = NoLimit;
    bool m_done = false;
};

} // namespace ikui
