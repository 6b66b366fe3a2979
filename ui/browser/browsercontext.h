#pragma once

#include <QList>
#include <QString>
#include <QStringList>

class QAbstractItemView;
class QTreeView;
class QWidget;

namespace ikui {

class FileListModel;
class FolderTreeModel;
class Session;

// A selected row of the file views, as controllers need it.
struct SelectedItem
{
    QString id;
    QString name;
    QString path;
    QString url;
    bool isFolder = false;
    bool isPrivate = false;
};

// What controllers (uploads, file actions, the builder launcher) may know of the browser: the
// session, the current folder and selection, the views to attach drop handlers to, and a few
// requests (navigate, refresh, a status message). The main window implements it; controllers never
// see the window itself, so "which view is active" and "what is selected" are answered here once.
class BrowserContext
{
public:
    virtual ~BrowserContext() = default;

    // The parent of dialogs and window-wide shortcuts.
    virtual QWidget *dialogParent() const = 0;
    virtual Session *session() const = 0;
    virtual FileListModel *fileModel() const = 0;
    virtual FolderTreeModel *folderModel() const = 0;
    // The view that shows the files now (grid or list), and both of them.
    virtual QAbstractItemView *activeFileView() const = 0;
    virtual QList<QAbstractItemView *> fileViews() const = 0;
    virtual QTreeView *folderView() const = 0;
    virtual QString currentFolder() const = 0;
    virtual void openFolder(const QString &folderPath) = 0;
    virtual void refresh() = 0;
    virtual void showStatus(const QString &message, int timeoutMs) = 0;

    // The selected rows of the active view, in row order.
    QList<SelectedItem> selectedItems() const;
    // The rows of `ids` that are loaded (drops name ids, not rows).
    QList<SelectedItem> itemsFor(const QStringList &ids) const;
    QStringList selectedIds() const;
};

} // namespace ikui
