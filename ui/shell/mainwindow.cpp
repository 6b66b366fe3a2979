#include "shell/mainwindow.h"

#include "shell/aboutdialog.h"
#include "shell/resources.h"
#include "shell/browserpage.h"
#include "shell/demobadge.h"
#include "shell/profilesmenu.h"
#include "accounts/profilestore.h"
#include "actions/fileactions.h"
#include "actions/windowaction.h"
#include "activity/activitypanel.h"
#include "activity/activitysummary.h"
#include "activity/operationprogress.h"
#include "builder/builderlauncher.h"
#include "browser/breadcrumbbar.h"
#include "browser/filedragstarter.h"
#include "browser/folderdrophandler.h"
#include "details/detailspane.h"
#include "models/filelistmodel.h"
#include "models/foldertreemodel.h"
#include "operations/errortext.h"
#include "operations/operation.h"
#include "search/searchbox.h"
#include "search/searchqueryeditor.h"
#include "thumbnails/thumbnailprovider.h"
#include "uploads/uploadcontroller.h"
#include "uploads/uploadpanel.h"

#include "api/apiclient.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
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
    m_pages->addWidget(m_page);
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
    m_demoBadge = new DemoBadge(this);
    statusBar()->addPermanentWidget(m_demoBadge);

    restoreLayout();
    updateActions();
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::createBrowser()
{
    m_dragStarter = new FileDragStarter(this);
    m_page = new BrowserPage(m_dragStarter, m_pages);
    m_tree = m_page->folderTree();
    m_breadcrumbs = m_page->breadcrumbs();
    m_searchBox = m_page->searchBox();
    m_queryEditor = m_page->queryEditor();
    m_sort = m_page->sortCombo();
    m_fileType = m_page->fileTypeCombo();
    m_grid = m_page->grid();
    m_list = m_page->list();
    m_details = m_page->details();

    for (QAbstractItemView *view : fileViews()) {
        auto *drops = new FolderDropHandler(view);
        connect(drops, &FolderDropHandler::idsDropped, m_actions, &FileActions::moveIdsTo);
        connect(view, &QAbstractItemView::activated, this, &MainWindow::onActivated);
        connect(view, &QWidget::customContextMenuRequested, this, &MainWindow::showContextMenu);
    }
    connect(m_page, &BrowserPage::activeViewChanged, this, [this](QAbstractItemView *view) {
        connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::onSelectionChanged);
        onSelectionChanged();
    });
    connect(m_breadcrumbs, &BreadcrumbBar::folderActivated, this, &MainWindow::openFolder);
    connect(m_page, &BrowserPage::folderOpened, this, &MainWindow::updateActions);
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
        return addWindowAction(this, this, text, name, shortcut, slot);
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
    m_profilesMenu = new ProfilesMenu(this);
    connect(m_profilesMenu, &ProfilesMenu::profileRequested, this, &MainWindow::profileRequested);
    connect(m_profilesMenu, &ProfilesMenu::addAccountRequested, this, &MainWindow::addAccountRequested);
    connect(m_profilesMenu, &ProfilesMenu::removeAccountRequested, this, &MainWindow::removeAccountRequested);
    fileMenu->addMenu(m_profilesMenu);
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
    m_page->splitter()->restoreState(settings.value(settingsKey("splitter")).toByteArray());
    m_page->setListHeaderState(settings.value(settingsKey("listHeader")).toByteArray());
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
    settings.setValue(settingsKey("splitter"), m_page->splitter()->saveState());
    const QByteArray listHeader = m_page->listHeaderState();
    if (!listHeader.isEmpty())
        settings.setValue(settingsKey("listHeader"), listHeader);
    settings.setValue(settingsKey("viewMode"), viewMode() == ViewMode::List ? QStringLiteral("list") : QStringLiteral("grid"));
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
    m_profilesMenu->setProfileStore(profiles);
}

void MainWindow::setSession(Session *session)
{
    if (session == m_session && session)
        return;
    m_summary->setManager(nullptr);
    m_activity->setManager(nullptr);
    m_details->setSession(nullptr);
    m_page->setModels(nullptr, nullptr);
    delete m_fileModel;
    delete m_folderModel;
    delete m_thumbnails;
    m_fileModel = nullptr;
    m_folderModel = nullptr;
    m_thumbnails = nullptr;
    m_session = session;
    m_profilesMenu->setCurrentProfile(session ? session->profile().name : QString());
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
    m_pages->setCurrentWidget(m_page);
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
    connect(m_folderModel, &FolderTreeModel::idsDropped, m_actions,
            [this](const QStringList &ids, const QString &folder, Qt::DropAction) { m_actions->moveIdsTo(ids, folder); });
    connect(m_folderModel, &FolderTreeModel::errorOccurred, this,
            [this](const QString &folder, const ik::ApiError &error) {
                showError(tr("Listing the folders of %1").arg(folder), error);
            });

    m_fileModel = new FileListModel(imagekit, this);
    m_fileModel->setStore(m_session->files());
    m_fileModel->setThumbnailProvider(m_thumbnails);
    m_fileModel->setSort(m_sort->currentData().toString());
    m_fileModel->setFileTypeFilter(m_fileType->currentData().toString());
    m_page->setModels(m_fileModel, m_folderModel);
    connect(m_fileModel, &FileListModel::errorOccurred, this, [this](const ik::ApiError &error) {
        if (!m_fileModel->searchQuery().isEmpty())
            m_queryEditor->showError(error.message(), ErrorText::whatToTry(error));
        // In the status bar only: the search editor shows its own, a listing is retried with F5.
        showStatus(ErrorText::summary(m_fileModel->searchQuery().isEmpty() ? tr("Listing the folder") : tr("Searching"), error), 15000);
        m_lastError = ErrorText::full(m_fileModel->searchQuery().isEmpty() ? tr("Listing the folder") : tr("Searching"), error);
    });
    // A reset (refresh, another folder) drops the selection without selectionChanged.
    connect(m_fileModel, &QAbstractItemModel::modelReset, this, &MainWindow::onSelectionChanged);
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
    m_page->openFolder(folderPath);
}

void MainWindow::goUp()
{
    m_page->goUp();
}

void MainWindow::refresh()
{
    m_page->refresh();
}

void MainWindow::search(const QString &searchQuery)
{
    m_page->search(searchQuery);
}

void MainWindow::setViewMode(ViewMode mode)
{
    (mode == ViewMode::Grid ? m_gridAction : m_listAction)->setChecked(true);
    m_page->setViewMode(mode);
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
    return m_page->activeView();
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
    QMessageBox box(QMessageBox::Warning, what, ErrorText::summary(what, error), QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("errorDialog"));
    box.setInformativeText(ErrorText::whatToTry(error));
    box.exec();
}

} // namespace ikui
