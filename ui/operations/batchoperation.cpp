#include "operations/batchoperation.h"

#include "api/apijob.h"

#include <QTimer>

#include <memory>
#include <optional>

namespace ikui {

BatchOperation::BatchOperation(QString title, QStringList items, JobFactory factory, QObject *parent)
    : QObject(parent)
    , m_title(std::move(title))
    , m_items(std::move(items))
    , m_factory(std::move(factory))
{
}

void BatchOperation::start()
{
    if (m_items.isEmpty()) {
        QTimer::singleShot(0, this, &BatchOperation::finishIfDone);
        return;
    }
    launchMore();
}

void BatchOperation::cancel()
{
    if (m_finished || m_cancelled)
        return;
    m_cancelled = true;
    const auto inFlight = m_inFlight;
    for (const QPointer<ik::ApiJob> &job : inFlight) {
        if (job)
            job->cancel();
    }
    finishIfDone();
}

void BatchOperation::launchMore()
{
    while (!m_cancelled && m_next < m_items.size() && m_inFlight.size() < m_maxInFlight) {
        const QString item = m_items.at(m_next++);
        ik::ApiJob *job = m_factory(item);
        if (!job) {
            const ik::ApiError error(ik::ErrorKind::InvalidArgument, tr("Nothing to do for %1").arg(item));
            onJobEnded(item, &error);
            continue;
        }
        m_inFlight.append(job);
        // The typed finished signal differs per job class; `done` follows either outcome, and
        // the job's error() tells which it was.
        // the failed signal (emitted before done) tells which it was.
        auto failure = std::make_shared<std::optional<ik::ApiError>>();
        connect(job, &ik::ApiJob::failed, this, [failure](const ik::ApiError &error) { *failure = error; });
        connect(job, &ik::ApiJob::done, this, [this, job, item, failure] {
            m_inFlight.removeAll(job);
            onJobEnded(item, failure->has_value() ? &failure->value() : nullptr);
        });
    }
}

void BatchOperation::onJobEnded(const QString &item, const ik::ApiError *error)
{
    if (error) {
        m_failures.append({item, *error});
        Q_EMIT itemFailed(item, *error);
    } else {
        m_succeeded.append(item);
        Q_EMIT itemSucceeded(item);
    }
    Q_EMIT progress(doneCount(), total());
    launchMore();
    finishIfDone();
}

void BatchOperation::finishIfDone()
{
    if (m_finished)
        return;
    const bool nothingLeft = m_cancelled || m_next >= m_items.size();
    if (!nothingLeft || !m_inFlight.isEmpty())
        return;
    m_finished = true;
    Q_EMIT finished();
    deleteLater();
}

} // namespace ikui
