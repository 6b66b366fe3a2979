#include "shell/mainwindow.h"

#include "shell/aboutdialog.h"
#include "shell/resources.h"
#include "accounts/profilestore.h"
#include "actions/fileactions.h"
#include "activity/activitypanel.h"
#include "activity/activitysummary.h"
#include "activity/operationprogress.h"
#include "builder/builderlauncher.h"
#include "browser/breadcrumbbar.h"
#include "browser/dragoutview.h"
#include "browser/filedragstarter.h"
#include "browser/folderdrophandler.h"
#include "browser/smallicondelegate.h"
#include "browser/thumbnaildelegate.h"
#include "browser/visiblerowswatcher.h"
#include "details/detailspane.h"
#include "models/filelistmodel.h"
#include "models/foldertreemodel.h"
#include "operations/errortext.h"
#include "operations/operationmanager.h"
#include "search/searchbox.h"
#include "search/searchqueryeditor.h"
#include "session/filestore.h"
#include "thumbnails/thumbnailprovider.h"
#include "uploads/uploadcontroller.h"
#include "uploads/uploadpanel.h"

#include "api/apiclient.h"
#include "api/imagekit.h"
#include "url/urlbuilder.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace ikui {

namespace {

QString settingsKey(const char *name)
{
    return QStringLiteral("mainWindow/") + QLatin1String(name);
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    initResources();
    setWindowTitle(QStringLiteral("Mediadesk"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/mediadesk.svg")));
    setObjectName(QStringLiteral("mainWindow"));
    resize(1200, 760);

    // First: the browser's views connect their drops to its actions.
    m_actions = new FileActions(this);
    connect(m_actions, &FileActions::errorOccurred, this, &MainWindow::showError);
    connect(m_actions, &FileActions::actionFinished, this, &MainWindow::operationFinished);

    m_pages = new QStackedWidget(this);
    auto *placeholder = new QLabel(tr("Mediadesk — a desktop media manager for ImageKit.io"), m_pages);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setAccessibleName(tr("Welcome"));
    m_startPage = placeholder;
    m_pages->addWidget(m_startPage);
    createBrowser();
    m_pages->addWidget(m_browserPage);
    setCentralWidget(m_pages);

    createActions();
    m_builderLauncher = new BuilderLauncher(this);
    m_uploads = new UploadController(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_uploads->panel());
    m_activity = new ActivityPanel(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_activity);
    m_activity->hide();
    createMenus();
    createToolBar();

    m_progress = new OperationProgress(this);
    statusBar()->addPermanentWidget(m_progress);
    m_summary = new ActivitySummary(m_progress, this);
    connect(m_summary, &ActivitySummary::showActivityRequested, this, [this] {
        m_activity->show();
        m_activity->raise();
    });
    connect(m_summary, &ActivitySummary::operationEnded, this, [this] { showStatus(m_summary->lastMessage(), 8000); });
    m_demoBadge = new QLabel(tr(" DEMO "), this);
    m_demoBadge->setObjectName(QStringLiteral("demoBadge"));
    m_demoBadge->setAccessibleName(tr("Offline demo: changes stay on this computer"));
    m_demoBadge->setToolTip(m_demoBadge->accessibleName());
    m_demoBadge->setStyleSheet(QStringLiteral("QLabel { background: #e66100; color: white; font-weight: bold;"
                                              " border-radius: 3px; padding: 1px 4px; }"));
    m_demoBadge->hide();
    statusBar()->addPermanentWidget(m_demoBadge);

    restoreLayout();
    updateActions();
    statusBar()->showMessage(tr("Ready"));
}

MainWindow::~MainWindow() = default;

void MainWindow::createBrowser()
{
    m_browserPage = new QWidget(m_pages);
    auto *splitter = new QSplitter(Qt::Horizontal, m_browserPage);
    splitter->setObjectName(QStringLiteral("browserSplitter"));
    splitter->setChildrenCollapsible(false);

    m_tree = new QTreeView(splitter);
    m_tree->setObjectName(QStringLiteral("folderTree"));
    m_tree->setAccessibleName(tr("Folders"));
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAcceptDrops(true);
    m_tree->setDropIndicatorShown(true);
    m_tree->setDragDropMode(QAbstractItemView::DropOnly);
    m_tree->setMinimumWidth(180);

    auto *centre = new QWidget(splitter);
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
    m_dragStarter = new FileDragStarter(this);
    auto *grid = new DragOutView<FileGridView>(m_views);
    grid->setDragStarter(m_dragStarter);
    m_grid = grid;
    m_grid->setObjectName(QStringLiteral("fileGrid"));
    m_grid->setAccessibleName(tr("Files (grid)"));
    m_grid->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_grid->setItemDelegate(new ThumbnailDelegate(m_grid));
    m_grid->setSpacing(4);
    m_grid->setContextMenuPolicy(Qt::CustomContextMenu);
    auto *list = new DragOutView<QTreeView>(m_views);
    list->setDragStarter(m_dragStarter);
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

    m_details = new DetailsPane(splitter);
    splitter->addWidget(m_tree);
    splitter->addWidget(centre);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 0);
    splitter->setSizes({220, 640, 320});

    auto *layout = new QVBoxLayout(m_browserPage);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    for (QAbstractItemView *view : {static_cast<QAbstractItemView *>(m_grid), static_cast<QAbstractItemView *>(m_list)}) {
        auto *drops = new FolderDropHandler(view);
        connect(drops, &FolderDropHandler::idsDropped, m_actions, &FileActions::moveIdsTo);
        connect(view, &QAbstractItemView::activated, this, &MainWindow::onActivated);
        connect(view, &QWidget::customContextMenuRequested, this, &MainWindow::showContextMenu);
    }
    connect(m_breadcrumbs, &BreadcrumbBar::folderActivated, this, &MainWindow::openFolder);
    connect(m_searchBox, &SearchBox::searchRequested, this, &MainWindow::search);
    connect(m_queryEditor, &SearchQueryEditor::searchRequested, this, &MainWindow::search);
    connect(m_sort, &QComboBox::currentIndexChanged, this, [this] {
        if (m_fileModel)
            m_fileModel->setSort(m_sort->currentData().toString());
    });
    connect(m_fileType, &QComboBox::currentIndexChanged, this, [this] {
        if (m_fileModel)
            m_fileModel->setFileTypeFilter(m_fileType->currentData().toString());
    });
    connect(m_details, &DetailsPane::errorOccurred, this, &MainWindow::showError);
    connect(m_details, &DetailsPane::operationEnded, this, &MainWindow::operationFinished);

}

void MainWindow::createActions()
{
    auto make = [this](const QString &text, const char *name, const QKeySequence &shortcut, auto slot) {
        auto *action = new QAction(text, this);
        action->setObjectName(QLatin1String(name));
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        return action;
    };
    m_refreshAction = make(tr("&Refresh"), "actionRefresh", QKeySequence::Refresh, &MainWindow::refresh);
    m_upAction = make(tr("&Up"), "actionUp", QKeySequence(Qt::ALT | Qt::Key_Up), &MainWindow::goUp);
    m_upAction->setShortcuts({QKeySequence(Qt::ALT | Qt::Key_Up), QKeySequence(Qt::Key_Backspace)});
    m_searchAction = make(tr("&Search"), "actionSearch", QKeySequence::Find, &MainWindow::focusSearch);
    m_advancedSearchAction = make(tr("&Advanced Search"), "actionAdvancedSearch",
                                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), [this](bool on) {
                                      m_queryEditor->setVisible(on);
                                      if (on)
                                          m_queryEditor->lineEdit()->setFocus();
                                  });
    m_advancedSearchAction->setCheckable(true);
    m_gridAction = make(tr("&Grid"), "actionGrid", QKeySequence(Qt::CTRL | Qt::Key_1),
                        [this] { setViewMode(ViewMode::Grid); });
    m_listAction = make(tr("&Details List"), "actionList", QKeySequence(Qt::CTRL | Qt::Key_2),
                        [this] { setViewMode(ViewMode::List); });
    auto *viewGroup = new QActionGroup(this);
    for (QAction *action : {m_gridAction, m_listAction}) {
        action->setCheckable(true);
        viewGroup->addAction(action);
    }
    m_gridAction->setChecked(true);
    m_detailsAction = make(tr("Details &Pane"), "actionDetailsPane", QKeySequence(Qt::CTRL | Qt::Key_I),
                           [this](bool on) { m_details->setVisible(on); });
    m_detailsAction->setCheckable(true);
    m_detailsAction->setChecked(true);
}

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(m_actions->newFolderAction());
    fileMenu->addAction(m_actions->downloadAction());
    fileMenu->addActions(m_uploads->fileMenuActions());
    m_profilesMenu = fileMenu->addMenu(tr("&Profiles"));
    m_profilesMenu->setObjectName(QStringLiteral("profilesMenu"));
    m_profilesMenu->setEnabled(false);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setObjectName(QStringLiteral("actionQuit"));

    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    for (QAction *action : {m_actions->renameAction(), m_actions->moveAction(), m_actions->copyAction(),
                            m_actions->deleteAction()})
        editMenu->addAction(action);
    editMenu->addSeparator();
    for (QAction *action : {m_actions->copyUrlAction(), m_actions->copySignedUrlAction(),
                            m_actions->openInBrowserAction(), m_actions->purgeAction()})
        editMenu->addAction(action);
    editMenu->addSeparator();
    editMenu->addAction(m_searchAction);
    editMenu->addAction(m_advancedSearchAction);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    for (QAction *action : {m_gridAction, m_listAction, m_detailsAction, m_refreshAction})
        viewMenu->addAction(action);
    viewMenu->addAction(m_uploads->panelAction());
    QAction *activity = m_activity->toggleViewAction();
    activity->setObjectName(QStringLiteral("actionActivity"));
    activity->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    viewMenu->addAction(activity);

