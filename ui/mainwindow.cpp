#include "mainwindow.h"

#include "aboutdialog.h"
#include "resources.h"
#include "accounts/session.h"
#include "accounts/storage/profilestore.h"
#include "builder/builderlauncher.h"
#include "browser/breadcrumbbar.h"
#include "browser/dragoutview.h"
#include "browser/filegridview.h"
#include "browser/filedragstarter.h"
#include "browser/folderdrophandler.h"
#include "browser/smallicondelegate.h"
#include "browser/thumbnaildelegate.h"
#include "details/detailspane.h"
#include "models/filelistmodel.h"
#include "models/foldertreemodel.h"
#include "operations/batchoperation.h"
#include "operations/bulkfiledelete.h"
#include "operations/confirmationtext.h"
#include "operations/dragoutdownload.h"
#include "operations/fetchurl.h"
#include "operations/errortext.h"
#include "operations/folderjobwatcher.h"
#include "operations/operationprogress.h"
#include "operations/purgestatuswatcher.h"
#include "operations/safefilename.h"
#include "search/searchbox.h"
#include "search/searchqueryeditor.h"
#include "thumbnails/thumbnailprovider.h"
#include "thumbnails/visiblerowswatcher.h"
#include "uploads/uploadcontroller.h"

#include "api/apiclient.h"
#include "api/imagekit.h"
#include "url/urlbuilder.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QFileInfo>
#include <QHash>

