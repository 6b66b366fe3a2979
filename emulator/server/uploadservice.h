#pragma once

#include "server/httpexchange.h"
#include "store/filerecord.h"

#include <QStringList>

#include <functional>
#include <optional>
#include <variant>

namespace ikemu {

struct EmulatorContext;
class RequestAuthenticator;

// The upload options of POST /api/v1/files/upload, decoded from the form.
struct UploadParameters {
    QByteArray bytes;
    QString fileName;
    QString folder = QStringLiteral("/");
    bool useUniqueFileName = true;
    bool overwriteFile = true;
    bool overwriteTags = true;
    bool overwriteAITags = true;
    bool overwriteCustomMetadata = true;
    std::optional<QStringList> tags;
    std::optional<QJsonObject> customMetadata;
    std::optional<QString> customCoordinates;
    std::optional<QString> description;
    bool isPrivateFile = false;
    bool isPublished = true;
    QStringList responseFields;
};

// Stores uploads with ImageKit's rules: folders created on demand, the unique-name suffix,
// overwriteFile making a new version (with the overwriteTags/AITags/CustomMetadata choices),
// custom metadata validated against the field schemas. Bytes are written before the record is
// committed in one transaction, so an interrupted upload leaves nothing half-stored.
class UploadService
{
public:
    // Fetches a URL the emulator itself serves (for `file` given as such a URL); nullopt otherwise.
    using LocalUrlFetcher = std::function<std::optional<QByteArray>(const QString &url)>;

    UploadService(EmulatorContext &context, const RequestAuthenticator &authenticator, LocalUrlFetcher fetcher);

    // POST /api/v1/files/upload.
    ApiResponse handle(const ApiRequest &request);

    // Stores one file; the stored record, or the error response.
    std::variant<FileRecord, ApiResponse> store(const UploadParameters &parameters);

    // The JSON body of a successful upload.
    QJsonObject uploadResultJson(const FileRecord &record, const QStringList &responseFields) const;

    // "x,y,w,h" with non-negative integers (ImageKit's customCoordinates format).
    static bool isValidCustomCoordinates(const QString &text);

private:
    EmulatorContext &m_context;
    const RequestAuthenticator &m_authenticator;
    LocalUrlFetcher m_fetchLocalUrl;
};

} // namespace ikemu
