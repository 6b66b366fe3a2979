#include "actions/fileactions.h"
#include "actions/windowaction.h"

#include "models/filelistmodel.h"
#include "models/foldertreemodel.h"
#include "operations/batchoperation.h"
#include "operations/bulkfiledelete.h"
#include "operations/confirmationtext.h"
#include "operations/fetchurl.h"
#include "operations/filedownload.h"
#include "operations/folderjobwatcher.h"
#include "operations/operationmanager.h"
#include "operations/purgestatuswatcher.h"
#include "operations/safefilename.h"
#include "session/filestore.h"
#include "session/session.h"

#include "api/apiclient.h"
#include "api/imagekit.h"
#include "url/urlbuilder.h"

#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHash>
#include <QInputDialog>
#include <QMessageBox>
#include <QSet>
#include <QStandardPaths>
#include <QWidget>

namespace ikui {

FileActions::FileActions(BrowserContext *browser)
    : QObject(browser->dialogParent())
    , m_browser(browser)
{
    QWidget *window = browser->dialogParent();
    auto make = [this, window](const QString &text, const char *name, const QKeySequence &shortcut, auto slot) {
        return addWindowAction(window, this, text, name, shortcut, slot);
    };
    m_newFolder = make(tr("New &Folder…"), "actionNewFolder", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
                       &FileActions::newFolder);
    m_rename = make(tr("&Rename…"), "actionRename", QKeySequence(Qt::Key_F2), qOverload<>(&FileActions::renameSelected));
    m_delete = make(tr("&Delete…"), "actionDelete", QKeySequence::Delete, &FileActions::deleteSelected);
    m_move = make(tr("&Move to…"), "actionMove", {}, &FileActions::moveSelected);
    m_copy = make(tr("Cop&y to…"), "actionCopy", {}, &FileActions::copySelected);
    m_copyUrl = make(tr("Copy &URL"), "actionCopyUrl", QKeySequence::Copy, &FileActions::copyUrl);
    m_copySignedUrl = make(tr("Copy &Signed URL…"), "actionCopySignedUrl", {}, [this] {
        bool ok = false;
        const int hours = QInputDialog::getInt(m_browser->dialogParent(), tr("Signed URL"),
                                               tr("Valid for (hours, 0 = never expires):"), 24, 0, 24 * 365, 1, &ok);
        if (ok)
            copySignedUrl(qint64(hours) * 3600);
    });
    m_openInBrowser = make(tr("Open in &Browser"), "actionOpenInBrowser", {}, &FileActions::openInBrowser);
    m_download = make(tr("Do&wnload…"), "actionDownload", QKeySequence(Qt::CTRL | Qt::Key_S), &FileActions::downloadSelected);
    m_purge = make(tr("&Purge CDN Cache"), "actionPurgeCache", {}, &FileActions::purgeCache);
}

void FileActions::updateActions()
{
    const bool hasSession = m_browser->session() != nullptr;
    const QList<SelectedItem> items = m_browser->selectedItems();
    bool anyFile = false;
    for (const SelectedItem &item : items)
        anyFile = anyFile || !item.isFolder;
    const bool single = items.size() == 1;
    const bool singleFile = single && !items.first().isFolder;
    m_newFolder->setEnabled(hasSession);
    m_rename->setEnabled(single);
    m_delete->setEnabled(!items.isEmpty());
    m_move->setEnabled(!items.isEmpty());
    m_copy->setEnabled(!items.isEmpty());
    m_copyUrl->setEnabled(anyFile);
    m_copySignedUrl->setEnabled(singleFile);
    m_openInBrowser->setEnabled(singleFile);
    m_download->setEnabled(anyFile);
    m_purge->setEnabled(singleFile);
}

bool FileActions::start(Operation *operation, std::function<void(Operation *)> whenFinished)
{
    Session *session = m_browser->session();
    if (!session) {
        delete operation;
        return false;
    }
    const QString title = operation->title();
    connect(operation, &Operation::finished, this, [this, operation, whenFinished = std::move(whenFinished)] {
        if (whenFinished)
            whenFinished(operation);
        if (operation->state() == Operation::State::Cancelled)
            m_browser->showStatus(tr("%1: %2").arg(operation->title(), operation->resultText()), 10000);
        else if (operation->itemFailures().isEmpty())
            m_browser->showStatus(tr("%1: done").arg(operation->title()), 5000);
        else
            reportFailures(operation);
        Q_EMIT actionFinished(operation->title(), operation->state() == Operation::State::Succeeded);
    });
    QString why;
    if (!session->operations()->start(operation, &why)) {
        Q_EMIT errorOccurred(title, ik::ApiError(ik::ErrorKind::InvalidArgument, why));
        Q_EMIT actionFinished(title, false);
        return false;
    }
    return true;
}

void FileActions::reportFailures(Operation *operation)
{
    const QList<OperationFailure> &failures = operation->itemFailures();
    if (failures.isEmpty())
        return;
    // Per item: how the user knows it and the server's reason (the Activity panel keeps the list).
    QStringList lines;
    for (const OperationFailure &failure : failures)
        lines << QStringLiteral("%1: %2").arg(failure.label, failure.error.message());
    const ik::ApiError &first = failures.first().error;
    const QString message = failures.size() == 1 && operation->itemTotal() <= 1
        ? first.message()
        : (qobject_cast<BulkFileDelete *>(operation) ? tr("%n file(s) were not deleted:\n", nullptr, int(failures.size()))
                                                     : tr("%n item(s) failed:\n", nullptr, int(failures.size())))
            + lines.join(QLatin1Char('\n'));
    Q_EMIT errorOccurred(operation->title(), ik::ApiError(first.kind(), message, first.help()));
}

bool FileActions::confirm(const QString &title, const QString &text)
{
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Yes | QMessageBox::Cancel, m_browser->dialogParent());
    box.setObjectName(QStringLiteral("confirmDialog"));
    box.setDefaultButton(QMessageBox::Cancel);
    return box.exec() == QMessageBox::Yes;
}

