#pragma once

#include "operations/operation.h"

#include <QHash>
#include <QPair>
#include <QPointer>
#include <QStringList>

#include <functional>

namespace ik {
class ApiJob;
}

namespace ikui {

// One user action over several items (delete 12 files, move 5 files ...): starts one API job per
// item, at most `maxInFlight` at a time, reports progress, and can be cancelled (jobs in flight
// are cancelled, the rest never start). Every failure is kept with its item, so the user is told
// exactly which items were not done and why, and createRetry() runs exactly those again.
class BatchOperation : public Operation
{
    Q_OBJECT

public:
    // Creates the job for one item (e.g. imagekit.deleteFile(id)). The job must not have emitted yet.
    using JobFactory = std::function<ik::ApiJob *(const QString &item)>;

    BatchOperation(QString title, QStringList items, JobFactory factory, QObject *parent = nullptr);

    int total() const { return int(m_items.size()); }
    int doneCount() const { return int(m_succeeded.size() + m_failures.size()); }
    QStringList succeeded() const { return m_succeeded; }
    QList<QPair<QString, ik::ApiError>> failures() const { return m_failures; }
    void setMaxInFlight(int count) { m_maxInFlight = qMax(1, count); }
    // How the user knows an item (a file name for an id); the item itself when not set.
    void setItemLabels(const QHash<QString, QString> &labels) { m_labels = labels; }
    // Runs after the batch (and before finished()) unless it was cancelled, e.g. to refresh.
    void setWhenDone(std::function<void()> whenDone) { m_whenDone = std::move(whenDone); }

    Operation *createRetry() const override;

Q_SIGNALS:
    void itemSucceeded(const QString &item);

protected:
    void run() override;
    void abort() override;

private:
    void launchMore();
    void onJobEnded(const QString &item, const ik::ApiError *error);
    void finishIfDone();

    QStringList m_items;
    JobFactory m_factory;
    QHash<QString, QString> m_labels;
    std::function<void()> m_whenDone;
    int m_next = 0;
    int m_maxInFlight = 4;
    QList<QPointer<ik::ApiJob>> m_inFlight;
    QStringList m_succeeded;
    QList<QPair<QString, ik::ApiError>> m_failures;
    bool m_ended = false;
};

} // namespace ikui
