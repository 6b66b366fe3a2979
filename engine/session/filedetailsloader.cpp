#include "session/filedetailsloader.h"

#include "session/filestore.h"
#include "operations/batchoperation.h"

#include "api/apiclient.h"

namespace ikui {

FileDetailsLoader::FileDetailsLoader(const ik::ImageKit &imagekit, FileStore *store, QObject *parent)
    : QObject(parent)
    , m_imagekit(imagekit)
    , m_store(store)
{
}

QNetworkAccessManager *FileDetailsLoader::network() const
{
    return m_imagekit.client() ? m_imagekit.client()->networkAccessManager() : nullptr;
}

QString FileDetailsLoader::urlEndpoint() const
{
    return m_imagekit.client() ? m_imagekit.client()->urlEndpoint() : QString();
}

QString FileDetailsLoader::privateKey() const
{
    return m_imagekit.client() ? m_imagekit.client()->privateKey() : QString();
}

void FileDetailsLoader::loadDetails(const QString &fileId)
{
    auto *job = m_imagekit.getFileDetails(fileId);
    connect(job, &ik::FileJob::finished, this, [this](const ik::FileItem &file) {
        if (m_store)
            m_store->putFile(file);
    });
    connect(job, &ik::ApiJob::failed, this,
            [this, fileId](const ik::ApiError &error) { Q_EMIT detailsFailed(fileId, error); });
}

void FileDetailsLoader::loadMetadata(const QString &fileId)
{
    auto *job = m_imagekit.getFileMetadata(fileId);
    connect(job, &ik::FileMetadataJob::finished, this, [this, fileId](const ik::FileMetadata &metadata) {
        if (m_store)
            m_store->putMetadata(fileId, metadata); // the store's observers see it too
        Q_EMIT metadataLoaded(fileId, metadata);
    });
    connect(job, &ik::ApiJob::failed, this,
            [this, fileId](const ik::ApiError &error) { Q_EMIT metadataFailed(fileId, error); });
}

void FileDetailsLoader::loadVersions(const QString &fileId)
{
    auto *job = m_imagekit.getFileVersions(fileId);
    connect(job, &ik::FileListJob::finished, this,
            [this, fileId](const ik::FileList &list) { Q_EMIT versionsLoaded(fileId, list.files); });
    connect(job, &ik::ApiJob::failed, this,
            [this, fileId](const ik::ApiError &error) { Q_EMIT versionsFailed(fileId, error); });
}

Operation *FileDetailsLoader::restoreVersion(const QString &fileId, const QString &versionId, const QString &title) const
{
    ik::ImageKit imagekit = m_imagekit;
    const QPointer<FileStore> store = m_store;
    auto *operation = new BatchOperation(title, {versionId}, [imagekit, store, fileId](const QString &version) mutable -> ik::ApiJob * {
        auto *job = imagekit.restoreFileVersion(fileId, version);
        // The answer is the file as it is now (new size, dimensions, version): everyone sees it.
        QObject::connect(job, &ik::FileJob::finished, store.data(), [store](const ik::FileItem &file) {
            if (store)
                store->putFile(file);
        });
        return job;
    });
    operation->setSubjects({fileId}, Operation::Effect::Changes);
    return operation;
}

Operation *FileDetailsLoader::deleteVersion(const QString &fileId, const QString &versionId, const QString &title) const
{
    ik::ImageKit imagekit = m_imagekit;
    auto *operation = new BatchOperation(title, {versionId}, [imagekit, fileId](const QString &version) mutable -> ik::ApiJob * {
        return imagekit.deleteFileVersion(fileId, version);
    });
    operation->setSubjects({fileId}, Operation::Effect::Changes);
    return operation;
}

} // namespace ikui
