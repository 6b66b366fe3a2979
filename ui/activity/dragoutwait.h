#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class QProgressDialog;
class QWidget;

namespace ikui {

class DragOutDownload;

// The wait for the files of a drop outside the app (a file manager asked for them on drop):
// runs a local event loop until the drag's download ends. Once it has taken showDelay() (300 ms
// by default, so quick drops flash nothing), a window-modal progress dialog shows the files and
// bytes done, and its Cancel button or Esc cancels the download (DragOutDownload::cancel removes
// the partial folder, so nothing is dropped). Until the dialog shows, user input is held back: it
// would reach the views in the middle of the drag.
class DragOutWait : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultShowDelayMs = 300;

    enum class Outcome {
        Ready,      // every file is on disk
        Incomplete, // some files failed (DragOutDownload::failures says which and why)
        Cancelled,  // the user cancelled, or the download went away
    };

    // `window` parents the dialog (null: an application-modal dialog of its own).
    DragOutWait(DragOutDownload *download, QWidget *window, QObject *parent = nullptr);
    ~DragOutWait() override;

    void setShowDelay(int ms) { m_showDelayMs = qMax(0, ms); }
    int showDelay() const { return m_showDelayMs; }

    // Starts the download if needed and waits for it to end.
    Outcome exec();

    // "1 of 3 files, 2.1 MB of 5.0 MB" (the bytes only when the total is known).
    static QString progressText(int done, int total, qint64 bytesReceived, qint64 bytesTotal);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showDialog();
    void updateDialog();

    QPointer<DragOutDownload> m_download;
    QPointer<QWidget> m_window;
    std::unique_ptr<QProgressDialog> m_dialog;
    int m_showDelayMs = DefaultShowDelayMs;
};

} // namespace ikui
