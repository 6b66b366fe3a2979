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
class QNetworkReply;

namespace ikui {

// The files of a drag out to the desktop, downloaded into a temporary folder of their own so the
// file manager receives real local files (Qt on X11/Wayland cannot promise files that do not exist
// yet). Names are sanitised (SafeFileName) and made unique, so nothing lands outside the folder.
// At most 4 downloads run at once. The folder and its files are removed with this object: keep it
// alive until the file manager has copied them.
class DragOutDownload : public QObject
{
    Q_OBJECT

public:
    struct File
    {
        QString name; // the server's file name
        QUrl url;     // its delivery URL
    };

    static constexpr int MaxInFlight = 4;
    static constexpr int TransferTimeoutMs = 60000;

    DragOutDownload(QNetworkAccessManager *network, QList<File> files, QObject *parent = nullptr);
    ~DragOutDownload() override;

    // False when the temporary folder could not be created (nothing will be downloaded).
    bool isValid() const;
    QString folder() const;
    int total() const { return int(m_files.size()); }
    int doneCount() const { return m_done; }
    bool isStarted() const { return m_started; }
    bool isFinished() const { return m_finished; }
    bool isCancelled() const { return m_cancelled; }
    // Where each file goes (inside folder()), in the order of the files given.
    QStringList targetPaths() const { return m_targets; }
    // The files written so far, as paths / file:// URLs, in the order of the files given.
    QStringList localPaths() const;
    QList<QUrl> localUrls() const;
    // "name: reason" per file that could not be downloaded or written.
    QStringList failures() const { return m_failures; }

    // Starts the downloads (once); finished() follows, queued when there is nothing to do.
    void start();
    // Starts if needed and runs a local event loop until finished() or cancel(), at most
    // `timeoutMs` (-1: no limit). True when every file was downloaded.
    bool waitForFinished(int timeoutMs = -1);

public Q_SLOTS:
    // Aborts the downloads still running; what is written stays until this object is deleted.
    void cancel();

Q_SIGNALS:
    void started();
    void progress(int done, int total);
    void finished();

private:
    void launchMore();
    void onReplyFinished(QNetworkReply *reply, int index);
    void finishIfDone();

    QPointer<QNetworkAccessManager> m_network;
    QList<File> m_files;
    QStringList m_targets;
    QList<bool> m_written;
    std::unique_ptr<QTemporaryDir> m_dir;
    QList<QPointer<QNetworkReply>> m_replies;
    QStringList m_failures;
    int m_next = 0;
    int m_done = 0;
    bool m_started = false;
    bool m_finished = false;
    bool m_cancelled = false;
};

} // namespace ikui