#include <memory>
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
    createMenus();
    createToolBar();

    m_progress = new OperationProgress(this);
    statusBar()->addPermanentWidget(m_progress);
    m_demoBadge = new QLabel(tr(" DEMO "), this);
    m_demoBadge->setObjectName(QStringLiteral("demoBadge"));
    m_demoBadge->setAccessibleName(tr("Offline demo: changes stay on this computer"));
    m_demoBadge->setToolTip(m_demoBadge->accessibleName());
    m_demoBadge->setStyleSheet(QStringLiteral("QLabel { background: #e66100; color: white; font-weight: bold;"
                                              " border-radius: 3px; padding: 1px 4px; }"));
    m_demoBadge->hide();
    statusBar()->addPermanentWidget(m_demoBadge);
    connect(m_progress, &OperationProgress::cancelRequested, this, [this] {
        if (auto *batch = qobject_cast<BatchOperation *>(m_currentOperation.data()))
            batch->cancel();
        else if (auto *bulkDelete = qobject_cast<BulkFileDelete *>(m_currentOperation.data()))
            bulkDelete->cancel();
        else if (auto *watcher = qobject_cast<FolderJobWatcher *>(m_currentOperation.data()))
            watcher->cancel();
        else if (auto *purge = qobject_cast<PurgeStatusWatcher *>(m_currentOperation.data()))
            purge->cancel();
        else if (auto *dragOut = qobject_cast<DragOutDownload *>(m_currentOperation.data()))
            dragOut->cancel();
        else if (m_currentOperation) { // downloads: deleting their group aborts the replies
            m_currentOperation->deleteLater();
            m_progress->end();
            Q_EMIT operationFinished(tr("Download"), false);
        }
    });

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
    connect(m_dragStarter, &FileDragStarter::downloadCreated, this, &MainWindow::watchDragOutDownload);
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
        connect(drops, &FolderDropHandler::idsDropped, this, &MainWindow::moveIdsTo);
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
    connect(m_details, &DetailsPane::fileChanged, this, [this](const ik::FileItem &file) {
        if (m_fileModel)
            m_fileModel->updateFile(file);
        if (m_thumbnails)
            m_thumbnails->invalidate(file.fileId);
        Q_EMIT operationFinished(tr("Restore version"), true);
    });
    connect(m_details, &DetailsPane::versionDeleted, this, [this] {
        Q_EMIT operationFinished(tr("Delete version"), true);
    });
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
    m_newFolderAction = make(tr("New &Folder…"), "actionNewFolder", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
                             &MainWindow::newFolder);
    m_renameAction = make(tr("&Rename…"), "actionRename", QKeySequence(Qt::Key_F2),
                          qOverload<>(&MainWindow::renameSelected));
    m_deleteAction = make(tr("&Delete…"), "actionDelete", QKeySequence::Delete, &MainWindow::deleteSelected);
    m_moveAction = make(tr("&Move to…"), "actionMove", {}, &MainWindow::moveSelected);
    m_copyAction = make(tr("Cop&y to…"), "actionCopy", {}, &MainWindow::copySelected);
    m_copyUrlAction = make(tr("Copy &URL"), "actionCopyUrl", QKeySequence::Copy, &MainWindow::copyUrl);
    m_copySignedUrlAction = make(tr("Copy &Signed URL…"), "actionCopySignedUrl", {}, [this] {
        bool ok = false;
        const int hours = QInputDialog::getInt(this, tr("Signed URL"), tr("Valid for (hours, 0 = never expires):"), 24,
                                               0, 24 * 365, 1, &ok);
        if (ok)
            copySignedUrl(qint64(hours) * 3600);
    });
    m_openInBrowserAction = make(tr("Open in &Browser"), "actionOpenInBrowser", {}, &MainWindow::openInBrowser);
    m_downloadAction = make(tr("Do&wnload…"), "actionDownload", QKeySequence(Qt::CTRL | Qt::Key_S),
                            &MainWindow::downloadSelected);
    m_purgeAction = make(tr("&Purge CDN Cache"), "actionPurgeCache", {}, &MainWindow::purgeCache);
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
    fileMenu->addAction(m_newFolderAction);
    fileMenu->addAction(m_downloadAction);
    fileMenu->addActions(m_uploads->fileMenuActions());
    m_profilesMenu = fileMenu->addMenu(tr("&Profiles"));
    m_profilesMenu->setObjectName(QStringLiteral("profilesMenu"));
    m_profilesMenu->setEnabled(false);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setObjectName(QStringLiteral("actionQuit"));

    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    for (QAction *action : {m_renameAction, m_moveAction, m_copyAction, m_deleteAction})
        editMenu->addAction(action);
    editMenu->addSeparator();
    for (QAction *action : {m_copyUrlAction, m_copySignedUrlAction, m_openInBrowserAction, m_purgeAction})
        editMenu->addAction(action);
    editMenu->addSeparator();
    editMenu->addAction(m_searchAction);
    editMenu->addAction(m_advancedSearchAction);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    for (QAction *action : {m_gridAction, m_listAction, m_detailsAction, m_refreshAction})
        viewMenu->addAction(action);
    viewMenu->addAction(m_uploads->panelAction());

    QMenu *goMenu = menuBar()->addMenu(tr("&Go"));
    goMenu->addAction(m_upAction);

    m_builderLauncher->addToolsMenu();

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
    for (QAction *action : {m_upAction, m_refreshAction, m_newFolderAction, m_downloadAction})
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
    m_currentOperation.clear();
    m_progress->end();
    m_details->setImageKit(nullptr);
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
        updateDemoBadge();
        updateActions();
        return;
    }
    bindModels();
    setWindowTitle(tr("%1 — Mediadesk").arg(session->displayName()));
    m_pages->setCurrentWidget(m_browserPage);
    updateDemoBadge();
    openFolder(QStringLiteral("/"));
    updateActions();
}

void MainWindow::updateDemoBadge()
{
    m_demoBadge->setVisible(m_session && m_session->isDemo());
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
    connect(m_folderModel, &FolderTreeModel::idsDropped, this,
            [this](const QStringList &ids, const QString &folder, Qt::DropAction) { moveIdsTo(ids, folder); });
    connect(m_folderModel, &FolderTreeModel::errorOccurred, this,
            [this](const QString &folder, const ik::ApiError &error) {
                showError(tr("Listing the folders of %1").arg(folder), error);
            });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            openFolder(FolderTreeModel::pathOf(current));
    });

    m_fileModel = new FileListModel(imagekit, this);
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
    m_details->setImageKit(&m_session->imageKit());
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

