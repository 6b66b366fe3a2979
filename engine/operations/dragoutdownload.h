#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace ikui {

class FileDownload;

// The files of a drag out to the desktop, downloaded into a temporary folder of their own so the
// file manager receives real local files (Qt on X11/Wayland cannot promise files that do not exist
// yet). Names are sanitised (SafeFileName) and made unique, so nothing lands outside the folder.
// The transfers are a FileDownload (at most 4 at once, each streamed to disk as it arrives, a file
// appears only when complete, a transfer that receives nothing for TransferTimeoutMs fails).
// cancel() aborts the downloads and removes the folder with what it held; otherwise the folder and
// its files are removed with this object: keep it alive until the file manager has copied them.
class DragOutDownload : public QObject
{
    Q_OBJECT

public:
    struct File
    {
        QString name;      // the server's file name
        QUrl url;          // its delivery URL
        qint64 size = -1;  // bytes as the server lists them; -1 unknown (the reply's length is used)
    };

    static constexpr int MaxInFlight = 4; // FileDownload::MaxInFlight
    static constexpr int TransferTimeoutMs = 60000;

    DragOutDownload(QNetworkAccessManager *network, QList<File> files, QObject *parent = nullptr);
    ~DragOutDownload() override;

    // False when the temporary folder could not be created (nothing will be downloaded).
    bool isValid() const;
    // The per-drag folder (empty when it could not be created); gone after cancel().
    QString folder() const;
    int total() const { return int(m_files.size()); }
    int doneCount() const { return m_done; }
    // Bytes received so far, and expected in all (-1 while the size of a file is still unknown).
    qint64 bytesReceived() const;
    qint64 bytesTotal() const;
    bool isStarted() const { return m_started; }
    bool isFinished() const { return m_finished; }
    bool isCancelled() const { return m_cancelled; }
    // Where each file goes (inside folder()), in the order of the files given.
    QStringList targetPaths() const { return m_targets; }
    // The files written so far, as paths / file:// URLs, in the order of the files given.
    QStringList localPaths() const;
    QList<QUrl> localUrls() const;
    // One sentence per file that could not be downloaded or written: its name, what went wrong
    // and what to try.
    QStringList failures() const { return m_failures; }

    // Starts the downloads (once); finished() follows, queued when there is nothing to do.
    void start();
    // Starts if needed and runs a local event loop (without user input) until finished() or
    // cancel(), at most `timeoutMs` (-1: no limit). True when every file was downloaded.
    // The app waits through DragOutWait instead, which shows progress and offers Cancel.
    bool waitForFinished(int timeoutMs = -1);
    // True when finished with every file written.
    bool isComplete() const;

public Q_SLOTS:
    // Aborts the downloads still running and removes the folder with the files already written;
    // finished() follows right away. Does nothing once finished.
    void cancel();

Q_SIGNALS:
    void started();
    void progress(int done, int total);
    // Bytes received so far and expected in all (-1: not known yet).
    void bytesProgress(qint64 received, qint64 total);
    void finished();

private:
    // Once: removes the folder when cancelled, then finished().
    void finishNow();

    QPointer<QNetworkAccessManager> m_network;
    QList<File> m_files;
    QStringList m_targets;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_folder;
    // Declared after m_dir: destroyed first, so its partial files go before the folder does.
    std::unique_ptr<FileDownload> m_download; // null when the folder could not be created
    QStringList m_failures;
    int m_done = 0;
    bool m_started = false;
    bool m_finished = false;
    bool m_cancelled = false;
};

} // namespace ikui
