#include "shell/browserpage.h"

#include "browser/breadcrumbbar.h"
#include "browser/dragoutview.h"
#include "browser/filedragstarter.h"
#include "browser/filegridview.h"
#include "browser/smallicondelegate.h"
#include "browser/thumbnaildelegate.h"
#include "browser/visiblerowswatcher.h"
#include "details/detailspane.h"
#include "models/filelistmodel.h"
#include "models/foldertreemodel.h"
#include "search/searchbox.h"
#include "search/searchqueryeditor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace ikui {

BrowserPage::BrowserPage(FileDragStarter *dragStarter, QWidget *parent)
    : QWidget(parent)
{
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("browserSplitter"));
    m_splitter->setChildrenCollapsible(false);

    m_tree = new QTreeView(m_splitter);
    m_tree->setObjectName(QStringLiteral("folderTree"));
    m_tree->setAccessibleName(tr("Folders"));
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAcceptDrops(true);
    m_tree->setDropIndicatorShown(true);
    m_tree->setDragDropMode(QAbstractItemView::DropOnly);
    m_tree->setMinimumWidth(180);

    auto *centre = new QWidget(m_splitter);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(4, 4, 4, 0);
    auto *topRow = new QHBoxLayout;
    m_breadcrumbs = new BreadcrumbBar(centre);
    m_searchBox = new SearchBox(centre);
    m_searchBox->setMaximumWidth(280);
    m_sort = new QComboBox(centre);
    m_sort->setObjectName(QStringLiteral("sortCombo"));
    m_sort->setAccessibleName(tr("Sort by"));
    const QList<std::pair<QString, QString>> sorts = {
        {tr("Name A–Z"), QStringLiteral("ASC_NAME")},      {tr("Name Z–A"), QStringLiteral("DESC_NAME")},
        {tr("Newest first"), QStringLiteral("DESC_CREATED")}, {tr("Oldest first"), QStringLiteral("ASC_CREATED")},
        {tr("Recently updated"), QStringLiteral("DESC_UPDATED")}, {tr("Largest first"), QStringLiteral("DESC_SIZE")},
        {tr("Smallest first"), QStringLiteral("ASC_SIZE")}};
    for (const auto &[label, key] : sorts)
        m_sort->addItem(label, key);
    m_fileType = new QComboBox(centre);
    m_fileType->setObjectName(QStringLiteral("fileTypeCombo"));
    m_fileType->setAccessibleName(tr("File type filter"));
    m_fileType->addItem(tr("All files"), QStringLiteral("all"));
    m_fileType->addItem(tr("Images"), QStringLiteral("image"));
    m_fileType->addItem(tr("Other files"), QStringLiteral("non-image"));
    topRow->addWidget(m_breadcrumbs, 1);
    topRow->addWidget(m_sort);
    topRow->addWidget(m_fileType);
    topRow->addWidget(m_searchBox);
    centreLayout->addLayout(topRow);

    m_queryEditor = new SearchQueryEditor(centre);
    m_queryEditor->hide();
    centreLayout->addWidget(m_queryEditor);

    m_views = new QStackedWidget(centre);
    auto *grid = new DragOutView<FileGridView>(m_views);
    grid->setDragStarter(dragStarter);
    m_grid = grid;
    m_grid->setObjectName(QStringLiteral("fileGrid"));
    m_grid->setAccessibleName(tr("Files (grid)"));
    m_grid->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_grid->setItemDelegate(new ThumbnailDelegate(m_grid));
    m_grid->setSpacing(4);
    m_grid->setContextMenuPolicy(Qt::CustomContextMenu);
    auto *list = new DragOutView<QTreeView>(m_views);
    list->setDragStarter(dragStarter);
    m_list = list;
    m_list->setObjectName(QStringLiteral("fileList"));
    m_list->setAccessibleName(tr("Files (details)"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAllColumnsShowFocus(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_list->setItemDelegateForColumn(FileListModel::NameColumn, new SmallIconDelegate(24, m_list));
    m_list->setIconSize(QSize(24, 24));
    m_views->addWidget(m_grid);
    m_views->addWidget(m_list);
    centreLayout->addWidget(m_views, 1);

    m_details = new DetailsPane(m_splitter);
    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(centre);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);
    m_splitter->setSizes({220, 640, 320});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);
}

QAbstractItemView *BrowserPage::activeView() const
{
    return m_viewMode == ViewMode::Grid ? static_cast<QAbstractItemView *>(m_grid) : static_cast<QAbstractItemView *>(m_list);
}

QByteArray BrowserPage::listHeaderState() const
{
    return m_list->model() ? m_list->header()->saveState() : m_listHeaderState;
}