QList<MainWindow::Selected> MainWindow::selection() const
{
    QList<Selected> out;
    if (!m_fileModel)
        return out;
    QAbstractItemView *view = m_viewMode == ViewMode::Grid ? static_cast<QAbstractItemView *>(m_grid)
                                                           : static_cast<QAbstractItemView *>(m_list);
    if (!view->selectionModel())
        return out;
    QModelIndexList rows = view->selectionModel()->selectedRows(0);
    if (rows.isEmpty())
        rows = view->selectionModel()->selectedIndexes();
    QSet<int> seen;
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &index : std::as_const(rows)) {
        if (seen.contains(index.row()))
            continue;
        seen.insert(index.row());
        const QModelIndex cell = m_fileModel->index(index.row(), 0);
        out.append({cell.data(FileListModel::FileIdRole).toString(), cell.data(FileListModel::NameRole).toString(),
                    cell.data(FileListModel::PathRole).toString(), cell.data(FileListModel::UrlRole).toString(),
                    cell.data(FileListModel::IsFolderRole).toBool(), cell.data(FileListModel::IsPrivateRole).toBool()});
    }
    return out;
}

QList<MainWindow::Selected> MainWindow::selectionFor(const QStringList &ids) const
{
    QList<Selected> out;
    if (!m_fileModel)
        return out;
    for (const QString &id : ids) {
        const int row = m_fileModel->rowOfId(id);
        if (row < 0)
            continue;
        const QModelIndex cell = m_fileModel->index(row, 0);
        out.append({id, cell.data(FileListModel::NameRole).toString(), cell.data(FileListModel::PathRole).toString(),
                    cell.data(FileListModel::UrlRole).toString(), cell.data(FileListModel::IsFolderRole).toBool(),
                    cell.data(FileListModel::IsPrivateRole).toBool()});
    }
    return out;
}

QStringList MainWindow::selectedIds() const
{
    QStringList ids;
    for (const Selected &item : selection())
        ids << item.id;
    return ids;
}

void MainWindow::onSelectionChanged()
{
    const QList<Selected> items = selection();
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
        openInBrowser();
}

void MainWindow::updateActions()
{
    const bool hasSession = m_session != nullptr;
    const QList<Selected> items = selection();
    bool anyFile = false;
    for (const Selected &item : items)
        anyFile = anyFile || !item.isFolder;
    const bool single = items.size() == 1;
    const bool singleFile = single && !items.first().isFolder;
    m_newFolderAction->setEnabled(hasSession);
    m_renameAction->setEnabled(single);
    m_deleteAction->setEnabled(!items.isEmpty());
    m_moveAction->setEnabled(!items.isEmpty());
    m_copyAction->setEnabled(!items.isEmpty());
    m_copyUrlAction->setEnabled(anyFile);
    m_copySignedUrlAction->setEnabled(singleFile);
    m_openInBrowserAction->setEnabled(singleFile);
    m_downloadAction->setEnabled(anyFile);
    m_purgeAction->setEnabled(singleFile);
    m_refreshAction->setEnabled(hasSession);
    m_upAction->setEnabled(hasSession);
    m_searchAction->setEnabled(hasSession);
}

void MainWindow::showContextMenu(const QPoint &)
{
    QMenu menu(this);
    for (QAction *action : {m_openInBrowserAction, m_copyUrlAction, m_copySignedUrlAction, m_downloadAction})
        menu.addAction(action);
    menu.addAction(m_builderLauncher->openSelectedAction());
    menu.addSeparator();
    for (QAction *action : {m_renameAction, m_moveAction, m_copyAction, m_deleteAction, m_purgeAction})
        menu.addAction(action);
    menu.addSeparator();
    menu.addAction(m_newFolderAction);
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

bool MainWindow::confirm(const QString &title, const QString &text)
{
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Yes | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("confirmDialog"));
    box.setDefaultButton(QMessageBox::Cancel);
    return box.exec() == QMessageBox::Yes;
}

