#include "uploads/filedrophandler.h"

#include "models/filelistmodel.h"

#include <QAbstractItemView>
#include <QDragMoveEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QUrl>

namespace ikui {

FileDropHandler::FileDropHandler(QAbstractItemView *view, TargetResolver resolver)
    : QObject(view)
    , m_view(view)
    , m_resolver(std::move(resolver))
{
    view->setAcceptDrops(true);
    view->viewport()->setAcceptDrops(true); // drag events are delivered to the viewport
    view->viewport()->installEventFilter(this);
}

QStringList FileDropHandler::localPathsOf(const QMimeData *data)
{
    if (!data || !data->hasUrls() || data->hasFormat(FileListModel::idsMimeType()))
        return {};
    QStringList paths;
    const QList<QUrl> urls = data->urls();
    for (const QUrl &url : urls) {
        if (!url.isLocalFile())
            return {}; // a mix of web links and files is not an upload we can do faithfully
        QString path = url.toLocalFile();
        // File managers add a trailing slash to folders; keep the name of the folder itself.
        while (path.size() > 1 && path.endsWith(QLatin1Char('/')))
            path.chop(1);
        if (!path.isEmpty() && !paths.contains(path))
            paths << path;
    }
    return paths;
}

QString FileDropHandler::targetFolderAt(const QPoint &pos) const
{
    return m_resolver ? m_resolver(pos) : QString();
}

bool FileDropHandler::eventFilter(QObject *watched, QEvent *event)
{
    if (!m_view || watched != m_view->viewport())
        return false;
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (localPathsOf(drag->mimeData()).isEmpty())
            return false; // not ours: the view and the other handlers decide
        const bool here = !targetFolderAt(drag->position().toPoint()).isEmpty();
        // Uploading copies: the source files stay where they are.
        if (here && (drag->possibleActions() & Qt::CopyAction)) {
            drag->setDropAction(Qt::CopyAction);
            drag->accept();
        } else {
            drag->ignore();
        }
        // DragEnter must be accepted for DragMove events to follow, even where this spot refuses.
        if (event->type() == QEvent::DragEnter)
            drag->accept();
        return true;
    }
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        const QStringList paths = localPathsOf(drop->mimeData());
        if (paths.isEmpty())
            return false;
        const QString folder = targetFolderAt(drop->position().toPoint());
        if (folder.isEmpty()) {
            drop->ignore();
            return true;
        }
        drop->setDropAction(Qt::CopyAction);
        drop->accept();
        Q_EMIT filesDropped(paths, folder);
        return true;
    }
    default:
        return false;
    }
}

} // namespace ikui
