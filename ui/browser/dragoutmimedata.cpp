#include "browser/dragoutmimedata.h"

#include "operations/dragoutdownload.h"
#include "activity/dragoutwait.h"

namespace ikui {

namespace {

QString uriListFormat()
{
    return QStringLiteral("text/uri-list");
}

} // namespace

DragOutMimeData::DragOutMimeData(DragOutDownload *download)
    : m_download(download)
{
}

QStringList DragOutMimeData::formats() const
{
    QStringList formats = QMimeData::formats();
    if (m_download && m_download->total() > 0 && !m_download->isCancelled() && !formats.contains(uriListFormat()))
        formats.append(uriListFormat());
    return formats;
}

bool DragOutMimeData::hasFormat(const QString &mimeType) const
{
    return formats().contains(mimeType);
}

QVariant DragOutMimeData::retrieveData(const QString &mimeType, QMetaType type) const
{
    if (mimeType != uriListFormat() || !m_download)
        return QMimeData::retrieveData(mimeType, type);
    // A file manager asks on drop (some while hovering): wait for the files, then name them.
    // What failed is left out (the window reports it); a cancel drops nothing.
    DragOutWait wait(m_download, m_progressWindow);
    if (wait.exec() == DragOutWait::Outcome::Cancelled || !m_download)
        return QVariantList();
    QVariantList urls;
    for (const QUrl &url : m_download->localUrls())
        urls.append(url);
    return urls;
}

} // namespace ikui
