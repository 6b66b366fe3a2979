#include "api/imagekit.h"

#include "api/options/tagrules.h"

#include "api/apiclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <functional>

namespace ik {

namespace {

ApiRequest makeRequest(const char *method, const QString &path, QList<int> successStatuses, bool idempotent)
{
    ApiRequest request;
    request.method = QByteArray(method);
    request.path = path;
    request.successStatuses = std::move(successStatuses);
    request.idempotent = idempotent;
    return request;
}

void setJsonBody(ApiRequest &request, const QByteArray &json)
{
    request.body = ApiRequest::Body::Json;
    request.json = json;
}

// Ids go into the path percent-encoded, '/' included, so an id can never reach another endpoint.
QString pathSegment(const QString &id)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(id));
}

ApiError validationError(const QString &problem)
{
    if (problem.isEmpty())
        return {};
    return ApiError(ErrorKind::InvalidArgument, problem);
}

template<typename Job>
Job *createJob(ApiClient *client, ApiRequest request, const QString &problem)
{
    return new Job(client, std::move(request), validationError(problem));
}

QString missingFileId(const QString &fileId)
{
    return fileId.isEmpty() ? QStringLiteral("Missing File ID parameter for this request") : QString();
}

QString missingFileOrVersionId(const QString &fileId, const QString &versionId)
{
    if (fileId.isEmpty())
        return missingFileId(fileId);
    return versionId.isEmpty() ? QStringLiteral("Missing Version ID parameter for this request") : QString();
}

QString checkBatch(const QStringList &fileIds, int maxIds, const char *operation)
{
    if (fileIds.isEmpty())
        return QStringLiteral("%1 needs at least one file id").arg(QLatin1String(operation));
    if (fileIds.size() > maxIds)
        return QStringLiteral("%1 accepts at most %2 file ids per request, got %3: split the list")
            .arg(QLatin1String(operation)).arg(maxIds).arg(fileIds.size());
    for (const QString &id : fileIds)
        if (id.isEmpty())
            return QStringLiteral("%1: a file id is empty").arg(QLatin1String(operation));
    return {};
}

QString checkTags(const QStringList &tags, const char *what)
{
    if (tags.isEmpty())
        return QStringLiteral("at least one %1 is required").arg(QLatin1String(what));
    return tagTextProblem(tags, QLatin1String(what));
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

TagsJob *tagsJob(ApiClient *client, const char *operation, const char *path, const char *tagsKey,
                 const char *what, const QStringList &fileIds, const QStringList &tags)
{
    // Adding or removing the same tags twice leaves the same state: safe to retry.
    ApiRequest request = makeRequest("POST", QString::fromLatin1(path), {200}, true);
    setJsonBody(request, compactJson({{QLatin1String("fileIds"), QJsonArray::fromStringList(fileIds)},
                                      {QLatin1String(tagsKey), QJsonArray::fromStringList(tags)}}));
    QString problem = checkBatch(fileIds, ImageKit::MaxTagOperationIds, operation);
    if (problem.isEmpty())
        problem = checkTags(tags, what);
    return createJob<TagsJob>(client, std::move(request), problem);
}

} // namespace

ImageKit::ImageKit(ApiClient *client)
    : m_client(client)
{
}

UploadJob *ImageKit::uploadFile(const UploadOptions &options)
{
    ApiRequest request = makeRequest("POST", QStringLiteral("/api/v1/files/upload"), {200}, false);
    request.host = ApiHost::Upload;
    request.body = ApiRequest::Body::Multipart;
    const QString problem = options.validationError();
    if (problem.isEmpty())
        request.multipart = options.toMultipart();
    return createJob<UploadJob>(m_client, std::move(request), problem);
}

FileListJob *ImageKit::listFiles(const ListFilesOptions &options)
{
    ApiRequest request = makeRequest("GET", QStringLiteral("/v1/files"), {200}, true);
    request.query = options.toQuery();
    return createJob<FileListJob>(m_client, std::move(request), options.validationError());
}

