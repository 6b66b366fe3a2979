#include "builder/builderlauncher.h"

#include "builder/transformationbuilder.h"
#include "browser/browsercontext.h"
#include "models/filelistmodel.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QTreeView>

namespace ikui {

BuilderLauncher::BuilderLauncher(BrowserContext *browser)
    : QObject(browser->dialogParent())
    , m_browser(browser)
{
    m_openSelected = new QAction(tr("Open in URL &Builder"), browser->dialogParent());
    m_openSelected->setObjectName(QStringLiteral("openInBuilder"));
    m_openSelected->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    m_openSelected->setShortcutContext(Qt::WindowShortcut);
    m_openSelected->setToolTip(tr("Compose a transformation URL for the selected image (Ctrl+B)"));
    browser->dialogParent()->addAction(m_openSelected);
    connect(m_openSelected, &QAction::triggered, this, [this] { openBuilder(selectedFilePath()); });

    m_openEmpty = new QAction(tr("&URL Builder"), browser->dialogParent());
    m_openEmpty->setObjectName(QStringLiteral("openBuilder"));
    m_openEmpty->setToolTip(tr("Compose a transformation URL: paste a URL or find a file"));
    connect(m_openEmpty, &QAction::triggered, this, [this] { openBuilder(); });
}

QMenu *BuilderLauncher::addToolsMenu(QMenuBar *menuBar)
{
    QMenu *tools = menuBar->addMenu(tr("&Tools"));
    tools->setObjectName(QStringLiteral("toolsMenu"));
    tools->addAction(m_openSelected);
    tools->addAction(m_openEmpty);
    return tools;
}

TransformationBuilder *BuilderLauncher::openBuilder(const QString &path)
{
    // A child of the main window (so it goes when the window goes) shown as its own window.
    auto *builder = new TransformationBuilder(m_browser->session(), m_browser->dialogParent());
    builder->setWindowFlag(Qt::Window, true);
    builder->setAttribute(Qt::WA_DeleteOnClose, true);
    if (!path.isEmpty())
        builder->openFile(path);
    builder->show();
    builder->raise();
    builder->activateWindow();
    return builder;
}

QString BuilderLauncher::selectedFilePath() const
{
    for (const SelectedItem &item : m_browser->selectedItems()) {
        if (!item.isFolder)
            return item.path;
    }
    // Nothing selected: the file under the keyboard focus.
    const QAbstractItemView *view = m_browser->activeFileView();
    const QModelIndex current = view ? view->currentIndex() : QModelIndex();
    if (current.isValid() && !current.data(FileListModel::IsFolderRole).toBool())
        return current.data(FileListModel::PathRole).toString();
    return {};
}

} // namespace ikui
