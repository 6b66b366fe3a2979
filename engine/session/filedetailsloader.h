#pragma once

#include "api/imagekit.h"
#include "api/results/filemetadata.h"

#include <QList>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace ikui {

class FileStore;
class Operation;

// Reads what the details pane shows, for the pane: a file's details (into the session's store,
// which the pane observes), its embedded metadata and EXIF, and its version history; and makes the
// version operations (restore, delete) whose answers go into the store. The pane itself never
// talks to the server.
class FileDetailsLoader : public QObject
{
    Q_OBJECT

public:
    FileDetailsLoader(const ik::ImageKit &imagekit, FileStore *store, QObject *parent = nullptr);

    FileStore *store() const { return m_store; }
    // For fetching a preview image (and signing its URL).
    QNetworkAccessManager *network() const;
    QString urlEndpoint() const;
    QString privateKey() const;

    // Each answer arrives as a signal naming the file; the store gets the details.
    void loadDetails(const QString &fileId);
    void loadMetadata(const QString &fileId);
    void loadVersions(const QString &fileId);

    // Not started: hand them to the session's OperationManager.
    Operation *restoreVersion(const QString &fileId, const QString &versionId, const QString &title) const;
    Operation *deleteVersion(const QString &fileId, const QString &versionId, const QString &title) const;

Q_SIGNALS:
    void detailsFailed(const QString &fileId, const ik::ApiError &error);
    void metadataLoaded(const QString &fileId, const ik::FileMetadata &metadata);
    void metadataFailed(const QString &fileId, const ik::ApiError &error);
    void versionsLoaded(const QString &fileId, const QList<ik::FileItem> &versions);
    void versionsFailed(const QString &fileId, const ik::ApiError &error);

private:
    ik::ImageKit m_imagekit; // a copy: it only holds the client pointer
    QPointer<FileStore> m_store;
};

} // namespace ikui