FileJob *ImageKit::getFileDetails(const QString &fileId)
{
    return createJob<FileJob>(m_client,
                              makeRequest("GET", QStringLiteral("/v1/files/%1/details").arg(pathSegment(fileId)), {200}, true),
                              missingFileId(fileId));
}

FileListJob *ImageKit::getFileVersions(const QString &fileId)
{
    return createJob<FileListJob>(m_client,
                                  makeRequest("GET", QStringLiteral("/v1/files/%1/versions").arg(pathSegment(fileId)), {200}, true),
                                  missingFileId(fileId));
}

FileJob *ImageKit::getFileVersionDetails(const QString &fileId, const QString &versionId)
{
    return createJob<FileJob>(m_client,
                              makeRequest("GET", QStringLiteral("/v1/files/%1/versions/%2").arg(pathSegment(fileId), pathSegment(versionId)), {200}, true),
                              missingFileOrVersionId(fileId, versionId));
}

FileJob *ImageKit::updateFileDetails(const QString &fileId, const UpdateFileOptions &options)
{
    // Without the reference SDK's trailing slash (vectors README). Re-running extensions or
    // AI-tag removal costs quota, so only a plain details/publish update is retried.
    const bool idempotent = !options.extensions && !options.removeAITags && !options.removeAllAITags;
    ApiRequest request = makeRequest("PATCH", QStringLiteral("/v1/files/%1/details").arg(pathSegment(fileId)), {200}, idempotent);
    setJsonBody(request, options.toJson());
    QString problem = missingFileId(fileId);
    if (problem.isEmpty())
        problem = options.validationError();
    return createJob<FileJob>(m_client, std::move(request), problem);
}

TagsJob *ImageKit::addTags(const QStringList &fileIds, const QStringList &tags)
{
    return tagsJob(m_client, "add tags", "/v1/files/addTags", "tags", "tag", fileIds, tags);
}

TagsJob *ImageKit::removeTags(const QStringList &fileIds, const QStringList &tags)
{
    return tagsJob(m_client, "remove tags", "/v1/files/removeTags", "tags", "tag", fileIds, tags);
}

TagsJob *ImageKit::removeAITags(const QStringList &fileIds, const QStringList &aiTags)
{
    return tagsJob(m_client, "remove AI tags", "/v1/files/removeAITags", "AITags", "AI tag", fileIds, aiTags);
}

EmptyResultJob *ImageKit::deleteFile(const QString &fileId)
{
    return createJob<EmptyResultJob>(m_client,
                                     makeRequest("DELETE", QStringLiteral("/v1/files/%1").arg(pathSegment(fileId)), {204}, true),
                                     missingFileId(fileId));
}

EmptyResultJob *ImageKit::deleteFileVersion(const QString &fileId, const QString &versionId)
{
    return createJob<EmptyResultJob>(m_client,
                                     makeRequest("DELETE", QStringLiteral("/v1/files/%1/versions/%2").arg(pathSegment(fileId), pathSegment(versionId)), {204}, true),
                                     missingFileOrVersionId(fileId, versionId));
}

BulkDeleteJob *ImageKit::bulkFileDelete(const QStringList &fileIds)
{
    // Deleting the same ids again deletes nothing more: safe to retry.
    ApiRequest request = makeRequest("POST", QStringLiteral("/v1/files/batch/deleteByFileIds"), {200}, true);
    setJsonBody(request, compactJson({{QLatin1String("fileIds"), QJsonArray::fromStringList(fileIds)}}));
    return createJob<BulkDeleteJob>(m_client, std::move(request), checkBatch(fileIds, MaxBulkDeleteIds, "bulk delete"));
}

EmptyResultJob *ImageKit::copyFile(const CopyFileOptions &options)
{
    // A repeated copy adds another version at the destination: not retried.
    ApiRequest request = makeRequest("POST", QStringLiteral("/v1/files/copy"), {204}, false);
    setJsonBody(request, options.toJson());
    return createJob<EmptyResultJob>(m_client, std::move(request), options.validationError());
}

