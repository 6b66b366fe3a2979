#include "browser/folderdrophandler.h"

#include "models/filelistmodel.h"

#include <QAbstractItemView>
#include <QMimeData>

namespace ikui {

// Our own item drags offer only the model's default action (Copy), yet a drop on a folder moves.
FolderDropHandler::FolderDropHandler(QAbstractItemView *view)
    : ViewDropFilter(view, Qt::MoveAction, OfferRule::ActionAlwaysDone)
{
    view->setDragEnabled(true);
    view->setDropIndicatorShown(true);
    view->setDragDropMode(QAbstractItemView::DragDrop);
    view->setDefaultDropAction(Qt::MoveAction);
}

QStringList FolderDropHandler::idsOf(const QMimeData *data)
{
    if (!data || !data->hasFormat(FileListModel::idsMimeType()))
        return {};
    return QString::fromUtf8(data->data(FileListModel::idsMimeType())).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QString FolderDropHandler::targetFolderAt(const QPoint &pos, const QStringList &draggedIds) const
{
    const QString folder = folderRowAt(view(), pos);
    if (folder.isEmpty())
        return {};
    // A folder cannot be moved into itself.
    if (draggedIds.contains(view()->indexAt(pos).data(FileListModel::FileIdRole).toString()))
        return {};
    return folder;
}

QStringList FolderDropHandler::payloadOf(const QMimeData *data) const
{
    return idsOf(data);
}

QString FolderDropHandler::targetFolderFor(const QStringList &payload, const QPoint &pos) const
{
    return targetFolderAt(pos, payload);
}

void FolderDropHandler::deliver(const QStringList &payload, const QString &targetFolder)
{
    Q_EMIT idsDropped(payload, targetFolder);
}

} // namespace ikui
