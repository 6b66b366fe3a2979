#include "operations/dragoutdownload.h"

#include "operations/safefilename.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSaveFile>
#include <QSet>
#include <QTimer>

namespace ikui {

DragOutDownload::DragOutDownload(QNetworkAccessManager *network, QList<File> files, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_files(std::move(files))
    , m_dir(std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/mediadesk-drag-XXXXXX")))
{
    const qsizetype count = m_files.size();
    m_written.fill(false, count);
    m_writeFailed.fill(false, count);
    m_received.fill(0, count);
    m_replies.resize(count);
    m_saves.resize(size_t(count));
    for (const File &file : std::as_const(m_files))
        m_expected.append(file.size >= 0 ? file.size : -1);
    if (!m_dir->isValid())
        return;
    m_folder = m_dir->path();
    // Decided up front: two files of the same name in one drag get "name (2).ext".
    QSet<QString> taken;
    for (const File &file : std::as_const(m_files)) {
        QString target = SafeFileName::uniquePathIn(m_folder, file.name);
        const QFileInfo info(target);
        for (int n = 2; taken.contains(target); ++n) {
            const QString stem = info.completeBaseName();
            const QString suffix = info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix();
            target = SafeFileName::uniquePathIn(m_folder, QStringLiteral("%1 (%2)%3").arg(stem).arg(n).arg(suffix));
        }
        taken.insert(target);
        m_targets.append(target);
    }
}

DragOutDownload::~DragOutDownload()
{
    for (const QPointer<QNetworkReply> &reply : std::as_const(m_replies)) {
        if (reply) {
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
        }
    }
    m_saves.clear(); // uncommitted QSaveFiles drop their temporary files before the folder goes
}

bool DragOutDownload::isValid() const
{
    return !m_folder.isEmpty();
}

QString DragOutDownload::folder() const
{
    return m_folder;
}

qint64 DragOutDownload::bytesReceived() const
{
    qint64 sum = 0;
    for (const qint64 bytes : m_received)
        sum += bytes;
    return sum;
}

qint64 DragOutDownload::bytesTotal() const
{
    qint64 sum = 0;
    for (qsizetype i = 0; i < m_expected.size(); ++i) {
        if (m_expected.at(i) < 0)
            return -1;
        // A file the server lists smaller than it delivers (or an error page) still adds up.
        sum += qMax(m_expected.at(i), m_received.at(i));
    }
    return sum;
}

QStringList DragOutDownload::localPaths() const
{
    QStringList paths;
    for (int i = 0; i < m_targets.size(); ++i) {
        if (m_written.at(i))
            paths.append(m_targets.at(i));
    }
    return paths;
}

QList<QUrl> DragOutDownload::localUrls() const
{
    QList<QUrl> urls;
    for (const QString &path : localPaths())
        urls.append(QUrl::fromLocalFile(path));
    return urls;
}

bool DragOutDownload::isComplete() const
{
    return m_finished && !m_cancelled && m_failures.isEmpty() && localPaths().size() == total();
}

void DragOutDownload::start()
{
    if (m_started || m_cancelled)
        return;
    m_started = true;
    Q_EMIT started();
    if (!isValid()) {
        m_failures.append(tr("Could not create a temporary folder in %1 for the dragged files. "
                             "Free some disk space there or check its permissions, then drag again.")
                              .arg(QDir::toNativeSeparators(QDir::tempPath())));
        m_done = total();
    } else if (!m_network) {
        m_failures.append(tr("No connection to download the dragged files. Reconnect the account, then drag again."));
        m_done = total();
    }
    launchMore();
    if (m_files.isEmpty() || m_done == total())
        QTimer::singleShot(0, this, &DragOutDownload::finishIfDone);
}

void DragOutDownload::launchMore()
{
    if (!isValid() || !m_network)
        return;
    int running = 0;
    for (const QPointer<QNetworkReply> &reply : std::as_const(m_replies))
        running += reply ? 1 : 0;
    while (!m_cancelled && m_next < m_files.size() && running < MaxInFlight) {
        const int index = m_next++;
        QNetworkRequest request(m_files.at(index).url);
        request.setTransferTimeout(TransferTimeoutMs);
        QNetworkReply *reply = m_network->get(request);
        m_replies[index] = reply;
        ++running;
        connect(reply, &QNetworkReply::readyRead, this, [this, index] { onReadyRead(index); });
        connect(reply, &QNetworkReply::downloadProgress, this, [this, index](qint64 received, qint64 total) {
            if (total > 0)
                m_expected[index] = total; // the server's Content-Length beats the listed size
            m_received[index] = received;
            emitBytes();
        });
        connect(reply, &QNetworkReply::finished, this, [this, index] { onReplyFinished(index); });
    }
}

void DragOutDownload::onReadyRead(int index)
{
    QNetworkReply *reply = m_replies.at(index);
    if (!reply || m_writeFailed.at(index))
        return;
    // An error page (404 ...) is not the file: drop it, the reply reports the error when finished.
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || (status != 0 && (status < 200 || status >= 300))) {
        reply->readAll();
        return;
    }
    if (!writeAvailable(index)) {
        m_writeFailed[index] = true;
        reply->abort(); // finished() follows and reports the write failure
    }
}

bool DragOutDownload::writeAvailable(int index)
{
    QNetworkReply *reply = m_replies.at(index);
    std::unique_ptr<QSaveFile> &file = m_saves[size_t(index)];
    if (!file) {
        file = std::make_unique<QSaveFile>(m_targets.at(index));
        if (!file->open(QIODevice::WriteOnly))
            return false;
    }
    if (!file->isOpen())
        return false;
    const QByteArray bytes = reply->readAll();
    return bytes.isEmpty() || file->write(bytes) == bytes.size();
}

QString DragOutDownload::writeFailure(int index) const
{
    const QSaveFile *file = m_saves.at(size_t(index)).get();
    return tr("%1: could not be written to the temporary folder %2 (%3). Free some disk space there, then drag again.")
        .arg(QFileInfo(m_targets.at(index)).fileName(), QDir::toNativeSeparators(m_folder),
             file ? file->errorString() : tr("unknown error"));
}

void DragOutDownload::onReplyFinished(int index)
{
    QNetworkReply *reply = m_replies.at(index);
    if (!reply)
        return;
    reply->disconnect(this);
    reply->deleteLater();
    if (m_writeFailed.at(index)) {
        m_failures.append(writeFailure(index));
    } else if (reply->error() != QNetworkReply::NoError) {
        m_failures.append(transferFailure(index, reply));
    } else if (writeAvailable(index) && m_saves[size_t(index)]->commit()) {
        m_written[index] = true;
    } else {
        m_failures.append(writeFailure(index));
    }
    m_replies[index] = nullptr;
    m_saves[size_t(index)].reset(); // an uncommitted QSaveFile removes its partial data
    ++m_done;
    Q_EMIT progress(m_done, total());
    emitBytes();
    launchMore();
    finishIfDone();
}

QString DragOutDownload::transferFailure(int index, QNetworkReply *reply) const
{
    const QString name = QFileInfo(m_targets.at(index)).fileName();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    const QString answer = QStringLiteral("HTTP %1 %2").arg(status).arg(reason).trimmed();
    if (reply->error() == QNetworkReply::OperationCanceledError) // not ours: the transfer timeout
        return tr("%1: no data arrived for %2 s. Check the connection, then drag it again or save it with Download….")
            .arg(name).arg(TransferTimeoutMs / 1000);
    if (status == 404 || status == 410)
        return tr("%1: the server no longer has it (%2). Refresh the folder (F5): it may have been moved or deleted.")
            .arg(name, answer);
    if (status == 401 || status == 403)
        return tr("%1: the server refused it (%2). Check the account's access to the file, or save it with Download….")
            .arg(name, answer);
    if (status >= 500)
        return tr("%1: the server failed (%2). Wait a moment, then drag it again.").arg(name, answer);
    return tr("%1: %2. Check the connection, then drag it again or save it with Download….")
        .arg(name, status > 0 ? answer : reply->errorString());
}

void DragOutDownload::cancel()
{
    if (m_finished || m_cancelled)
        return;
    m_cancelled = true;
    for (QPointer<QNetworkReply> &reply : m_replies) {
        if (reply) {
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
        }
        reply = nullptr;
    }
    // Nothing of a cancelled drag may be dropped or left behind.
    m_saves.clear();
    m_saves.resize(size_t(m_files.size()));
    m_written.fill(false);
    if (m_dir)
        m_dir->remove();
    finishIfDone();
}

void DragOutDownload::finishIfDone()
{
    if (m_finished)
        return;
    bool running = false;
    for (const QPointer<QNetworkReply> &reply : std::as_const(m_replies))
        running = running || reply;
    const bool nothingLeft = m_cancelled ? !running : m_done >= total();
    if (!nothingLeft || (!m_started && !m_cancelled))
        return;
    m_finished = true;
    Q_EMIT finished();
}

void DragOutDownload::emitBytes()
{
    Q_EMIT bytesProgress(bytesReceived(), bytesTotal());
}

bool DragOutDownload::waitForFinished(int timeoutMs)
{
    start();
    if (!m_finished) {
        const QPointer<DragOutDownload> self(this);
        QEventLoop loop;
        connect(this, &DragOutDownload::finished, &loop, &QEventLoop::quit);
        connect(this, &QObject::destroyed, &loop, &QEventLoop::quit);
        if (timeoutMs >= 0)
            QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        // Called while a drag runs: user input now would reach the views in the middle of it.
        loop.exec(QEventLoop::ExcludeUserInputEvents);
        if (!self)
            return false;
    }
    return isComplete();
}

} // namespace ikui
