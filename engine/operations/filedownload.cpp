#include "operations/filedownload.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSaveFile>
#include <QSet>
#include <QTimer>

#include <optional>

namespace ikui {

namespace {

constexpr qint64 ChunkBytes = 64 * 1024;

int httpStatusOf(const QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

// The file itself is arriving (not an error page, not a broken transfer). Status 0: not HTTP.
bool isSuccess(const QNetworkReply *reply)
{
    const int status = httpStatusOf(reply);
    return reply->error() == QNetworkReply::NoError && (status == 0 || (status >= 200 && status < 300));
}

} // namespace

FileDownload::FileDownload(QNetworkAccessManager *network, QList<File> files, QObject *parent)
    // `files` copied (shared, cheap), not moved: the title's count must not read a moved-from list.
    : FileDownload(tr("Download %n file(s)", nullptr, int(files.size())), network, files, parent)
{
}

FileDownload::FileDownload(QString title, QNetworkAccessManager *network, QList<File> files, QObject *parent)
    : Operation(std::move(title), parent)
    , m_network(network)
    , m_files(std::move(files))
{
    const qsizetype count = m_files.size();
    m_replies.resize(count);
    m_saves.resize(size_t(count));
    m_saved.fill(false, count);
    m_writeFailed.fill(false, count);
    m_written.fill(0, count);
    m_errorBodies.resize(count);
    QStringList ids;
    for (const File &file : std::as_const(m_files)) {
        m_expected.append(file.size >= 0 ? file.size : -1);
        if (!file.id.isEmpty() && !ids.contains(file.id))
            ids.append(file.id);
    }
    m_chunk.resize(ChunkBytes);
    setItemTotal(int(count));
    setSubjects(ids, Effect::Reads);
    setBytes(0, expectedTotal());
}

FileDownload::~FileDownload()
{
    for (const QPointer<QNetworkReply> &reply : std::as_const(m_replies)) {
        if (reply) {
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
        }
    }
    for (int i = 0; i < total(); ++i)
        discard(i);
}

bool FileDownload::isSaved(int index) const
{
    return index >= 0 && index < m_saved.size() && m_saved.at(index);
}

QStringList FileDownload::savedPaths() const
{
    QStringList paths;
    for (int i = 0; i < total(); ++i) {
        if (m_saved.at(i))
            paths.append(m_files.at(i).targetPath);
    }
    return paths;
}

Operation *FileDownload::createRetry() const
{
    if (!m_network)
        return nullptr;
    QSet<QString> failed;
    for (const OperationFailure &failure : itemFailures())
        failed.insert(failure.item);
    QList<File> again;
    for (const File &file : m_files) {
        if (failed.contains(file.targetPath))
            again.append(file);
    }
    if (again.isEmpty())
        return nullptr;
    auto *retry = new FileDownload(tr("%1 (retry)").arg(title()), m_network, again);
    retry->setTransferTimeout(m_transferTimeoutMs);
    return retry;
}

void FileDownload::run()
{
    m_sinceBytesReported.start();
    if (!m_network) {
        for (const File &file : std::as_const(m_files)) {
            addFailure(file.targetPath, file.name,
                       ik::ApiError(ik::ErrorKind::Network, tr("%1: there is no connection to download it from.").arg(file.name),
                                    tr("Reconnect the account, then try again.")));
        }
        m_next = m_settled = total();
        setItemsDone(m_settled);
    }
    launchMore();
    if (m_settled >= total())
        QTimer::singleShot(0, this, &FileDownload::finishIfDone);
}

void FileDownload::abort()
{
    for (QPointer<QNetworkReply> &reply : m_replies) {
        if (reply) {
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
        }
        reply = nullptr;
    }
    // Partial data of a cancelled file must not remain, neither at the target nor beside it.
    for (int i = 0; i < total(); ++i)
        discard(i);
    finishIfDone();
}

void FileDownload::launchMore()
{
    if (!m_network)
        return;
    int running = 0;
    for (const QPointer<QNetworkReply> &reply : std::as_const(m_replies))
        running += reply ? 1 : 0;
    while (!isCancelled() && m_next < total() && running < MaxInFlight) {
        const int index = m_next++;
        QNetworkRequest request(m_files.at(index).url);
        request.setTransferTimeout(m_transferTimeoutMs);
        // HTTP/1.1: the memory bound below is socket back-pressure, which Qt's HTTP/2 does not
        // apply per stream (it reopens the flow-control window as data arrives, read or not).
        // Four connections cost nothing on a bulk transfer.
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        QNetworkReply *reply = m_network->get(request);
        // Qt stops reading the socket while this much waits to be written: the memory bound.
        reply->setReadBufferSize(ReadBufferBytes);
        m_replies[index] = reply;
        ++running;
        connect(reply, &QNetworkReply::metaDataChanged, this, [this, index] {
            QNetworkReply *current = m_replies.at(index);
            bool known = false;
            const qint64 length = current ? current->header(QNetworkRequest::ContentLengthHeader).toLongLong(&known) : -1;
            if (current && known && length >= 0 && isSuccess(current)) {
                m_expected[index] = length; // the server's Content-Length beats the listed size
                reportBytes(false);
            }
        });
        connect(reply, &QNetworkReply::readyRead, this, [this, index] { onReadyRead(index); });
        connect(reply, &QNetworkReply::finished, this, [this, index] { onReplyFinished(index); });
    }
}

void FileDownload::onReadyRead(int index)
{
    QNetworkReply *reply = m_replies.at(index);
    if (!reply || m_writeFailed.at(index))
        return;
    if (!isSuccess(reply)) {
        // An error page is not the file: keep its start for the failure, drop the rest.
        QByteArray &body = m_errorBodies[index];
        while (reply->bytesAvailable() > 0) {
            const qint64 got = reply->read(m_chunk.data(), m_chunk.size());
            if (got <= 0)
                break;
            body.append(m_chunk.constData(), qMin(got, qMax<qint64>(0, ErrorBodyBytes - body.size())));
        }
        return;
    }
    if (!writeAvailable(index)) {
        m_writeFailed[index] = true;
        reply->abort(); // finished() follows and reports the write failure
        return;
    }
    reportBytes(false);
}

bool FileDownload::writeAvailable(int index)
{
    QNetworkReply *reply = m_replies.at(index);
    std::unique_ptr<QSaveFile> &file = m_saves[size_t(index)];
    if (!file) {
        // Opened at the first byte: an error page never creates anything at the target.
        file = std::make_unique<QSaveFile>(m_files.at(index).targetPath);
        if (!file->open(QIODevice::WriteOnly))
            return false;
    }
    if (!file->isOpen() || !reply)
        return false;
    while (reply->bytesAvailable() > 0) {
        const qint64 got = reply->read(m_chunk.data(), m_chunk.size());
        if (got <= 0)
            break;
        if (file->write(m_chunk.constData(), got) != got)
            return false;
        m_written[index] += got;
        m_writtenTotal += got;
    }
    return true;
}

void FileDownload::onReplyFinished(int index)
{
    QNetworkReply *reply = m_replies.at(index);
    if (!reply)
        return;
    reply->disconnect(this);
    reply->deleteLater();
    // Decided and cleaned up before anything is emitted: a listener may cancel() from there.
    std::optional<ik::ApiError> error;
    if (m_writeFailed.at(index))
        error = writeError(index, m_saves[size_t(index)] ? m_saves[size_t(index)]->errorString() : QString());
    else if (!isSuccess(reply))
        error = transferError(index, reply);
    else if (!writeAvailable(index) || !m_saves[size_t(index)]->commit())
        error = writeError(index, m_saves[size_t(index)]->errorString());
    m_replies[index] = nullptr;
    discard(index);
    m_saved[index] = !error.has_value();
    if (error)
        addFailure(m_files.at(index).targetPath, m_files.at(index).name, *error);
    settle(index, !error.has_value());
}

void FileDownload::settle(int index, bool saved)
{
    ++m_settled;
    launchMore();
    const QPointer<FileDownload> self(this);
    setItemsDone(m_settled);
    reportBytes(true);
    if (saved)
        Q_EMIT fileSaved(index, m_files.at(index).targetPath);
    if (self)
        finishIfDone();
}

ik::ApiError FileDownload::transferError(int index, QNetworkReply *reply) const
{
    const QString name = m_files.at(index).name;
    ik::ResponseMetadata metadata;
    metadata.httpStatus = httpStatusOf(reply);
    metadata.headers = reply->rawHeaderPairs();
    metadata.raw = m_errorBodies.at(index);
    const int status = metadata.httpStatus;
    const QString tryAgain = tr("Check the connection, then try again.");
    if (status == 0 || (status >= 200 && status < 300)) {
        // Our own aborts disconnect first: a cancel seen here is Qt's transfer timeout.
        if (reply->error() == QNetworkReply::OperationCanceledError) {
            return ik::ApiError(ik::ErrorKind::Timeout,
                                tr("%1: no data arrived for %2 s.").arg(name).arg(m_transferTimeoutMs / 1000.0, 0, 'g', 3),
                                tryAgain, metadata);
        }
        return ik::ApiError(ik::ErrorKind::Network, tr("%1: %2.").arg(name, reply->errorString()), tryAgain, metadata);
    }
    const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    const QString answer = QStringLiteral("HTTP %1 %2").arg(status).arg(reason).trimmed();
    if (status == 404 || status == 410)
        return ik::ApiError(ik::ErrorKind::NotFound, tr("%1: the server no longer has it (%2).").arg(name, answer),
                            tr("Refresh the folder (F5): it may have been moved or deleted."), metadata);
    const ik::ErrorKind kind = ik::ApiError::kindForStatus(status);
    if (status == 401 || status == 403)
        return ik::ApiError(kind, tr("%1: the server refused it (%2).").arg(name, answer),
                            tr("Check the account's access to the file, then try again."), metadata);
    if (status == 429 || status >= 500)
        return ik::ApiError(kind, tr("%1: the server failed (%2).").arg(name, answer), tr("Wait a moment, then try again."),
                            metadata);
    return ik::ApiError(kind, tr("%1: the server answered %2.").arg(name, answer), tryAgain, metadata);
}

ik::ApiError FileDownload::writeError(int index, const QString &reason) const
{
    const QFileInfo target(m_files.at(index).targetPath);
    return ik::ApiError(ik::ErrorKind::Unknown,
                        tr("%1: could not be written to %2 (%3).")
                            .arg(m_files.at(index).name, QDir::toNativeSeparators(target.absolutePath()),
                                 reason.isEmpty() ? tr("unknown error") : reason),
                        tr("Free some disk space there or check the folder's permissions, then try again."));
}

void FileDownload::finishIfDone()
{
    if (m_ended)
        return;
    bool running = false;
    for (const QPointer<QNetworkReply> &reply : std::as_const(m_replies))
        running = running || reply;
    const bool nothingLeft = isCancelled() ? !running : m_settled >= total();
    if (!nothingLeft)
        return;
    m_ended = true;
    reportBytes(true);
    finish();
}

void FileDownload::reportBytes(bool now)
{
    // A 1 GiB download delivers tens of thousands of chunks: the Activity panel needs a few a second.
    if (!now && m_sinceBytesReported.isValid() && m_sinceBytesReported.elapsed() < ProgressIntervalMs)
        return;
    m_sinceBytesReported.start();
    setBytes(m_writtenTotal, expectedTotal());
}

qint64 FileDownload::expectedTotal() const
{
    qint64 sum = 0;
    for (qsizetype i = 0; i < m_expected.size(); ++i) {
        if (m_expected.at(i) < 0)
            return -1;
        // A file the server lists smaller than it delivers still adds up.
        sum += qMax(m_expected.at(i), m_written.at(i));
    }
    return sum;
}

void FileDownload::discard(int index)
{
    std::unique_ptr<QSaveFile> &file = m_saves[size_t(index)];
    if (!file)
        return;
    file->cancelWriting(); // uncommitted: its temporary file goes, the target is untouched
    file.reset();
}

} // namespace ikui