void FileActions::refreshFolders()
{
    m_browser->refresh();
    if (FolderTreeModel *folders = m_browser->folderModel())
        folders->refresh(QStringLiteral("/"));
}

void FileActions::newFolder()
{
    bool ok = false;
    const QString name = QInputDialog::getText(m_browser->dialogParent(), tr("New Folder"),
                                               tr("Folder name in %1:").arg(m_browser->currentFolder()),
                                               QLineEdit::Normal, {}, &ok);
    if (ok)
        createFolder(name.trimmed());
}

void FileActions::createFolder(const QString &name)
{
    Session *session = m_browser->session();
    if (!session || name.isEmpty())
        return;
    if (name.contains(QLatin1Char('/'))) {
        Q_EMIT errorOccurred(tr("Creating folder"),
                             ik::ApiError(ik::ErrorKind::InvalidArgument, tr("A folder name cannot contain \"/\".")));
        return;
    }
    const QString parent = m_browser->currentFolder();
    ik::ImageKit imagekit = session->imageKit();
    auto *operation = new BatchOperation(tr("Create folder %1").arg(name), {name},
                                         [imagekit, parent](const QString &folderName) mutable -> ik::ApiJob * {
                                             ik::CreateFolderOptions options;
                                             options.folderName = folderName;
                                             options.parentFolderPath = parent;
                                             return imagekit.createFolder(options);
                                         });
    const QString path = (parent == QLatin1String("/") ? QString() : parent) + QLatin1Char('/') + name;
    operation->setSubjects({path}, Operation::Effect::Changes);
    operation->setWhenDone([this] { m_browser->refresh(); });
    start(operation);
}

