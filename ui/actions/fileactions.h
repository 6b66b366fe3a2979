#pragma once

#include "browser/browsercontext.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

class QAction;

namespace ik {
class ApiError;
class ApiJob;
class BulkJobStartJob;
} // namespace ik

namespace ikui {

class Operation;

// Every action on the browser's selection: new folder, rename, delete, move, copy, URLs, download,
// purge. Each one that changes the server or moves data runs as an Operation in the session's
// OperationManager (Activity panel, cancel, per-item failures, retry); answers go into the
// session's FileStore, which the views observe. Dialogs ask for what is missing; the argument
// versions (renameSelectedTo, moveIdsTo ...) are what the dialogs call and tests drive.
class FileActions : public QObject
{
    Q_OBJECT

public:
    explicit FileActions(BrowserContext *browser);

    QAction *newFolderAction() const { return m_newFolder; }
    QAction *renameAction() const { return m_rename; }
    QAction *deleteAction() const { return m_delete; }
    QAction *moveAction() const { return m_move; }
    QAction *copyAction() const { return m_copy; }
    QAction *copyUrlAction() const { return m_copyUrl; }
    QAction *copySignedUrlAction() const { return m_copySignedUrl; }
    QAction *openInBrowserAction() const { return m_openInBrowser; }
    QAction *downloadAction() const { return m_download; }
    QAction *purgeAction() const { return m_purge; }

    // Enables the actions for the current selection.
    void updateActions();

public Q_SLOTS:
    void newFolder();
    void createFolder(const QString &name);
    void renameSelected();
    void renameSelectedTo(const QString &newName);
    void deleteSelected();
    void moveSelected();
    void copySelected();
    void moveIdsTo(const QStringList &ids, const QString &destinationFolder);
    void copyIdsTo(const QStringList &ids, const QString &destinationFolder);
    void copyUrl();
    void copySignedUrl(qint64 expireSeconds);
    void openInBrowser();
    void downloadSelected();
    void downloadSelectedTo(const QString &directory);
    void purgeCache();

Q_SIGNALS:
    // An action ended (successfully or not): the status bar and tests.
    void actionFinished(const QString &title, bool ok);
    void errorOccurred(const QString &what, const ik::ApiError &error);

private:
    enum class Transfer { Move, Copy };
    void askAndTransfer(Transfer transfer);
    void transferIdsTo(Transfer transfer, const QStringList &ids, const QString &destinationFolder);
    void runFolderJobs(Transfer transfer, const QStringList &folders, const QString &destinationFolder, int index);
    void deleteFolders(const QStringList &folderPaths);
    void download(const QList<SelectedItem> &files, const QStringList &targets);
    // Starts `operation` in the session's manager; reports its end as actionFinished (and its
    // failures as one error); a refusal (conflict) is reported as an error and returns false.
    bool start(Operation *operation, std::function<void(Operation *)> whenFinished = {});
    void reportFailures(Operation *operation);
    bool confirm(const QString &title, const QString &text);
    QUrl fetchUrlOf(const SelectedItem &item) const;
    void refreshFolders();

    BrowserContext *m_browser;
    QAction *m_newFolder = nullptr;
    QAction *m_rename = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_move = nullptr;
    QAction *m_copy = nullptr;
    QAction *m_copyUrl = nullptr;
    QAction *m_copySignedUrl = nullptr;
    QAction *m_openInBrowser = nullptr;
    QAction *m_download = nullptr;
    QAction *m_purge = nullptr;
};

} // namespace ikui
