#pragma once

#include "operations/operation.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;
class QSaveFile;

namespace ikui {

// Downloads files to local paths (File > Download, drag-out). At most MaxInFlight transfers run at
// once; each reply holds at most ReadBufferBytes and is written to a QSaveFile as data arrives, so
// memory stays the same whatever the file sizes, and a file appears at its target only once it is
// complete (an existing target is replaced then). A transfer that receives nothing for
// transferTimeout() fails. Every failure (HTTP error, write error, timeout) is an item failure
// whose item is the target path, whose label is the file name and whose error says what went wrong
// (message) and what to try (help). cancel() aborts the transfers and discards their partial data:
// nothing but the files already completed is left. Subjects: the file ids given, Effect::Reads, so
// a download blocks only actions that change those files (deleting one that is being fetched).
class FileDownload : public Operation
{
    Q_OBJECT

public:
    struct File
    {
        QString name;       // the server's file name: the failure label
        QUrl url;           // where its bytes come from (signed for a private file)
        QString targetPath; // the local file to write
        qint64 size = -1;   // bytes as the server lists them; -1 unknown (the reply's length is used)
        QString id;         // the server's file id, when known: a subject of the operation
    };

    static constexpr int MaxInFlight = 4;
    static constexpr int DefaultTransferTimeoutMs = 60000;
    // What one reply may hold before it is written out (Qt stops reading the socket at this size).
    static constexpr qint64 ReadBufferBytes = 1024 * 1024;

    // Titled "Download N files".
    FileDownload(QNetworkAccessManager *network, QList<File> files, QObject *parent = nullptr);
    FileDownload(QString title, QNetworkAccessManager *network, QList<File> files, QObject *parent = nullptr);
    // Aborts what still runs and discards its partial data (no signals).
    ~FileDownload() override;

    const QList<File> &files() const { return m_files; }
    int total() const { return int(m_files.size()); }
    // Whether files().at(index) was written completely.
    bool isSaved(int index) const;
    // The target paths written so far, in the order of the files given.
    QStringList savedPaths() const;

    // Milliseconds without data after which a transfer fails; set before start().
    void setTransferTimeout(int ms) { m_transferTimeoutMs = qMax(1, ms); }
    int transferTimeout() const { return m_transferTimeoutMs; }

    // The failed files only, to the same targets (not started).
    Operation *createRetry() const override;

Q_SIGNALS:
    void fileSaved(int index, const QString &path);

protected:
    void run() override;
    void abort() override;

private:
    void launchMore();
    void onReadyRead(int index);
    void onReplyFinished(int index);
    bool writeAvailable(int index);
    void settle(int index, bool saved);
    ik::ApiError transferError(int index, QNetworkReply *reply) const;
    ik::ApiError writeError(int index, const QString &reason) const;
    void finishIfDone();
    // Bytes progress at most every ProgressIntervalMs unless `now` (a file settled).
    void reportBytes(bool now);
    qint64 expectedTotal() const;
    void discard(int index);

    static constexpr int ProgressIntervalMs = 100;
    static constexpr qsizetype ErrorBodyBytes = 4096;

    QPointer<QNetworkAccessManager> m_network;
    QList<File> m_files;
    int m_transferTimeoutMs = DefaultTransferTimeoutMs;
    QList<QPointer<QNetworkReply>> m_replies;        // by file index; null when not running
    std::vector<std::unique_ptr<QSaveFile>> m_saves; // by file index; open while writing
    QList<bool> m_saved;
    QList<bool> m_writeFailed;
    QList<qint64> m_written;
    QList<qint64> m_expected;
    QList<QByteArray> m_errorBodies; // the start of an error page, for the failure's metadata
    QByteArray m_chunk;              // reused read buffer
    qint64 m_writtenTotal = 0;
    QElapsedTimer m_sinceBytesReported;
    int m_next = 0;
    int m_settled = 0;
    bool m_ended = false;
};

} // namespace ikui