void FileActions::renameSelected()
{
    const QList<SelectedItem> items = m_browser->selectedItems();
    if (items.size() != 1)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(m_browser->dialogParent(), tr("Rename"),
                                               tr("New name for %1:").arg(items.first().name), QLineEdit::Normal,
                                               items.first().name, &ok);
    if (ok && name.trimmed() != items.first().name)
        renameSelectedTo(name.trimmed());
}

void FileActions::renameSelectedTo(const QString &newName)
{
    Session *session = m_browser->session();
    const QList<SelectedItem> items = m_browser->selectedItems();
    if (!session || items.size() != 1 || newName.isEmpty())
        return;
    const SelectedItem item = items.first();
    if (newName.contains(QLatin1Char('/'))) {
        Q_EMIT errorOccurred(tr("Rename"), ik::ApiError(ik::ErrorKind::InvalidArgument, tr("A name cannot contain \"/\".")));
        return;
    }
    const QString title = tr("Rename %1 to %2").arg(item.name, newName);
    ik::ImageKit imagekit = session->imageKit();
    if (item.isFolder) {
        auto *watcher = new FolderJobWatcher(imagekit, title);
        watcher->setSubjects({item.path}, Operation::Effect::Changes);
        watcher->setStartJob([imagekit, item, newName]() mutable {
            ik::RenameFolderOptions options;
            options.folderPath = item.path;
            options.newFolderName = newName;
            return imagekit.renameFolder(options);
        });
        start(watcher, [this](Operation *) { refreshFolders(); });
        return;
    }
    auto *operation = new BatchOperation(title, {item.path}, [imagekit, newName](const QString &path) mutable -> ik::ApiJob * {
        ik::RenameFileOptions options;
        options.filePath = path;
        options.newFileName = newName;
        return imagekit.renameFile(options);
    });
    operation->setSubjects({item.id, item.path}, Operation::Effect::Changes);
    const QPointer<FileStore> store = session->files();
    const QString id = item.id;
    connect(operation, &BatchOperation::itemSucceeded, this, [store, id, newName] {
        if (store)
            store->rename(id, newName);
    });
    start(operation);
}

void FileActions::deleteSelected()
{
    Session *session = m_browser->session();
    const QList<SelectedItem> items = m_browser->selectedItems();
    if (!session || items.isEmpty())
        return;
    QStringList fileNames, folderPaths, fileIds, subjects;
    QHash<QString, QString> nameOfId;
    for (const SelectedItem &item : items) {
        subjects << item.id << item.path;
        if (item.isFolder) {
            folderPaths << item.path;
        } else {
            fileNames << item.name;
            fileIds << item.id;
            nameOfId.insert(item.id, item.name);
        }
    }
    // Refused before asking: no point confirming what cannot start.
    if (const QString busy = session->operations()->conflictFor(tr("Delete"), subjects, Operation::Effect::Changes);
        !busy.isEmpty()) {
        Q_EMIT errorOccurred(tr("Delete"), ik::ApiError(ik::ErrorKind::InvalidArgument, busy));
        Q_EMIT actionFinished(tr("Delete"), false);
        return;
    }
    if (!confirm(tr("Delete"), ConfirmationText::deleteItems(fileNames, folderPaths)))
        return;
    if (fileIds.isEmpty()) {
        deleteFolders(folderPaths);
        return;
    }
    // Files through the bulk delete API (100 per request), then the folders.
    auto *operation = new BulkFileDelete(session->imageKit(), tr("Delete %n file(s)", nullptr, int(fileIds.size())), fileIds);
    operation->setFileNames(nameOfId);
    QStringList fileSubjects = fileIds;
    for (const SelectedItem &item : items) {
        if (!item.isFolder)
            fileSubjects << item.path;
    }
    operation->setSubjects(fileSubjects, Operation::Effect::Changes);
    const QPointer<FileStore> store = session->files();
    start(operation, [this, store, folderPaths](Operation *finished) {
        auto *bulk = static_cast<BulkFileDelete *>(finished);
        QStringList gone = bulk->deletedIds();
        for (const auto &[id, error] : bulk->failures()) {
            if (error.kind() == ik::ErrorKind::NotFound)
                gone << id; // not there any more either
        }
        // Some not deleted: list the folder again first, the server knows which are left (and the
        // selection goes with the old rows instead of moving onto a file that may be gone).
        if (!bulk->failures().isEmpty())
            m_browser->refresh();
        if (store)
            store->remove(gone);
        if (!finished->isCancelled() && !folderPaths.isEmpty())
            deleteFolders(folderPaths);
    });
}

