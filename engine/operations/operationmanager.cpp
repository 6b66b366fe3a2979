#include "operations/operationmanager.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>

namespace ikui {

namespace {

bool isPath(const QString &subject)
{
    return subject.startsWith(QLatin1Char('/'));
}

bool overlaps(const QString &a, const QString &b)
{
    if (a == b)
        return true;
    if (!isPath(a) || !isPath(b))
        return false;
    const auto inside = [](const QString &inner, const QString &outer) {
        return outer == QLatin1String("/") || inner.startsWith(outer + QLatin1Char('/'));
    };
    return inside(a, b) || inside(b, a);
}

} // namespace

OperationManager::OperationManager(QObject *parent)
    : QObject(parent)
{
}

OperationManager::~OperationManager()
{
    shutdown();
    const auto operations = m_operations;
    for (const QPointer<Operation> &operation : operations)
        delete operation.data();
}

QString OperationManager::conflictFor(const QString &title, const QStringList &subjects,
                                      Operation::Effect effect) const
{
    for (Operation *other : running()) {
        if (effect == Operation::Effect::Reads && other->effect() == Operation::Effect::Reads)
            continue;
        for (const QString &subject : subjects) {
            for (const QString &busy : other->subjects()) {
                if (overlaps(subject, busy)) {
                    return tr("%1 cannot start: \"%2\" is still working on %3. Wait until it finishes, "
                              "or cancel it in the Activity panel.")
                        .arg(title, other->title(), busy);
                }
            }
        }
    }
    return {};
}

bool OperationManager::start(Operation *operation, QString *why)
{
    if (!operation)
        return false;
    QString refusal;
    if (m_shutDown)
        refusal = tr("%1 cannot start: the account is closing.").arg(operation->title());
    else
        refusal = conflictFor(operation->title(), operation->subjects(), operation->effect());
    if (!refusal.isEmpty()) {
        if (why)
            *why = refusal;
        delete operation;
        return false;
    }
    operation->setParent(this);
    operation->setDeleteWhenFinished(false);
    m_operations.append(operation);
    connect(operation, &Operation::changed, this, [this, operation] { Q_EMIT operationChanged(operation); });
    connect(operation, &Operation::finished, this, [this, operation] {
        Q_EMIT operationFinished(operation);
        Q_EMIT runningCountChanged(runningCount());
        trimHistory();
    });
    Q_EMIT operationAdded(operation);
    operation->start();
    if (!operation->isFinished())
        Q_EMIT runningCountChanged(runningCount());
    return true;
}

QList<Operation *> OperationManager::operations() const
{
    QList<Operation *> out;
    for (const QPointer<Operation> &operation : m_operations) {
        if (operation)
            out.append(operation);
    }
    return out;
}

QList<Operation *> OperationManager::running() const
{
    QList<Operation *> out;
    for (Operation *operation : operations()) {
        if (!operation->isFinished())
            out.append(operation);
    }
    return out;
}

int OperationManager::runningCount() const
{
    return int(running().size());
}

int OperationManager::runningItemTotal() const
{
    int total = 0;
    for (Operation *operation : running())
        total += operation->itemTotal();
    return total;
}

int OperationManager::runningItemsDone() const
{
    int done = 0;
    for (Operation *operation : running())
        done += operation->itemsDone();
    return done;
}

bool OperationManager::retryFailed(Operation *operation, QString *why)
{
    if (!operation || !operation->isFinished())
        return false;
    Operation *retry = operation->createRetry();
    if (!retry) {
        if (why)
            *why = tr("%1 cannot be retried.").arg(operation->title());
        return false;
    }
    return start(retry, why);
}

void OperationManager::clearFinished()
{
    for (Operation *operation : operations()) {
        if (operation->isFinished())
            remove(operation);
    }
}

void OperationManager::cancelAll()
{
    for (Operation *operation : running())
        operation->cancel();
}

bool OperationManager::shutdown(int timeoutMs)
{
    m_shutDown = true;
    cancelAll();
    const QDeadlineTimer deadline(timeoutMs);
    // Cancelled requests report on the next turns of the event loop: wait for them here, so no
    // job, timer or reply of this session's operations fires after the session is gone.
    while (runningCount() > 0 && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents | QEventLoop::WaitForMoreEvents, 20);
    return runningCount() == 0;
}

void OperationManager::setHistoryLimit(int limit)
{
    m_historyLimit = qMax(0, limit);
    trimHistory();
}

void OperationManager::remove(Operation *operation)
{
    m_operations.removeAll(operation);
    Q_EMIT operationRemoved(operation);
    operation->deleteLater();
}

void OperationManager::trimHistory()
{
    int finished = 0;
    for (Operation *operation : operations())
        finished += operation->isFinished() ? 1 : 0;
    for (Operation *operation : operations()) {
        if (finished <= m_historyLimit)
            break;
        if (operation->isFinished()) {
            remove(operation);
            --finished;
        }
    }
}

} // namespace ikui
