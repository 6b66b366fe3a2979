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
    m_written.fill(false, m_files.size());
    if (!m_dir->isValid())
        return;
    // Decided up front: two files of the same name in one drag get "name (2).ext".
    QSet<QString> taken;
    for (const File &file : std::as_const(m_files)) {
        QString target = SafeFileName::uniquePathIn(m_dir->path(), file.name);
        const QFileInfo info(target);
        for (int n = 2; taken.contains(target); ++n) {
            const QString stem = info.completeBaseName();
            const QString suffix = info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix();
            target = SafeFileName::uniquePathIn(m_dir->path(), QStringLiteral("%1 (%2)%3").arg(stem).arg(n).arg(suffix));
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
}

bool DragOutDownload::isValid() const
{
    return m_dir && m_dir->isValid();
}

QString DragOutDownload::folder() const
{
    return isValid() ? m_dir->path() : QString();
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

void DragOutDownload::start()
{
    if (m_started)
        return;
    m_started = true;
    Q_EMIT started();
    if (!isValid()) {
        m_failures.append(tr("Could not create a temporary folder for the dragged files."));
        m_done = total();
    } else if (!m_network) {
        m_failures.append(tr("No connection to download the dragged files."));
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
        m_replies.append(reply);
        ++running;
        connect(reply, &QNetworkReply::finished, this, [this, reply, index] { onReplyFinished(reply, index); });
    }
}

void DragOutDownload::onReplyFinished(QNetworkReply *reply, int index)
{
    reply->deleteLater();
    m_replies.removeAll(reply);
    const QString name = QFileInfo(m_targets.at(index)).fileName();
    if (reply->error() != QNetworkReply::NoError) {
        if (!m_cancelled)
            m_failures.append(tr("%1: %2").arg(name, reply->errorString()));
    } else {
        QSaveFile file(m_targets.at(index));
        if (file.open(QIODevice::WriteOnly) && file.write(reply->readAll()) >= 0 && file.commit())
            m_written[index] = true;
        else
            m_failures.append(tr("%1: %2").arg(name, file.errorString()));
    }
    ++m_done;
    Q_EMIT progress(m_done, total());
    launchMore();
    finishIfDone();
}

void DragOutDownload::cancel()
{
    if (m_finished || m_cancelled)
        return;
    m_cancelled = true;
    const auto replies = m_replies;
    for (const QPointer<QNetworkReply> &reply : replies) {
        if (reply)
            reply->abort(); // finished() follows for each, counted as not written
    }
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
    return m_finished && !m_cancelled && m_failures.isEmpty() && localPaths().size() == total();
}

} // namespace ikui