    QMenu *goMenu = menuBar()->addMenu(tr("&Go"));
    goMenu->addAction(m_upAction);

    m_builderLauncher->addToolsMenu(menuBar());

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *about = helpMenu->addAction(tr("&About Mediadesk"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("actionAbout"));
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    for (QAction *action : {m_upAction, m_refreshAction, m_actions->newFolderAction(), m_actions->downloadAction()})
        bar->addAction(action);
    bar->addAction(m_uploads->uploadFilesAction());
    bar->addSeparator();
    bar->addAction(m_gridAction);
    bar->addAction(m_listAction);
    bar->addAction(m_advancedSearchAction);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(settingsKey("geometry")).toByteArray());
    restoreState(settings.value(settingsKey("state")).toByteArray());
    if (auto *splitter = findChild<QSplitter *>(QStringLiteral("browserSplitter")))
        splitter->restoreState(settings.value(settingsKey("splitter")).toByteArray());
    setViewMode(settings.value(settingsKey("viewMode")).toString() == QLatin1String("list") ? ViewMode::List
                                                                                             : ViewMode::Grid);
    const int sort = m_sort->findData(settings.value(settingsKey("sort")).toString());
    if (sort >= 0)
        m_sort->setCurrentIndex(sort);
    m_detailsAction->setChecked(settings.value(settingsKey("detailsPane"), true).toBool());
    m_details->setVisible(m_detailsAction->isChecked());
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(settingsKey("geometry"), saveGeometry());
    settings.setValue(settingsKey("state"), saveState());
    if (auto *splitter = findChild<QSplitter *>(QStringLiteral("browserSplitter")))
        settings.setValue(settingsKey("splitter"), splitter->saveState());
    const QByteArray listHeader = m_list->model() ? m_list->header()->saveState() : m_listHeaderState;
    if (!listHeader.isEmpty())
        settings.setValue(settingsKey("listHeader"), listHeader);
    settings.setValue(settingsKey("viewMode"), m_viewMode == ViewMode::List ? QStringLiteral("list") : QStringLiteral("grid"));
    settings.setValue(settingsKey("sort"), m_sort->currentData().toString());
    settings.setValue(settingsKey("detailsPane"), m_detailsAction->isChecked());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::setStartPage(QWidget *page)
{
    if (!page)
        return;
    m_pages->removeWidget(m_startPage);
    m_startPage->deleteLater();
    m_startPage = page;
    m_pages->insertWidget(0, page);
    if (!m_session)
        m_pages->setCurrentWidget(page);
}

void MainWindow::setProfileStore(ProfileStore *profiles)
{
    m_profiles = profiles;
    auto rebuild = [this] {
        m_profilesMenu->clear();
        if (!m_profiles)
            return;
        for (const QString &name : m_profiles->names()) {
            QAction *action = m_profilesMenu->addAction(name);
            action->setCheckable(true);
            action->setChecked(m_session && m_session->profile().name == name);
            connect(action, &QAction::triggered, this, [this, name] { Q_EMIT profileRequested(name); });
        }
        m_profilesMenu->addSeparator();
        QAction *add = m_profilesMenu->addAction(tr("&Add account…"), this, &MainWindow::addAccountRequested);
        add->setObjectName(QStringLiteral("actionAddAccount"));
        QAction *remove = m_profilesMenu->addAction(tr("&Remove account…"), this, &MainWindow::removeAccountRequested);
        remove->setObjectName(QStringLiteral("actionRemoveAccount"));
        remove->setEnabled(!m_profiles->isEmpty());
        m_profilesMenu->setEnabled(true);
    };
    if (m_profiles) {
        connect(m_profiles, &ProfileStore::profilesChanged, this, rebuild);
        // The check mark follows the session, which changes without the profiles changing.
        connect(m_profilesMenu, &QMenu::aboutToShow, this, rebuild);
    }
    rebuild();
}

void MainWindow::setSession(Session *session)
{
    if (session == m_session && session)
        return;
    m_summary->setManager(nullptr);
    m_activity->setManager(nullptr);
    m_details->setSession(nullptr);
    m_grid->setModel(nullptr);
    m_list->setModel(nullptr);
    m_tree->setModel(nullptr);
    delete m_rowsWatcher;
    delete m_fileModel;
    delete m_folderModel;
    delete m_thumbnails;
    m_fileModel = nullptr;
    m_folderModel = nullptr;
    m_thumbnails = nullptr;
    m_session = session;
    m_uploads->setSession(session);
    m_dragStarter->setNetworkAccessManager(session ? session->client()->networkAccessManager() : nullptr);
    m_dragStarter->setUrlBuilder(session ? &session->urlBuilder() : nullptr);
    if (!session) {
        setWindowTitle(QStringLiteral("Mediadesk"));
        m_pages->setCurrentWidget(m_startPage);
        m_demoBadge->setVisible(m_session && m_session->isDemo());
        updateActions();
        return;
    }
    bindModels();
    m_summary->setManager(session->operations());
    m_activity->setManager(session->operations());
    setWindowTitle(tr("%1 — Mediadesk").arg(session->displayName()));
    m_pages->setCurrentWidget(m_browserPage);
    m_demoBadge->setVisible(m_session && m_session->isDemo());
    openFolder(QStringLiteral("/"));
    updateActions();
}

void MainWindow::bindModels()
{
    const ik::ImageKit *imagekit = &m_session->imageKit();
    m_thumbnails = new ThumbnailProvider(this);
    m_thumbnails->setUrlEndpoint(m_session->urlBuilder().urlEndpoint());
    m_thumbnails->setPrivateKey(m_session->client()->privateKey());
    m_thumbnails->setCellSize(QSize(160, 160));
    m_thumbnails->setDevicePixelRatio(devicePixelRatioF());

    m_folderModel = new FolderTreeModel(imagekit, this);
    m_folderModel->setRootName(m_session->displayName());
    m_tree->setModel(m_folderModel);
    m_tree->expand(m_folderModel->index(0, 0));
    connect(m_folderModel, &FolderTreeModel::idsDropped, m_actions,
            [this](const QStringList &ids, const QString &folder, Qt::DropAction) { m_actions->moveIdsTo(ids, folder); });
    connect(m_folderModel, &FolderTreeModel::errorOccurred, this,
            [this](const QString &folder, const ik::ApiError &error) {
                showError(tr("Listing the folders of %1").arg(folder), error);
            });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            openFolder(FolderTreeModel::pathOf(current));
    });

    m_fileModel = new FileListModel(imagekit, this);
    m_fileModel->setStore(m_session->files());
    m_fileModel->setThumbnailProvider(m_thumbnails);
    m_fileModel->setSort(m_sort->currentData().toString());
    m_fileModel->setFileTypeFilter(m_fileType->currentData().toString());
    attachActiveView();
    connect(m_fileModel, &FileListModel::errorOccurred, this, [this](const ik::ApiError &error) {
        if (!m_fileModel->searchQuery().isEmpty())
            m_queryEditor->showError(error.message(), ErrorText::whatToTry(error));
        showError(m_fileModel->searchQuery().isEmpty() ? tr("Listing the folder") : tr("Searching"), error);
    });
    connect(m_fileModel, &FileListModel::loadingChanged, this, [this](bool loading) {
        statusBar()->showMessage(loading ? tr("Loading…") : tr("%n item(s)", nullptr, m_fileModel->rowCount()));
    });
    m_details->setSession(m_session);
}