void MainWindow::startBatch(const QString &title, const QStringList &items,
                            std::function<ik::ApiJob *(const QString &)> factory, std::function<void()> whenDone)
{
    auto *batch = new BatchOperation(title, items, std::move(factory), this);
    m_currentOperation = batch;
    m_progress->begin(title, int(items.size()));
    connect(batch, &BatchOperation::progress, m_progress, &OperationProgress::setProgress);
    connect(batch, &BatchOperation::finished, this, [this, batch, title, whenDone] {
        m_progress->end();
        const auto failures = batch->failures();
        if (whenDone)
            whenDone();
        if (batch->isCancelled())
            statusBar()->showMessage(tr("%1: cancelled after %2 of %3").arg(title).arg(batch->doneCount()).arg(batch->total()), 10000);
        else if (failures.isEmpty())
            statusBar()->showMessage(tr("%1: done").arg(title), 5000);
        if (!failures.isEmpty()) {
            QStringList lines;
            for (const auto &[item, error] : failures)
                lines << QStringLiteral("%1: %2").arg(item, error.message());
            const ik::ApiError &first = failures.first().second;
            const ik::ApiError combined(first.kind(), tr("%n item(s) failed:\n", nullptr, int(failures.size()))
                                                          + lines.join(QLatin1Char('\n')),
                                        first.help());
            showError(title, combined);
        }
        Q_EMIT operationFinished(title, failures.isEmpty() && !batch->isCancelled());
    });
    batch->start();
}

void MainWindow::runFolderJob(const QString &title, ik::BulkJobStartJob *job, std::function<void()> then)
{
    auto *watcher = new FolderJobWatcher(m_session->imageKit(), title, this);
    m_currentOperation = watcher;
    m_progress->begin(title, 0);
    connect(watcher, &FolderJobWatcher::statusChanged, this, [this](const QString &status, int poll) {
        m_progress->setStatus(poll == 0 ? tr("%1 (started)").arg(status) : tr("%1 (check %2)").arg(status).arg(poll));
    });
    connect(watcher, &FolderJobWatcher::completed, this, [this, title, then] {
        m_progress->end();
        statusBar()->showMessage(tr("%1: completed").arg(title), 5000);
        refresh();
        if (m_folderModel)
            m_folderModel->refresh(QStringLiteral("/"));
        Q_EMIT operationFinished(title, true);
        if (then)
            then();
    });
    connect(watcher, &FolderJobWatcher::failed, this, [this, title, then](const ik::ApiError &error) {
        m_progress->end();
        showError(title, error);
        refresh();
        Q_EMIT operationFinished(title, false);
        if (then && error.kind() != ik::ErrorKind::Cancelled)
            then();
    });
    watcher->watch(job);
}

void MainWindow::newFolder()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New Folder"), tr("Folder name in %1:").arg(currentFolder()),
                                               QLineEdit::Normal, {}, &ok);
    if (ok)
        createFolder(name.trimmed());
}

void MainWindow::createFolder(const QString &name)
{
    if (!m_session || name.isEmpty())
        return;
    if (name.contains(QLatin1Char('/'))) {
        showError(tr("Creating folder"), ik::ApiError(ik::ErrorKind::InvalidArgument,
                                                       tr("A folder name cannot contain \"/\".")));
        return;
    }
    ik::CreateFolderOptions options;
    options.folderName = name;
    options.parentFolderPath = currentFolder();
    const QString title = tr("Create folder %1").arg(name);
    auto *job = m_session->imageKit().createFolder(options);
    connect(job, &ik::EmptyResultJob::finished, this, [this, title] {
        refresh();
        Q_EMIT operationFinished(title, true);
    });
    connect(job, &ik::ApiJob::failed, this, [this, title](const ik::ApiError &error) {
        showError(title, error);
        Q_EMIT operationFinished(title, false);
    });
}

