#include "uploads/uploadcontroller.h"

#include "session/session.h"
#include "browser/browsercontext.h"
#include "models/filelistmodel.h"
#include "uploads/filedrophandler.h"
#include "uploads/pastedfilestore.h"
#include "uploadqueue/uploadbatchoptions.h"
#include "uploadqueue/uploadqueue.h"
#include "uploadqueue/uploadqueuemodel.h"
#include "uploadqueue/uploadsource.h"
#include "uploadqueue/uploadstate.h"
#include "uploads/uploadbrowserupdater.h"
#include "uploads/uploadoptionsdialog.h"
#include "uploads/uploadpanel.h"

#include "api/imagekit.h"
#include "api/results/uploadresult.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QDockWidget>
#include <QFileDialog>
#include <QImage>
#include <QListView>
#include <QMessageBox>
#include <QMimeData>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTreeView>

namespace ikui {

namespace {

QString parentOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

// A profile name as a file name: letters, digits, '-' and '_' kept, anything else as _XX hex.
QString fileNameFor(const QString &profileName)
{
    QString out;
    for (const QChar c : profileName) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-'))
            out += c;
        else
            out += QStringLiteral("_%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
    }
    return out;
}

} // namespace

UploadController::UploadController(BrowserContext *browser)
    : QObject(browser->dialogParent())
    , m_browser(browser)
    , m_dataDirectory(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/uploads"))
{
    m_panel = new UploadPanel(browser->dialogParent()); // the window docks it (panel())
    m_panel->hide();
    connect(m_panel, &UploadPanel::openUploadedRequested, this, &UploadController::showUploadedFile);
    m_updater = new UploadBrowserUpdater(browser, this);
    createActions();
    installDropHandlers();
    updateActions();
}

UploadController::~UploadController()
{
    // The window is being destroyed: stop the queue without touching the browser. In-flight
    // uploads are aborted; their items continue when the account opens again.
    m_queue.reset();
}

UploadOptionsDialog *UploadController::optionsDialog() const
{
    return m_dialog.data();
}

QAction *UploadController::panelAction() const
{
    return m_panel->toggleViewAction();
}

void UploadController::createActions()
{
    auto make = [this](const QString &text, const char *name, const QKeySequence &shortcut, auto slot) {
        auto *action = new QAction(text, m_browser->dialogParent());
        action->setObjectName(QLatin1String(name));
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, slot);
        m_browser->dialogParent()->addAction(action);
        return action;
    };
    m_uploadFiles = make(tr("&Upload Files…"), "actionUploadFiles", QKeySequence(Qt::CTRL | Qt::Key_U),
                         &UploadController::chooseFiles);
    m_uploadFiles->setToolTip(tr("Upload files into the current folder (or drop them on the browser)"));
    m_uploadFolder = make(tr("Upload F&older…"), "actionUploadFolder", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U),
                          &UploadController::chooseFolder);
    m_paste = make(tr("&Paste Files or Image"), "actionPasteUpload", QKeySequence::Paste,
                   &UploadController::pasteFromClipboard);
    QAction *panel = panelAction();
    panel->setText(tr("&Uploads"));
    panel->setObjectName(QStringLiteral("actionUploadsPanel"));
    panel->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_U));
}

void UploadController::installDropHandlers()
{
    // The grid and the list: a folder row takes the drop, anywhere else the listed folder does
    // (not while showing search results: they have no folder to upload into).
    for (QAbstractItemView *view : m_browser->fileViews()) {
        auto *handler = new FileDropHandler(view, [this, view](const QPoint &pos) -> QString {
            FileListModel *files = m_browser ? m_browser->fileModel() : nullptr;
            if (!m_queue || !files || view->model() != files)
                return {};
            const QString folderRow = FileDropHandler::folderRowAt(view, pos);
            if (!folderRow.isEmpty())
                return folderRow;
            return files->searchQuery().isEmpty() ? files->folder() : QString();
        });
        connect(handler, &FileDropHandler::filesDropped, this, &UploadController::requestUpload);
    }
    QTreeView *tree = m_browser->folderView();
    auto *treeHandler = new FileDropHandler(tree, [this, tree](const QPoint &pos) -> QString {
        return m_queue ? FileDropHandler::folderRowAt(tree, pos) : QString();
    });
    connect(treeHandler, &FileDropHandler::filesDropped, this, &UploadController::requestUpload);
}

