#pragma once

// Records what a job emitted, in order, for tests: "uploadProgress" and "downloadProgress" are
// folded into counters so the event list stays short.

#include "api/apijob.h"

#include <QJsonValue>
#include <QObject>
#include <QStringList>

namespace iktest {

class RawJsonJob;

struct JobRecord
{
    QStringList events;            // "finished", "failed", "retrying", "done", "destroyed"
    ik::ApiError error;            // from failed()
    QJsonValue result;             // from finished()
    QList<qint64> retryDelays;     // from retrying()
    QList<int> retryAttempts;
    qint64 lastUploadSent = -1;
    qint64 lastUploadTotal = -1;
    int uploadProgressCount = 0;
    bool isDone() const { return events.contains(QStringLiteral("done")); }
    bool isDestroyed() const { return events.contains(QStringLiteral("destroyed")); }
};

// Connects `record` to every signal of `job` (with `record` living at least as long as the test).
void recordJob(RawJsonJob *job, JobRecord *record, QObject *context);

} // namespace iktest