void FileActions::deleteFolders(const QStringList &folderPaths)
{
    Session *session = m_browser->session();
    if (!session || folderPaths.isEmpty())
        return;
    ik::ImageKit imagekit = session->imageKit();
    auto *operation = new BatchOperation(tr("Delete %n folder(s)", nullptr, int(folderPaths.size())), folderPaths,
                                         [imagekit](const QString &path) mutable -> ik::ApiJob * {
                                             ik::DeleteFolderOptions options;
                                             options.folderPath = path;
                                             return imagekit.deleteFolder(options);
                                         });
    operation->setWhenDone([this] { refreshFolders(); });
    start(operation);
}

void FileActions::moveSelected()
{
    askAndTransfer(Transfer::Move);
}

void FileActions::copySelected()
{
    askAndTransfer(Transfer::Copy);
}

void FileActions::askAndTransfer(Transfer transfer)
{
    const QStringList ids = m_browser->selectedIds();
    if (ids.isEmpty())
        return;
    bool ok = false;
    const QString folder = QInputDialog::getText(m_browser->dialogParent(),
                                                 transfer == Transfer::Move ? tr("Move to") : tr("Copy to"),
                                                 tr("Destination folder:"), QLineEdit::Normal,
                                                 m_browser->currentFolder(), &ok);
    if (ok && !folder.trimmed().isEmpty())
        transferIdsTo(transfer, ids, folder.trimmed());
}

void FileActions::moveIdsTo(const QStringList &ids, const QString &destinationFolder)
{
    transferIdsTo(Transfer::Move, ids, destinationFolder);
}

void FileActions::copyIdsTo(const QStringList &ids, const QString &destinationFolder)
{
    transferIdsTo(Transfer::Copy, ids, destinationFolder);
}

void FileActions::transferIdsTo(Transfer transfer, const QStringList &ids, const QString &destinationFolder)
{
    Session *session = m_browser->session();
    if (!session)
        return;
    const bool move = transfer == Transfer::Move;
    QStringList files, folders, subjects;
    QHash<QString, QString> idOfPath, nameOfPath;
    for (const SelectedItem &item : m_browser->itemsFor(ids)) {
        (item.isFolder ? folders : files) << item.path;
        idOfPath.insert(item.path, item.id);
        nameOfPath.insert(item.path, item.name);
        subjects << item.id << item.path;
    }
    if (files.isEmpty()) {
        runFolderJobs(transfer, folders, destinationFolder, 0);
        return;
    }
    const QString title = (move ? tr("Move %n file(s) to %1", nullptr, int(files.size()))
                                : tr("Copy %n file(s) to %1", nullptr, int(files.size())))
                              .arg(destinationFolder);
    ik::ImageKit imagekit = session->imageKit();
    auto *operation = new BatchOperation(title, files, [imagekit, destinationFolder, move](const QString &path) mutable -> ik::ApiJob * {
        if (move) {
            ik::MoveFileOptions options;
            options.sourceFilePath = path;
            options.destinationPath = destinationFolder;
            return imagekit.moveFile(options);
        }
        ik::CopyFileOptions options;
        options.sourceFilePath = path;
        options.destinationPath = destinationFolder;
        return imagekit.copyFile(options);
    });
    operation->setItemLabels(nameOfPath);
    // A copy only reads its sources; a move changes them.
    operation->setSubjects(subjects, move ? Operation::Effect::Changes : Operation::Effect::Reads);
    const QPointer<FileStore> store = session->files();
    if (move) {
        connect(operation, &BatchOperation::itemSucceeded, this, [store, idOfPath, destinationFolder](const QString &path) {
            if (store)
                store->moveTo({idOfPath.value(path)}, destinationFolder);
        });
    }
    start(operation, [this, transfer, folders, destinationFolder, move](Operation *finished) {
        // Copies (and moves into the listed folder) have ids only the server knows: list again.
        if (!move || destinationFolder == m_browser->currentFolder())
            m_browser->refresh();
        if (!finished->isCancelled())
            runFolderJobs(transfer, folders, destinationFolder, 0);
    });
}

