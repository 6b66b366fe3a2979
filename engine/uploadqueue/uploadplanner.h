#pragma once

#include "uploadqueue/uploadsource.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace ikui {

// What a drop expands to: every file with the folder it goes to, the totals, and what was left
// out (unreadable paths, symlink loops, special files) with the reason.
struct UploadPlan
{
    QList<UploadSource> sources;
    qint64 files = 0;
    qint64 bytes = 0;
    QStringList skipped;        // "path: reason", for the options sheet to show
};

// Expands dropped local paths into upload sources. A file goes to `targetFolder`; a folder
// "Photos" goes to "<targetFolder>/Photos/..." with its whole structure. Symlinked files are
// followed; a symlinked folder is followed once (a link back to a folder already being walked is
// a loop and skipped). Hidden files are included (the user dropped them); sockets, devices and
// FIFOs are skipped.
//
// plan() runs on the calling thread (small drops, tests); start() walks on a worker thread and
// emits planned() on the planner's thread, so a drop of 100,000 files keeps the UI responsive.
class UploadPlanner : public QObject
{
    Q_OBJECT

public:
    explicit UploadPlanner(QObject *parent = nullptr);
    ~UploadPlanner() override;

    // "/" and "" mean the root; "a/b/" becomes "/a/b".
    static QString normaliseFolder(const QString &folder);
    static UploadPlan plan(const QStringList &localPaths, const QString &targetFolder);

    // Walks on a worker thread; emits planned() when done. A new start() abandons the previous walk.
    void start(const QStringList &localPaths, const QString &targetFolder);
    bool isRunning() const;
    // Stops waiting for the current walk (no planned() for it).
    void cancel();

Q_SIGNALS:
    void planned(const QList<ikui::UploadSource> &sources, qint64 files, qint64 bytes);
    // Emitted right after planned() when something was left out.
    void skippedPaths(const QStringList &reasons);

private:
    void onWalkFinished();

    QFutureWatcher<UploadPlan> m_watcher;
    bool m_cancelled = false;
};

} // namespace ikui
