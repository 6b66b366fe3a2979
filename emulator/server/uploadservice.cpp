#include "server/uploadservice.h"

#include "custommetadata/custommetadataschema.h"
#include "imaging/imageinspector.h"
#include "server/bulkjobrunner.h"
#include "server/emulatorcontext.h"
#include "server/multipartform.h"
#include "server/requestauthenticator.h"
#include "store/librarypaths.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace ikemu {

namespace {

std::optional<bool> parseBool(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("true") || t == QLatin1String("1"))
        return true;
    if (t == QLatin1String("false") || t == QLatin1String("0"))
        return false;
    return std::nullopt;
}

QStringList splitCommaList(const QString &text)
{
    QStringList out;
    const QStringList parts = text.split(QLatin1Char(','));
    for (const QString &p : parts) {
        const QString t = p.trimmed();
        if (!t.isEmpty())
            out.append(t);
    }
    return out;
}

} // namespace

UploadService::UploadService(EmulatorContext &context, const RequestAuthenticator &authenticator,
                             LocalUrlFetcher fetcher)
    : m_context(context)
    , m_authenticator(authenticator)
    , m_fetchLocalUrl(std::move(fetcher))
{
}

bool UploadService::isValidCustomCoordinates(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*\\d+\\s*,\\s*\\d+\\s*,\\s*\\d+\\s*,\\s*\\d+\\s*$"));
    return pattern.match(text).hasMatch();
}