void FileActions::runFolderJobs(Transfer transfer, const QStringList &folders, const QString &destinationFolder, int index)
{
    Session *session = m_browser->session();
    if (!session || index >= folders.size())
        return;
    // Folder jobs one after the other: each is followed to completion before the next starts.
    const bool move = transfer == Transfer::Move;
    const QString path = folders.at(index);
    const QString title = (move ? tr("Move folder %1 to %2") : tr("Copy folder %1 to %2")).arg(path, destinationFolder);
    ik::ImageKit imagekit = session->imageKit();
    auto *watcher = new FolderJobWatcher(imagekit, title);
    watcher->setSubjects({path}, move ? Operation::Effect::Changes : Operation::Effect::Reads);
    watcher->setStartJob([imagekit, path, destinationFolder, move]() mutable -> ik::BulkJobStartJob * {
        if (move) {
            ik::MoveFolderOptions options;
            options.sourceFolderPath = path;
            options.destinationPath = destinationFolder;
            return imagekit.moveFolder(options);
        }
        ik::CopyFolderOptions options;
        options.sourceFolderPath = path;
        options.destinationPath = destinationFolder;
        return imagekit.copyFolder(options);
    });
    start(watcher, [this, transfer, folders, destinationFolder, index](Operation *finished) {
        refreshFolders();
        if (!finished->isCancelled())
            runFolderJobs(transfer, folders, destinationFolder, index + 1);
    });
}