void UploadController::setDataDirectory(const QString &directory)
{
    m_dataDirectory = directory;
}

QString UploadController::pastedDirectory() const
{
    return m_pasted ? m_pasted->directory() : QString();
}

QString UploadController::databasePathFor(const Session *session) const
{
    if (!session)
        return {};
    const QString name = session->isDemo() ? QStringLiteral("demo")
                                           : QStringLiteral("profile-") + fileNameFor(session->profile().name);
    return m_dataDirectory + QLatin1Char('/') + name + QStringLiteral(".sqlite");
}

void UploadController::closeQueue()
{
    if (m_dialog)
        m_dialog->reject();
    m_updater->flush();
    m_panel->setQueue(nullptr);
    m_queue.reset(); // in-flight uploads are aborted; their items continue when the account opens again
    m_pasted.reset();
}

void UploadController::setSession(Session *session)
{
    if (session == m_session && m_queue)
        return;
    closeQueue();
    m_session = session;
    m_batchTime.invalidate();
    if (session) {
        const QString path = databasePathFor(session);
        // Pasted images per queue: the orphan sweep weighs them against this queue only.
        m_pasted = std::make_unique<PastedFileStore>(m_dataDirectory + QStringLiteral("/pasted/")
                                                     + QFileInfo(path).completeBaseName());
        QString error;
        auto queue = std::make_unique<UploadQueue>(&session->imageKit(), path);
        if (!QDir().mkpath(m_dataDirectory)) {
            showError(tr("Uploads are not available: cannot create the folder %1.").arg(m_dataDirectory));
        } else if (!queue->open(&error)) {
            showError(tr("Uploads are not available: the upload queue %1 cannot be opened: %2").arg(path, error));
        } else {
            m_queue = std::move(queue);
            connect(m_queue.get(), &UploadQueue::itemUploaded, this,
                    [this](qint64, const ik::UploadResult &result) { m_updater->fileUploaded(result); });
            connect(m_queue.get(), &UploadQueue::itemStateChanged, this, [this](qint64 itemId, UploadState state) {
                if (state == UploadState::Done || state == UploadState::Skipped || state == UploadState::Cancelled)
                    onItemEnded(itemId);
            });
            connect(m_queue.get(), &UploadQueue::queueFinished, this, &UploadController::notifyBatchEnded);
            connect(m_queue.get(), &UploadQueue::storageError, this, [this](const QString &reason) {
                showError(tr("Uploads paused: the queue could not be saved: %1").arg(reason));
            });
            connect(m_queue.get(), &UploadQueue::backgroundAddFinished, this, &UploadController::onBackgroundAddFinished);
            sweepPastedFiles();
            const UploadQueue::InterruptedAdds interrupted = m_queue->interruptedAdds();
            if (interrupted.batches > 0) {
                showError(tr("Mediadesk stopped while %n file(s) were being added to the upload queue. None of them was "
                             "queued (a drop is queued whole or not at all): drop them again to upload them.",
                             nullptr, int(interrupted.filesPlanned)));
            }
            m_panel->setQueue(m_queue.get());
            // What a previous run left (crash, quit mid-batch) continues now and is shown.
            if (m_queue->totals().remainingFiles() > 0) {
                m_batchTime.start();
                m_panel->show();
            }
            m_queue->start();
        }
    }
    updateActions();
}

void UploadController::updateActions()
{
    const bool ready = m_queue != nullptr;
    for (QAction *action : {m_uploadFiles, m_uploadFolder, m_paste})
        action->setEnabled(ready);
}

