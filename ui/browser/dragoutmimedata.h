#pragma once

#include <QMimeData>
#include <QPointer>
#include <QUrl>

namespace ikui {

class DragOutDownload;

// What a drag of files from the browser carries: our item ids (moves onto folders inside the app),
// and for other programs a text/uri-list of LOCAL files. The list is produced only when a target
// asks for it (a file manager on drop): the download is started then if it has not started yet,
// and the answer waits for it, so the file manager gets file:// URLs of complete files.
// Drops inside the app read only the ids and never wait for a download.
class DragOutMimeData : public QMimeData
{
    Q_OBJECT

public:
    // `download` may be null (folders only, or no connection): the data then lists no files.
    explicit DragOutMimeData(DragOutDownload *download);

    DragOutDownload *download() const { return m_download; }
    QStringList formats() const override;
    bool hasFormat(const QString &mimeType) const override;

protected:
    QVariant retrieveData(const QString &mimeType, QMetaType type) const override;

private:
    QPointer<DragOutDownload> m_download;
};

} // namespace ikui