void FileActions::copyUrl()
{
    QStringList urls;
    for (const SelectedItem &item : m_browser->selectedItems()) {
        if (!item.isFolder && !item.url.isEmpty())
            urls << item.url;
    }
    if (urls.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(urls.join(QLatin1Char('\n')));
    m_browser->showStatus(tr("Copied %n URL(s)", nullptr, int(urls.size())), 4000);
}

void FileActions::copySignedUrl(qint64 expireSeconds)
{
    Session *session = m_browser->session();
    const QList<SelectedItem> items = m_browser->selectedItems();
    if (!session || items.size() != 1 || items.first().isFolder)
        return;
    ik::UrlOptions options;
    options.path = items.first().path;
    options.sign = true;
    options.expireSeconds = expireSeconds;
    const ik::UrlResult result = session->urlBuilder().build(options);
    if (!result.ok()) {
        Q_EMIT errorOccurred(tr("Signed URL"), ik::ApiError(ik::ErrorKind::InvalidArgument, result.errorMessage));
        return;
    }
    QGuiApplication::clipboard()->setText(result.url);
    m_browser->showStatus(expireSeconds > 0
                              ? tr("Copied a signed URL valid for %n hour(s)", nullptr, int(expireSeconds / 3600))
                              : tr("Copied a signed URL that never expires"),
                          5000);
}

void FileActions::openInBrowser()
{
    const QList<SelectedItem> items = m_browser->selectedItems();
    if (items.size() != 1 || items.first().url.isEmpty())
        return;
    QDesktopServices::openUrl(fetchUrlOf(items.first()));
}

QUrl FileActions::fetchUrlOf(const SelectedItem &item) const
{
    Session *session = m_browser->session();
    return fetchUrl(session ? &session->urlBuilder() : nullptr, item.path, item.url, item.isPrivate);
}

void FileActions::downloadSelected()
{
    QList<SelectedItem> files;
    for (const SelectedItem &item : m_browser->selectedItems()) {
        if (!item.isFolder && !item.url.isEmpty())
            files << item;
    }
    if (files.isEmpty())
        return;
    const QString downloads = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    if (files.size() == 1) {
        const QString target = QFileDialog::getSaveFileName(m_browser->dialogParent(), tr("Save As"),
                                                            SafeFileName::uniquePathIn(downloads, files.first().name));
        if (!target.isEmpty())
            download(files, {target}); // the user chose (and confirmed) this exact path
        return;
    }
    const QString dir = QFileDialog::getExistingDirectory(m_browser->dialogParent(), tr("Download to folder"), downloads);
    if (!dir.isEmpty())
        downloadSelectedTo(dir);
}

void FileActions::downloadSelectedTo(const QString &directory)
{
    QList<SelectedItem> files;
    for (const SelectedItem &item : m_browser->selectedItems()) {
        if (!item.isFolder && !item.url.isEmpty())
            files << item;
    }
    QStringList targets;
    QSet<QString> taken;
    for (const SelectedItem &item : std::as_const(files)) {
        // Unique among the existing files and this batch; always directly inside `directory`.
        QString target = SafeFileName::uniquePathIn(directory, item.name);
        for (int n = 2; taken.contains(target); ++n)
            target = SafeFileName::uniquePathIn(directory, QStringLiteral("%1-%2").arg(n).arg(item.name));
        taken.insert(target);
        targets << target;
    }
    download(files, targets);
}

void FileActions::download(const QList<SelectedItem> &files, const QStringList &targets)
{
    Session *session = m_browser->session();
    if (!session || files.isEmpty() || files.size() != targets.size())
        return;
    // Streamed to disk a few at a time (the drag-out engine): no whole file in memory.
    QList<FileDownload::File> items;
    FileListModel *model = m_browser->fileModel();
    for (int i = 0; i < files.size(); ++i) {
        const SelectedItem &item = files.at(i);
        const int row = model ? model->rowOfId(item.id) : -1;
        const FileEntry *entry = row >= 0 ? model->entry(row) : nullptr;
        items.append({item.name, fetchUrlOf(item), targets.at(i), entry ? entry->size : -1, item.id});
    }
    start(new FileDownload(tr("Download %n file(s)", nullptr, int(items.size())),
                           session->client()->networkAccessManager(), items));
}

void FileActions::purgeCache()
{
    Session *session = m_browser->session();
    const QList<SelectedItem> items = m_browser->selectedItems();
    if (!session || items.size() != 1 || items.first().url.isEmpty())
        return;
    const SelectedItem item = items.first();
    ik::ImageKit imagekit = session->imageKit();
    auto *watcher = new PurgeStatusWatcher(imagekit, tr("Purge cache of %1").arg(item.name));
    watcher->setSubjects({item.id}, Operation::Effect::Reads);
    watcher->setStartJob([imagekit, url = item.url]() mutable { return imagekit.purgeFileCache(url); });
    // Giving up is not an error: the CDN completes the purge without the app.
    connect(watcher, &PurgeStatusWatcher::gaveUp, this, [this, title = watcher->title()](const QString &lastStatus) {
        m_browser->showStatus(tr("%1: still %2; it completes on the CDN without the app.").arg(title, lastStatus), 15000);
    });
    const bool started = start(watcher);
    if (started) {
        // After the generic end message: what the CDN said last.
        connect(watcher, &PurgeStatusWatcher::completed, this, [this, title = watcher->title()] {
            m_browser->showStatus(tr("%1: Completed").arg(title), 8000);
        });
    }
}

} // namespace ikui
