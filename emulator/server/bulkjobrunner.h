#pragma once

#include "store/mediastore.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

namespace ikemu {

struct EmulatorContext;

// Runs the folder bulk jobs (copy, move, rename) in the background as ImageKit does: a job is
// recorded as Pending, its folders are locked (other operations on them answer 423), and after
// the configured delay it runs in one transaction and becomes Completed. Jobs still Pending when
// the emulator stopped run again on the next start.
class BulkJobRunner : public QObject
{
    Q_OBJECT
public:
    BulkJobRunner(EmulatorContext &context, QObject *parent = nullptr);

    // Records and schedules a job; `lockedFolders` are the paths it locks. Returns the job id,
    // or an empty string when it could not be recorded.
    QString submit(const QString &type, const QJsonObject &parameters, const QStringList &lockedFolders,
                   const QString &purgeRequestId = QString());
    // Schedules every job left Pending by an earlier run.
    void resumePendingJobs();

    // True when `folder` is, contains, or lies inside a folder locked by a running job.
    bool isLocked(const QString &folder) const;

private:
    void schedule(const JobRecord &job, const QStringList &lockedFolders);
    void run(const QString &jobId);
    static QStringList foldersLockedBy(const JobRecord &job);

    EmulatorContext &m_context;
    QHash<QString, QStringList> m_locks; // job id -> locked folders
};

} // namespace ikemu
