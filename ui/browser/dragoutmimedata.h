#pragma once

#include <QMimeData>
#include <QPointer>

#include "operations/dragoutdownload.h"
#include <QUrl>
#include <QWidget>

namespace ikui {

// (QPointer needs the complete type)

// What a drag of files from the browser carries: our item ids (moves onto folders inside the app),
// and for other programs a text/uri-list of LOCAL files. The list is produced only when a target
// asks for it (a file manager on drop): the download is started then if it has not started yet,
// and the answer waits for it (DragOutWait: progress after 300 ms, Cancel/Esc), so the file manager
// gets file:// URLs of complete files. A cancelled download lists no files: nothing is dropped.
// Drops inside the app read only the ids and never wait for a download.
class DragOutMimeData : public QMimeData
{
    Q_OBJECT

public:
    // `download` may be null (folders only, or no connection): the data then lists no files.
    explicit DragOutMimeData(DragOutDownload *download);

    DragOutDownload *download() const { return m_download; }
    // The window the wait's progress dialog belongs to (null: a dialog of its own).
    void setProgressWindow(QWidget *window) { m_progressWindow = window; }
    QWidget *progressWindow() const { return m_progressWindow; }
    QStringList formats() const override;
    bool hasFormat(const QString &mimeType) const override;

protected:
    QVariant retrieveData(const QString &mimeType, QMetaType type) const override;

private:
    QPointer<DragOutDownload> m_download;
    QPointer<QWidget> m_progressWindow;
};

} // namespace ikui
