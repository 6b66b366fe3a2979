#pragma once

#include "accounts/session.h"
#include "browser/filegridview.h" // gridView() callers may use it as a QListView

#include <QMainWindow>
#include <QByteArray>
#include <QPointer>
#include <QStringList>

#include <functional>

class QAction;
class QActionGroup;
class QComboBox;
class QLabel;
class QListView;
class QMenu;
class QModelIndex;
class QStackedWidget;
class QTreeView;

namespace ik {
class ApiError;
class ApiJob;
class BulkJobStartJob;
} // namespace ik

namespace ikui {

class BreadcrumbBar;
class BuilderLauncher;
class DragOutDownload;
class DetailsPane;
class FileDragStarter;
class FileListModel;
class FolderTreeModel;
class OperationProgress;
class ProfileStore;
class SearchBox;
class SearchQueryEditor;
class Session;
class ThumbnailProvider;
class UploadController;
class VisibleRowsWatcher;

// The application window: folder tree on the left, breadcrumbs, search and the folder's content
// (thumbnail grid or details list) in the centre, the details pane on the right, operations in
// the menus, toolbar and context menus, long operations in the status bar.
//
// The window does not own the Session (main.cpp does); setSession(nullptr) shows the start page.
// Operations with dialogs have argument versions (renameSelected(name), moveIdsTo(ids, folder) ...)
// that the dialogs call and tests drive.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class ViewMode { Grid, List };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void setSession(Session *session);
    Session *session() const { return m_session; }
    // Shown while no session is open (E1's welcome screen); the window takes ownership.
    void setStartPage(QWidget *page);
    // Saved profiles for the Profiles menu; choosing one emits profileRequested(), "Add account…"
    // addAccountRequested() and "Remove account…" removeAccountRequested() (AppController answers).
    void setProfileStore(ProfileStore *profiles);

    FolderTreeModel *folderModel() const { return m_folderModel; }
    FileListModel *fileModel() const { return m_fileModel; }
    FileGridView *gridView() const { return m_grid; }
    QTreeView *listView() const { return m_list; }
    QTreeView *folderView() const { return m_tree; }
    // Starts the drags of the grid and the list (ids for moves, downloaded files for the desktop).
    FileDragStarter *dragStarter() const { return m_dragStarter; }
    DetailsPane *detailsPane() const { return m_details; }
    // Drops of local files, Upload/Paste actions, the upload panel and the account's queue.
    UploadController *uploads() const { return m_uploads; }
    SearchBox *searchBox() const { return m_searchBox; }
    SearchQueryEditor *searchQueryEditor() const { return m_queryEditor; }
    OperationProgress *operationProgress() const { return m_progress; }
    QString currentFolder() const;
    ViewMode viewMode() const { return m_viewMode; }
    // The last error shown to the user (status bar and dialog), for tests.
    QString lastErrorText() const { return m_lastError; }
    // Ids of the selected rows in the current view.
    QStringList selectedIds() const;

public Q_SLOTS:
    void openFolder(const QString &folderPath);
    void goUp();
    void refresh();
    void setViewMode(ikui::MainWindow::ViewMode mode);
    void search(const QString &searchQuery);
    void focusSearch();
    void showAbout();

    // Operations on the selection (dialogs ask for what is missing).
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
    void profileRequested(const QString &profileName);
    void addAccountRequested();
    void removeAccountRequested();
    // An operation finished (successfully or not), for tests and the status bar.
    void operationFinished(const QString &title, bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    struct Selected
    {
        QString id;
        QString name;
        QString path;
        QString url;
        bool isFolder = false;
        bool isPrivate = false;
    };
    // Where to fetch a selected file from: signed when it is private (see fetchUrl()).
    QUrl fetchUrlOf(const Selected &item) const;

    void createBrowser();
    void createActions();
    void createMenus();
    void createToolBar();
    void restoreLayout();
    void saveLayout() const;
    void bindModels();
    void updateActions();
    void onSelectionChanged();
    void onActivated(const QModelIndex &index);
    void showError(const QString &what, const ik::ApiError &error);
    void showContextMenu(const QPoint &pos);
    QList<Selected> selection() const;
    QList<Selected> selectionFor(const QStringList &ids) const;
    bool confirm(const QString &title, const QString &text);
    // A folder copy/move/rename/delete job followed to completion; `then` runs after it completed
    // or failed (not after cancel), e.g. to start the next folder's job.
    void runFolderJob(const QString &title, ik::BulkJobStartJob *job, std::function<void()> then = {});
    enum class Transfer { Move, Copy };
    // Moves or copies items to a folder: the files as one batch, then each folder's bulk job in turn.
    void transferIdsTo(Transfer transfer, const QStringList &ids, const QString &destinationFolder);
    void deleteFolders(const QStringList &folderPaths);
    void watchDragOutDownload(DragOutDownload *download);
    void startBatch(const QString &title, const QStringList &items,
                    std::function<ik::ApiJob *(const QString &)> factory, std::function<void()> whenDone);
    void updateDemoBadge();
    void attachActiveView();
    void download(const QList<Selected> &files, const QStringList &targets);

    QPointer<Session> m_session;
    FolderTreeModel *m_folderModel = nullptr;
    FileListModel *m_fileModel = nullptr;
    ThumbnailProvider *m_thumbnails = nullptr;
    QPointer<VisibleRowsWatcher> m_rowsWatcher;
    ProfileStore *m_profiles = nullptr;

    QStackedWidget *m_pages = nullptr;
    QWidget *m_startPage = nullptr;
    QWidget *m_browserPage = nullptr;
    QTreeView *m_tree = nullptr;
    BreadcrumbBar *m_breadcrumbs = nullptr;
    SearchBox *m_searchBox = nullptr;
    SearchQueryEditor *m_queryEditor = nullptr;
    QStackedWidget *m_views = nullptr;
    FileGridView *m_grid = nullptr;
    QTreeView *m_list = nullptr;
    DetailsPane *m_details = nullptr;
    OperationProgress *m_progress = nullptr;
    UploadController *m_uploads = nullptr;
    BuilderLauncher *m_builderLauncher = nullptr; // URL builder windows (Ctrl+B, Tools menu)
    FileDragStarter *m_dragStarter = nullptr;
    QComboBox *m_sort = nullptr;
    QComboBox *m_fileType = nullptr;
    QLabel *m_demoBadge = nullptr;
    QMenu *m_profilesMenu = nullptr;
    ViewMode m_viewMode = ViewMode::Grid;
    QByteArray m_listHeaderState; // the details list's columns while the grid holds the model
    QString m_lastError;
    QPointer<QObject> m_currentOperation;

    QAction *m_newFolderAction = nullptr;
    QAction *m_renameAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_moveAction = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_copyUrlAction = nullptr;
    QAction *m_copySignedUrlAction = nullptr;
    QAction *m_openInBrowserAction = nullptr;
    QAction *m_downloadAction = nullptr;
    QAction *m_purgeAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_upAction = nullptr;
    QAction *m_searchAction = nullptr;
    QAction *m_advancedSearchAction = nullptr;
    QAction *m_gridAction = nullptr;
    QAction *m_listAction = nullptr;
    QAction *m_detailsAction = nullptr;
};

} // namespace ikui
