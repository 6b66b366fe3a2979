#include "browser/filedragstarter.h"

#include "browser/dragoutmimedata.h"
#include "models/filelistmodel.h"
#include "operations/dragoutdownload.h"
#include "operations/fetchurl.h"

#include <QAbstractItemView>
#include <QDrag>
#include <QIcon>
#include <QNetworkAccessManager>
#include <QPixmap>
#include <QSet>
#include <QWidget>

#include <memory>

namespace ikui {

namespace {

constexpr int DragImageSize = 64;

QPixmap dragImageFor(const QModelIndex &index)
{
    const QVariant decoration = index.data(Qt::DecorationRole);
    QPixmap pixmap;
    if (decoration.canConvert<QPixmap>())
        pixmap = decoration.value<QPixmap>();
    else if (decoration.canConvert<QIcon>())
        pixmap = decoration.value<QIcon>().pixmap(DragImageSize, DragImageSize);
    if (pixmap.isNull())
        return {};
    return pixmap.scaled(DragImageSize, DragImageSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

} // namespace

FileDragStarter::FileDragStarter(QObject *parent)
    : QObject(parent)
{
}

FileDragStarter::~FileDragStarter() = default;

void FileDragStarter::setNetworkAccessManager(QNetworkAccessManager *network)
{
    m_network = network;
}

DragOutMimeData *FileDragStarter::createMimeData(const QModelIndexList &indexes)
{
    QStringList ids;
    QList<DragOutDownload::File> files;
    QSet<QString> seen;
    for (const QModelIndex &index : indexes) {
        const QModelIndex row = index.siblingAtColumn(0);
        const QString id = row.data(FileListModel::FileIdRole).toString();
        if (!row.isValid() || id.isEmpty() || seen.contains(id))
            continue;
        seen.insert(id);
        ids.append(id);
        const QString url = row.data(FileListModel::UrlRole).toString();
        if (!row.data(FileListModel::IsFolderRole).toBool() && !url.isEmpty())
            files.append({row.data(FileListModel::NameRole).toString(),
                          fetchUrl(m_urls, row.data(FileListModel::PathRole).toString(), url,
                                   row.data(FileListModel::IsPrivateRole).toBool()),
                          row.data(FileListModel::SizeRole).toLongLong()});
    }
    if (ids.isEmpty())
        return nullptr;
    DragOutDownload *download = nullptr;
    if (!files.isEmpty() && m_network) {
        download = new DragOutDownload(m_network, files, this);
        keep(download);
        Q_EMIT downloadCreated(download);
    }
    auto *data = new DragOutMimeData(download);
    data->setProgressWindow(qobject_cast<QWidget *>(parent())); // the main window; startDrag uses the view's
    data->setData(FileListModel::idsMimeType(), ids.join(QLatin1Char('\n')).toUtf8());
    return data;
}

void FileDragStarter::startDrag(QAbstractItemView *view, const QModelIndexList &indexes, Qt::DropActions actions,
                                Qt::DropAction defaultAction)
{
    DragOutMimeData *data = createMimeData(indexes);
    if (!data)
        return;
    data->setProgressWindow(view->window());
    const QPointer<DragOutDownload> download = data->download();
    auto *drag = new QDrag(view);
    drag->setMimeData(data);
    if (!indexes.isEmpty()) {
        const QPixmap image = dragImageFor(indexes.first().siblingAtColumn(0));
        if (!image.isNull()) {
            drag->setPixmap(image);
            drag->setHotSpot(QPoint(image.width() / 2, image.height()));
        }
    }
    // Out of our widgets (no target): the files will be wanted, start fetching them now.
    connect(drag, &QDrag::targetChanged, this, [download](QObject *target) {
        if (!target && download)
            download->start();
    });
    // Cancelled in the wait's dialog while the drag still runs: end the drag, nothing is dropped.
    auto dragRunning = std::make_shared<bool>(true);
    if (download) {
        connect(download, &DragOutDownload::finished, drag, [download, dragRunning] {
            if (*dragRunning && download && download->isCancelled())
                QDrag::cancel();
        });
    }
    const QPointer<QDrag> guard(drag);
    const Qt::DropAction result = drag->exec(actions, defaultAction);
    *dragRunning = false;
    const bool droppedOutside = result != Qt::IgnoreAction && guard && !guard->target();
    if (download && !droppedOutside) {
        // Moved onto a folder here, or cancelled: nothing needs the files.
        m_kept.removeAll(download);
        download->cancel();
        download->deleteLater();
    }
}

void FileDragStarter::keep(DragOutDownload *download)
{
    m_kept.removeIf([](const QPointer<DragOutDownload> &kept) { return kept.isNull(); });
    m_kept.append(download);
    while (m_kept.size() > KeptDrags) {
        if (DragOutDownload *oldest = m_kept.takeFirst())
            oldest->deleteLater();
    }
}

} // namespace ikui
