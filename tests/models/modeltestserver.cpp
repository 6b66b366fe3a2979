#include "modeltestserver.h"

#include "api/pager.h"
#include "store/mediastore.h"

#include <QBuffer>
#include <QEventLoop>
#include <QImage>
#include <QPainter>
#include <QTimer>

namespace modeltest {

QByteArray sampleJpeg(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y, qRgb(x * 255 / width, y * 255 / height, 128));
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 80);
    return bytes;
}

bool fillFolder(const QString &dataDir, const QString &folder, int count, QString *error)
{
    ikemu::MediaStore store(dataDir);
    if (!store.open(error))
        return false;
    const QByteArray jpeg = sampleJpeg();
    const std::optional<QString> blob = store.storeBlob(jpeg, error);
    if (!blob)
        return false;
    store.beginTransaction();
    store.ensureFolder(folder, 1700000000000LL);
    for (int i = 0; i < count; ++i) {
        ikemu::FileRecord r;
        r.versionId = ikemu::newObjectId();
        r.fileId = r.versionId;
        r.folder = folder;
        r.name = QStringLiteral("file-%1.jpg").arg(i, 6, 10, QLatin1Char('0'));
        r.fileType = QStringLiteral("image");
        r.mime = QStringLiteral("image/jpeg");
        r.format = QStringLiteral("jpg");
        r.size = jpeg.size();
        r.width = 64;
        r.height = 48;
        r.tags = {QStringLiteral("generated"), (i % 2) ? QStringLiteral("odd") : QStringLiteral("even")};
        r.blobId = *blob;
        r.createdAt = 1700000000000LL + i;
        r.updatedAt = r.createdAt;
        if (!store.insertFile(r)) {
            *error = store.lastError();
            store.rollback();
            return false;
        }
    }
    if (!store.commit()) {
        *error = store.lastError();
        return false;
    }
    return true;
}

bool createFolders(const QString &dataDir, const QStringList &folders, QString *error)
{
    ikemu::MediaStore store(dataDir);
    if (!store.open(error))
        return false;
    for (const QString &folder : folders) {
        if (!store.ensureFolder(folder, 1700000000000LL)) {
            *error = store.lastError();
            return false;
        }
    }
    return true;
}

ModelTestServer::ModelTestServer()
    : m_imagekit(&m_client)
{
    QObject::connect(m_client.networkAccessManager(), &QNetworkAccessManager::finished, &m_client,
                     [this](QNetworkReply *reply) {
                         // Aborted before an answer: the server never listed anything.
                         if (reply->url().path() == QLatin1String("/v1/files")
                             && reply->error() != QNetworkReply::OperationCanceledError)
                             ++m_listRequests;
                     });
}

ModelTestServer::~ModelTestServer()
{
    m_client.cancelAll();
    if (m_server)
        m_server->stop();
}

bool ModelTestServer::start(bool seedDemo, QString *error)
{
    ikemu::EmulatorConfig config;
    config.dataDir = m_dir.path();
    config.seedDemo = seedDemo;
    m_server = std::make_unique<ikemu::EmulatorServer>(config);
    if (!m_server->start(error))
        return false;
    m_client.setPrivateKey(config.privateKey);
    m_client.setPublicKey(config.publicKey);
    m_client.setUrlEndpoint(m_server->urlEndpoint().toString());
    if (!m_client.setApiBase(m_server->baseUrl(), error) || !m_client.setUploadBase(m_server->baseUrl(), error))
        return false;
    // Errors must surface at once in tests, not after backoff retries.
    ik::RetryPolicy noRetries;
    noRetries.maxAttempts = 1;
    m_client.setRetryPolicy(noRetries);
    return true;
}

QStringList listAllIds(const ik::ImageKit &imagekit, const ik::ListFilesOptions &options)
{
    ik::FileListPager pager(imagekit, options);
    QStringList ids;
    QEventLoop loop;
    QObject::connect(&pager, &ik::FileListPager::pageReady, &loop, [&ids](const ik::FileList &page, qint64) {
        for (const ik::FolderItem &folder : page.folders)
            ids.append(folder.folderId);
        for (const ik::FileItem &file : page.files)
            ids.append(file.fileId);
    });
    QObject::connect(&pager, &ik::FileListPager::finished, &loop, &QEventLoop::quit);
    QObject::connect(&pager, &ik::FileListPager::failed, &loop, [&loop, &ids] {
        ids = QStringList{QStringLiteral("<listing failed>")};
        loop.quit();
    });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    pager.fetchAll();
    loop.exec();
    return ids;
}

} // namespace modeltest
