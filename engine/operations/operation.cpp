#include "operations/operation.h"

#include <QTimer>

#include <memory>

namespace ikui {

Operation::Operation(QString title, QObject *parent)
    : QObject(parent)
    , m_title(std::move(title))
{
}

Operation::~Operation() = default;

void Operation::start()
{
    if (m_state != State::Ready)
        return;
    m_state = State::Running;
    Q_EMIT started();
    Q_EMIT changed();
    run();
}

void Operation::cancel()
{
    if (isFinished() || m_cancelRequested)
        return;
    m_cancelRequested = true;
    if (m_state == State::Ready) {
        m_state = State::Running;
        finish();
        return;
    }
    abort();
}

bool Operation::canRetry() const
{
    if (!isFinished() || m_failures.isEmpty())
        return false;
    std::unique_ptr<Operation> probe(createRetry());
    return probe != nullptr;
}

QString Operation::resultText() const
{
    const QString text = stateText();
    if (m_resultNote.isEmpty() || m_state == State::Ready || m_state == State::Running)
        return text;
    return tr("%1 — %2").arg(text, m_resultNote);
}

void Operation::setResultNote(const QString &note)
{
    if (note == m_resultNote)
        return;
    m_resultNote = note;
    Q_EMIT changed();
}

QString Operation::stateText() const
{
    switch (m_state) {
    case State::Ready:
        return tr("waiting");
    case State::Running:
        if (!m_statusText.isEmpty())
            return m_statusText;
        return m_itemTotal > 0 ? tr("%1 of %2").arg(m_itemsDone).arg(m_itemTotal) : tr("running");
    case State::Succeeded:
        return tr("done");
    case State::Cancelled:
        return m_itemTotal > 0 ? tr("cancelled after %1 of %2").arg(m_itemsDone).arg(m_itemTotal) : tr("cancelled");
    case State::PartlyFailed:
        return tr("%1 of %2 failed").arg(m_failures.size()).arg(qMax(m_itemTotal, int(m_failures.size())));
    case State::Failed:
        return m_failures.size() == 1 ? tr("failed: %1").arg(m_failures.first().error.message()) : tr("failed");
    }
    return {};
}

void Operation::setItemTotal(int total)
{
    if (total == m_itemTotal)
        return;
    m_itemTotal = qMax(0, total);
    Q_EMIT progress(m_itemsDone, m_itemTotal);
    Q_EMIT changed();
}

void Operation::setItemsDone(int done)
{
    m_itemsDone = qMax(0, done);
    Q_EMIT progress(m_itemsDone, m_itemTotal);
    Q_EMIT changed();
}

void Operation::setBytes(qint64 done, qint64 total)
{
    if (done == m_bytesDone && total == m_bytesTotal)
        return;
    m_bytesDone = done;
    m_bytesTotal = total;
    Q_EMIT bytesProgress(done, total);
    Q_EMIT changed();
}

void Operation::setStatusText(const QString &text)
{
    if (text == m_statusText)
        return;
    m_statusText = text;
    Q_EMIT changed();
}

void Operation::addFailure(const QString &item, const QString &label, const ik::ApiError &error)
{
    m_failures.append({item, label.isEmpty() ? item : label, error});
    Q_EMIT itemFailed(m_failures.last());
    Q_EMIT changed();
}

void Operation::setSubjects(const QStringList &subjects, Effect effect)
{
    m_subjects = subjects;
    m_effect = effect;
}

void Operation::finish()
{
    if (m_cancelRequested)
        finishAs(State::Cancelled);
    else if (m_failures.isEmpty())
        finishAs(State::Succeeded);
    else if (m_itemTotal > 0 && m_failures.size() < m_itemTotal)
        finishAs(State::PartlyFailed);
    else
        finishAs(State::Failed);
}

void Operation::finishAs(State state)
{
    if (isFinished())
        return;
    m_state = state;
    m_statusText.clear();
    Q_EMIT changed();
    Q_EMIT finished();
    if (m_deleteWhenFinished)
        deleteLater();
}

} // namespace ikui
