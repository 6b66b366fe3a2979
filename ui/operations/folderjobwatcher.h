#pragma once

#include "api/apierror.h"
#include "api/imagekit.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

namespace ikui {

// A folder copy, move or rename followed to the end: starts the bulk job, then polls
// getBulkJobStatus until the server reports it Completed. cancel() stops waiting (the server
// keeps going: a started folder job cannot be undone), so the UI can say so. Deletes itself after
// completed() or failed().
class FolderJobWatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultPollMs = 500;

    // `imagekit` must outlive the watcher. `title` names the action ("Move folder /a to /b").
    FolderJobWatcher(const ik::ImageKit &imagekit, QString title, QObject *parent = nullptr);

    QString title() const { return m_title; }
    QString jobId() const { return m_jobId; }
    QString lastStatus() const { return m_lastStatus; }
    int pollCount() const { return m_polls; }
    void setPollInterval(int ms) { m_pollTimer.setInterval(ms); }

    // Takes a bulk job start job (copyFolder/moveFolder/renameFolder) that has not emitted yet.
    void watch(ik::BulkJobStartJob *startJob);

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    // Each status answer ("Pending" ...), for the progress display.
    void statusChanged(const QString &status, int poll);
    void completed(const ik::BulkJobStatus &status);
    // Starting or polling failed, or cancel() (ErrorKind::Cancelled).
    void failed(const ik::ApiError &error);

private:
    void poll();
    void fail(const ik::ApiError &error);

    ik::ImageKit m_imagekit;
    QString m_title;
    QString m_jobId;
    QString m_lastStatus;
    QTimer m_pollTimer;
    QPointer<ik::ApiJob> m_current;
    int m_polls = 0;
    bool m_done = false;
};

} // namespace ikui
