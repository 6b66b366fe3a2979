#include "operations/batchoperation.h"

#include "api/apijob.h"

#include <QTimer>

#include <memory>
#include <optional>

namespace ikui {

BatchOperation::BatchOperation(QString title, QStringList items, JobFactory factory, QObject *parent)
    : Operation(std::move(title), parent)
    , m_items(std::move(items))
    , m_factory(std::move(factory))
{
    setItemTotal(int(m_items.size()));
    setSubjects(m_items, Effect::Changes);
}

Operation *BatchOperation::createRetry() const
{
    if (m_failures.isEmpty() || !m_factory)
        return nullptr;
    QStringList again;
    for (const auto &[item, error] : m_failures)
        again << item;
    auto *retry = new BatchOperation(tr("%1 (retry)").arg(title()), again, m_factory);
    retry->setItemLabels(m_labels);
    retry->setSubjects(again, effect());
    retry->setWhenDone(m_whenDone);
    retry->setMaxInFlight(m_maxInFlight);
    return retry;
}

void BatchOperation::run()
{
    if (m_items.isEmpty()) {
        QTimer::singleShot(0, this, &BatchOperation::finishIfDone);
        return;
    }
    launchMore();
}

void BatchOperation::abort()
{
    const auto inFlight = m_inFlight;
    for (const QPointer<ik::ApiJob> &job : inFlight) {
        if (job)
            job->cancel();
    }
    finishIfDone();
}

void BatchOperation::launchMore()
{
    while (!isCancelled() && m_next < m_items.size() && m_inFlight.size() < m_maxInFlight) {
        const QString item = m_items.at(m_next++);
        ik::ApiJob *job = m_factory(item);
        if (!job) {
            const ik::ApiError error(ik::ErrorKind::InvalidArgument, tr("Nothing to do for %1").arg(item));
            onJobEnded(item, &error);
            continue;
        }
        m_inFlight.append(job);
        // The typed finished signal differs per job class; `done` follows either outcome, and
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
    if (error && error->kind() == ik::ErrorKind::Cancelled && isCancelled()) {
        // Not a failure of the item: the user stopped the batch.
    } else if (error) {
        m_failures.append({item, *error});
        addFailure(item, m_labels.value(item, item), *error);
    } else {
        m_succeeded.append(item);
        Q_EMIT itemSucceeded(item);
    }
    setItemsDone(doneCount());
    launchMore();
    finishIfDone();
}

void BatchOperation::finishIfDone()
{
    if (m_ended)
        return;
    const bool nothingLeft = isCancelled() || m_next >= m_items.size();
    if (!nothingLeft || !m_inFlight.isEmpty())
        return;
    m_ended = true;
    if (m_whenDone && !isCancelled())
        m_whenDone();
    finish();
}

} // namespace ikui
