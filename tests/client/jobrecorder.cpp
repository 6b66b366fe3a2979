#include "jobrecorder.h"

#include "rawjsonjob.h"

namespace iktest {

void recordJob(RawJsonJob *job, JobRecord *record, QObject *context)
{
    QObject::connect(job, &RawJsonJob::finished, context, [record](const QJsonValue &result) {
        record->events.append(QStringLiteral("finished"));
        record->result = result;
    });
    QObject::connect(job, &ik::ApiJob::failed, context, [record](const ik::ApiError &error) {
        record->events.append(QStringLiteral("failed"));
        record->error = error;
    });
    QObject::connect(job, &ik::ApiJob::retrying, context, [record](const ik::ApiError &, int attempt, qint64 delayMs) {
        record->events.append(QStringLiteral("retrying"));
        record->retryAttempts.append(attempt);
        record->retryDelays.append(delayMs);
    });
    QObject::connect(job, &ik::ApiJob::uploadProgress, context, [record](qint64 sent, qint64 total) {
        record->lastUploadSent = sent;
        record->lastUploadTotal = total;
        ++record->uploadProgressCount;
    });
    QObject::connect(job, &ik::ApiJob::done, context, [record] { record->events.append(QStringLiteral("done")); });
    QObject::connect(job, &QObject::destroyed, context, [record] { record->events.append(QStringLiteral("destroyed")); });
}

} // namespace iktest
