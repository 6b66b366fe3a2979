#pragma once

#include "store/filerecord.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace ikemu {

// A custom metadata field definition (POST /v1/customMetadataFields).
struct CustomFieldRecord {
    QString id;
    QString name;
    QString label;
    QJsonObject schema;
    bool deleted = false;

    QJsonObject toJson() const;
};

// A background folder job (copy, move, rename folder).
struct JobRecord {
    QString jobId;
    QString type;           // COPY_FOLDER, MOVE_FOLDER, RENAME_FOLDER
    QString status;         // Pending, Completed
    QJsonObject parameters; // the request body, normalized
    QString purgeRequestId;
    qint64 createdAt = 0;
};

// One page request of GET /v1/files, resolved into SQL.
struct FileListQuery {
    bool currentVersions = true;        // type=file (true) or type=file-version (false)
    std::optional<QString> folder;      // exact folder ("path" parameter)
    QString fileType = QStringLiteral("all");   // all, image, non-image
    QString sortColumn = QStringLiteral("created_at");
    bool descending = false;
    int skip = 0;
    int limit = 1000;
    QStringList anyOfTags;              // legacy `tags` parameter
    QString exactName;                  // legacy `name` parameter
};

// Records in SQLite (through QtSql) and file bytes in a content-addressed blob directory.
// Bytes are written with QSaveFile before the record that names them is committed, so an
// interrupted write leaves at most an unreferenced blob, which the next open() removes.
// All methods run on the thread that opened the store.
class MediaStore
{
public:
    explicit MediaStore(QString dataDir);
    ~MediaStore();
    MediaStore(const MediaStore &) = delete;
    MediaStore &operator=(const MediaStore &) = delete;

    bool open(QString *error);
    QString dataDir() const { return m_dataDir; }
    QString lastError() const;

    bool beginTransaction();
    bool commit();
    void rollback();

    // Blobs: the id is the SHA-1 of the bytes, so copies share one blob.
    std::optional<QString> storeBlob(const QByteArray &bytes, QString *error);
    std::optional<QByteArray> readBlob(const QString &blobId) const;
    // Removes every blob no record names (at start-up, after a crash).
    void removeUnreferencedBlobs();
    // Removes the blobs of records deleted since the last call, when no record names them any more
    // (cheap: only those blobs are looked up). Call after the deleting transaction committed.
    void removeOrphanedBlobs();
    // Adds a blob to the ones removeOrphanedBlobs() checks.
    void checkBlobLater(const QString &blobId) { m_blobsToCheck.insert(blobId); }

    // Files and versions.
    std::optional<FileRecord> currentFile(const QString &fileId);
    std::optional<FileRecord> currentFileAt(const QString &filePath);
    std::optional<FileRecord> fileVersion(const QString &fileId, const QString &versionId);
    std::optional<FileRecord> anyVersion(const QString &versionId);
    QList<FileRecord> versions(const QString &fileId);      // oldest first, current included
    int nextVersionNumber(const QString &fileId);
    bool insertFile(const FileRecord &record);
    bool updateFile(const FileRecord &record);               // by versionId
    bool deleteFile(const QString &fileId);                  // every version
    bool deleteVersion(const QString &versionId);
    qint64 fileCount();

    // Files (every version) whose folder is `folder` or lies below it.
    QList<FileRecord> filesInside(const QString &folder);
    QList<FileRecord> listFiles(const FileListQuery &query);
    // Current files for search: in `folder` exactly when given, otherwise everywhere.
    QList<FileRecord> currentFiles(const std::optional<QString> &folder);

    // Folders. ensureFolder creates missing ancestors too.
    bool ensureFolder(const QString &path, qint64 nowMs);
    std::optional<FolderRecord> folder(const QString &path);
    bool folderExists(const QString &path);
    QList<FolderRecord> foldersInside(const QString &path);  // the folder itself and below
    QList<FolderRecord> listFolders(const std::optional<QString> &parent, const QString &sortColumn,
                                    bool descending, int skip, int limit);
    qint64 countFolders(const std::optional<QString> &parent);
    bool deleteFolderTree(const QString &path);              // folders and every file below
    // Files (every version) and folders at or below `path`.
    qint64 countInside(const QString &path);
    // Renames the prefix `from` to `to` on every folder and file below `from` (inclusive).
    bool moveFolderTree(const QString &from, const QString &to, qint64 nowMs);

    // Custom metadata fields.
    QList<CustomFieldRecord> customFields(bool includeDeleted);
    std::optional<CustomFieldRecord> customField(const QString &id);
    std::optional<CustomFieldRecord> customFieldByName(const QString &name); // deleted ones too
    bool saveCustomField(const CustomFieldRecord &field);

    // Purge requests: Pending until `completesAt`.
    bool insertPurge(const QString &id, const QString &url, qint64 createdAt, qint64 completesAt);
    std::optional<qint64> purgeCompletesAt(const QString &id);

    // Jobs.
    bool saveJob(const JobRecord &job);
    std::optional<JobRecord> job(const QString &jobId);
    QList<JobRecord> pendingJobs();

    // Client-side upload tokens: false when the token was used before.
    bool consumeUploadToken(const QString &token, qint64 expire);

private:
    bool exec(const QString &sql);
    void noteBlobs(QSqlQuery &selectBlobs);
    QString blobPath(const QString &blobId) const;

    QString m_dataDir;
    QString m_connectionName;
    QSqlDatabase m_db;
    QSet<QString> m_blobsToCheck;
};

} // namespace ikemu
