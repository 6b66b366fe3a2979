#pragma once

#include <QByteArray>
#include <QPointer>
#include <QWidget>

class QAbstractItemView;
class QComboBox;
class QSplitter;
class QStackedWidget;
class QTreeView;

namespace ikui {

class BreadcrumbBar;
class DetailsPane;
class FileDragStarter;
class FileGridView;
class FileListModel;
class FolderTreeModel;
class SearchBox;
class SearchQueryEditor;
class VisibleRowsWatcher;

// The browser page of the main window, laid out: folder tree | breadcrumbs, sort, filter, search,
// the advanced query editor and the files (grid or details list) | details pane. Only the view
// that is shown holds the file model (a hidden view would ask for pages and report wrong visible
// rows for thumbnails); the details list keeps its column layout while the grid holds the model.
class BrowserPage : public QWidget
{
    Q_OBJECT

public:
    enum class ViewMode { Grid, List };

    BrowserPage(FileDragStarter *dragStarter, QWidget *parent = nullptr);

    QSplitter *splitter() const { return m_splitter; }
    QTreeView *folderTree() const { return m_tree; }
    BreadcrumbBar *breadcrumbs() const { return m_breadcrumbs; }
    SearchBox *searchBox() const { return m_searchBox; }
    SearchQueryEditor *queryEditor() const { return m_queryEditor; }
    QComboBox *sortCombo() const { return m_sort; }
    QComboBox *fileTypeCombo() const { return m_fileType; }
    FileGridView *grid() const { return m_grid; }
    QTreeView *list() const { return m_list; }
    DetailsPane *details() const { return m_details; }

    // The listing the active view shows and the folder tree beside it (nullptr: none); the rows
    // on screen drive the listing's thumbnails.
    void setModels(FileListModel *model, FolderTreeModel *folders);
    // Navigation: the listing, breadcrumbs, tree selection and details pane follow.
    void openFolder(const QString &folderPath);
    void goUp();
    void refresh();
    void search(const QString &searchQuery);
    void setViewMode(ViewMode mode);
    ViewMode viewMode() const { return m_viewMode; }
    QAbstractItemView *activeView() const;
    // The details list's columns (saved with the window layout).
    QByteArray listHeaderState() const;
    void setListHeaderState(const QByteArray &state) { m_listHeaderState = state; }

Q_SIGNALS:
    // The active view took the model (its selection model is new).
    void activeViewChanged(QAbstractItemView *view);
    // A folder is listed now (navigation from the tree, breadcrumbs, Up, or openFolder()).
    void folderOpened(const QString &folderPath);

private:
    void attachActiveView();
    void selectInTree(const QString &folderPath);

    QSplitter *m_splitter = nullptr;
    QTreeView *m_tree = nullptr;
    BreadcrumbBar *m_breadcrumbs = nullptr;
    SearchBox *m_searchBox = nullptr;
    SearchQueryEditor *m_queryEditor = nullptr;
    QComboBox *m_sort = nullptr;
    QComboBox *m_fileType = nullptr;
    QStackedWidget *m_views = nullptr;
    FileGridView *m_grid = nullptr;
    QTreeView *m_list = nullptr;
    DetailsPane *m_details = nullptr;
    QPointer<FileListModel> m_model;
    QPointer<FolderTreeModel> m_folders;
    QPointer<VisibleRowsWatcher> m_rowsWatcher;
    ViewMode m_viewMode = ViewMode::Grid;
    QByteArray m_listHeaderState;
    bool m_treeRowsRemoving = false;
};

} // namespace ikui