QString MainWindow::currentFolder() const
{
    return m_fileModel ? m_fileModel->folder() : QStringLiteral("/");
}

void MainWindow::openFolder(const QString &folderPath)
{
    if (!m_fileModel)
        return;
    const bool searching = !m_fileModel->searchQuery().isEmpty();
    if (folderPath == m_fileModel->folder() && !searching && m_fileModel->pageRequestCount() > 0)
        return;
    if (searching) {
        m_searchBox->blockSignals(true);
        m_searchBox->clear();
        m_searchBox->blockSignals(false);
        m_fileModel->setSearchQuery({});
    }
    m_fileModel->setFolder(folderPath);
    m_breadcrumbs->setSearchActive(false);
    m_breadcrumbs->setPath(folderPath);
    // The first page now: the views ask for more as they scroll.
    if (m_fileModel->canFetchMore({}))
        m_fileModel->fetchMore({});
    const QModelIndex treeIndex = m_folderModel ? m_folderModel->indexForPath(folderPath) : QModelIndex();
    if (treeIndex.isValid() && m_tree->currentIndex() != treeIndex) {
        m_tree->selectionModel()->blockSignals(true);
        m_tree->setCurrentIndex(treeIndex);
        m_tree->selectionModel()->blockSignals(false);
        m_tree->expand(treeIndex);
    }
    m_details->showFolder(folderPath);
    updateActions();
}

