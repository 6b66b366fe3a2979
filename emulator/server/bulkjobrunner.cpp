#include "server/bulkjobrunner.h"

#include "server/emulatorcontext.h"
#include "store/libraryoperations.h"
#include "store/librarypaths.h"

#include <QTimer>

namespace ikemu {

BulkJobRunner::BulkJobRunner(EmulatorContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
}

QString BulkJobRunner::submit(const QString &type, const QJsonObject &parameters, const QStringList &lockedFolders,
                              const QString &purgeRequestId)
{
    JobRecord job;
    job.jobId = newObjectId();
    job.type = type;
    job.status = QStringLiteral("Pending");
    job.parameters = parameters;
    job.purgeRequestId = purgeRequestId;
    job.createdAt = m_context.nowMs();
    if (!m_context.store->saveJob(job))
        return QString();
    schedule(job, lockedFolders);
    return job.jobId;
}

void BulkJobRunner::resumePendingJobs()
{
    const QList<JobRecord> pending = m_context.store->pendingJobs();
    for (const JobRecord &job : pending)
        schedule(job, foldersLockedBy(job));
}

QStringList BulkJobRunner::foldersLockedBy(const JobRecord &job)
{
    const QJsonObject &p = job.parameters;
    if (job.type == QLatin1String("RENAME_FOLDER"))
        return {p.value(QStringLiteral("folderPath")).toString()};
    return {p.value(QStringLiteral("sourceFolderPath")).toString(), p.value(QStringLiteral("destinationPath")).toString()};
}

bool BulkJobRunner::isLocked(const QString &folder) const
{
    for (auto it = m_locks.cbegin(); it != m_locks.cend(); ++it) {
        for (const QString &locked : it.value()) {
            if (locked == QLatin1String("/"))
                continue; // the root as a destination does not lock the whole library
            if (LibraryPaths::isSameOrInside(folder, locked) || LibraryPaths::isSameOrInside(locked, folder))
                return true;
        }
    }
    return false;
}

void BulkJobRunner::schedule(const JobRecord &job, const QStringList &lockedFolders)
{
    m_locks.insert(job.jobId, lockedFolders);
    const QString jobId = job.jobId;
    QTimer::singleShot(m_context.config.jobDelayMs, this, [this, jobId] { run(jobId); });
}

void BulkJobRunner::run(const QString &jobId)
{
    std::optional<JobRecord> job = m_context.store->job(jobId);
    if (!job) {
        m_locks.remove(jobId);
        return;
    }
    const QJsonObject &p = job->parameters;
    const qint64 now = m_context.nowMs();
    LibraryOperations operations(*m_context.store);
    m_context.store->beginTransaction();
    bool ok = false;
    if (job->type == QLatin1String("COPY_FOLDER")) {
        ok = operations.copyFolder(p.value(QStringLiteral("sourceFolderPath")).toString(),
                                   p.value(QStringLiteral("destinationPath")).toString(),
                                   p.value(QStringLiteral("includeVersions")).toBool(), now);
    } else if (job->type == QLatin1String("MOVE_FOLDER")) {
        ok = operations.moveFolder(p.value(QStringLiteral("sourceFolderPath")).toString(),
                                   p.value(QStringLiteral("destinationPath")).toString(), now);
    } else if (job->type == QLatin1String("RENAME_FOLDER")) {
        ok = operations.renameFolder(p.value(QStringLiteral("folderPath")).toString(),
                                     p.value(QStringLiteral("newFolderName")).toString(), now);
    }
    if (ok) {
        job->status = QStringLiteral("Completed");
        ok = m_context.store->saveJob(*job) && m_context.store->commit();
    }
    if (!ok) {
        m_context.store->rollback();
        qWarning("mediadesk-emulator: bulk job %s (%s) failed: %s", qPrintable(jobId), qPrintable(job->type),
                 qPrintable(m_context.store->lastError()));
        job->status = QStringLiteral("Failed");
        m_context.store->saveJob(*job);
    }
    m_context.store->removeOrphanedBlobs();
    m_locks.remove(jobId);
}

} // namespace ikemu