void UploadController::showError(const QString &message)
{
    m_lastError = message;
    if (!m_browser)
        return;
    m_browser->showStatus(message, 15000);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Upload"), message, QMessageBox::Ok, m_browser->dialogParent());
    box->setObjectName(QStringLiteral("uploadErrorDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open(); // not exec(): the queue keeps running behind it
}

QString UploadController::uploadFolder() const
{
    FileListModel *files = m_browser ? m_browser->fileModel() : nullptr;
    return files ? files->folder() : QStringLiteral("/");
}

void UploadController::requestUpload(const QStringList &localPaths, const QString &targetFolder)
{
    if (!m_queue || !m_session) {
        showError(tr("Open an account before uploading."));
        return;
    }
    if (localPaths.isEmpty())
        return;
    if (m_dialog) {
        // One sheet at a time: the open one still holds what the user was about to send.
        m_browser->showStatus(tr("Finish or cancel the open upload sheet first."), 8000);
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    auto *dialog = new UploadOptionsDialog(m_session->metadataFields(), m_browser->dialogParent());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    // Pasted images nobody uploads are deleted with the sheet.
    QStringList pasted;
    for (const QString &path : localPaths) {
        if (m_pasted && m_pasted->owns(path))
            pasted << path;
    }
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        startBatch(dialog->sources(), dialog->options());
    });
    connect(dialog, &QDialog::rejected, this, [this, pasted] {
        for (const QString &path : pasted) {
            if (m_pasted)
                m_pasted->release(path);
        }
    });
    dialog->plan(localPaths, targetFolder);
    dialog->open();
}

bool UploadController::startBatch(const QList<UploadSource> &sources, const UploadBatchOptions &options)
{
    if (!m_queue)
        return false;
    QString error;
    // Big drops are stored on a worker thread; the panel shows how far it got.
    const qint64 batchId = m_queue->addBatchInBackground(sources, options, &error);
    if (batchId == 0) {
        showError(tr("The upload could not be queued: %1").arg(error));
        return false;
    }
    if (!m_batchTime.isValid())
        m_batchTime.start();
    m_panel->show();
    m_panel->raise();
    m_queue->start();
    m_browser->showStatus(m_queue->isAdding() ? tr("Adding %n file(s) to the upload queue…", nullptr, int(sources.size()))
                                                           : tr("Uploading %n file(s)…", nullptr, int(sources.size())),
                                       5000);
    Q_EMIT batchStarted(batchId);
    return true;
}

void UploadController::chooseFiles()
{
    if (!m_queue)
        return;
    const QStringList files = QFileDialog::getOpenFileNames(m_browser->dialogParent(), tr("Upload Files to %1").arg(uploadFolder()));
    if (!files.isEmpty())
        requestUpload(files, uploadFolder());
}

void UploadController::chooseFolder()
{
    if (!m_queue)
        return;
    const QString folder = QFileDialog::getExistingDirectory(m_browser->dialogParent(), tr("Upload Folder to %1").arg(uploadFolder()));
    if (!folder.isEmpty())
        requestUpload({folder}, uploadFolder());
}

void UploadController::pasteFromClipboard()
{
    if (!m_queue || !m_pasted)
        return;
    const QMimeData *data = QGuiApplication::clipboard()->mimeData();
    const QStringList paths = FileDropHandler::localPathsOf(data);
    if (!paths.isEmpty()) {
        requestUpload(paths, uploadFolder());
        return;
    }
    if (data && data->hasImage()) {
        const QImage image = qvariant_cast<QImage>(data->imageData());
        QString error;
        const QString path = m_pasted->saveImage(image, &error);
        if (path.isEmpty()) {
            showError(error);
            return;
        }
        requestUpload({path}, uploadFolder());
        return;
    }
    m_lastError = tr("The clipboard holds no files or image to upload.");
    m_browser->showStatus(m_lastError, 6000);
}

void UploadController::onBackgroundAddFinished(qint64 batchId, bool added, const QString &reason)
{
    Q_UNUSED(batchId)
    if (added || !m_browser)
        return;
    if (reason.isEmpty())
        m_browser->showStatus(tr("Adding files was cancelled; none of them was queued."), 8000);
    else
        showError(tr("The upload could not be queued: %1").arg(reason));
}

void UploadController::sweepPastedFiles()
{
    if (!m_pasted || !m_queue)
        return;
    UploadQueue *queue = m_queue.get();
    m_pasted->sweepOrphans([queue](const QStringList &candidates) { return queue->localPathsInUse(candidates); },
                           QDateTime::currentMSecsSinceEpoch(), m_pastedOrphanAgeMs);
}

void UploadController::onItemEnded(qint64 itemId)
{
    // Only pasted images are ours to delete; the user's files are never touched.
    if (!m_pasted || !m_pasted->hasFiles() || !m_queue)
        return;
    const UploadQueueModel *model = m_queue->model();
    const int row = model->rowOfItem(itemId);
    if (row < 0)
        return;
    m_pasted->release(model->index(row, 0).data(UploadQueueModel::LocalPathRole).toString());
}

void UploadController::notifyBatchEnded()
{
    if (!m_queue || !m_browser)
        return;
    const qint64 elapsed = m_batchTime.isValid() ? m_batchTime.elapsed() : 0;
    m_batchTime.invalidate();
    if (elapsed < m_notifyAfterMs)
        return;
    const UploadTotals totals = m_queue->totals();
    QString message = tr("Uploads finished: %n file(s) uploaded", nullptr, int(totals.done));
    if (totals.failed > 0)
        message += tr(", %n failed", nullptr, int(totals.failed));
    if (totals.skipped > 0)
        message += tr(", %n skipped", nullptr, int(totals.skipped));
    m_lastNotification = message;
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(m_browser->dialogParent()->windowIcon(), this);
            m_tray->setToolTip(QStringLiteral("Mediadesk"));
        }
        m_tray->show();
        m_tray->showMessage(tr("Mediadesk"), message,
                            totals.failed > 0 ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
    }
    m_browser->showStatus(message, 15000);
    QApplication::alert(m_browser->dialogParent());
    Q_EMIT notified(message);
}

