#include "browser/viewdropfilter.h"

#include "models/filelistmodel.h"
#include "models/foldertreemodel.h"

#include <QAbstractItemView>
#include <QDropEvent>
#include <QMimeData>

namespace ikui {

ViewDropFilter::ViewDropFilter(QAbstractItemView *view, Qt::DropAction action, OfferRule offerRule)
    : QObject(view)
    , m_view(view)
    , m_action(action)
    , m_offerRule(offerRule)
{
    view->setAcceptDrops(true);
    view->viewport()->setAcceptDrops(true); // drag events are delivered to the viewport
    view->viewport()->installEventFilter(this);
}

QAbstractItemView *ViewDropFilter::view() const
{
    return m_view.data();
}

QString ViewDropFilter::folderRowAt(const QAbstractItemView *view, const QPoint &pos)
{
    if (!view)
        return {};
    const QModelIndex index = view->indexAt(pos);
    if (!index.isValid())
        return {};
    // The folder tree's rows are all folders; its roles are not FileListModel's.
    if (qobject_cast<const FolderTreeModel *>(index.model()))
        return FolderTreeModel::pathOf(index);
    if (!index.data(FileListModel::IsFolderRole).toBool())
        return {};
    return index.data(FileListModel::PathRole).toString();
}

QString ViewDropFilter::dropTargetFor(const QMimeData *data, const QPoint &pos) const
{
    const QStringList payload = payloadOf(data);
    return payload.isEmpty() ? QString() : targetFolderFor(payload, pos);
}

bool ViewDropFilter::acceptWithAction(QDropEvent *event) const
{
    if (m_offerRule == OfferRule::ActionMustBeOffered && !(event->possibleActions() & m_action)) {
        event->ignore();
        return false;
    }
    // QDropEvent keeps the proposed action when the drag does not offer ours.
    event->setDropAction(m_action);
    event->accept();
    return true;
}

bool ViewDropFilter::eventFilter(QObject *watched, QEvent *event)
{
    // The type first: while the view is being destroyed it is only a QWidget any more, and
    // reading m_view as a QAbstractItemView then is undefined (UBSan: invalid downcast).
    const QEvent::Type type = event->type();
    if (type != QEvent::DragEnter && type != QEvent::DragMove && type != QEvent::Drop)
        return false;
    if (!m_view || watched != m_view->viewport())
        return false;
    // QDragEnterEvent and QDragMoveEvent are QDropEvents too.
    auto *drag = static_cast<QDropEvent *>(event);
    const QStringList payload = payloadOf(drag->mimeData());
    if (payload.isEmpty())
        return false; // not ours: the view and the other filters decide
    const QString folder = targetFolderFor(payload, drag->position().toPoint());
    if (folder.isEmpty())
        drag->ignore();
    else if (acceptWithAction(drag) && type == QEvent::Drop)
        deliver(payload, folder);
    // DragEnter must be accepted for DragMove events to follow, even where this spot refuses.
    if (type == QEvent::DragEnter)
        drag->accept();
    return true;
}

} // namespace ikui