void MainWindow::renameSelected()
{
    const QList<Selected> items = selection();
    if (items.size() != 1)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename"), tr("New name for %1:").arg(items.first().name),
                                               QLineEdit::Normal, items.first().name, &ok);
    if (ok && name.trimmed() != items.first().name)
        renameSelectedTo(name.trimmed());
}

void MainWindow::renameSelectedTo(const QString &newName)
{
    const QList<Selected> items = selection();
    if (!m_session || items.size() != 1 || newName.isEmpty())
        return;
    const Selected item = items.first();
    if (newName.contains(QLatin1Char('/'))) {
        showError(tr("Rename"), ik::ApiError(ik::ErrorKind::InvalidArgument, tr("A name cannot contain \"/\".")));
        return;
    }
    const QString title = tr("Rename %1 to %2").arg(item.name, newName);
    if (item.isFolder) {
        ik::RenameFolderOptions options;
        options.folderPath = item.path;
        options.newFolderName = newName;
        runFolderJob(title, m_session->imageKit().renameFolder(options));
        return;
    }
    ik::RenameFileOptions options;
    options.filePath = item.path;
    options.newFileName = newName;
    auto *job = m_session->imageKit().renameFile(options);
    const QString id = item.id;
    connect(job, &ik::RenameFileJob::finished, this, [this, id, newName, title] {
        if (m_fileModel)
            m_fileModel->renameEntry(id, newName);
        if (m_details->fileId() == id) {
            m_details->clear();
            m_details->showFile(id);
        }
        Q_EMIT operationFinished(title, true);
    });
    connect(job, &ik::ApiJob::failed, this, [this, title](const ik::ApiError &error) {
        showError(title, error);
        Q_EMIT operationFinished(title, false);
    });
}

void MainWindow::deleteSelected()
{
    const QList<Selected> items = selection();
    if (!m_session || items.isEmpty())
        return;
    QStringList fileNames, folderPaths, fileIds;
    QHash<QString, QString> nameOfId;
    for (const Selected &item : items) {
        if (item.isFolder) {
            folderPaths << item.path;
        } else {
            fileNames << item.name;
            fileIds << item.id;
            nameOfId.insert(item.id, item.name);
        }
    }
    if (!confirm(tr("Delete"), ConfirmationText::deleteItems(fileNames, folderPaths)))
        return;
    if (fileIds.isEmpty()) {
        deleteFolders(folderPaths);
        return;
    }
    // Files through the bulk delete API (100 per request), then the folders.
    const QString title = tr("Delete %n file(s)", nullptr, int(fileIds.size()));
    auto *operation = new BulkFileDelete(m_session->imageKit(), title, fileIds, this);
    m_currentOperation = operation;
    m_progress->begin(title, int(fileIds.size()));
    connect(operation, &BulkFileDelete::progress, m_progress, &OperationProgress::setProgress);
    connect(operation, &BulkFileDelete::finished, this, [this, operation, title, nameOfId, folderPaths] {
        m_progress->end();
        const auto failures = operation->failures();
        // All gone: drop the rows in place (the view keeps its place). Some not: list the folder
        // again, the server knows which are left (a "not found" file is gone too).
        if (failures.isEmpty() && m_fileModel)
            m_fileModel->removeEntries(operation->deletedIds());
        else
            refresh();
        if (operation->isCancelled())
            statusBar()->showMessage(tr("%1: cancelled after %2 of %3").arg(title).arg(operation->doneCount()).arg(operation->total()), 10000);
        else if (failures.isEmpty())
            statusBar()->showMessage(tr("%1: done").arg(title), 5000);
        if (!failures.isEmpty()) {
            // Per file: its name (the id only when the row is gone) and the server's reason.
            QStringList lines;
            for (const auto &[id, error] : failures)
                lines << QStringLiteral("%1: %2").arg(nameOfId.value(id, id), error.message());
            const ik::ApiError &first = failures.first().second;
            showError(title, ik::ApiError(first.kind(),
                                          tr("%n file(s) were not deleted:\n", nullptr, int(failures.size()))
                                              + lines.join(QLatin1Char('\n')),
                                          first.help()));
        }
        Q_EMIT operationFinished(title, failures.isEmpty() && !operation->isCancelled());
        if (!operation->isCancelled() && !folderPaths.isEmpty())
            deleteFolders(folderPaths);
    });
    operation->start();
}