void MainWindow::goUp()
{
    if (!m_fileModel)
        return;
    if (!m_fileModel->searchQuery().isEmpty()) {
        openFolder(m_fileModel->folder());
        return;
    }
    openFolder(BreadcrumbBar::parentOf(m_fileModel->folder()));
}

void MainWindow::refresh()
{
    if (!m_fileModel)
        return;
    m_fileModel->refresh();
    if (m_fileModel->canFetchMore({}))
        m_fileModel->fetchMore({});
    if (m_folderModel)
        m_folderModel->refresh(m_fileModel->folder());
}

void MainWindow::setViewMode(ViewMode mode)
{
    m_viewMode = mode;
    m_views->setCurrentWidget(mode == ViewMode::Grid ? static_cast<QWidget *>(m_grid) : static_cast<QWidget *>(m_list));
    (mode == ViewMode::Grid ? m_gridAction : m_listAction)->setChecked(true);
    attachActiveView();
}

void MainWindow::attachActiveView()
{
    if (!m_fileModel)
        return;
    // Only the shown view holds the model: a hidden view would ask for pages (its last row
    // counts as visible) and report wrong visible rows for thumbnails.
    QAbstractItemView *active = m_viewMode == ViewMode::Grid ? static_cast<QAbstractItemView *>(m_grid)
                                                             : static_cast<QAbstractItemView *>(m_list);
    QAbstractItemView *hidden = active == m_grid ? static_cast<QAbstractItemView *>(m_list)
                                                 : static_cast<QAbstractItemView *>(m_grid);
    // Detaching the model empties the list's header: keep its column widths and order for later.
    if (hidden == m_list && m_list->model())
        m_listHeaderState = m_list->header()->saveState();
    hidden->setModel(nullptr);
    if (active->model() == m_fileModel)
        return;
    active->setModel(m_fileModel);
    if (active == m_grid) {
        m_grid->setModelColumn(FileListModel::NameColumn);
    } else {
        if (m_listHeaderState.isEmpty())
            m_listHeaderState = QSettings().value(settingsKey("listHeader")).toByteArray();
        if (!m_list->header()->restoreState(m_listHeaderState))
            m_list->header()->resizeSection(FileListModel::NameColumn, 260);
    }
    delete m_rowsWatcher;
    m_rowsWatcher = new VisibleRowsWatcher(active, m_fileModel, this);
    connect(active->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::onSelectionChanged);
    onSelectionChanged();
}

