#pragma once

#include "api/apierror.h"

#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>

namespace ik {
class ApiJob;
}

namespace ikui {

// One user action over several items (delete 12 files, move 5 files ...): starts one API job per
// item, at most `maxInFlight` at a time, reports progress, and can be cancelled (jobs in flight
// are cancelled, the rest never start). Every failure is kept with its item, so the user is told
// exactly which items were not done and why. Deletes itself after finished() unless told not to.
class BatchOperation : public QObject
{
    Q_OBJECT

public:
    // Creates the job for one item (e.g. imagekit.deleteFile(id)). The job must not have emitted yet.
    using JobFactory = std::function<ik::ApiJob *(const QString &item)>;

    BatchOperation(QString title, QStringList items, JobFactory factory, QObject *parent = nullptr);

    QString title() const { return m_title; }
    int total() const { return int(m_items.size()); }
    int doneCount() const { return int(m_succeeded.size() + m_failures.size()); }
    QStringList succeeded() const { return m_succeeded; }
    QList<QPair<QString, ik::ApiError>> failures() const { return m_failures; }
    bool isCancelled() const { return m_cancelled; }
    bool isFinished() const { return m_finished; }
    void setMaxInFlight(int count) { m_maxInFlight = qMax(1, count); }

public Q_SLOTS:
    void start();
    void cancel();

Q_SIGNALS:
    void progress(int done, int total);
    void itemSucceeded(const QString &item);
    void itemFailed(const QString &item, const ik::ApiError &error);
    // After every item is done, failed or skipped by cancel().
    void finished();

private:
    void launchMore();
    void onJobEnded(const QString &item, const ik::ApiError *error);
    void finishIfDone();

    QString m_title;
    QStringList m_items;
    JobFactory m_factory;
    int m_next = 0;
    int m_maxInFlight = 4;
    QList<QPointer<ik::ApiJob>> m_inFlight;
    QStringList m_succeeded;
    QList<QPair<QString, ik::ApiError>> m_failures;
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace ikui