bool UploadController::selectInBrowser(const QString &fileId)
{
    FileListModel *files = m_browser ? m_browser->fileModel() : nullptr;
    if (!files)
        return false;
    const int row = files->rowOfId(fileId);
    if (row < 0)
        return false;
    QAbstractItemView *view = m_browser->activeFileView();
    if (!view->selectionModel())
        return false;
    const QModelIndex index = files->index(row, 0);
    view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->scrollTo(index);
    view->setFocus(Qt::OtherFocusReason);
    Q_EMIT uploadedFileShown(fileId);
    return true;
}

void UploadController::showUploadedFile(const QString &filePath, const QString &fileId)
{
    if (!m_browser || filePath.isEmpty())
        return;
    delete m_pendingSelection;
    m_updater->flush();
    m_browser->openFolder(parentOf(filePath));
    if (selectInBrowser(fileId))
        return;
    FileListModel *files = m_browser->fileModel();
    if (!files)
        return;
    // Not loaded yet: select it when the listing brings it, paging on until it does.
    auto *waiter = new QObject(this);
    m_pendingSelection = waiter;
    auto tryNow = [this, files, fileId, waiter] {
        // Once: a later loadingChanged before the waiter is deleted must not select again.
        if (m_pendingSelection != waiter)
            return;
        if (selectInBrowser(fileId)) {
            m_pendingSelection = nullptr;
            waiter->deleteLater();
        } else if (!files->isLoading() && files->canFetchMore({})) {
            files->fetchMore({});
        } else if (!files->isLoading()) {
            m_browser->showStatus(tr("The uploaded file is no longer in %1.").arg(files->folder()), 8000);
            m_pendingSelection = nullptr;
            waiter->deleteLater();
        }
    };
    connect(files, &FileListModel::loadingChanged, waiter, [tryNow](bool loading) {
        if (!loading)
            tryNow();
    });
    connect(files, &QObject::destroyed, waiter, &QObject::deleteLater);
    if (!files->isLoading())
        tryNow();
}

} // namespace ikui