void MainWindow::search(const QString &searchQuery)
{
    if (!m_fileModel)
        return;
    m_queryEditor->showError({});
    m_fileModel->setSearchQuery(searchQuery);
    m_breadcrumbs->setSearchActive(!searchQuery.isEmpty());
    if (m_fileModel->canFetchMore({}))
        m_fileModel->fetchMore({});
}

void MainWindow::focusSearch()
{
    m_searchBox->setFocus(Qt::ShortcutFocusReason);
    m_searchBox->selectAll();
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

QAbstractItemView *MainWindow::activeFileView() const
{
    return m_viewMode == ViewMode::Grid ? static_cast<QAbstractItemView *>(m_grid) : static_cast<QAbstractItemView *>(m_list);
}

QList<QAbstractItemView *> MainWindow::fileViews() const
{
    return {m_grid, m_list};
}

void MainWindow::showStatus(const QString &message, int timeoutMs)
{
    statusBar()->showMessage(message, timeoutMs);
}

void MainWindow::onSelectionChanged()
{
    const QList<SelectedItem> items = selectedItems();
    if (items.size() == 1 && !items.first().isFolder)
        m_details->showFile(items.first().id);
    else if (items.size() == 1)
        m_details->showFolder(items.first().path);
    else if (items.size() > 1)
        m_details->showSelectionCount(int(items.size()));
    else
        m_details->showFolder(currentFolder());
    updateActions();
}

void MainWindow::onActivated(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    if (index.data(FileListModel::IsFolderRole).toBool())
        openFolder(index.data(FileListModel::PathRole).toString());
    else
        m_actions->openInBrowser();
}

void MainWindow::updateActions()
{
    const bool hasSession = m_session != nullptr;
    m_actions->updateActions();
    m_refreshAction->setEnabled(hasSession);
    m_upAction->setEnabled(hasSession);
    m_searchAction->setEnabled(hasSession);
}

void MainWindow::showContextMenu(const QPoint &)
{
    QMenu menu(this);
    for (QAction *action : {m_actions->openInBrowserAction(), m_actions->copyUrlAction(),
                            m_actions->copySignedUrlAction(), m_actions->downloadAction()})
        menu.addAction(action);
    menu.addAction(m_builderLauncher->openSelectedAction());
    menu.addSeparator();
    for (QAction *action : {m_actions->renameAction(), m_actions->moveAction(), m_actions->copyAction(),
                            m_actions->deleteAction(), m_actions->purgeAction()})
        menu.addAction(action);
    menu.addSeparator();
    menu.addAction(m_actions->newFolderAction());
    menu.exec(QCursor::pos());
}

void MainWindow::showError(const QString &what, const ik::ApiError &error)
{
    m_lastError = ErrorText::full(what, error);
    statusBar()->showMessage(ErrorText::summary(what, error), 15000);
    if (error.kind() == ik::ErrorKind::Cancelled)
        return;
    // Listing errors stay in the status bar (the search editor shows its own); operations pop up.
    if (what == tr("Listing the folder") || what == tr("Searching"))
        return;
    QMessageBox box(QMessageBox::Warning, what, ErrorText::summary(what, error), QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("errorDialog"));
    box.setInformativeText(ErrorText::whatToTry(error));
    box.exec();
}

} // namespace ikui