EmptyResultJob *ImageKit::moveFile(const MoveFileOptions &options)
{
    ApiRequest request = makeRequest("POST", QStringLiteral("/v1/files/move"), {204}, false);
    setJsonBody(request, options.toJson());
    return createJob<EmptyResultJob>(m_client, std::move(request), options.validationError());
}

RenameFileJob *ImageKit::renameFile(const RenameFileOptions &options)
{
    ApiRequest request = makeRequest("PUT", QStringLiteral("/v1/files/rename"), {200}, true);
    setJsonBody(request, options.toJson());
    return createJob<RenameFileJob>(m_client, std::move(request), options.validationError());
}

FileJob *ImageKit::restoreFileVersion(const QString &fileId, const QString &versionId)
{
    return createJob<FileJob>(m_client,
                              makeRequest("PUT", QStringLiteral("/v1/files/%1/versions/%2/restore").arg(pathSegment(fileId), pathSegment(versionId)), {200}, true),
                              missingFileOrVersionId(fileId, versionId));
}

EmptyResultJob *ImageKit::createFolder(const CreateFolderOptions &options)
{
    // Creating a folder that exists succeeds and changes nothing: safe to retry.
    ApiRequest request = makeRequest("POST", QStringLiteral("/v1/folder"), {201}, true);
    setJsonBody(request, options.toJson());
    return createJob<EmptyResultJob>(m_client, std::move(request), options.validationError());
}

EmptyResultJob *ImageKit::deleteFolder(const DeleteFolderOptions &options)
{
    // The API takes a JSON body on this DELETE.
    ApiRequest request = makeRequest("DELETE", QStringLiteral("/v1/folder"), {204}, true);
    setJsonBody(request, options.toJson());
    return createJob<EmptyResultJob>(m_client, std::move(request), options.validationError());
}

BulkJobStartJob *ImageKit::copyFolder(const CopyFolderOptions &options)
{
    ApiRequest request = makeRequest("POST", QStringLiteral("/v1/bulkJobs/copyFolder"), {200, 202}, false);
    setJsonBody(request, options.toJson());
    return createJob<BulkJobStartJob>(m_client, std::move(request), options.validationError());
}

BulkJobStartJob *ImageKit::moveFolder(const MoveFolderOptions &options)
{
    ApiRequest request = makeRequest("POST", QStringLiteral("/v1/bulkJobs/moveFolder"), {200, 202}, false);
    setJsonBody(request, options.toJson());
    return createJob<BulkJobStartJob>(m_client, std::move(request), options.validationError());
}

BulkJobStartJob *ImageKit::renameFolder(const RenameFolderOptions &options)
{
    ApiRequest request = makeRequest("POST", QStringLiteral("/v1/bulkJobs/renameFolder"), {200, 202}, false);
    setJsonBody(request, options.toJson());
    return createJob<BulkJobStartJob>(m_client, std::move(request), options.validationError());
}

BulkJobStatusJob *ImageKit::getBulkJobStatus(const QString &jobId)
{
    return createJob<BulkJobStatusJob>(m_client,
                                       makeRequest("GET", QStringLiteral("/v1/bulkJobs/%1").arg(pathSegment(jobId)), {200}, true),
                                       jobId.isEmpty() ? QStringLiteral("Missing Job ID parameter for this request") : QString());
}

PurgeCacheJob *ImageKit::purgeFileCache(const QString &fileUrl)
{
    // A second purge of the same URL is harmless (it only purges again).
    ApiRequest request = makeRequest("POST", QStringLiteral("/v1/files/purge"), {201}, true);
    setJsonBody(request, compactJson({{QLatin1String("url"), fileUrl}}));
    // The URL itself is checked by the server (the reference sends "url" and gets a 400).
    return createJob<PurgeCacheJob>(m_client, std::move(request),
                                    fileUrl.isEmpty() ? QStringLiteral("Missing file_url for purge_cache") : QString());
}