void MainWindow::deleteFolders(const QStringList &folderPaths)
{
    if (!m_session || folderPaths.isEmpty())
        return;
    ik::ImageKit &imagekit = m_session->imageKit();
    startBatch(tr("Delete %n folder(s)", nullptr, int(folderPaths.size())), folderPaths,
               [&imagekit](const QString &path) -> ik::ApiJob * {
                   ik::DeleteFolderOptions options;
                   options.folderPath = path;
                   return imagekit.deleteFolder(options);
               },
               [this] {
                   refresh();
                   if (m_folderModel)
                       m_folderModel->refresh(QStringLiteral("/"));
               });
}

void MainWindow::moveSelected()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    bool ok = false;
    const QString folder = QInputDialog::getText(this, tr("Move to"), tr("Destination folder:"), QLineEdit::Normal,
                                                 currentFolder(), &ok);
    if (ok && !folder.trimmed().isEmpty())
        moveIdsTo(ids, folder.trimmed());
}

void MainWindow::copySelected()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    bool ok = false;
    const QString folder = QInputDialog::getText(this, tr("Copy to"), tr("Destination folder:"), QLineEdit::Normal,
                                                 currentFolder(), &ok);
    if (ok && !folder.trimmed().isEmpty())
        copyIdsTo(ids, folder.trimmed());
}

void MainWindow::moveIdsTo(const QStringList &ids, const QString &destinationFolder)
{
    transferIdsTo(Transfer::Move, ids, destinationFolder);
}

void MainWindow::copyIdsTo(const QStringList &ids, const QString &destinationFolder)
{
    transferIdsTo(Transfer::Copy, ids, destinationFolder);
}

void MainWindow::transferIdsTo(Transfer transfer, const QStringList &ids, const QString &destinationFolder)
{
    if (!m_session)
        return;
    const bool move = transfer == Transfer::Move;
    const QList<Selected> items = selectionFor(ids);
    QStringList files;
    QStringList folders;
    for (const Selected &item : items)
        (item.isFolder ? folders : files) << item.path;

    // Folder jobs one after the other: each is followed to completion before the next starts.
    // The chain lives as long as a step still refers to it (it refers to itself only weakly).
    auto runFolders = std::make_shared<std::function<void(int)>>();
    *runFolders = [this, folders, destinationFolder, move, self = std::weak_ptr(runFolders)](int index) {
        const auto chain = self.lock();
        if (index >= folders.size() || !m_session || !chain)
            return;
        ik::ImageKit &imagekit = m_session->imageKit();
        const QString &path = folders.at(index);
        ik::BulkJobStartJob *job = nullptr;
        if (move) {
            ik::MoveFolderOptions options;
            options.sourceFolderPath = path;
            options.destinationPath = destinationFolder;
            job = imagekit.moveFolder(options);
        } else {
            ik::CopyFolderOptions options;
            options.sourceFolderPath = path;
            options.destinationPath = destinationFolder;
            job = imagekit.copyFolder(options);
        }
        const QString title = (move ? tr("Move folder %1 to %2") : tr("Copy folder %1 to %2")).arg(path, destinationFolder);
        runFolderJob(title, job, [chain, index] { (*chain)(index + 1); });
    };
    if (files.isEmpty()) {
        (*runFolders)(0);
        return;
    }
    const QString title = (move ? tr("Move %n file(s) to %1", nullptr, int(files.size()))
                                : tr("Copy %n file(s) to %1", nullptr, int(files.size())))
                              .arg(destinationFolder);
    ik::ImageKit &imagekit = m_session->imageKit();
    startBatch(title, files,
               [&imagekit, destinationFolder, move](const QString &path) -> ik::ApiJob * {
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
               },
               [this, runFolders] {
                   refresh();
                   (*runFolders)(0);
               });
}

