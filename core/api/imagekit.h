#pragma once

#include "api/jobs/bulkdeletejob.h"
#include "api/jobs/bulkjobstartjob.h"
#include "api/jobs/bulkjobstatusjob.h"
#include "api/jobs/custommetadatafieldjob.h"
#include "api/jobs/custommetadatafieldlistjob.h"
#include "api/jobs/emptyresultjob.h"
#include "api/jobs/filejob.h"
#include "api/jobs/filelistjob.h"
#include "api/jobs/filemetadatajob.h"
#include "api/jobs/purgecachejob.h"
#include "api/jobs/purgestatusjob.h"
#include "api/jobs/renamefilejob.h"
#include "api/jobs/tagsjob.h"
#include "api/jobs/uploadjob.h"
#include "api/options/custommetadatafieldoptions.h"
#include "api/options/listfilesoptions.h"
#include "api/options/pathoptions.h"
#include "api/options/updatefileoptions.h"
#include "api/options/uploadoptions.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace ik {

class ApiClient;

// Every ImageKit operation of the reference SDK (plus rename folder), one method each. A method
// validates its arguments, builds the request and returns a new job that starts on the next
// event-loop turn: connect to its finished/failed signals right away. Invalid arguments give a
// job that fails with ErrorKind::InvalidArgument without sending anything. Jobs delete
// themselves after done().
//
//     ik::ImageKit imagekit(&client);
//     auto *job = imagekit.getFileDetails(fileId);
//     QObject::connect(job, &ik::FileJob::finished, this, [](const ik::FileItem &file) { ... });
//     QObject::connect(job, &ik::ApiJob::failed, this, [](const ik::ApiError &error) { ... });
//
// Limits checked before sending: list limit 1-1000; at most 100 ids for bulk delete and 50 for
// the tag operations (larger batches are rejected, not split: split them yourself and keep each
// answer's partial-success details); tags without '%'.
class ImageKit
{
public:
    static constexpr int MaxBulkDeleteIds = 100;
    static constexpr int MaxTagOperationIds = 50;

    explicit ImageKit(ApiClient *client);

    ApiClient *client() const { return m_client; }

    UploadJob *uploadFile(const UploadOptions &options);
    FileListJob *listFiles(const ListFilesOptions &options = {});
    FileJob *getFileDetails(const QString &fileId);
    FileListJob *getFileVersions(const QString &fileId);
    FileJob *getFileVersionDetails(const QString &fileId, const QString &versionId);
    FileJob *updateFileDetails(const QString &fileId, const UpdateFileOptions &options);
    TagsJob *addTags(const QStringList &fileIds, const QStringList &tags);
    TagsJob *removeTags(const QStringList &fileIds, const QStringList &tags);
    TagsJob *removeAITags(const QStringList &fileIds, const QStringList &aiTags);
    EmptyResultJob *deleteFile(const QString &fileId);
    EmptyResultJob *deleteFileVersion(const QString &fileId, const QString &versionId);
    BulkDeleteJob *bulkFileDelete(const QStringList &fileIds);
    EmptyResultJob *copyFile(const CopyFileOptions &options);
    EmptyResultJob *moveFile(const MoveFileOptions &options);
    RenameFileJob *renameFile(const RenameFileOptions &options);
    FileJob *restoreFileVersion(const QString &fileId, const QString &versionId);
    EmptyResultJob *createFolder(const CreateFolderOptions &options);
    EmptyResultJob *deleteFolder(const DeleteFolderOptions &options);
    BulkJobStartJob *copyFolder(const CopyFolderOptions &options);
    BulkJobStartJob *moveFolder(const MoveFolderOptions &options);
    BulkJobStartJob *renameFolder(const RenameFolderOptions &options);
    BulkJobStatusJob *getBulkJobStatus(const QString &jobId);
    PurgeCacheJob *purgeFileCache(const QString &fileUrl);
    PurgeStatusJob *getPurgeFileCacheStatus(const QString &purgeRequestId);
    FileMetadataJob *getFileMetadata(const QString &fileId);
    FileMetadataJob *getRemoteFileUrlMetadata(const QString &remoteFileUrl);
    CustomMetadataFieldJob *createCustomMetadataField(const CreateCustomMetadataFieldOptions &options);
    CustomMetadataFieldListJob *getCustomMetadataFields(bool includeDeleted = false);
    CustomMetadataFieldJob *updateCustomMetadataField(const QString &fieldId, const UpdateCustomMetadataFieldOptions &options);
    EmptyResultJob *deleteCustomMetadataField(const QString &fieldId);

    // The operations by their seed method names ("list_files", "get_file_details", ... plus
    // "rename_folder"; '-' works as well as '_'), with the arguments of one JSON object (seed
    // keyword names and option fields, snake_case or camelCase). Used by mediadesk-cli and
    // scripts. An unknown operation or bad arguments give a job failing with InvalidArgument.
    ApiJob *call(const QString &operation, const QJsonObject &arguments);
    static QStringList operationNames();

private:
    ApiClient *m_client;
};

} // namespace ik