PurgeStatusJob *ImageKit::getPurgeFileCacheStatus(const QString &purgeRequestId)
{
    return createJob<PurgeStatusJob>(m_client,
                                     makeRequest("GET", QStringLiteral("/v1/files/purge/%1").arg(pathSegment(purgeRequestId)), {200}, true),
                                     purgeRequestId.isEmpty() ? QStringLiteral("Missing Request ID parameter for this request") : QString());
}

FileMetadataJob *ImageKit::getFileMetadata(const QString &fileId)
{
    return createJob<FileMetadataJob>(m_client,
                                      makeRequest("GET", QStringLiteral("/v1/files/%1/metadata").arg(pathSegment(fileId)), {200}, true),
                                      missingFileId(fileId));
}

FileMetadataJob *ImageKit::getRemoteFileUrlMetadata(const QString &remoteFileUrl)
{
    ApiRequest request = makeRequest("GET", QStringLiteral("/v1/metadata"), {200}, true);
    request.query.append({QStringLiteral("url"), remoteFileUrl});
    return createJob<FileMetadataJob>(m_client, std::move(request),
                                      remoteFileUrl.isEmpty() ? QStringLiteral("You must provide remote url") : QString());
}

CustomMetadataFieldJob *ImageKit::createCustomMetadataField(const CreateCustomMetadataFieldOptions &options)
{
    ApiRequest request = makeRequest("POST", QStringLiteral("/v1/customMetadataFields"), {201}, false);
    setJsonBody(request, options.toJson());
    return createJob<CustomMetadataFieldJob>(m_client, std::move(request), options.validationError());
}

CustomMetadataFieldListJob *ImageKit::getCustomMetadataFields(bool includeDeleted)
{
    ApiRequest request = makeRequest("GET", QStringLiteral("/v1/customMetadataFields"), {200}, true);
    request.query.append({QStringLiteral("includeDeleted"), includeDeleted ? QStringLiteral("true") : QStringLiteral("false")});
    return createJob<CustomMetadataFieldListJob>(m_client, std::move(request), {});
}

CustomMetadataFieldJob *ImageKit::updateCustomMetadataField(const QString &fieldId, const UpdateCustomMetadataFieldOptions &options)
{
    ApiRequest request = makeRequest("PATCH", QStringLiteral("/v1/customMetadataFields/%1").arg(pathSegment(fieldId)), {200}, true);
    setJsonBody(request, options.toJson());
    const QString problem = fieldId.isEmpty() ? QStringLiteral("Missing field_id for update_custom_metadata_fields")
                                              : options.validationError();
    return createJob<CustomMetadataFieldJob>(m_client, std::move(request), problem);
}

EmptyResultJob *ImageKit::deleteCustomMetadataField(const QString &fieldId)
{
    return createJob<EmptyResultJob>(m_client,
                                     makeRequest("DELETE", QStringLiteral("/v1/customMetadataFields/%1").arg(pathSegment(fieldId)), {204}, true),
                                     fieldId.isEmpty() ? QStringLiteral("Missing field_id for delete_custom_metadata_field") : QString());
}

QStringList ImageKit::operationNames()
{
    return {QStringLiteral("upload_file"), QStringLiteral("list_files"), QStringLiteral("get_file_details"),
            QStringLiteral("get_file_versions"), QStringLiteral("get_file_version_details"),
            QStringLiteral("update_file_details"), QStringLiteral("add_tags"), QStringLiteral("remove_tags"),
            QStringLiteral("remove_ai_tags"), QStringLiteral("delete_file"), QStringLiteral("delete_file_version"),
            QStringLiteral("bulk_file_delete"), QStringLiteral("copy_file"), QStringLiteral("move_file"),
            QStringLiteral("rename_file"), QStringLiteral("restore_file_version"), QStringLiteral("create_folder"),
            QStringLiteral("delete_folder"), QStringLiteral("copy_folder"), QStringLiteral("move_folder"),
            QStringLiteral("rename_folder"), QStringLiteral("get_bulk_job_status"), QStringLiteral("purge_file_cache"),
            QStringLiteral("get_purge_file_cache_status"), QStringLiteral("get_file_metadata"),
            QStringLiteral("get_remote_file_url_metadata"), QStringLiteral("create_custom_metadata_fields"),
            QStringLiteral("get_custom_metadata_fields"), QStringLiteral("update_custom_metadata_fields"),
            QStringLiteral("delete_custom_metadata_field")};
}