void MainWindow::copyUrl()
{
    QStringList urls;
    for (const Selected &item : selection()) {
        if (!item.isFolder && !item.url.isEmpty())
            urls << item.url;
    }
    if (urls.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(urls.join(QLatin1Char('\n')));
    statusBar()->showMessage(tr("Copied %n URL(s)", nullptr, int(urls.size())), 4000);
}

void MainWindow::copySignedUrl(qint64 expireSeconds)
{
    const QList<Selected> items = selection();
    if (!m_session || items.size() != 1 || items.first().isFolder)
        return;
    ik::UrlOptions options;
    options.path = items.first().path;
    options.sign = true;
    options.expireSeconds = expireSeconds;
    const ik::UrlResult result = m_session->urlBuilder().build(options);
    if (!result.ok()) {
        showError(tr("Signed URL"), ik::ApiError(ik::ErrorKind::InvalidArgument, result.errorMessage));
        return;
    }
    QGuiApplication::clipboard()->setText(result.url);
    statusBar()->showMessage(expireSeconds > 0 ? tr("Copied a signed URL valid for %n hour(s)", nullptr, int(expireSeconds / 3600))
                                               : tr("Copied a signed URL that never expires"),
                             5000);
}

void MainWindow::openInBrowser()
{
    const QList<Selected> items = selection();
    if (items.size() != 1 || items.first().url.isEmpty())
        return;
    QDesktopServices::openUrl(fetchUrlOf(items.first()));
}

QUrl MainWindow::fetchUrlOf(const Selected &item) const
{
    return fetchUrl(m_session ? &m_session->urlBuilder() : nullptr, item.path, item.url, item.isPrivate);
}

void MainWindow::downloadSelected()
{
    QList<Selected> files;
    for (const Selected &item : selection()) {
        if (!item.isFolder && !item.url.isEmpty())
            files << item;
    }
    if (files.isEmpty())
        return;
    const QString downloads = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    if (files.size() == 1) {
        const QString target = QFileDialog::getSaveFileName(
            this, tr("Save As"), SafeFileName::uniquePathIn(downloads, files.first().name));
        if (!target.isEmpty())
            download(files, {target}); // the user chose (and confirmed) this exact path
        return;
    }
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Download to folder"), downloads);
    if (!dir.isEmpty())
        downloadSelectedTo(dir);
}

void MainWindow::downloadSelectedTo(const QString &directory)
{
    QList<Selected> files;
    for (const Selected &item : selection()) {
        if (!item.isFolder && !item.url.isEmpty())
            files << item;
    }
    QStringList targets;
    QSet<QString> taken;
    for (const Selected &item : std::as_const(files)) {
        // Unique among the existing files and this batch; always directly inside `directory`.
        QString target = SafeFileName::uniquePathIn(directory, item.name);
        for (int n = 2; taken.contains(target); ++n)
            target = SafeFileName::uniquePathIn(directory, QStringLiteral("%1-%2").arg(n).arg(item.name));
        taken.insert(target);
        targets << target;
    }
    download(files, targets);
}

void MainWindow::download(const QList<Selected> &files, const QStringList &targets)
{
    if (!m_session || files.isEmpty() || files.size() != targets.size())
        return;
    QNetworkAccessManager *network = m_session->client()->networkAccessManager();
    const QString title = tr("Download %n file(s)", nullptr, int(files.size()));
    m_progress->begin(title, int(files.size()));
    auto *group = new QObject(this); // parent of the replies: deleting it cancels what is left
    m_currentOperation = group;
    auto state = std::make_shared<std::pair<int, QStringList>>(); // done count, failures
    const int total = int(files.size());
    for (int i = 0; i < total; ++i) {
        QNetworkReply *reply = network->get(QNetworkRequest(fetchUrlOf(files.at(i))));
        reply->setParent(group);
        const QString target = targets.at(i);
        connect(reply, &QNetworkReply::finished, group, [this, reply, target, state, total, title, group] {
            reply->deleteLater();
            if (reply->error() != QNetworkReply::NoError) {
                state->second << tr("%1: %2").arg(QFileInfo(target).fileName(), reply->errorString());
            } else {
                QSaveFile file(target);
                if (!file.open(QIODevice::WriteOnly) || file.write(reply->readAll()) < 0 || !file.commit())
                    state->second << tr("%1: %2").arg(target, file.errorString());
            }
            ++state->first;
            m_progress->setProgress(state->first, total);
            if (state->first < total)
                return;
            m_progress->end();
            group->deleteLater();
            if (!state->second.isEmpty())
                showError(title, ik::ApiError(ik::ErrorKind::Network, state->second.join(QLatin1Char('\n'))));
            else
                statusBar()->showMessage(tr("%1: done").arg(title), 5000);
            Q_EMIT operationFinished(title, state->second.isEmpty());
        });
    }
}

void MainWindow::purgeCache()
{
    const QList<Selected> items = selection();
    if (!m_session || items.size() != 1 || items.first().url.isEmpty())
        return;
    const QString title = tr("Purge cache of %1").arg(items.first().name);
    auto *watcher = new PurgeStatusWatcher(m_session->imageKit(), title, this);
    m_currentOperation = watcher;
    m_progress->begin(title, 0);
    m_progress->setStatus(tr("requesting"));
    connect(watcher, &PurgeStatusWatcher::statusChanged, this, [this](const QString &status, int poll) {
        m_progress->setStatus(poll == 0 ? tr("%1 (requested)").arg(status) : tr("%1 (check %2)").arg(status).arg(poll));
    });
    connect(watcher, &PurgeStatusWatcher::completed, this, [this, title] {
        m_progress->end();
        statusBar()->showMessage(tr("%1: Completed").arg(title), 8000);
        Q_EMIT operationFinished(title, true);
    });
    connect(watcher, &PurgeStatusWatcher::gaveUp, this, [this, title](const QString &lastStatus) {
        m_progress->end();
        // Not an error: the CDN is still working on it.
        statusBar()->showMessage(tr("%1: still %2; it completes on the CDN without the app.").arg(title, lastStatus), 15000);
        Q_EMIT operationFinished(title, true);
    });
    connect(watcher, &PurgeStatusWatcher::failed, this, [this, title](const ik::ApiError &error) {
        m_progress->end();
        showError(title, error);
        Q_EMIT operationFinished(title, false);
    });
    watcher->watch(m_session->imageKit().purgeFileCache(items.first().url));
}

void MainWindow::watchDragOutDownload(DragOutDownload *download)
{
    // Shown once the drag leaves the window or a program asks for the files; the strip is left
    // alone if another operation (e.g. the move of a drop on a folder) took it meanwhile.
    const QString title = tr("Preparing %n file(s) for the drop", nullptr, download->total());
    connect(download, &DragOutDownload::started, this, [this, download, title] {
        if (m_progress->isActive())
            return;
        m_currentOperation = download;
        m_progress->begin(title, download->total());
    });
    connect(download, &DragOutDownload::progress, this, [this, download](int done, int total) {
        if (m_currentOperation == download)
            m_progress->setProgress(done, total);
    });
    connect(download, &DragOutDownload::finished, this, [this, download, title] {
        if (m_currentOperation == download) {
            m_progress->end();
            m_currentOperation.clear();
        }
        if (!download->failures().isEmpty() && !download->isCancelled())
            statusBar()->showMessage(tr("%1: %2").arg(title, download->failures().join(QStringLiteral("; "))), 15000);
    });
}

} // namespace ikui
