#include "uploadqueue/uploadplanner.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>

namespace ikui {

namespace {

QString joinFolder(const QString &parent, const QString &child)
{
    return parent == QLatin1String("/") ? parent + child : parent + QLatin1Char('/') + child;
}

class TreeWalker
{
public:
    explicit TreeWalker(UploadPlan &plan) : m_plan(plan) {}

    void addPath(const QString &localPath, const QString &targetFolder)
    {
        const QFileInfo info(localPath);
        if (!info.exists()) {
            skip(localPath, info.isSymLink() ? QStringLiteral("broken symbolic link") : QStringLiteral("does not exist"));
            return;
        }
        if (info.isDir())
            walkFolder(info, joinFolder(targetFolder, info.fileName().isEmpty() ? QStringLiteral("root") : info.fileName()));
        else
            addFile(info, targetFolder);
    }

private:
    void addFile(const QFileInfo &info, const QString &targetFolder)
    {
        if (!info.isFile()) {
            skip(info.filePath(), QStringLiteral("not a regular file"));
            return;
        }
        if (!info.isReadable()) {
            skip(info.filePath(), QStringLiteral("not readable"));
            return;
        }
        const QString canonical = info.canonicalFilePath();
        // The same file dropped twice (or reached through a link) is planned once per target.
        const QString key = canonical + QLatin1Char('\n') + targetFolder;
        if (m_seenFiles.contains(key))
            return;
        m_seenFiles.insert(key);
        m_plan.sources.append(UploadSource{info.absoluteFilePath(), targetFolder});
        ++m_plan.files;
        m_plan.bytes += info.size();
    }

    void walkFolder(const QFileInfo &folder, const QString &targetFolder)
    {
        const QString canonical = folder.canonicalFilePath();
        if (m_foldersOnStack.contains(canonical)) {
            skip(folder.filePath(), QStringLiteral("symbolic link loop"));
            return;
        }
        if (!folder.isReadable() || !folder.isExecutable()) {
            skip(folder.filePath(), QStringLiteral("folder not readable"));
            return;
        }
        m_foldersOnStack.insert(canonical);
        const QDir dir(folder.absoluteFilePath());
        const QFileInfoList entries = dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                                                        QDir::Name | QDir::DirsLast);
        for (const QFileInfo &entry : entries) {
            if (!entry.exists())
                skip(entry.filePath(), QStringLiteral("broken symbolic link"));
            else if (entry.isDir())
                walkFolder(entry, joinFolder(targetFolder, entry.fileName()));
            else
                addFile(entry, targetFolder);
        }
        m_foldersOnStack.remove(canonical);
    }

    void skip(const QString &path, const QString &reason)
    {
        m_plan.skipped.append(QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), reason));
    }

    UploadPlan &m_plan;
    QSet<QString> m_foldersOnStack;
    QSet<QString> m_seenFiles;
};

} // namespace

UploadPlanner::UploadPlanner(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<UploadPlan>::finished, this, &UploadPlanner::onWalkFinished);
}

UploadPlanner::~UploadPlanner()
{
    // The walk touches no member: waiting here only keeps the worker from outliving the app.
    m_watcher.waitForFinished();
}

QString UploadPlanner::normaliseFolder(const QString &folder)
{
    const QStringList parts = folder.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    return QLatin1Char('/') + parts.join(QLatin1Char('/'));
}

UploadPlan UploadPlanner::plan(const QStringList &localPaths, const QString &targetFolder)
{
    UploadPlan result;
    TreeWalker walker(result);
    const QString target = normaliseFolder(targetFolder);
    for (const QString &path : localPaths)
        walker.addPath(path, target);
    return result;
}

void UploadPlanner::start(const QStringList &localPaths, const QString &targetFolder)
{
    m_cancelled = false;
    if (m_watcher.isRunning())
        m_watcher.waitForFinished(); // the previous result is dropped in onWalkFinished
    m_watcher.setFuture(QtConcurrent::run([localPaths, targetFolder]() { return plan(localPaths, targetFolder); }));
}

bool UploadPlanner::isRunning() const
{
    return m_watcher.isRunning();
}

void UploadPlanner::cancel()
{
    m_cancelled = true;
}

void UploadPlanner::onWalkFinished()
{
    if (m_cancelled || m_watcher.future().resultCount() == 0)
        return;
    const UploadPlan result = m_watcher.result();
    Q_EMIT planned(result.sources, result.files, result.bytes);
    if (!result.skipped.isEmpty())
        Q_EMIT skippedPaths(result.skipped);
}

} // namespace ikui
