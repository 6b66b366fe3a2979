#include "thumbnails/thumbnailprovider.h"

#include <QApplication>
#include <QIcon>
#include <QFutureWatcher>
#include <QImage>
#include <QtConcurrent/QtConcurrentRun>
#include <QMimeDatabase>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPainter>
#include <QPalette>
#include <QStandardPaths>
#include <QStyle>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>

#include <cmath>

namespace ikui {

namespace {

constexpr qint64 DiskCacheBytes = 256LL * 1024 * 1024;
constexpr int SendsPerTurn = 12;
// Trim the disk cache after this many bytes were written to it.
constexpr qint64 DiskCacheTrimStep = 16LL * 1024 * 1024;

QImage decodeThumbnail(const QByteArray &bytes)
{
    QImage image = QImage::fromData(bytes);
    if (!image.isNull() && image.format() != QImage::Format_ARGB32_Premultiplied && image.hasAlphaChannel())
        image.convertTo(QImage::Format_ARGB32_Premultiplied); // the format painting wants
    return image;
}

QString defaultDiskCacheDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/thumbnails");
}

} // namespace

ThumbnailProvider::ThumbnailProvider(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_sendTimer(new QTimer(this))
    , m_scheduler([this](const ThumbnailRequest &request) { startFetch(request); },
                  [this](const QString &key) { abortFetch(key); })
{
    m_sendTimer->setSingleShot(true);
    m_sendTimer->setInterval(0);
    connect(m_sendTimer, &QTimer::timeout, this, &ThumbnailProvider::sendQueued);
    m_pixmaps.setMaxCost(DefaultMemoryCacheBytes);
    setDiskCacheDirectory(defaultDiskCacheDirectory());
}

ThumbnailProvider::~ThumbnailProvider()
{
    // Replies must not call back into a half-destroyed provider.
    for (const QPointer<QNetworkReply> &reply : std::as_const(m_replies)) {
        if (reply) {
            reply->disconnect(this);
            reply->abort();
        }
    }
}

void ThumbnailProvider::setUrlEndpoint(const QString &urlEndpoint)
{
    m_urls.setUrlEndpoint(urlEndpoint);
}

void ThumbnailProvider::setPrivateKey(const QString &privateKey)
{
    m_urls.setPrivateKey(privateKey);
    m_hasPrivateKey = !privateKey.isEmpty();
}

void ThumbnailProvider::setCellSize(const QSize &size)
{
    if (size == m_cellSize || size.isEmpty())
        return;
    m_cellSize = size;
    m_pixmaps.clear();
    m_icons.clear();
    m_failedKeys.clear();
}

void ThumbnailProvider::setDevicePixelRatio(qreal ratio)
{
    if (ratio <= 0 || qFuzzyCompare(ratio, m_devicePixelRatio))
        return;
    m_devicePixelRatio = ratio;
    m_pixmaps.clear();
    m_icons.clear();
    m_failedKeys.clear();
}

QSize ThumbnailProvider::pixelSize() const
{
    return QSize(int(std::ceil(m_cellSize.width() * m_devicePixelRatio)),
                 int(std::ceil(m_cellSize.height() * m_devicePixelRatio)));
}

void ThumbnailProvider::setMemoryCacheBytes(qint64 bytes)
{
    m_pixmaps.setMaxCost(qMax<qint64>(0, bytes));
}

void ThumbnailProvider::setMaxInFlight(int count)
{
    m_scheduler.setMaxInFlight(count);
}

void ThumbnailProvider::setDiskCacheDirectory(const QString &directory)
{
    m_diskCache = directory.isEmpty() ? nullptr : std::make_shared<ThumbnailDiskCache>(directory, DiskCacheBytes);
}

QString ThumbnailProvider::diskCacheDirectory() const
{
    return m_diskCache ? m_diskCache->directory() : QString();
}

QString ThumbnailProvider::cacheKey(const QString &fileId, const QString &versionId) const
{
    // Per version: after a restore or a new version the old picture is never found again, in
    // memory or on disk (the disk cache uses the same key).
    const QSize size = pixelSize();
    return fileId + QLatin1Char('~') + versionId + QLatin1Char('@') + QString::number(size.width()) + QLatin1Char('x')
        + QString::number(size.height());
}

QString ThumbnailProvider::cacheKey(const ThumbnailSource &source) const
{
    return cacheKey(source.fileId, source.versionId);
}

QUrl ThumbnailProvider::thumbnailUrl(const ThumbnailSource &source) const
{
    if (source.isFolder || !source.isImage || source.filePath.isEmpty())
        return {};
    const QSize size = pixelSize();
    ik::UrlOptions options;
    options.path = source.filePath;
    // at_max: fit inside the cell without cropping or enlarging.
    options.transformation = {{{QStringLiteral("width"), ik::UrlValue(qint64(size.width()))},
                               {QStringLiteral("height"), ik::UrlValue(qint64(size.height()))},
                               {QStringLiteral("crop"), ik::UrlValue(QStringLiteral("at_max"))}}};
    options.sign = source.isPrivate && m_hasPrivateKey;
    const ik::UrlResult result = m_urls.build(options);
    return result.ok() ? QUrl(result.url) : QUrl();
}

bool ThumbnailProvider::hasThumbnail(const QString &fileId, const QString &versionId) const
{
    return m_pixmaps.contains(cacheKey(fileId, versionId));
}

QPixmap ThumbnailProvider::thumbnail(const ThumbnailSource &source) const
{
    if (source.isFolder || !source.isImage)
        return iconFor(source);
    if (const QPixmap *pixmap = m_pixmaps.object(cacheKey(source)))
        return *pixmap;
    return placeholder();
}

void ThumbnailProvider::request(const QList<ThumbnailSource> &visibleFirst)
{
    QList<ThumbnailRequest> wanted;
    wanted.reserve(visibleFirst.size());
    for (const ThumbnailSource &source : visibleFirst) {
        const QString key = cacheKey(source);
        if (m_pixmaps.contains(key) || m_failedKeys.contains(key))
            continue;
        const QUrl url = thumbnailUrl(source);
        if (url.isValid())
            wanted.append(ThumbnailRequest{key, source.fileId, url});
    }
    m_scheduler.setWanted(wanted);
}

void ThumbnailProvider::invalidate(const QString &fileId, const QString &versionId)
{
    const QString key = cacheKey(fileId, versionId);
    m_pixmaps.remove(key);
    m_failedKeys.remove(key);
}

void ThumbnailProvider::startFetch(const ThumbnailRequest &request)
{
    m_toSend.append(request);
    if (!m_sendTimer->isActive())
        m_sendTimer->start();
}

void ThumbnailProvider::sendQueued()
{
    for (int sent = 0; sent < SendsPerTurn && !m_toSend.isEmpty(); ++sent)
        send(m_toSend.takeFirst());
    if (!m_toSend.isEmpty())
        m_sendTimer->start();
}

void ThumbnailProvider::send(const ThumbnailRequest &request)
{
    Q_EMIT fetchStarted(request.fileId);
    if (m_diskCache)
        lookUpDiskCache(request);
    else
        sendToNetwork(request);
}

void ThumbnailProvider::lookUpDiskCache(const ThumbnailRequest &request)
{
    const QString url = request.key; // the disk cache's key: file, size and version
    runOffThread(
        request.key,
        [cache = m_diskCache, url] {
            const QByteArray bytes = cache->read(url);
            return bytes.isEmpty() ? QImage() : decodeThumbnail(bytes);
        },
        [this, request](QImage image) {
            if (image.isNull()) {
                sendToNetwork(request); // a miss (or an unreadable file): the slot stays taken
                return;
            }
            ++m_diskHits;
            onImageDecoded(request.key, request.fileId, std::move(image));
        });
}

void ThumbnailProvider::sendToNetwork(const ThumbnailRequest &request)
{
    QNetworkReply *reply = m_network->get(QNetworkRequest(request.url));
    m_replies.insert(request.key, reply);
    const QString key = request.key;
    const QString fileId = request.fileId;
    connect(reply, &QNetworkReply::finished, this, [this, reply, key, fileId] { onReplyFinished(reply, key, fileId); });
}

void ThumbnailProvider::runOffThread(const QString &key, std::function<QImage()> work, std::function<void(QImage)> done)
{
    const quint64 ticket = ++m_lastDecodeTicket;
    m_decoding.insert(key, ticket);
    auto *watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, key, ticket, done = std::move(done)] {
        watcher->deleteLater();
        const auto pending = m_decoding.constFind(key);
        if (pending == m_decoding.constEnd() || *pending != ticket)
            return; // aborted (the cell left the screen) or superseded meanwhile
        m_decoding.erase(pending);
        done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

void ThumbnailProvider::abortFetch(const QString &key)
{
    const auto queued = std::find_if(m_toSend.begin(), m_toSend.end(),
                                     [&key](const ThumbnailRequest &request) { return request.key == key; });
    if (queued != m_toSend.end()) {
        m_toSend.erase(queued);
        return;
    }
    if (m_decoding.remove(key) > 0)
        return; // its decode result will be dropped
    const QPointer<QNetworkReply> reply = m_replies.take(key);
    if (!reply)
        return;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

void ThumbnailProvider::onReplyFinished(QNetworkReply *reply, const QString &key, const QString &fileId)
{
    m_replies.remove(key);
    reply->deleteLater();
    if (reply->error() != QNetworkReply::NoError) {
        onImageDecoded(key, fileId, QImage());
        return;
    }
    // Decoding a screenful of JPEGs takes tens of milliseconds and writing the cache files a few
    // more: both happen on a worker so scrolling stays smooth.
    runOffThread(
        key,
        [cache = m_diskCache, url = key, bytes = reply->readAll()] {
            QImage image = decodeThumbnail(bytes);
            if (cache && !image.isNull()) {
                cache->write(url, bytes);
                if (cache->writtenSinceTrim() > DiskCacheTrimStep)
                    QThreadPool::globalInstance()->start([cache] { cache->trim(); });
            }
            return image;
        },
        [this, key, fileId](QImage image) { onImageDecoded(key, fileId, std::move(image)); });
}

void ThumbnailProvider::onImageDecoded(const QString &key, const QString &fileId, QImage image)
{
    if (image.isNull()) {
        ++m_failed;
        m_failedKeys.insert(key);
        m_scheduler.finished(key);
        return;
    }
    auto *pixmap = new QPixmap(QPixmap::fromImage(std::move(image)));
    pixmap->setDevicePixelRatio(m_devicePixelRatio);
    const qint64 bytes = qint64(pixmap->width()) * pixmap->height() * qMax(1, pixmap->depth() / 8);
    m_pixmaps.insert(key, pixmap, qMax<qint64>(1, bytes));
    ++m_loaded;
    m_scheduler.finished(key);
    Q_EMIT thumbnailReady(fileId);
}

QPixmap ThumbnailProvider::iconFor(const ThumbnailSource &source) const
{
    const QString iconKey = source.isFolder ? QStringLiteral("inode/directory") : source.mime;
    const auto cached = m_icons.constFind(iconKey);
    if (cached != m_icons.constEnd())
        return *cached;

    QIcon icon;
    if (source.isFolder) {
        icon = QIcon::fromTheme(QStringLiteral("folder"));
    } else {
        const QMimeType type = QMimeDatabase().mimeTypeForName(source.mime);
        if (type.isValid())
            icon = QIcon::fromTheme(type.iconName(), QIcon::fromTheme(type.genericIconName()));
    }
    if (icon.isNull()) {
        if (auto *app = qobject_cast<QApplication *>(QCoreApplication::instance()))
            icon = app->style()->standardIcon(source.isFolder ? QStyle::SP_DirIcon : QStyle::SP_FileIcon);
    }
    const int side = qMax(16, qMin(m_cellSize.width(), m_cellSize.height()) / 2);
    QPixmap pixmap;
    if (!icon.isNull()) {
        pixmap = icon.pixmap(QSize(side, side), m_devicePixelRatio);
        // Icons without a large enough size come back at a lower ratio: scale up so every
        // cell pixmap has the screen's ratio.
        if (!pixmap.isNull() && !qFuzzyCompare(pixmap.devicePixelRatio(), m_devicePixelRatio)) {
            pixmap = pixmap.scaled(QSize(side, side) * m_devicePixelRatio, Qt::KeepAspectRatio, Qt::SmoothTransformation);
            pixmap.setDevicePixelRatio(m_devicePixelRatio);
        }
    }
    if (pixmap.isNull()) {
        // No theme and no style (a QGuiApplication): a plain page shape.
        pixmap = QPixmap(QSize(side, side) * m_devicePixelRatio);
        pixmap.setDevicePixelRatio(m_devicePixelRatio);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setPen(QPalette().color(QPalette::Text));
        painter.setBrush(source.isFolder ? QPalette().color(QPalette::Highlight) : QPalette().color(QPalette::Base));
        painter.drawRect(QRectF(side * 0.15, side * 0.1, side * 0.7, side * 0.8));
    }
    m_icons.insert(iconKey, pixmap);
    return pixmap;
}

QPixmap ThumbnailProvider::placeholder() const
{
    const QString key = QStringLiteral("placeholder");
    const auto cached = m_icons.constFind(key);
    if (cached != m_icons.constEnd())
        return *cached;
    QPixmap pixmap(pixelSize());
    pixmap.setDevicePixelRatio(m_devicePixelRatio);
    QColor fill = QPalette().color(QPalette::Mid);
    fill.setAlpha(60);
    pixmap.fill(fill);
    m_icons.insert(key, pixmap);
    return pixmap;
}

} // namespace ikui
