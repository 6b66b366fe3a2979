#pragma once

#include "uploadqueue/uploadbatchoptions.h"
#include "uploadqueue/uploadsource.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

class QAction;
class QSystemTrayIcon;

namespace ik {
struct UploadResult;
}

namespace ikui {

class BrowserContext;
class PastedFileStore;
class Session;
class UploadBrowserUpdater;
class UploadOptionsDialog;
class UploadPanel;
class UploadQueue;

// Everything about uploading in the main window, installed by one object:
// - drops of local files and folders on the file grid/list (a folder row or the listed folder)
//   and on the folder tree, File > Upload Files… (Ctrl+U), Upload Folder…, Paste (Ctrl+V: files,
//   or a clipboard image saved as a PNG that lives until its upload ends);
// - the options sheet before each batch, then the batch into the account's queue;
// - the upload panel (View > Uploads), shown when a batch starts;
// - one queue database per account (<AppDataLocation>/uploads/<profile>.sqlite, the demo its own),
//   opened with the session (what a crash left continues) and closed when the session changes;
// - the browser updated from upload results, and a notification when a long batch ends.
//
//     auto *uploads = new UploadController(window);  // in MainWindow's constructor
//     uploads->setSession(session);                   // in MainWindow::setSession
class UploadController : public QObject
{
    Q_OBJECT

public:
    explicit UploadController(BrowserContext *browser);
    ~UploadController() override;

    // Closes the previous account's queue and opens this one's (nullptr: none).
    void setSession(Session *session);

    // Where the queue databases and pasted images live (default <AppDataLocation>/uploads). Takes
    // effect with the next setSession().
    void setDataDirectory(const QString &directory);
    QString dataDirectory() const { return m_dataDirectory; }
    // The queue database of a session: "demo.sqlite" or "profile-<name>.sqlite" in dataDirectory().
    QString databasePathFor(const Session *session) const;

    // Pasted images nothing in the queue needs are deleted when the queue opens once they are this
    // old (default a day: a sheet may still be open in another instance). For tests.
    void setPastedOrphanAge(qint64 milliseconds) { m_pastedOrphanAgeMs = milliseconds; }
    // Where this session's pasted images live (empty without a queue).
    QString pastedDirectory() const;

    // A batch that ran at least this long ends with a notification (default 20 s).
    void setNotifyAfter(int milliseconds) { m_notifyAfterMs = milliseconds; }

    UploadQueue *queue() const { return m_queue.get(); }
    UploadPanel *panel() const { return m_panel; }
    UploadBrowserUpdater *browserUpdater() const { return m_updater; }
    // The options sheet while it is open, else nullptr.
    UploadOptionsDialog *optionsDialog() const;

    QAction *uploadFilesAction() const { return m_uploadFiles; }
    QAction *uploadFolderAction() const { return m_uploadFolder; }
    QAction *pasteAction() const { return m_paste; }
    // View > Uploads: shows or hides the panel.
    QAction *panelAction() const;
    QList<QAction *> fileMenuActions() const { return {m_uploadFiles, m_uploadFolder, m_paste}; }

    // Queues the batch and starts it (what the sheet's Upload button does). Up to
    // UploadQueue::ImmediateAddLimit files are stored before it returns; a bigger batch is stored
    // in the background (the panel shows the progress) and joins the queue whole.
    bool startBatch(const QList<UploadSource> &sources, const UploadBatchOptions &options);

    // The last error shown (queue cannot open, batch not stored, clipboard empty), for tests.
    QString lastError() const { return m_lastError; }
    // The text of the last end-of-batch notification.
    QString lastNotification() const { return m_lastNotification; }

public Q_SLOTS:
    // Opens the options sheet for these local files/folders going to `targetFolder`.
    void requestUpload(const QStringList &localPaths, const QString &targetFolder);
    void chooseFiles();
    void chooseFolder();
    void pasteFromClipboard();
    // Opens the folder of an uploaded file in the browser and selects the file.
    void showUploadedFile(const QString &filePath, const QString &fileId);

Q_SIGNALS:
    void batchStarted(qint64 batchId);
    void notified(const QString &message);
    // The uploaded file is selected in the browser after showUploadedFile().
    void uploadedFileShown(const QString &fileId);

private:
    void installDropHandlers();
    void createActions();
    void closeQueue();
    void updateActions();
    void showError(const QString &message);
    void notifyBatchEnded();
    void onItemEnded(qint64 itemId);
    void onBackgroundAddFinished(qint64 batchId, bool added, const QString &reason);
    void sweepPastedFiles();
    QString uploadFolder() const;
    bool selectInBrowser(const QString &fileId);

    BrowserContext *m_browser; // owns this (its dialogParent() is the parent)
    QPointer<Session> m_session;
    std::unique_ptr<UploadQueue> m_queue;
    std::unique_ptr<PastedFileStore> m_pasted;
    UploadPanel *m_panel = nullptr;
    UploadBrowserUpdater *m_updater = nullptr;
    QPointer<UploadOptionsDialog> m_dialog;
    QPointer<QObject> m_pendingSelection;
    QSystemTrayIcon *m_tray = nullptr;
    QAction *m_uploadFiles = nullptr;
    QAction *m_uploadFolder = nullptr;
    QAction *m_paste = nullptr;
    QString m_dataDirectory;
    QString m_lastError;
    QString m_lastNotification;
    QElapsedTimer m_batchTime;
    int m_notifyAfterMs = 20000;
    qint64 m_pastedOrphanAgeMs = 24 * 3600 * 1000;
};

} // namespace ikui
