#pragma once

#include "browser/browsercontext.h"
#include "browser/filegridview.h" // gridView() callers may use it as a QListView
#include "session/session.h"
#include "shell/browserpage.h"

#include <QByteArray>
#include <QMainWindow>
#include <QPointer>

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QModelIndex;
class QStackedWidget;
class QTreeView;

namespace ik {
class ApiError;
} // namespace ik

namespace ikui {

class ActivityPanel;
class ActivitySummary;
class BreadcrumbBar;
class BuilderLauncher;
class DetailsPane;
class FileActions;
class FileDragStarter;
class FileListModel;
class FolderTreeModel;
class OperationProgress;
class ProfileStore;
class ProfilesMenu;
class SearchBox;
class SearchQueryEditor;
class ThumbnailProvider;
class UploadController;
class VisibleRowsWatcher;

// The application window. It arranges: folder tree on the left, breadcrumbs, search and the
// folder's content (thumbnail grid or details list) in the centre, the details pane on the right,
// the upload and Activity panels below, the operations' summary in the status bar; and it puts the
// controllers' actions into menus, toolbar and context menus. It holds no operation logic: the
// actions live in FileActions, uploads in UploadController, builders in BuilderLauncher, each
// seeing the browser only through BrowserContext.
//
// The window does not own the Session (AppController does); setSession(nullptr) shows the start page.
class MainWindow : public QMainWindow, public BrowserContext
{
    Q_OBJECT

public:
    using ViewMode = BrowserPage::ViewMode;

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override = default;

    void setSession(Session *session);
    // Shown while no session is open (the welcome screen); the window takes ownership.
    void setStartPage(QWidget *page);
    // Saved profiles for the Profiles menu; choosing one emits profileRequested(), "Add account…"
    // addAccountRequested() and "Remove account…" removeAccountRequested() (AppController answers).
    void setProfileStore(ProfileStore *profiles);

    // --- BrowserContext
    QWidget *dialogParent() const override { return const_cast<MainWindow *>(this); }
    Session *session() const override { return m_session; }
    FileListModel *fileModel() const override { return m_fileModel; }
    FolderTreeModel *folderModel() const override { return m_folderModel; }
    QAbstractItemView *activeFileView() const override;
    QList<QAbstractItemView *> fileViews() const override;
    QTreeView *folderView() const override { return m_tree; }
    QString currentFolder() const override;
    void showStatus(const QString &message, int timeoutMs) override;

    FileGridView *gridView() const { return m_grid; }
    QTreeView *listView() const { return m_list; }
    FileDragStarter *dragStarter() const { return m_dragStarter; }
    DetailsPane *detailsPane() const { return m_details; }
    FileActions *fileActions() const { return m_actions; }
    UploadController *uploads() const { return m_uploads; }
    ActivityPanel *activityPanel() const { return m_activity; }
    SearchBox *searchBox() const { return m_searchBox; }
    SearchQueryEditor *searchQueryEditor() const { return m_queryEditor; }
    OperationProgress *operationProgress() const { return m_progress; }
    ViewMode viewMode() const { return m_page->viewMode(); }
    // The last error shown to the user (status bar and dialog), for tests.
    QString lastErrorText() const { return m_lastError; }

public Q_SLOTS:
    void openFolder(const QString &folderPath) override;
    void refresh() override;
    void goUp();
    void setViewMode(ikui::MainWindow::ViewMode mode);
    void search(const QString &searchQuery);
    void focusSearch();
    void showAbout();

Q_SIGNALS:
    void profileRequested(const QString &profileName);
    void addAccountRequested();
    void removeAccountRequested();
    // An action finished (successfully or not), for tests and the status bar.
    void operationFinished(const QString &title, bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
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

    QPointer<Session> m_session;
    FolderTreeModel *m_folderModel = nullptr;
    FileListModel *m_fileModel = nullptr;
    ThumbnailProvider *m_thumbnails = nullptr;

    QStackedWidget *m_pages = nullptr;
    QWidget *m_startPage = nullptr;
    BrowserPage *m_page = nullptr;
    QTreeView *m_tree = nullptr;
    BreadcrumbBar *m_breadcrumbs = nullptr;
    SearchBox *m_searchBox = nullptr;
    SearchQueryEditor *m_queryEditor = nullptr;
    FileGridView *m_grid = nullptr;
    QTreeView *m_list = nullptr;
    DetailsPane *m_details = nullptr;
    OperationProgress *m_progress = nullptr;
    ActivityPanel *m_activity = nullptr;
    ActivitySummary *m_summary = nullptr;
    FileActions *m_actions = nullptr;
    UploadController *m_uploads = nullptr;
    BuilderLauncher *m_builderLauncher = nullptr; // URL builder windows (Ctrl+B, Tools menu)
    FileDragStarter *m_dragStarter = nullptr;
    QComboBox *m_sort = nullptr;
    QComboBox *m_fileType = nullptr;
    QLabel *m_demoBadge = nullptr;
    ProfilesMenu *m_profilesMenu = nullptr;
    QString m_lastError;

    QAction *m_refreshAction = nullptr;
    QAction *m_upAction = nullptr;
    QAction *m_searchAction = nullptr;
    QAction *m_advancedSearchAction = nullptr;
    QAction *m_gridAction = nullptr;
    QAction *m_listAction = nullptr;
    QAction *m_detailsAction = nullptr;
};

} // namespace ikui
