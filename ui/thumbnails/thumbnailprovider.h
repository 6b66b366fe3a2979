#pragma once

#include "thumbnails/thumbnaildiskcache.h"
#include "thumbnails/thumbnailscheduler.h"

#include "url/urlbuilder.h"

#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QPixmap>
#include <QPointer>
#include <QSet>
#include <QSize>
#include <QString>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QTimer;
class QNetworkReply;

namespace ikui {

// What the provider needs to know about a cell's file.
struct ThumbnailSource
{
    QString fileId;
    QString filePath;   // "/folder/name.jpg": the delivery path
    QString mime;
    bool isFolder = false;
    bool isImage = false;
    bool isPrivate = false; // private files need a signed URL (needs the private key)
    QString versionId;      // cached per version: a restored or new version is fetched anew
};

// Thumbnails of the browser cells: ImageKit transformation URLs sized to the cell at the device
// pixel ratio (tr:w-<px>,h-<px>,c-at_max), fetched visible-first with at most 64 requests in
// flight (ThumbnailScheduler), requests for cells scrolled away aborted, responses kept in a
// ThumbnailDiskCache (QStandardPaths::CacheLocation/thumbnails; read, written and decoded on
// worker threads) and decoded pixmaps in a QCache bounded in bytes. Non-images and folders get file-type icons; images a placeholder
// until their thumbnail arrives (thumbnailReady).
class ThumbnailProvider : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 DefaultMemoryCacheBytes = 64LL * 1024 * 1024;

    // Uses its own QNetworkAccessManager; the disk cache is ours (see ThumbnailDiskCache).
    explicit ThumbnailProvider(QObject *parent = nullptr);
    ~ThumbnailProvider() override;

    // The URL endpoint (and private key for private files) thumbnails are built with.
    void setUrlEndpoint(const QString &urlEndpoint);
    void setPrivateKey(const QString &privateKey);
    // The cell's thumbnail area in device-independent pixels (default 160x160) and the screen's
    // device pixel ratio (default 1). Changing either drops the memory cache.
    void setCellSize(const QSize &size);
    QSize cellSize() const { return m_cellSize; }
    void setDevicePixelRatio(qreal ratio);
    qreal devicePixelRatio() const { return m_devicePixelRatio; }
    // Pixel size requested from the server: cell size * device pixel ratio, rounded up.
    QSize pixelSize() const;
    void setMemoryCacheBytes(qint64 bytes);
    void setMaxInFlight(int count);
    // Disk cache folder (default <CacheLocation>/thumbnails); empty disables the disk cache.
    void setDiskCacheDirectory(const QString &directory);
    QString diskCacheDirectory() const;

    // The URL fetched for `source` (invalid for folders and non-images).
    QUrl thumbnailUrl(const ThumbnailSource &source) const;

    // The pixmap to paint now: the thumbnail when loaded, else a placeholder or a file-type icon.
    // Never starts a request. Pixmaps carry the device pixel ratio.
    QPixmap thumbnail(const ThumbnailSource &source) const;
    // Of the version given (thumbnails are cached per version).
    bool hasThumbnail(const QString &fileId, const QString &versionId = {}) const;

    // The cells on screen, most urgent first: fetches what is missing, aborts the rest.
    void request(const QList<ThumbnailSource> &visibleFirst);
    // Forgets a file's cached thumbnail (after an update or a new version).
    void invalidate(const QString &fileId, const QString &versionId = {});

    int inFlightCount() const { return m_scheduler.inFlightCount(); }
    int startedCount() const { return m_scheduler.startedCount(); }
    int abortedCount() const { return m_scheduler.abortedCount(); }
    int loadedCount() const { return m_loaded; }
    int failedCount() const { return m_failed; }
    // Thumbnails that came from the disk cache rather than the network.
    int diskHitCount() const { return m_diskHits; }
    // Bytes of decoded thumbnails held in the memory cache (bounded by setMemoryCacheBytes).
    qint64 memoryCacheBytes() const { return m_pixmaps.totalCost(); }

Q_SIGNALS:
    void thumbnailReady(const QString &fileId);
    // A network (or disk cache) request for a file's thumbnail has just started.
    void fetchStarted(const QString &fileId);

private:
    QString cacheKey(const QString &fileId, const QString &versionId) const;
    QString cacheKey(const ThumbnailSource &source) const;
    // The scheduler's start: queued, sent at most SendsPerTurn per event-loop turn (each send
    // is a disk cache lookup and a request set-up on the UI thread: 60 at once took ~20 ms).
    void startFetch(const ThumbnailRequest &request);
    void sendQueued();
    void send(const ThumbnailRequest &request);
    // The disk cache is looked up on a worker first; a miss goes on to the network.
    void lookUpDiskCache(const ThumbnailRequest &request);
    void sendToNetwork(const ThumbnailRequest &request);
    // Runs `work` on a worker holding the request's slot; its image reaches `done` unless the
    // request was aborted (the cell left the screen) in the meantime.
    void runOffThread(const QString &key, std::function<QImage()> work, std::function<void(QImage)> done);
    void abortFetch(const QString &key);
    void onReplyFinished(QNetworkReply *reply, const QString &key, const QString &fileId);
    void onImageDecoded(const QString &key, const QString &fileId, QImage image);
    QPixmap iconFor(const ThumbnailSource &source) const;
    QPixmap placeholder() const;

    QNetworkAccessManager *m_network;
    ik::UrlBuilder m_urls;
    bool m_hasPrivateKey = false;
    QSize m_cellSize{160, 160};
    qreal m_devicePixelRatio = 1.0;
    mutable QCache<QString, QPixmap> m_pixmaps;      // cost = bytes
    mutable QHash<QString, QPixmap> m_icons;         // by MIME type / "folder" / "placeholder"
    QHash<QString, QPointer<QNetworkReply>> m_replies;
    QHash<QString, quint64> m_decoding; // keys whose image is being read or decoded on a worker, by ticket
    quint64 m_lastDecodeTicket = 0;
    QList<ThumbnailRequest> m_toSend;                // started by the scheduler, not sent yet
    QTimer *m_sendTimer;
    std::shared_ptr<ThumbnailDiskCache> m_diskCache; // shared with the workers using it
    QSet<QString> m_failedKeys;                      // not retried until invalidate() or a size change
    ThumbnailScheduler m_scheduler;
    int m_loaded = 0;
    int m_failed = 0;
    int m_diskHits = 0;
};

} // namespace ikui
