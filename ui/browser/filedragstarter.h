#pragma once

#include <QList>
#include <QModelIndex>
#include <QObject>
#include <QPointer>

#include "operations/dragoutdownload.h"

class QAbstractItemView;
class QNetworkAccessManager;

namespace ik {
class UrlBuilder;
}

namespace ikui {

// (QPointer needs the complete type)
class DragOutMimeData;

// Drags of files and folders out of the browser views (what QAbstractItemView::startDrag does,
// plus drag-out): the drag carries the ids (FolderDropHandler and the folder tree move them) and,
// for the desktop, the files downloaded into a per-drag temporary folder (DragOutDownload). The
// download starts when the drag leaves the app's widgets or when a program asks for the files, so
// moving items onto a folder inside the app downloads nothing it keeps. The files of the last
// KeptDrags drags dropped outside stay on disk (the file manager copies them after the drop); the
// rest go with this object. While a file manager waits for the files, DragOutWait shows their
// progress with a Cancel; a cancel during the drag ends it with nothing dropped.
class FileDragStarter : public QObject
{
    Q_OBJECT

public:
    static constexpr int KeptDrags = 8;

    explicit FileDragStarter(QObject *parent = nullptr);
    ~FileDragStarter() override;

    // The session's network access (null: drags carry ids only).
    void setNetworkAccessManager(QNetworkAccessManager *network);
    // Signs the URLs of private files (see fetchUrl()); nullptr: delivery URLs as they are.
    void setUrlBuilder(const ik::UrlBuilder *urls) { m_urls = urls; }

    // The data of a drag of these FileListModel indexes; null when none is a row. Owned by the caller.
    DragOutMimeData *createMimeData(const QModelIndexList &indexes);
    // Runs the drag of `indexes` from `view` (blocks in QDrag::exec like any drag).
    void startDrag(QAbstractItemView *view, const QModelIndexList &indexes, Qt::DropActions actions,
                   Qt::DropAction defaultAction);

Q_SIGNALS:
    // A drag's download was created (not started yet): the window shows its progress once it starts.
    void downloadCreated(ikui::DragOutDownload *download);

private:
    void keep(DragOutDownload *download);

    QPointer<QNetworkAccessManager> m_network;
    const ik::UrlBuilder *m_urls = nullptr;
    QList<QPointer<DragOutDownload>> m_kept;
};

} // namespace ikui