ApiJob *ImageKit::call(const QString &operation, const QJsonObject &arguments)
{
    QString name = operation;
    name.replace(QLatin1Char('-'), QLatin1Char('_'));
    // The seed's aliases.
    static const QList<QPair<QString, QString>> aliases{
        {QStringLiteral("upload"), QStringLiteral("upload_file")},
        {QStringLiteral("bulk_delete"), QStringLiteral("bulk_file_delete")},
        {QStringLiteral("purge_cache"), QStringLiteral("purge_file_cache")},
        {QStringLiteral("get_purge_cache_status"), QStringLiteral("get_purge_file_cache_status")},
        {QStringLiteral("get_metadata"), QStringLiteral("get_file_metadata")},
        {QStringLiteral("get_remote_url_metadata"), QStringLiteral("get_remote_file_url_metadata")}};
    for (const auto &[alias, target] : aliases)
        if (name == alias)
            name = target;

    JsonArguments args(arguments);
    auto id = [&args](const char *key) { return args.string(QString::fromLatin1(key)).value_or(QString()); };
    auto list = [&args](const char *key) { return args.stringList(QString::fromLatin1(key)).value_or(QStringList()); };

    // Read the arguments first; the request is only made when they were all readable.
    std::function<ApiJob *()> makeJob;
    if (name == QLatin1String("upload_file")) {
        const UploadOptions options = UploadOptions::fromArguments(args);
        makeJob = [this, options] { return uploadFile(options); };
    } else if (name == QLatin1String("list_files")) {
        const ListFilesOptions options = ListFilesOptions::fromArguments(args);
        makeJob = [this, options] { return listFiles(options); };
    } else if (name == QLatin1String("get_file_details")) {
        makeJob = [this, fileId = id("file_id")] { return getFileDetails(fileId); };
    } else if (name == QLatin1String("get_file_versions")) {
        makeJob = [this, fileId = id("file_id")] { return getFileVersions(fileId); };
    } else if (name == QLatin1String("get_file_version_details")) {
        makeJob = [this, fileId = id("file_id"), versionId = id("version_id")] { return getFileVersionDetails(fileId, versionId); };
    } else if (name == QLatin1String("update_file_details")) {
        const QString fileId = id("file_id");
        const UpdateFileOptions options = UpdateFileOptions::fromArguments(args);
        makeJob = [this, fileId, options] { return updateFileDetails(fileId, options); };
    } else if (name == QLatin1String("add_tags")) {
        makeJob = [this, fileIds = list("file_ids"), tags = list("tags")] { return addTags(fileIds, tags); };
    } else if (name == QLatin1String("remove_tags")) {
        makeJob = [this, fileIds = list("file_ids"), tags = list("tags")] { return removeTags(fileIds, tags); };
    } else if (name == QLatin1String("remove_ai_tags")) {
        makeJob = [this, fileIds = list("file_ids"), tags = list("ai_tags")] { return removeAITags(fileIds, tags); };
    } else if (name == QLatin1String("delete_file")) {
        makeJob = [this, fileId = id("file_id")] { return deleteFile(fileId); };
    } else if (name == QLatin1String("delete_file_version")) {
        makeJob = [this, fileId = id("file_id"), versionId = id("version_id")] { return deleteFileVersion(fileId, versionId); };
    } else if (name == QLatin1String("bulk_file_delete")) {
        makeJob = [this, fileIds = list("file_ids")] { return bulkFileDelete(fileIds); };
    } else if (name == QLatin1String("copy_file")) {
        makeJob = [this, options = CopyFileOptions::fromArguments(args)] { return copyFile(options); };
    } else if (name == QLatin1String("move_file")) {
        makeJob = [this, options = MoveFileOptions::fromArguments(args)] { return moveFile(options); };
    } else if (name == QLatin1String("rename_file")) {
        makeJob = [this, options = RenameFileOptions::fromArguments(args)] { return renameFile(options); };
    } else if (name == QLatin1String("restore_file_version")) {
        makeJob = [this, fileId = id("file_id"), versionId = id("version_id")] { return restoreFileVersion(fileId, versionId); };
    } else if (name == QLatin1String("create_folder")) {
        makeJob = [this, options = CreateFolderOptions::fromArguments(args)] { return createFolder(options); };
    } else if (name == QLatin1String("delete_folder")) {
        makeJob = [this, options = DeleteFolderOptions::fromArguments(args)] { return deleteFolder(options); };
    } else if (name == QLatin1String("copy_folder")) {
        makeJob = [this, options = CopyFolderOptions::fromArguments(args)] { return copyFolder(options); };
    } else if (name == QLatin1String("move_folder")) {
        makeJob = [this, options = MoveFolderOptions::fromArguments(args)] { return moveFolder(options); };
    } else if (name == QLatin1String("rename_folder")) {
        makeJob = [this, options = RenameFolderOptions::fromArguments(args)] { return renameFolder(options); };
    } else if (name == QLatin1String("get_bulk_job_status")) {
        makeJob = [this, jobId = id("job_id")] { return getBulkJobStatus(jobId); };
    } else if (name == QLatin1String("purge_file_cache")) {
        makeJob = [this, url = id("file_url")] { return purgeFileCache(url); };
    } else if (name == QLatin1String("get_purge_file_cache_status")) {
        makeJob = [this, requestId = id("purge_cache_id")] { return getPurgeFileCacheStatus(requestId); };
    } else if (name == QLatin1String("get_file_metadata")) {
        makeJob = [this, fileId = id("file_id")] { return getFileMetadata(fileId); };
    } else if (name == QLatin1String("get_remote_file_url_metadata")) {
        makeJob = [this, url = id("remote_file_url")] { return getRemoteFileUrlMetadata(url); };
    } else if (name == QLatin1String("create_custom_metadata_fields")) {
        makeJob = [this, options = CreateCustomMetadataFieldOptions::fromArguments(args)] { return createCustomMetadataField(options); };
    } else if (name == QLatin1String("get_custom_metadata_fields")) {
        makeJob = [this, includeDeleted = args.boolean(QStringLiteral("include_deleted")).value_or(false)] {
            return getCustomMetadataFields(includeDeleted);
        };
    } else if (name == QLatin1String("update_custom_metadata_fields")) {
        const QString fieldId = id("field_id");
        const UpdateCustomMetadataFieldOptions options = UpdateCustomMetadataFieldOptions::fromArguments(args);
        makeJob = [this, fieldId, options] { return updateCustomMetadataField(fieldId, options); };
    } else if (name == QLatin1String("delete_custom_metadata_field")) {
        makeJob = [this, fieldId = id("field_id")] { return deleteCustomMetadataField(fieldId); };
    } else {
        return new EmptyResultJob(m_client, ApiRequest(),
                                  ApiError(ErrorKind::InvalidArgument, QStringLiteral("Unknown operation \"%1\"").arg(operation)));
    }

    const QString problem = args.finish();
    if (!problem.isEmpty())
        return new EmptyResultJob(m_client, ApiRequest(),
                                  ApiError(ErrorKind::InvalidArgument, QStringLiteral("%1: %2").arg(name, problem)));
    return makeJob();
}

} // namespace ik
