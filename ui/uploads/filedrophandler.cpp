#include "uploads/filedrophandler.h"

#include "models/filelistmodel.h"

#include <QMimeData>
#include <QUrl>

namespace ikui {

FileDropHandler::FileDropHandler(QAbstractItemView *view, TargetResolver resolver)
    : ViewDropFilter(view, Qt::CopyAction, OfferRule::ActionMustBeOffered)
    , m_resolver(std::move(resolver))
{
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

QStringList FileDropHandler::payloadOf(const QMimeData *data) const
{
    return localPathsOf(data);
}

QString FileDropHandler::targetFolderFor(const QStringList &, const QPoint &pos) const
{
    return targetFolderAt(pos);
}

void FileDropHandler::deliver(const QStringList &payload, const QString &targetFolder)
{
    Q_EMIT filesDropped(payload, targetFolder);
}

} // namespace ikui
