#include "operations/dragoutdownload.h"

#include "operations/filedownload.h"
#include "operations/safefilename.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTimer>

namespace ikui {

static_assert(DragOutDownload::MaxInFlight == FileDownload::MaxInFlight, "the drag's limit is FileDownload's");

DragOutDownload::DragOutDownload(QNetworkAccessManager *network, QList<File> files, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_files(std::move(files))
    , m_dir(std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/mediadesk-drag-XXXXXX")))
{
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
    QList<FileDownload::File> transfers;
    for (qsizetype i = 0; i < m_files.size(); ++i)
        transfers.append({m_files.at(i).name, m_files.at(i).url, m_targets.at(i), m_files.at(i).size, {}});
    m_download = std::make_unique<FileDownload>(tr("Preparing %n file(s) for the drop", nullptr, total()), network,
                                                transfers);
    m_download->setDeleteWhenFinished(false);
    m_download->setTransferTimeout(TransferTimeoutMs);
    connect(m_download.get(), &Operation::progress, this, [this](int done, int) {
        m_done = done;
        Q_EMIT progress(m_done, total());
    });
    connect(m_download.get(), &Operation::bytesProgress, this, &DragOutDownload::bytesProgress);
    connect(m_download.get(), &Operation::itemFailed, this, [this](const OperationFailure &failure) {
        // Its message names the file and says what went wrong; its help what to try.
        m_failures.append(failure.error.message() + QLatin1Char(' ') + failure.error.help());
    });
    connect(m_download.get(), &Operation::finished, this, &DragOutDownload::finishNow);
}

DragOutDownload::~DragOutDownload()
{
    m_download.reset(); // aborts what runs and drops its partial files before the folder goes
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
    return m_download ? qMax<qint64>(0, m_download->bytesDone()) : 0;
}

qint64 DragOutDownload::bytesTotal() const
{
    if (m_download)
        return m_download->bytesTotal();
    qint64 sum = 0;
    for (const File &file : m_files) {
        if (file.size < 0)
            return -1;
        sum += file.size;
    }
    return sum;
}

QStringList DragOutDownload::localPaths() const
{
    // Nothing of a cancelled drag may be dropped.
    if (m_cancelled || !m_download)
        return {};
    return m_download->savedPaths();
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
    } else if (!m_network) {
        m_failures.append(tr("No connection to download the dragged files. Reconnect the account, then drag again."));
    } else {
        m_download->start(); // finished() follows from it, queued when there is nothing to do
        return;
    }
    m_done = total();
    QTimer::singleShot(0, this, &DragOutDownload::finishNow);
}

void DragOutDownload::cancel()
{
    if (m_finished || m_cancelled)
        return;
    m_cancelled = true;
    // A running FileDownload finishes within its cancel(), which lands in finishNow().
    if (m_download && !m_download->isFinished())
        m_download->cancel();
    finishNow();
}

void DragOutDownload::finishNow()
{
    if (m_finished)
        return;
    if (m_cancelled && m_dir)
        m_dir->remove(); // the files already written go with the folder
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
    return isComplete();
}

} // namespace ikui