ApiResponse UploadService::handle(const ApiRequest &request)
{
    QString parseError;
    const std::optional<MultipartForm> form = MultipartForm::parse(request.header("Content-Type"), request.body, &parseError);
    if (!form)
        return ApiResponse::error(400, parseError);
    if (auto refused = m_authenticator.checkUpload(request, *form, *m_context.store, m_context.nowMs() / 1000))
        return *refused;

    UploadParameters p;
    const FormPart *filePart = form->part(QStringLiteral("file"));
    if (!filePart || filePart->data.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Your request is missing file parameter."));
    if (filePart->hasFileName) {
        p.bytes = filePart->data;
    } else {
        const QString text = QString::fromUtf8(filePart->data).trimmed();
        if (text.startsWith(QLatin1String("http://")) || text.startsWith(QLatin1String("https://"))) {
            const std::optional<QByteArray> fetched = m_fetchLocalUrl(text);
            if (!fetched)
                return ApiResponse::error(400, QStringLiteral("The file URL %1 cannot be fetched: the emulator has no "
                                                              "internet access and only serves its own URLs.").arg(text));
            p.bytes = *fetched;
        } else {
            QByteArray encoded = filePart->data.trimmed();
            if (encoded.startsWith("data:") && encoded.contains(','))
                encoded = encoded.mid(encoded.indexOf(',') + 1);
            const auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
            // A text field that is not base64 is the file's raw bytes (SDKs send bytes that way).
            p.bytes = (decoded && !decoded.decoded.isEmpty()) ? decoded.decoded : filePart->data;
        }
    }
    p.fileName = form->text(QStringLiteral("fileName")).trimmed();
    if (p.fileName.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Your request is missing fileName parameter."));

    const auto boolField = [&form](const QString &name, bool fallback, bool *ok) {
        if (!form->contains(name))
            return fallback;
        const std::optional<bool> value = parseBool(form->text(name));
        if (!value) {
            *ok = false;
            return fallback;
        }
        return *value;
    };
    struct BoolOption { QString name; bool *target; };
    const QList<BoolOption> boolOptions = {
        {QStringLiteral("useUniqueFileName"), &p.useUniqueFileName},
        {QStringLiteral("overwriteFile"), &p.overwriteFile},
        {QStringLiteral("overwriteTags"), &p.overwriteTags},
        {QStringLiteral("overwriteAITags"), &p.overwriteAITags},
        {QStringLiteral("overwriteCustomMetadata"), &p.overwriteCustomMetadata},
        {QStringLiteral("isPrivateFile"), &p.isPrivateFile},
        {QStringLiteral("isPublished"), &p.isPublished},
    };
    for (const BoolOption &option : boolOptions) {
        bool ok = true;
        *option.target = boolField(option.name, *option.target, &ok);
        if (!ok)
            return ApiResponse::error(400, QStringLiteral("Your request contains invalid value for %1 parameter. "
                                                          "It should be true or false.").arg(option.name));
    }
    if (form->contains(QStringLiteral("folder")))
        p.folder = form->text(QStringLiteral("folder"));
    if (form->contains(QStringLiteral("tags")))
        p.tags = splitCommaList(form->text(QStringLiteral("tags")));
    if (form->contains(QStringLiteral("customCoordinates")))
        p.customCoordinates = form->text(QStringLiteral("customCoordinates"));
    if (form->contains(QStringLiteral("description")))
        p.description = form->text(QStringLiteral("description"));
    if (form->contains(QStringLiteral("responseFields")))
        p.responseFields = splitCommaList(form->text(QStringLiteral("responseFields")));
    if (form->contains(QStringLiteral("customMetadata"))) {
        QJsonParseError jsonError;
        const QJsonDocument doc = QJsonDocument::fromJson(form->part(QStringLiteral("customMetadata"))->data, &jsonError);
        if (jsonError.error != QJsonParseError::NoError || !doc.isObject())
            return ApiResponse::error(400, QStringLiteral("Your request contains invalid value for customMetadata "
                                                          "parameter. It should be a JSON object."));
        p.customMetadata = doc.object();
    }
    for (const QString &jsonField : {QStringLiteral("extensions"), QStringLiteral("transformation")}) {
        if (!form->contains(jsonField))
            continue;
        QJsonParseError jsonError;
        QJsonDocument::fromJson(form->part(jsonField)->data, &jsonError);
        if (jsonError.error != QJsonParseError::NoError)
            return ApiResponse::error(400, QStringLiteral("Your request contains invalid JSON in the %1 parameter.").arg(jsonField));
    }

    std::variant<FileRecord, ApiResponse> result = store(p);
    if (std::holds_alternative<ApiResponse>(result))
        return std::get<ApiResponse>(result);
    return ApiResponse::json(uploadResultJson(std::get<FileRecord>(result), p.responseFields));
}

std::variant<FileRecord, ApiResponse> UploadService::store(const UploadParameters &p)
{
    MediaStore &store = *m_context.store;
    const QString folder = LibraryPaths::normalizeFolder(p.folder);
    if (folder.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Your request contains invalid folder parameter: '.' and '..' "
                                                      "cannot be used as folder names."));
    if (m_context.jobs->isLocked(folder))
        return ApiResponse::error(423, QStringLiteral("A bulk job is running on given folder path, please try after sometime."));
    if (p.customCoordinates && !p.customCoordinates->isEmpty() && !isValidCustomCoordinates(*p.customCoordinates))
        return ApiResponse::error(400, QStringLiteral("Your request contains invalid value for customCoordinates "
                                                      "parameter. It should be x,y,width,height in pixels."));
    if (p.tags) {
        qsizetype combined = 0;
        for (const QString &t : *p.tags)
            combined += t.size();
        if (combined > 500)
            return ApiResponse::error(400, QStringLiteral("Your request contains invalid value for tags parameter. "
                                                          "Combined length of all tags should be less than or equal to 500."));
    }
    const QList<CustomMetadataField> fields = m_context.customMetadataFields(false);

    QString name = LibraryPaths::sanitizeFileName(p.fileName);
    std::optional<FileRecord> existing;
    if (p.useUniqueFileName) {
        do {
            name = LibraryPaths::withUniqueSuffix(LibraryPaths::sanitizeFileName(p.fileName));
        } while (store.currentFileAt(LibraryPaths::join(folder, name)));
    } else {
        existing = store.currentFileAt(LibraryPaths::join(folder, name));
        if (existing && !p.overwriteFile)
            return ApiResponse::error(400, QStringLiteral("A file with the same name already exists at the exact location. "
                                                          "We could not overwrite it because both overwriteFile and "
                                                          "useUniqueFileName are set to false."));
    }

    // The values the new version will carry are checked, so a required field without a default
    // refuses an upload that does not set it (unless an overwrite keeps the old values).
    if (p.customMetadata || !existing || p.overwriteCustomMetadata) {
        const ValidationResult validation = CustomMetadataSchema::validateValues(p.customMetadata.value_or(QJsonObject()), fields);
        if (!validation.ok)
            return ApiResponse::json(validation.toErrorBody(), 400);
    }

    const ImageInfo info = inspectImage(p.bytes, name);
    const qint64 now = m_context.nowMs();
    FileRecord record;
    record.versionId = newObjectId();
    record.folder = folder;
    record.name = name;
    record.fileType = info.isImage ? QStringLiteral("image") : QStringLiteral("non-image");
    record.mime = QString::fromLatin1(info.mime);
    record.format = QString::fromLatin1(info.format);
    record.size = p.bytes.size();
    record.width = info.width;
    record.height = info.height;
    record.hasAlpha = info.hasAlpha;
    record.hasTransparency = info.hasTransparency;
    record.pHash = info.pHash;
    record.embeddedMetadata = info.embedded;
    record.isPrivate = p.isPrivateFile;
    record.isPublished = p.isPublished;
    record.updatedAt = now;
    if (existing) {
        record.fileId = existing->fileId;
        record.versionNumber = store.nextVersionNumber(existing->fileId);
        record.createdAt = existing->createdAt;
        record.tags = p.tags ? *p.tags : (p.overwriteTags ? QStringList() : existing->tags);
        record.aiTags = p.overwriteAITags ? QJsonArray() : existing->aiTags;
        const QJsonObject metadata = p.customMetadata ? *p.customMetadata
                                                      : (p.overwriteCustomMetadata ? QJsonObject() : existing->customMetadata);
        record.customMetadata = applyCustomMetadataDefaults(metadata, fields);
        record.customCoordinates = p.customCoordinates ? *p.customCoordinates : existing->customCoordinates;
        record.description = p.description ? *p.description : existing->description;
    } else {
        record.fileId = record.versionId;
        record.versionNumber = 1;
        record.createdAt = now;
        record.tags = p.tags.value_or(QStringList());
        record.customMetadata = applyCustomMetadataDefaults(p.customMetadata.value_or(QJsonObject()), fields);
        record.customCoordinates = p.customCoordinates.value_or(QString());
        record.description = p.description.value_or(QString());
    }

    QString blobError;
    const std::optional<QString> blobId = store.storeBlob(p.bytes, &blobError);
    if (!blobId)
        return ApiResponse::error(500, blobError);
    record.blobId = *blobId;

    store.beginTransaction();
    bool ok = store.ensureFolder(folder, now);
    if (ok && existing) {
        FileRecord previous = *existing;
        previous.isCurrent = false;
        ok = store.updateFile(previous);
    }
    ok = ok && store.insertFile(record) && store.commit();
    if (!ok) {
        const QString why = store.lastError();
        store.rollback();
        store.checkBlobLater(record.blobId);
        store.removeOrphanedBlobs();
        return ApiResponse::error(500, QStringLiteral("The file could not be stored: %1").arg(why));
    }
    return record;
}

QJsonObject UploadService::uploadResultJson(const FileRecord &record, const QStringList &responseFields) const
{
    QJsonObject file = record.toJson(m_context.deliveryBase());
    QJsonObject out;
    out.insert(QStringLiteral("fileId"), record.fileId);
    out.insert(QStringLiteral("name"), record.name);
    out.insert(QStringLiteral("size"), record.size);
    out.insert(QStringLiteral("versionInfo"), file.value(QStringLiteral("versionInfo")));
    out.insert(QStringLiteral("filePath"), record.filePath());
    out.insert(QStringLiteral("url"), file.value(QStringLiteral("url")));
    out.insert(QStringLiteral("fileType"), record.fileType);
    out.insert(QStringLiteral("height"), record.height);
    out.insert(QStringLiteral("width"), record.width);
    out.insert(QStringLiteral("thumbnailUrl"), file.value(QStringLiteral("thumbnail")));
    out.insert(QStringLiteral("AITags"), file.value(QStringLiteral("AITags")));
    out.insert(QStringLiteral("tags"), file.value(QStringLiteral("tags")));
    out.insert(QStringLiteral("isPrivateFile"), record.isPrivate);
    out.insert(QStringLiteral("isPublished"), record.isPublished);
    out.insert(QStringLiteral("customCoordinates"), file.value(QStringLiteral("customCoordinates")));
    out.insert(QStringLiteral("customMetadata"), record.customMetadata);
    out.insert(QStringLiteral("description"), record.description);
    out.insert(QStringLiteral("mime"), record.mime);
    out.insert(QStringLiteral("hasAlpha"), record.hasAlpha);
    if (responseFields.contains(QLatin1String("embeddedMetadata")))
        out.insert(QStringLiteral("embeddedMetadata"), record.embeddedMetadata);
    if (responseFields.contains(QLatin1String("metadata"))) {
        const std::optional<QByteArray> bytes = m_context.store->readBlob(record.blobId);
        if (bytes)
            out.insert(QStringLiteral("metadata"), metadataJson(inspectImage(*bytes, record.name), bytes->size()));
    }
    return out;
}

} // namespace ikemu
