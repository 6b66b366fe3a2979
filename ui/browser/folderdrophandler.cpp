#include "browser/folderdrophandler.h"

#include "models/filelistmodel.h"

#include <QAbstractItemView>
#include <QDragMoveEvent>
#include <QDropEvent>
#include <QMimeData>

namespace ikui {

FolderDropHandler::FolderDropHandler(QAbstractItemView *view)
    : QObject(view)
    , m_view(view)
{
    view->setDragEnabled(true);
    view->setAcceptDrops(true);
    view->viewport()->setAcceptDrops(true); // drag events are delivered to the viewport
    view->setDropIndicatorShown(true);
    view->setDragDropMode(QAbstractItemView::DragDrop);
    view->setDefaultDropAction(Qt::MoveAction);
    view->viewport()->installEventFilter(this);
}

QStringList FolderDropHandler::idsOf(const QMimeData *data)
{
    if (!data || !data->hasFormat(FileListModel::idsMimeType()))
        return {};
    return QString::fromUtf8(data->data(FileListModel::idsMimeType())).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QString FolderDropHandler::targetFolderAt(const QPoint &pos, const QStringList &draggedIds) const
{
    if (!m_view)
        return {};
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid() || !index.data(FileListModel::IsFolderRole).toBool())
        return {};
    if (draggedIds.contains(index.data(FileListModel::FileIdRole).toString()))
        return {};
    return index.data(FileListModel::PathRole).toString();
}

bool FolderDropHandler::eventFilter(QObject *watched, QEvent *event)
{
    if (!m_view || watched != m_view->viewport())
        return false;
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        const QStringList ids = idsOf(drag->mimeData());
        if (ids.isEmpty())
            return false; // not ours: the view decides
        if (targetFolderAt(drag->position().toPoint(), ids).isEmpty())
            drag->ignore();
        else
            drag->acceptProposedAction();
        // DragEnter must be accepted for DragMove events to follow, even where this spot refuses.
        if (event->type() == QEvent::DragEnter)
            drag->accept();
        return true;
    }
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        const QStringList ids = idsOf(drop->mimeData());
        if (ids.isEmpty())
            return false;
        const QString folder = targetFolderAt(drop->position().toPoint(), ids);
        if (folder.isEmpty()) {
            drop->ignore();
            return true;
        }
        drop->setDropAction(Qt::MoveAction);
        drop->accept();
        Q_EMIT idsDropped(ids, folder);
        return true;
    }
    default:
        return false;
    }
}

} // namespace ikui