void BrowserPage::setModels(FileListModel *model, FolderTreeModel *folders)
{
    if (m_folders)
        m_folders->disconnect(this);
    m_folders = folders;
    if (folders) {
        // Before the tree's selection model hears of a removal (connected in setModel below): a
        // refresh that removes the current folder's row moves the current index (to the root),
        // and only the user's choice may navigate.
        connect(folders, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this] { m_treeRowsRemoving = true; });
        connect(folders, &QAbstractItemModel::rowsRemoved, this, [this] { m_treeRowsRemoving = false; });
    }
    m_tree->setModel(folders);
    if (folders) {
        m_tree->expand(folders->index(0, 0));
        connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
            if (current.isValid() && !m_treeRowsRemoving)
                openFolder(FolderTreeModel::pathOf(current));
        });
        // Children listed again (after a refresh): the open folder is selected in the tree again.
        connect(folders, &QAbstractItemModel::rowsInserted, this, [this] {
            if (m_model)
                selectInTree(m_model->folder());
        });
    }
    if (!model) {
        delete m_rowsWatcher;
        if (m_list->model())
            m_listHeaderState = m_list->header()->saveState();
        m_grid->setModel(nullptr);
        m_list->setModel(nullptr);
    }
    m_model = model;
    attachActiveView();
}

void BrowserPage::setViewMode(ViewMode mode)
{
    m_viewMode = mode;
    m_views->setCurrentWidget(mode == ViewMode::Grid ? static_cast<QWidget *>(m_grid) : static_cast<QWidget *>(m_list));
    attachActiveView();
}

void BrowserPage::attachActiveView()
{
    if (!m_model)
        return;
    QAbstractItemView *active = activeView();
    QAbstractItemView *hidden = active == m_grid ? static_cast<QAbstractItemView *>(m_list)
                                                 : static_cast<QAbstractItemView *>(m_grid);
    // Detaching the model empties the list's header: keep its column widths and order for later.
    if (hidden == m_list && m_list->model())
        m_listHeaderState = m_list->header()->saveState();
    hidden->setModel(nullptr);
    if (active->model() == m_model)
        return;
    active->setModel(m_model);
    if (active == m_grid) {
        m_grid->setModelColumn(FileListModel::NameColumn);
    } else if (!m_list->header()->restoreState(m_listHeaderState)) {
        m_list->header()->resizeSection(FileListModel::NameColumn, 260);
    }
    delete m_rowsWatcher;
    m_rowsWatcher = new VisibleRowsWatcher(active, m_model, this);
    Q_EMIT activeViewChanged(active);
}

void BrowserPage::openFolder(const QString &folderPath)
{
    if (!m_model)
        return;
    const bool searching = !m_model->searchQuery().isEmpty();
    if (folderPath == m_model->folder() && !searching && m_model->pageRequestCount() > 0)
        return;
    if (searching) {
        m_searchBox->blockSignals(true);
        m_searchBox->clear();
        m_searchBox->blockSignals(false);
        m_model->setSearchQuery({});
    }
    m_model->setFolder(folderPath);
    m_breadcrumbs->setSearchActive(false);
    m_breadcrumbs->setPath(folderPath);
    // The first page now: the views ask for more as they scroll.
    if (m_model->canFetchMore({}))
        m_model->fetchMore({});
    selectInTree(folderPath);
    m_details->showFolder(folderPath);
    Q_EMIT folderOpened(folderPath);
}

void BrowserPage::selectInTree(const QString &folderPath)
{
    const QModelIndex treeIndex = m_folders ? m_folders->indexForPath(folderPath) : QModelIndex();
    if (treeIndex.isValid() && m_tree->currentIndex() != treeIndex) {
        m_tree->selectionModel()->blockSignals(true);
        m_tree->setCurrentIndex(treeIndex);
        m_tree->selectionModel()->blockSignals(false);
        m_tree->expand(treeIndex);
    }
}

void BrowserPage::goUp()
{
    if (!m_model)
        return;
    if (!m_model->searchQuery().isEmpty()) {
        openFolder(m_model->folder());
        return;
    }
    openFolder(BreadcrumbBar::parentOf(m_model->folder()));
}

void BrowserPage::refresh()
{
    if (!m_model)
        return;
    m_model->refresh();
    if (m_model->canFetchMore({}))
        m_model->fetchMore({});
    if (m_folders)
        m_folders->refresh(m_model->folder());
}

void BrowserPage::search(const QString &searchQuery)
{
    if (!m_model)
        return;
    m_queryEditor->showError({});
    m_model->setSearchQuery(searchQuery);
    m_breadcrumbs->setSearchActive(!searchQuery.isEmpty());
    if (m_model->canFetchMore({}))
        m_model->fetchMore({});
}

} // namespace ikui
