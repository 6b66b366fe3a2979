#include "operations/statuspoller.h"

#include "api/apijob.h"

#include <utility>

namespace ikui {

StatusPoller::StatusPoller(QString title, int pollIntervalMs, int maxPolls, QObject *parent)
    : Operation(std::move(title), parent)
    , m_maxPolls(qMax(0, maxPolls))
{
    m_pollTimer.setSingleShot(true);
    m_pollTimer.setInterval(qMax(0, pollIntervalMs));
    connect(&m_pollTimer, &QTimer::timeout, this, &StatusPoller::poll);
}

void StatusPoller::run()
{
    if (auto starter = std::exchange(m_starter, {}))
        starter();
}

void StatusPoller::ensureRunning()
{
    if (state() == State::Ready)
        start();
}

void StatusPoller::track(ik::ApiJob *job)
{
    ensureRunning();
    m_current = job;
    if (job)
        connect(job, &ik::ApiJob::failed, this, &StatusPoller::fail);
}

void StatusPoller::beginPolling(const QString &initialStatus)
{
    if (m_done)
        return;
    ensureRunning();
    m_lastStatus = initialStatus;
    setStatusText(tr("%1 (started)").arg(initialStatus));
    Q_EMIT statusChanged(m_lastStatus, 0);
    poll(); // the first check right away, later ones after the interval
}

void StatusPoller::poll()
{
    if (m_done)
        return;
    ++m_polls;
    track(requestStatus());
}

bool StatusPoller::receiveStatus(const QString &status, bool isComplete)
{
    if (m_done)
        return false;
    m_lastStatus = status;
    setStatusText(tr("%1 (check %2)").arg(status).arg(m_polls));
    Q_EMIT statusChanged(status, m_polls);
    if (m_done) // a statusChanged receiver cancelled
        return false;
    if (isComplete) {
        end();
        return true;
    }
    if (m_maxPolls != NoLimit && m_polls >= m_maxPolls) {
        end();
        Q_EMIT gaveUp(m_lastStatus);
        return false;
    }
    m_pollTimer.start();
    return false;
}

void StatusPoller::abort()
{
    if (m_done)
        return;
    if (m_current) {
        // Its own failed(Cancelled) must not reach us: we report the cancel with our message.
        m_current->disconnect(this);
        m_current->cancel();
    }
    fail(ik::ApiError(ik::ErrorKind::Cancelled, cancelledMessage()));
}

void StatusPoller::fail(const ik::ApiError &error)
{
    if (m_done)
        return;
    if (error.kind() != ik::ErrorKind::Cancelled)
        addFailure(title(), title(), error);
    end();
    Q_EMIT failed(error);
}

void StatusPoller::end()
{
    m_done = true;
    m_pollTimer.stop();
    finish();
}

} // namespace ikui
