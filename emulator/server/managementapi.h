#pragma once

#include "server/httpexchange.h"

#include <QStringList>

namespace ikemu {

struct EmulatorContext;
class DeliveryHandler;

// The management API under /v1: files, versions, bulk tag and delete operations, folders and
// their bulk jobs, purge requests, metadata and custom metadata fields, with ImageKit's status
// codes and error bodies. Authentication is checked by the caller.
class ManagementApi
{
public:
    ManagementApi(EmulatorContext &context, DeliveryHandler &delivery) : m_context(context), m_delivery(delivery) {}

    ApiResponse handle(const ApiRequest &request);

private:
    ApiResponse listFiles(const ApiRequest &request);
    ApiResponse fileDetails(const QString &fileId);
    ApiResponse updateFile(const QString &fileId, const QJsonObject &body);
    ApiResponse deleteFile(const QString &fileId);
    ApiResponse bulkDelete(const QJsonObject &body);
    ApiResponse copyFile(const QJsonObject &body);
    ApiResponse moveFile(const QJsonObject &body);
    ApiResponse renameFile(const QJsonObject &body);
    ApiResponse listVersions(const QString &fileId);
    ApiResponse versionDetails(const QString &fileId, const QString &versionId);
    ApiResponse deleteVersion(const QString &fileId, const QString &versionId);
    ApiResponse restoreVersion(const QString &fileId, const QString &versionId);
    enum class TagOperation { AddTags, RemoveTags, RemoveAITags };
    ApiResponse bulkTags(TagOperation operation, const QJsonObject &body);
    ApiResponse createFolder(const QJsonObject &body);
    ApiResponse deleteFolder(const QJsonObject &body);
    ApiResponse copyOrMoveFolder(bool move, const QJsonObject &body);
    ApiResponse renameFolder(const QJsonObject &body);
    ApiResponse jobStatus(const QString &jobId);
    ApiResponse purge(const QJsonObject &body);
    ApiResponse purgeStatus(const QString &requestId);
    ApiResponse fileMetadata(const QString &fileId);
    ApiResponse urlMetadata(const ApiRequest &request);
    ApiResponse createCustomField(const QJsonObject &body);
    ApiResponse listCustomFields(const ApiRequest &request);
    ApiResponse updateCustomField(const QString &id, const QJsonObject &body);
    ApiResponse deleteCustomField(const QString &id);

    QString createPurgeRequest(const QString &url);
    QJsonObject fileJson(const struct FileRecord &record) const;

    EmulatorContext &m_context;
    DeliveryHandler &m_delivery;
};

} // namespace ikemu
