#pragma once

#include "operations/operation.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace ikui {

// The operations of one session: starts any number side by side, keeps the finished ones for the
// Activity panel (the newest historyLimit()), refuses an operation that would change what a
// running one works on (deleting a file that is being moved), retries failed items, and when the
// session closes cancels every operation and waits until none of them can touch it any more.
class OperationManager : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultHistoryLimit = 100;

    explicit OperationManager(QObject *parent = nullptr);
    // shutdown(), then deletes every operation.
    ~OperationManager() override;

    // Takes `operation` and starts it. Refused when it conflicts with a running operation or the
    // manager is shut down: the operation is deleted, `why` says what to do, false is returned.
    bool start(Operation *operation, QString *why = nullptr);
    // Why an action on `subjects` cannot start now (empty: it can). Paths conflict with what lies
    // inside them ("/a" and "/a/b.jpg").
    QString conflictFor(const QString &title, const QStringList &subjects, Operation::Effect effect) const;

    // Oldest first, running and finished.
    QList<Operation *> operations() const;
    QList<Operation *> running() const;
    int runningCount() const;
    // Items and bytes over the running operations (0 / -1 when unknown), for the status bar.
    int runningItemTotal() const;
    int runningItemsDone() const;

    // Starts a new operation for the failed items of `operation`; false when it cannot retry.
    bool retryFailed(Operation *operation, QString *why = nullptr);
    // Removes the finished operations from the history.
    void clearFinished();
    void cancelAll();
    // Cancels every operation and waits (events processed, user input not) until none is running,
    // at most `timeoutMs`; afterwards nothing starts. True when all of them ended in time.
    bool shutdown(int timeoutMs = 10000);
    bool isShutDown() const { return m_shutDown; }

    void setHistoryLimit(int limit);
    int historyLimit() const { return m_historyLimit; }

Q_SIGNALS:
    void operationAdded(ikui::Operation *operation);
    void operationChanged(ikui::Operation *operation);
    void operationFinished(ikui::Operation *operation);
    // Just before it is deleted (history trimmed, clearFinished, shutdown).
    void operationRemoved(ikui::Operation *operation);
    void runningCountChanged(int count);

private:
    void remove(Operation *operation);
    void trimHistory();

    QList<QPointer<Operation>> m_operations;
    int m_historyLimit = DefaultHistoryLimit;
    bool m_shutDown = false;
};

} // namespace ikui
