#include "server/managementapi.h"

#include "custommetadata/custommetadataschema.h"
#include "imaging/imageinspector.h"
#include "search/searchquery.h"
#include "server/bulkjobrunner.h"
#include "server/deliveryhandler.h"
#include "server/emulatorcontext.h"
#include "server/uploadservice.h"
#include "store/libraryoperations.h"
#include "store/librarypaths.h"

#include <QJsonDocument>
#include <QSet>
#include <QUrl>

#include <algorithm>

namespace ikemu {

namespace {

ApiResponse withReason(int status, const QString &reason, const QString &message)
{
    return ApiResponse::error(status, message, QJsonObject{{QStringLiteral("reason"), reason}});
}

ApiResponse missingParameter(const QString &name)
{
    return withReason(400, QStringLiteral("MISSING_PARAMETER"),
                      QStringLiteral("Your request is missing the %1 parameter.").arg(name));
}

// The answer of an operation on a list of file ids (bulk delete, tags): 404 with missingFileIds
// when nothing succeeded and every failure was a missing id, 207 with per-item errors when some
// failed, else 200. `successKey` names the list of ids that succeeded.
ApiResponse fileBatchResponse(const QString &successKey, const QJsonArray &succeeded, const QJsonArray &missing,
                              const QJsonArray &errors)
{
    if (succeeded.isEmpty() && missing.size() == errors.size())
        return ApiResponse::error(404, QStringLiteral("The requested file(s) does not exist."),
                                  QJsonObject{{QStringLiteral("missingFileIds"), missing}});
    QJsonObject result{{successKey, succeeded}};
    if (!errors.isEmpty()) {
        result.insert(QStringLiteral("errors"), errors);
        return ApiResponse::json(result, 207);
    }
    return ApiResponse::json(result);
}

ApiResponse lockedFolder()
{
    return ApiResponse::error(423, QStringLiteral("A bulk job is running on given folder path, please try after sometime."));
}

ApiResponse fileNotFound()
{
    return ApiResponse::error(404, QStringLiteral("The requested file does not exist."));
}

// A required string member; nullopt when absent or not a string.
std::optional<QString> stringMember(const QJsonObject &body, const QString &key)
{
    const QJsonValue v = body.value(key);
    if (!v.isString())
        return std::nullopt;
    return v.toString();
}

std::optional<QStringList> stringArray(const QJsonValue &value)
{
    if (!value.isArray())
        return std::nullopt;
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array) {
        if (!v.isString())
            return std::nullopt;
        out.append(v.toString());
    }
    return out;
}

struct SortOrder {
    QString column;     // SQL column
    QString jsonKey;    // key in the returned JSON, for in-memory sorting
    bool descending = false;
};

std::optional<SortOrder> parseSort(const QString &text)
{
    if (text.isEmpty())
        return SortOrder{QStringLiteral("created_at"), QStringLiteral("createdAt"), false};
    const bool descending = text.startsWith(QLatin1String("DESC_"));
    if (!descending && !text.startsWith(QLatin1String("ASC_")))
        return std::nullopt;
    const QString key = text.mid(descending ? 5 : 4);
    static const QList<std::pair<QString, std::pair<QString, QString>>> keys = {
        {QStringLiteral("NAME"), {QStringLiteral("name"), QStringLiteral("name")}},
        {QStringLiteral("CREATED"), {QStringLiteral("created_at"), QStringLiteral("createdAt")}},
        {QStringLiteral("UPDATED"), {QStringLiteral("updated_at"), QStringLiteral("updatedAt")}},
        {QStringLiteral("HEIGHT"), {QStringLiteral("height"), QStringLiteral("height")}},
        {QStringLiteral("WIDTH"), {QStringLiteral("width"), QStringLiteral("width")}},
        {QStringLiteral("SIZE"), {QStringLiteral("size"), QStringLiteral("size")}},
        // Without full-text scoring, relevance falls back to creation order.
        {QStringLiteral("RELEVANCE"), {QStringLiteral("created_at"), QStringLiteral("createdAt")}},
    };
    for (const auto &k : keys) {
        if (k.first == key)
            return SortOrder{k.second.first, k.second.second, descending};
    }
    return std::nullopt;
}

bool jsonLess(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() || b.isDouble())
        return a.toDouble() < b.toDouble();
    return a.toString() < b.toString();
}

QString listTypeError()
{
    return QStringLiteral("Your request contains invalid type parameter. Allowed values: file, file-version, folder, all.");
}

} // namespace

QJsonObject ManagementApi::fileJson(const FileRecord &record) const
{
    return record.toJson(m_context.deliveryBase());
}

ApiResponse ManagementApi::handle(const ApiRequest &request)
{
    QString path = request.path;
    while (path.size() > 1 && path.endsWith(QLatin1Char('/')))
        path.chop(1);
    const QStringList s = path.split(QLatin1Char('/'), Qt::SkipEmptyParts); // s[0] == "v1"
    const QByteArray &m = request.method;
    const qsizetype n = s.size();

    QJsonObject body;
    if (!request.body.trimmed().isEmpty() && (m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE")) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return ApiResponse::error(400, QStringLiteral("Your request body is not a valid JSON object: %1 at offset %2.")
                                               .arg(error.errorString()).arg(error.offset));
        body = doc.object();
    }
    const auto is = [&](qsizetype index, const char *literal) {
        return index < n && s.at(index) == QLatin1String(literal);
    };

    if (n >= 2 && is(1, "files")) {
        if (n == 2 && m == "GET")
            return listFiles(request);
        if (n == 3) {
            if (m == "POST" && is(2, "copy")) return copyFile(body);
            if (m == "POST" && is(2, "move")) return moveFile(body);
            if (m == "PUT" && is(2, "rename")) return renameFile(body);
            if (m == "POST" && is(2, "addTags")) return bulkTags(TagOperation::AddTags, body);
            if (m == "POST" && is(2, "removeTags")) return bulkTags(TagOperation::RemoveTags, body);
            if (m == "POST" && is(2, "removeAITags")) return bulkTags(TagOperation::RemoveAITags, body);
            if (m == "POST" && is(2, "purge")) return purge(body);
            if (m == "DELETE") return deleteFile(s.at(2));
        }
        if (n == 4) {
            if (m == "POST" && is(2, "batch") && is(3, "deleteByFileIds")) return bulkDelete(body);
            if (m == "GET" && is(2, "purge")) return purgeStatus(s.at(3));
            if (m == "GET" && is(3, "details")) return fileDetails(s.at(2));
            if (m == "PATCH" && is(3, "details")) return updateFile(s.at(2), body);
            if (m == "GET" && is(3, "versions")) return listVersions(s.at(2));
            if (m == "GET" && is(3, "metadata")) return fileMetadata(s.at(2));
        }
        if (n == 5 && is(3, "versions")) {
            if (m == "GET") return versionDetails(s.at(2), s.at(4));
            if (m == "DELETE") return deleteVersion(s.at(2), s.at(4));
        }
        if (n == 6 && is(3, "versions") && is(5, "restore") && m == "PUT")
            return restoreVersion(s.at(2), s.at(4));
    }
    if (n == 2 && is(1, "folder")) {
        if (m == "POST") return createFolder(body);
        if (m == "DELETE") return deleteFolder(body);
    }
    if (n >= 3 && is(1, "bulkJobs")) {
        if (n == 3 && m == "POST" && is(2, "copyFolder")) return copyOrMoveFolder(false, body);
        if (n == 3 && m == "POST" && is(2, "moveFolder")) return copyOrMoveFolder(true, body);
        if (n == 3 && m == "POST" && is(2, "renameFolder")) return renameFolder(body);
        if (n == 3 && m == "GET") return jobStatus(s.at(2));
    }
    if (n == 2 && is(1, "metadata") && m == "GET")
        return urlMetadata(request);
    if (n >= 2 && is(1, "customMetadataFields")) {
        if (n == 2 && m == "POST") return createCustomField(body);
        if (n == 2 && m == "GET") return listCustomFields(request);
        if (n == 3 && m == "PATCH") return updateCustomField(s.at(2), body);
        if (n == 3 && m == "DELETE") return deleteCustomField(s.at(2));
        if (n == 2 && m == "DELETE") return ApiResponse::error(404, CustomMetadataMessages::noSuchField());
    }
    return ApiResponse::error(404, QStringLiteral("The requested endpoint %1 %2 does not exist.")
                                       .arg(QString::fromLatin1(m), request.path));
}

// ---------------------------------------------------------------- listing

ApiResponse ManagementApi::listFiles(const ApiRequest &request)
{
    const QString type = request.hasQueryValue(QStringLiteral("type")) ? request.queryValue(QStringLiteral("type"))
                                                                       : QStringLiteral("file");
    if (type != QLatin1String("file") && type != QLatin1String("file-version") && type != QLatin1String("folder")
        && type != QLatin1String("all"))
        return ApiResponse::error(400, listTypeError());
    const std::optional<SortOrder> sort = parseSort(request.queryValue(QStringLiteral("sort")));
    if (!sort)
        return ApiResponse::error(400, QStringLiteral("Your request contains invalid sort parameter. Use ASC_ or DESC_ "
                                                      "followed by NAME, CREATED, UPDATED, HEIGHT, WIDTH, SIZE or RELEVANCE."));
    const QString fileType = request.hasQueryValue(QStringLiteral("fileType")) ? request.queryValue(QStringLiteral("fileType"))
                                                                               : QStringLiteral("all");
    if (fileType != QLatin1String("all") && fileType != QLatin1String("image") && fileType != QLatin1String("non-image"))
        return ApiResponse::error(400, QStringLiteral("Your request contains invalid fileType parameter. Allowed values: "
                                                      "all, image, non-image."));
    int limit = 1000;
    int skip = 0;
    if (request.hasQueryValue(QStringLiteral("limit"))) {
        bool ok = false;
        limit = request.queryValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > 1000)
            return ApiResponse::error(400, QStringLiteral("Your request contains invalid limit parameter. It should be "
                                                          "an integer between 1 and 1000."));
    }
    if (request.hasQueryValue(QStringLiteral("skip"))) {
        bool ok = false;
        skip = request.queryValue(QStringLiteral("skip")).toInt(&ok);
        if (!ok || skip < 0)
            return ApiResponse::error(400, QStringLiteral("Your request contains invalid skip parameter. It should be "
                                                          "a non-negative integer."));
    }
    std::optional<QString> folder;
    if (request.hasQueryValue(QStringLiteral("path"))) {
        folder = LibraryPaths::normalizeFolder(request.queryValue(QStringLiteral("path")));
        if (folder->isEmpty())
            return ApiResponse::error(400, QStringLiteral("Your request contains invalid path parameter."));
    }
    MediaStore &store = *m_context.store;
    const QString searchText = request.queryValue(QStringLiteral("searchQuery")).trimmed();

    if (!searchText.isEmpty()) {
        const SearchQueryParseResult parsed = SearchQuery::parse(searchText);
        if (!parsed.ok())
            return ApiResponse::error(400, parsed.error);
        const SearchQuery &query = *parsed.query;
        const bool everything = query.referencesField(QStringLiteral("type"));
        QList<QJsonObject> candidates;
        if (everything || type == QLatin1String("file") || type == QLatin1String("all")) {
            const QList<FileRecord> files = store.currentFiles(folder);
            for (const FileRecord &f : files)
                candidates.append(fileJson(f));
        }
        if (everything || type == QLatin1String("file-version")) {
            FileListQuery versionsQuery;
            versionsQuery.currentVersions = false;
            versionsQuery.folder = folder;
            versionsQuery.limit = std::numeric_limits<int>::max();
            const QList<FileRecord> versions = store.listFiles(versionsQuery);
            for (const FileRecord &f : versions)
                candidates.append(fileJson(f));
        }
        if (everything || type == QLatin1String("folder") || type == QLatin1String("all")) {
            const QList<FolderRecord> folders = store.listFolders(folder, QStringLiteral("name"), false, 0,
                                                                  std::numeric_limits<int>::max());
            for (const FolderRecord &f : folders)
                candidates.append(f.toJson());
        }
        const qint64 now = m_context.nowMs();
        QList<QJsonObject> matched;
        for (const QJsonObject &c : std::as_const(candidates)) {
            if (fileType != QLatin1String("all") && c.value(QStringLiteral("type")).toString() != QLatin1String("folder")
                && c.value(QStringLiteral("fileType")).toString() != fileType)
                continue;
            if (query.matches(c, now))
                matched.append(c);
        }
        std::stable_sort(matched.begin(), matched.end(), [&sort](const QJsonObject &a, const QJsonObject &b) {
            const QJsonValue va = a.value(sort->jsonKey);
            const QJsonValue vb = b.value(sort->jsonKey);
            return sort->descending ? jsonLess(vb, va) : jsonLess(va, vb);
        });
        QJsonArray page;
        for (qsizetype i = skip; i < matched.size() && page.size() < limit; ++i)
            page.append(matched.at(i));
        return ApiResponse::json(page);
    }

    QJsonArray page;
    int fileSkip = skip;
    int fileLimit = limit;
    if (type == QLatin1String("folder") || type == QLatin1String("all")) {
        const QList<FolderRecord> folders = store.listFolders(folder, sort->column, sort->descending, skip, limit);
        for (const FolderRecord &f : folders)
            page.append(f.toJson());
        if (type == QLatin1String("folder"))
            return ApiResponse::json(page);
        const qint64 folderCount = store.countFolders(folder);
        fileSkip = int(qMax<qint64>(0, skip - folderCount));
        fileLimit = limit - int(page.size());
    }
    if (fileLimit > 0) {
        FileListQuery query;
        query.currentVersions = (type != QLatin1String("file-version"));
        query.folder = folder;
        query.fileType = fileType;
        query.sortColumn = sort->column;
        query.descending = sort->descending;
        query.skip = fileSkip;
        query.limit = fileLimit;
        const QString tags = request.queryValue(QStringLiteral("tags"));
        if (!tags.trimmed().isEmpty()) {
            const QStringList parts = tags.split(QLatin1Char(','));
            for (const QString &t : parts) {
                if (!t.trimmed().isEmpty())
                    query.anyOfTags.append(t.trimmed());
            }
        }
        query.exactName = request.queryValue(QStringLiteral("name"));
        const QList<FileRecord> files = store.listFiles(query);
        for (const FileRecord &f : files)
            page.append(fileJson(f));
    }
    return ApiResponse::json(page);
}

// ---------------------------------------------------------------- single files

ApiResponse ManagementApi::fileDetails(const QString &fileId)
{
    const std::optional<FileRecord> file = m_context.store->currentFile(fileId);
    if (!file)
        return fileNotFound();
    return ApiResponse::json(fileJson(*file));
}

ApiResponse ManagementApi::updateFile(const QString &fileId, const QJsonObject &body)
{
    MediaStore &store = *m_context.store;
    std::optional<FileRecord> file = store.currentFile(fileId);
    if (!file)
        return fileNotFound();
    if (m_context.jobs->isLocked(file->folder))
        return lockedFolder();
    const qint64 now = m_context.nowMs();

    if (body.contains(QStringLiteral("publish"))) {
        if (body.size() > 1)
            return ApiResponse::error(400, QStringLiteral("The publish parameter cannot be combined with other update "
                                                          "parameters in the same request."));
        const QJsonObject publish = body.value(QStringLiteral("publish")).toObject();
        if (!publish.value(QStringLiteral("isPublished")).isBool())
            return ApiResponse::error(400, QStringLiteral("Your request contains invalid publish parameter: "
                                                          "publish.isPublished must be true or false."));
        const bool published = publish.value(QStringLiteral("isPublished")).toBool();
        const bool allVersions = publish.value(QStringLiteral("includeFileVersions")).toBool();
        store.beginTransaction();
        const QList<FileRecord> versions = allVersions ? store.versions(fileId) : QList<FileRecord>{*file};
        bool ok = true;
        for (FileRecord v : versions) {
            v.isPublished = published;
            v.updatedAt = now;
            ok = ok && store.updateFile(v);
        }
        if (!ok || !store.commit()) {
            store.rollback();
            return ApiResponse::error(500, store.lastError());
        }
        return ApiResponse::json(fileJson(*store.currentFile(fileId)));
    }

    FileRecord updated = *file;
    if (body.contains(QStringLiteral("removeAITags"))) {
        const QJsonValue v = body.value(QStringLiteral("removeAITags"));
        if (v.isString() && v.toString() == QLatin1String("all")) {
            updated.aiTags = QJsonArray();
        } else if (const std::optional<QStringList> names = stringArray(v)) {
            QJsonArray kept;
            for (const QJsonValue &tag : std::as_const(updated.aiTags)) {
                if (!names->contains(tag.toObject().value(QStringLiteral("name")).toString()))
                    kept.append(tag);
            }
            updated.aiTags = kept;
        } else {
            return ApiResponse::error(400, QStringLiteral("Your request contains invalid removeAITags parameter: it "
                                                          "should be an array of strings or \"all\"."));
        }
    }
    if (body.contains(QStringLiteral("tags"))) {
        const QJsonValue v = body.value(QStringLiteral("tags"));
        if (v.isNull()) {
            updated.tags.clear();
        } else if (const std::optional<QStringList> tags = stringArray(v)) {
            updated.tags = *tags;
        } else {
            return ApiResponse::error(400, QStringLiteral("Your request contains invalid tags parameter: it should be "
                                                          "an array of strings or null."));
        }
    }
    if (body.contains(QStringLiteral("customCoordinates"))) {
        const QJsonValue v = body.value(QStringLiteral("customCoordinates"));
        if (v.isNull()) {
            updated.customCoordinates = QString();
        } else if (v.isString() && (v.toString().isEmpty() || UploadService::isValidCustomCoordinates(v.toString()))) {
            updated.customCoordinates = v.toString();
        } else {
            return ApiResponse::error(400, QStringLiteral("Your request contains invalid customCoordinates parameter: "
                                                          "it should be \"x,y,width,height\" or null."));
        }
    }
    if (body.contains(QStringLiteral("description"))) {
        const QJsonValue v = body.value(QStringLiteral("description"));
        if (!v.isString() && !v.isNull())
            return ApiResponse::error(400, QStringLiteral("Your request contains invalid description parameter."));
        updated.description = v.toString();
    }
    if (body.contains(QStringLiteral("customMetadata"))) {
        const QJsonValue v = body.value(QStringLiteral("customMetadata"));
        if (!v.isObject())
            return ApiResponse::error(400, QStringLiteral("Your request contains invalid customMetadata parameter: it "
                                                          "should be an object."));
        const QJsonObject changes = v.toObject();
        const ValidationResult validation =
            CustomMetadataSchema::validateValues(changes, m_context.customMetadataFields(false));
        if (!validation.ok)
            return ApiResponse::json(validation.toErrorBody(), 400);
        for (auto it = changes.begin(); it != changes.end(); ++it) {
            if (it.value().isNull())
                updated.customMetadata.remove(it.key());
            else
                updated.customMetadata.insert(it.key(), it.value());
        }
    }
    if (body.contains(QStringLiteral("extensions")) && !body.value(QStringLiteral("extensions")).isArray())
        return ApiResponse::error(400, QStringLiteral("Your request contains invalid extensions parameter: it should be an array."));
    updated.updatedAt = now;
    if (!store.updateFile(updated))
        return ApiResponse::error(500, store.lastError());
    QJsonObject result = fileJson(updated);
    const QJsonArray extensions = body.value(QStringLiteral("extensions")).toArray();
    if (!extensions.isEmpty()) {
        // No AI service runs offline: report every requested extension as failed, honestly.
        QJsonObject status;
        for (const QJsonValue &e : extensions)
            status.insert(e.toObject().value(QStringLiteral("name")).toString(), QStringLiteral("failed"));
        result.insert(QStringLiteral("extensionStatus"), status);
    }
    return ApiResponse::json(result);
}

ApiResponse ManagementApi::deleteFile(const QString &fileId)
{
    MediaStore &store = *m_context.store;
    const std::optional<FileRecord> file = store.currentFile(fileId);
    if (!file)
        return fileNotFound();
    if (m_context.jobs->isLocked(file->folder))
        return lockedFolder();
    if (!store.deleteFile(fileId))
        return ApiResponse::error(500, store.lastError());
    store.removeOrphanedBlobs();
    return ApiResponse::noContent();
}

ApiResponse ManagementApi::bulkDelete(const QJsonObject &body)
{
    if (!body.contains(QStringLiteral("fileIds")))
        return ApiResponse::error(400, QStringLiteral("fileIds parameter is missing."));
    const std::optional<QStringList> ids = stringArray(body.value(QStringLiteral("fileIds")));
    if (!ids)
        return ApiResponse::error(400, QStringLiteral("fileIds should be an Array."));
    if (ids->isEmpty())
        return ApiResponse::error(400, QStringLiteral("fileIds is empty."));
    if (ids->size() > 100)
        return ApiResponse::error(400, QStringLiteral("fileIds cannot have more than 100 items."));
    MediaStore &store = *m_context.store;
    QJsonArray missing;
    QJsonArray deleted;
    QJsonArray errors;
    store.beginTransaction();
    for (const QString &id : *ids) {
        const std::optional<FileRecord> file = store.currentFile(id);
        if (!file) {
            missing.append(id);
            errors.append(QJsonObject{{QStringLiteral("fileId"), id}, {QStringLiteral("error"), QStringLiteral("File not found.")}});
        } else if (m_context.jobs->isLocked(file->folder)) {
            errors.append(QJsonObject{{QStringLiteral("fileId"), id},
                                      {QStringLiteral("error"), QStringLiteral("The file's folder is locked by a running bulk job.")}});
        } else if (store.deleteFile(id)) {
            deleted.append(id);
        } else {
            errors.append(QJsonObject{{QStringLiteral("fileId"), id}, {QStringLiteral("error"), store.lastError()}});
        }
    }
    store.commit();
    store.removeOrphanedBlobs();
    return fileBatchResponse(QStringLiteral("successfullyDeletedFileIds"), deleted, missing, errors);
}

ApiResponse ManagementApi::copyFile(const QJsonObject &body)
{
    const std::optional<QString> source = stringMember(body, QStringLiteral("sourceFilePath"));
    const std::optional<QString> destination = stringMember(body, QStringLiteral("destinationPath"));
    if (!source || source->isEmpty())
        return missingParameter(QStringLiteral("sourceFilePath"));
    if (!destination || destination->isEmpty())
        return missingParameter(QStringLiteral("destinationPath"));
    const QString folder = LibraryPaths::normalizeFolder(*destination);
    if (folder.isEmpty())
        return withReason(400, QStringLiteral("INVALID_FOLDER_PATH"), QStringLiteral("destinationPath is not a valid folder path."));
    MediaStore &store = *m_context.store;
    const QString sourcePath = LibraryPaths::normalizeFolder(*source);
    const std::optional<FileRecord> file = store.currentFileAt(sourcePath);
    if (!file)
        return withReason(404, QStringLiteral("SOURCE_FILE_MISSING"), QStringLiteral("No file found with filePath `%1`.").arg(*source));
    if (file->folder == folder)
        return withReason(400, QStringLiteral("SAME_SOURCE_AND_DESTINATION"),
                          QStringLiteral("The file is already in %1: source and destination are the same.").arg(folder));
    if (m_context.jobs->isLocked(folder) || m_context.jobs->isLocked(file->folder))
        return lockedFolder();
    LibraryOperations operations(store);
    store.beginTransaction();
    if (!operations.copyFileInto(*file, folder, body.value(QStringLiteral("includeFileVersions")).toBool(), m_context.nowMs())
        || !store.commit()) {
        store.rollback();
        return ApiResponse::error(500, store.lastError());
    }
    return ApiResponse::noContent();
}

ApiResponse ManagementApi::moveFile(const QJsonObject &body)
{
    const std::optional<QString> source = stringMember(body, QStringLiteral("sourceFilePath"));
    const std::optional<QString> destination = stringMember(body, QStringLiteral("destinationPath"));
    if (!source || source->isEmpty())
        return missingParameter(QStringLiteral("sourceFilePath"));
    if (!destination || destination->isEmpty())
        return missingParameter(QStringLiteral("destinationPath"));
    const QString folder = LibraryPaths::normalizeFolder(*destination);
    if (folder.isEmpty())
        return withReason(400, QStringLiteral("INVALID_FOLDER_PATH"), QStringLiteral("destinationPath is not a valid folder path."));
    MediaStore &store = *m_context.store;
    const std::optional<FileRecord> file = store.currentFileAt(LibraryPaths::normalizeFolder(*source));
    if (!file)
        return withReason(404, QStringLiteral("SOURCE_FILE_MISSING"), QStringLiteral("No file found with filePath `%1`.").arg(*source));
    if (file->folder == folder)
        return withReason(400, QStringLiteral("SAME_SOURCE_AND_DESTINATION"),
                          QStringLiteral("The file is already in %1: source and destination are the same.").arg(folder));
    if (m_context.jobs->isLocked(folder) || m_context.jobs->isLocked(file->folder))
        return lockedFolder();
    LibraryOperations operations(store);
    store.beginTransaction();
    if (!operations.moveFileInto(*file, folder, m_context.nowMs()) || !store.commit()) {
        store.rollback();
        return ApiResponse::error(500, store.lastError());
    }
    return ApiResponse::noContent();
}

ApiResponse ManagementApi::renameFile(const QJsonObject &body)
{
    const std::optional<QString> filePath = stringMember(body, QStringLiteral("filePath"));
    const std::optional<QString> newName = stringMember(body, QStringLiteral("newFileName"));
    if (!filePath || filePath->isEmpty())
        return missingParameter(QStringLiteral("filePath"));
    if (!newName || newName->trimmed().isEmpty())
        return missingParameter(QStringLiteral("newFileName"));
    MediaStore &store = *m_context.store;
    const std::optional<FileRecord> file = store.currentFileAt(LibraryPaths::normalizeFolder(*filePath));
    if (!file)
        return withReason(404, QStringLiteral("FILE_MISSING"),
                          QStringLiteral("No file found in media library at filePath %1").arg(*filePath));
    const QString name = LibraryPaths::sanitizeFileName(newName->trimmed());
    if (name == file->name)
        return withReason(400, QStringLiteral("SAME_OLD_AND_NEW_NAME"),
                          QStringLiteral("newFileName cannot be the same as its existing name."));
    if (store.currentFileAt(LibraryPaths::join(file->folder, name)))
        return withReason(409, QStringLiteral("FILE_ALREADY_EXISTS"),
                          QStringLiteral("File with name %1 already exists at the same location.").arg(name));
    if (m_context.jobs->isLocked(file->folder))
        return lockedFolder();
    const QString oldUrl = m_context.deliveryBase() + file->filePath();
    const qint64 now = m_context.nowMs();
    store.beginTransaction();
    bool ok = true;
    const QList<FileRecord> versions = store.versions(file->fileId);
    for (FileRecord v : versions) {
        v.name = name;
        v.updatedAt = now;
        ok = ok && store.updateFile(v);
    }
    if (!ok || !store.commit()) {
        store.rollback();
        return ApiResponse::error(500, store.lastError());
    }
    QJsonObject result;
    if (body.value(QStringLiteral("purgeCache")).toBool())
        result.insert(QStringLiteral("purgeRequestId"), createPurgeRequest(oldUrl + QLatin1Char('*')));
    return ApiResponse::json(result);
}

// ---------------------------------------------------------------- versions

ApiResponse ManagementApi::listVersions(const QString &fileId)
{
    const QList<FileRecord> versions = m_context.store->versions(fileId);
    if (versions.isEmpty())
        return fileNotFound();
    QJsonArray out;
    for (const FileRecord &v : versions)
        out.append(fileJson(v));
    return ApiResponse::json(out);
}

ApiResponse ManagementApi::versionDetails(const QString &fileId, const QString &versionId)
{
    const std::optional<FileRecord> version = m_context.store->fileVersion(fileId, versionId);
    if (!version)
        return ApiResponse::error(404, QStringLiteral("The requested file version does not exist."));
    return ApiResponse::json(fileJson(*version));
}

ApiResponse ManagementApi::deleteVersion(const QString &fileId, const QString &versionId)
{
    MediaStore &store = *m_context.store;
    const std::optional<FileRecord> version = store.fileVersion(fileId, versionId);
    if (!version)
        return ApiResponse::error(404, QStringLiteral("The requested file version does not exist."));
    if (version->isCurrent)
        return ApiResponse::error(400, QStringLiteral("You cannot delete current version of a file."));
    if (!store.deleteVersion(versionId))
        return ApiResponse::error(500, store.lastError());
    store.removeOrphanedBlobs();
    return ApiResponse::noContent();
}

ApiResponse ManagementApi::restoreVersion(const QString &fileId, const QString &versionId)
{
    MediaStore &store = *m_context.store;
    const std::optional<FileRecord> version = store.fileVersion(fileId, versionId);
    if (!version)
        return ApiResponse::error(404, QStringLiteral("The requested file version does not exist."));
    if (version->isCurrent)
        return ApiResponse::json(fileJson(*version));
    std::optional<FileRecord> current = store.currentFile(fileId);
    if (current && m_context.jobs->isLocked(current->folder))
        return lockedFolder();
    store.beginTransaction();
    bool ok = true;
    if (current) {
        current->isCurrent = false;
        ok = store.updateFile(*current);
    }
    FileRecord restored = *version;
    restored.isCurrent = true;
    restored.updatedAt = m_context.nowMs();
    ok = ok && store.updateFile(restored) && store.commit();
    if (!ok) {
        store.rollback();
        return ApiResponse::error(500, store.lastError());
    }
    return ApiResponse::json(fileJson(restored));
}

// ---------------------------------------------------------------- bulk tags

ApiResponse ManagementApi::bulkTags(TagOperation operation, const QJsonObject &body)
{
    if (!body.contains(QStringLiteral("fileIds")))
        return ApiResponse::error(400, QStringLiteral("fileIds parameter is missing."));
    const std::optional<QStringList> ids = stringArray(body.value(QStringLiteral("fileIds")));
    if (!ids)
        return ApiResponse::error(400, QStringLiteral("fileIds should be an Array."));
    if (ids->isEmpty())
        return ApiResponse::error(400, QStringLiteral("fileIds is empty."));
    if (ids->size() > 50)
        return ApiResponse::error(400, QStringLiteral("A maximum of 50 files can be edited at a time."));
    const QString tagsKey = operation == TagOperation::RemoveAITags ? QStringLiteral("AITags") : QStringLiteral("tags");
    if (!body.contains(tagsKey))
        return ApiResponse::error(400, QStringLiteral("%1 parameter is missing.").arg(tagsKey));
    const std::optional<QStringList> tags = stringArray(body.value(tagsKey));
    if (!tags)
        return ApiResponse::error(400, QStringLiteral("%1 should be an Array of strings.").arg(tagsKey));
    if (tags->isEmpty())
        return ApiResponse::error(400, QStringLiteral("%1 array cannot be empty.").arg(tagsKey));
    for (const QString &t : *tags) {
        if (t.contains(QLatin1Char('%')))
            return ApiResponse::error(400, QStringLiteral("Your request contains invalid value for tags parameter: "
                                                          "tags cannot contain %."));
    }
    MediaStore &store = *m_context.store;
    const qint64 now = m_context.nowMs();
    QJsonArray missing;
    QJsonArray updatedIds;
    QJsonArray errors;
    store.beginTransaction();
    for (const QString &id : *ids) {
        std::optional<FileRecord> file = store.currentFile(id);
        if (!file) {
            missing.append(id);
            errors.append(QJsonObject{{QStringLiteral("fileId"), id}, {QStringLiteral("error"), QStringLiteral("File not found.")}});
            continue;
        }
        if (operation == TagOperation::AddTags) {
            QStringList combined = file->tags;
            for (const QString &t : *tags) {
                if (!combined.contains(t))
                    combined.append(t);
            }
            qsizetype length = 0;
            for (const QString &t : std::as_const(combined))
                length += t.size();
            if (length > 500) {
                errors.append(QJsonObject{{QStringLiteral("fileId"), id},
                                          {QStringLiteral("error"), QStringLiteral("Combined length of all tags should be "
                                                                                   "less than or equal to 500.")}});
                continue;
            }
            file->tags = combined;
        } else if (operation == TagOperation::RemoveTags) {
            for (const QString &t : *tags)
                file->tags.removeAll(t);
        } else {
            QJsonArray kept;
            for (const QJsonValue &ai : std::as_const(file->aiTags)) {
                if (!tags->contains(ai.toObject().value(QStringLiteral("name")).toString()))
                    kept.append(ai);
            }
            file->aiTags = kept;
        }
        file->updatedAt = now;
        if (store.updateFile(*file))
            updatedIds.append(id);
        else
            errors.append(QJsonObject{{QStringLiteral("fileId"), id}, {QStringLiteral("error"), store.lastError()}});
    }
    store.commit();
    return fileBatchResponse(QStringLiteral("successfullyUpdatedFileIds"), updatedIds, missing, errors);
}

// ---------------------------------------------------------------- folders and jobs

ApiResponse ManagementApi::createFolder(const QJsonObject &body)
{
    const std::optional<QString> folderName = stringMember(body, QStringLiteral("folderName"));
    if (!folderName || folderName->trimmed().isEmpty())
        return missingParameter(QStringLiteral("folderName"));
    const QString rawName = folderName->trimmed();
    if (rawName == QLatin1String(".") || rawName == QLatin1String(".."))
        return withReason(400, QStringLiteral("INVALID_FOLDER_PATH"), QStringLiteral("'.' & '..' can not be used as folder-name"));
    const QString parent = LibraryPaths::normalizeFolder(body.value(QStringLiteral("parentFolderPath")).toString(QStringLiteral("/")));
    if (parent.isEmpty())
        return withReason(400, QStringLiteral("INVALID_FOLDER_PATH"), QStringLiteral("'.' & '..' can not be used as folder-name"));
    const QString path = LibraryPaths::join(parent, LibraryPaths::sanitizeFolderName(rawName, false));
    if (m_context.jobs->isLocked(path))
        return lockedFolder();
    MediaStore &store = *m_context.store;
    store.beginTransaction();
    if (!store.ensureFolder(path, m_context.nowMs()) || !store.commit()) {
        store.rollback();
        return ApiResponse::error(500, store.lastError());
    }
    return ApiResponse::json(QJsonObject(), 201);
}

ApiResponse ManagementApi::deleteFolder(const QJsonObject &body)
{
    const std::optional<QString> folderPath = stringMember(body, QStringLiteral("folderPath"));
    if (!folderPath || folderPath->trimmed().isEmpty())
        return missingParameter(QStringLiteral("folderPath"));
    const QString path = LibraryPaths::normalizeFolder(*folderPath);
    if (path.isEmpty() || path == QLatin1String("/"))
        return withReason(400, QStringLiteral("INVALID_FOLDER_PATH"), QStringLiteral("The root folder cannot be deleted."));
    MediaStore &store = *m_context.store;
    if (!store.folderExists(path))
        return withReason(404, QStringLiteral("FOLDER_NOT_FOUND"), QStringLiteral("No folder found with folderPath `%1`.").arg(*folderPath));
    if (m_context.jobs->isLocked(path))
        return lockedFolder();
    if (store.countInside(path) > 100000)
        return withReason(400, QStringLiteral("TOO_MANY_OBJECTS"),
                          QStringLiteral("Total nested assets (files, folders and file versions) are more than allowed limit of 100000 items."));
    store.beginTransaction();
    if (!store.deleteFolderTree(path) || !store.commit()) {
        store.rollback();
        return ApiResponse::error(500, store.lastError());
    }
    store.removeOrphanedBlobs();
    return ApiResponse::noContent();
}

ApiResponse ManagementApi::copyOrMoveFolder(bool move, const QJsonObject &body)
{
    const std::optional<QString> sourceText = stringMember(body, QStringLiteral("sourceFolderPath"));
    const std::optional<QString> destinationText = stringMember(body, QStringLiteral("destinationPath"));
    if (!sourceText || sourceText->trimmed().isEmpty())
        return missingParameter(QStringLiteral("sourceFolderPath"));
    if (!destinationText || destinationText->trimmed().isEmpty())
        return missingParameter(QStringLiteral("destinationPath"));
    const QString source = LibraryPaths::normalizeFolder(*sourceText);
    const QString destination = LibraryPaths::normalizeFolder(*destinationText);
    if (source.isEmpty() || destination.isEmpty())
        return withReason(400, QStringLiteral("INVALID_FOLDER_PATH"), QStringLiteral("'.' & '..' can not be used in folder paths."));
    if (source == QLatin1String("/"))
        return withReason(400, QStringLiteral("SOURCE_IS_ROOT"), QStringLiteral("sourceFolderPath cannot be the root folder."));
    if (source == destination)
        return withReason(400, QStringLiteral("SAME_SOURCE_AND_DESTINATION"), QStringLiteral("sourceFolderPath and destinationPath is same"));
    if (LibraryPaths::isSameOrInside(destination, source))
        return withReason(400, QStringLiteral("INVALID_DESTINATION_PATH"),
                          QStringLiteral("This operation is not allowed because parent folder cannot be %1 into child folder.")
                              .arg(move ? QStringLiteral("moved") : QStringLiteral("copied")));
    if (move && LibraryPaths::folderOf(source) == destination)
        return withReason(400, QStringLiteral("SAME_SOURCE_AND_DESTINATION"),
                          QStringLiteral("The folder is already inside %1.").arg(destination));
    MediaStore &store = *m_context.store;
    if (!store.folderExists(source))
        return withReason(404, QStringLiteral("NO_FILES_FOLDER"),
                          QStringLiteral("No files & folder found at sourceFolderPath `%1`.").arg(*sourceText));
    if (store.countInside(source) > 100000)
        return withReason(400, QStringLiteral("TOO_MANY_OBJECTS"),
                          QStringLiteral("Total nested assets (files, folders and file versions) are more than allowed limit of 100000 items."));
    if (m_context.jobs->isLocked(source))
        return lockedFolder();
    if (m_context.jobs->isLocked(destination))
        return ApiResponse::error(423, QStringLiteral("Destination folder path is already locked. Please try after sometime."));
    QJsonObject parameters{{QStringLiteral("sourceFolderPath"), source}, {QStringLiteral("destinationPath"), destination}};
    if (!move) {
        // The spec names it includeVersions; the Python SDK sends includeFileVersions.
        parameters.insert(QStringLiteral("includeVersions"), body.value(QStringLiteral("includeVersions")).toBool()
                                                                 || body.value(QStringLiteral("includeFileVersions")).toBool());
    }
    const QString jobId = m_context.jobs->submit(move ? QStringLiteral("MOVE_FOLDER") : QStringLiteral("COPY_FOLDER"),
                                                 parameters, {source, destination});
    if (jobId.isEmpty())
        return ApiResponse::error(500, store.lastError());
    return ApiResponse::json(QJsonObject{{QStringLiteral("jobId"), jobId}});
}

ApiResponse ManagementApi::renameFolder(const QJsonObject &body)
{
    const std::optional<QString> folderText = stringMember(body, QStringLiteral("folderPath"));
    const std::optional<QString> newNameText = stringMember(body, QStringLiteral("newFolderName"));
    if (!folderText || folderText->trimmed().isEmpty())
        return ApiResponse::error(400, QStringLiteral("folderPath parameter is missing."));
    if (!newNameText || newNameText->trimmed().isEmpty())
        return ApiResponse::error(400, QStringLiteral("newFolderName parameter is missing."));
    const QString folder = LibraryPaths::normalizeFolder(*folderText);
    if (folder.isEmpty())
        return ApiResponse::error(400, QStringLiteral("folderPath is not a valid folder path."));
    if (folder == QLatin1String("/"))
        return ApiResponse::error(400, QStringLiteral("folderPath cannot be root."));
    MediaStore &store = *m_context.store;
    if (!store.folderExists(folder))
        return ApiResponse::error(404, QStringLiteral("Source folder not found."));
    const QString newName = LibraryPaths::sanitizeFolderName(*newNameText, true);
    const QString target = LibraryPaths::join(LibraryPaths::folderOf(folder), newName);
    if (target == folder)
        return ApiResponse::error(400, QStringLiteral("newFolderName cannot be the same as the current name."));
    if (store.folderExists(target))
        return ApiResponse::error(409, QStringLiteral("Folder with name %1 already exists at the same location.").arg(newName));
    if (m_context.jobs->isLocked(folder) || m_context.jobs->isLocked(target))
        return lockedFolder();
    QString purgeId;
    if (body.value(QStringLiteral("purgeCache")).toBool())
        purgeId = createPurgeRequest(m_context.deliveryBase() + folder + QStringLiteral("*"));
    const QString jobId = m_context.jobs->submit(QStringLiteral("RENAME_FOLDER"),
                                                 QJsonObject{{QStringLiteral("folderPath"), folder},
                                                             {QStringLiteral("newFolderName"), newName}},
                                                 {folder, target}, purgeId);
    if (jobId.isEmpty())
        return ApiResponse::error(500, store.lastError());
    return ApiResponse::json(QJsonObject{{QStringLiteral("jobId"), jobId}}, 202);
}

ApiResponse ManagementApi::jobStatus(const QString &jobId)
{
    const std::optional<JobRecord> job = m_context.store->job(jobId);
    if (!job)
        return ApiResponse::error(404, QStringLiteral("The requested job does not exist."));
    QJsonObject result{{QStringLiteral("jobId"), job->jobId},
                       {QStringLiteral("type"), job->type},
                       {QStringLiteral("status"), job->status}};
    if (!job->purgeRequestId.isEmpty())
        result.insert(QStringLiteral("purgeRequestId"), job->purgeRequestId);
    return ApiResponse::json(result);
}

// ---------------------------------------------------------------- purge and metadata

QString ManagementApi::createPurgeRequest(const QString &url)
{
    const QString id = newObjectId();
    const qint64 now = m_context.nowMs();
    m_context.store->insertPurge(id, url, now, now + m_context.config.purgeDelayMs);
    return id;
}

ApiResponse ManagementApi::purge(const QJsonObject &body)
{
    const std::optional<QString> url = stringMember(body, QStringLiteral("url"));
    if (!url || url->trimmed().isEmpty())
        return ApiResponse::error(400, QStringLiteral("Your request is missing the url parameter."));
    const QUrl parsed(url->trimmed());
    if (!parsed.isValid() || (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https"))
        || parsed.host().isEmpty())
        return ApiResponse::error(400, QStringLiteral("Your request contains invalid url parameter: %1 is not an http(s) URL.").arg(*url));
    return ApiResponse::json(QJsonObject{{QStringLiteral("requestId"), createPurgeRequest(url->trimmed())}}, 201);
}

ApiResponse ManagementApi::purgeStatus(const QString &requestId)
{
    const std::optional<qint64> completesAt = m_context.store->purgeCompletesAt(requestId);
    if (!completesAt)
        return ApiResponse::error(404, QStringLiteral("The requested purge request does not exist."));
    return ApiResponse::json(QJsonObject{
        {QStringLiteral("status"), m_context.nowMs() >= *completesAt ? QStringLiteral("Completed") : QStringLiteral("Pending")}});
}

ApiResponse ManagementApi::fileMetadata(const QString &fileId)
{
    const std::optional<FileRecord> file = m_context.store->currentFile(fileId);
    if (!file)
        return fileNotFound();
    const std::optional<QByteArray> bytes = m_context.store->readBlob(file->blobId);
    if (!bytes)
        return ApiResponse::error(500, QStringLiteral("The bytes of this file are missing from the data directory."));
    return ApiResponse::json(metadataJson(inspectImage(*bytes, file->name), bytes->size()));
}

ApiResponse ManagementApi::urlMetadata(const ApiRequest &request)
{
    const QString url = request.queryValue(QStringLiteral("url")).trimmed();
    if (url.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Your request is missing the url parameter."));
    const std::optional<ApiResponse> rendered = m_delivery.renderOwnUrl(url);
    if (!rendered)
        return ApiResponse::error(400, QStringLiteral("The emulator has no internet access: only URLs it serves itself "
                                                      "(%1/...) can be inspected, not %2.").arg(m_context.deliveryBase(), url));
    if (rendered->status != 200)
        return *rendered;
    return ApiResponse::json(metadataJson(inspectImage(rendered->body, QUrl(url).fileName()), rendered->body.size()));
}

// ---------------------------------------------------------------- custom metadata fields

ApiResponse ManagementApi::createCustomField(const QJsonObject &body)
{
    const ValidationResult validation = CustomMetadataSchema::validateFieldDefinition(body, false);
    if (!validation.ok)
        return ApiResponse::json(validation.toErrorBody(), 400);
    MediaStore &store = *m_context.store;
    const QString name = body.value(QStringLiteral("name")).toString();
    const QString label = body.value(QStringLiteral("label")).toString();
    if (store.customFieldByName(name))
        return ApiResponse::error(400, CustomMetadataMessages::nameAlreadyExists());
    const QList<CustomFieldRecord> existing = store.customFields(false);
    for (const CustomFieldRecord &f : existing) {
        if (f.label == label)
            return ApiResponse::error(400, CustomMetadataMessages::labelAlreadyExists());
    }
    const CustomMetadataField field = CustomMetadataField::fromCreateBody(newObjectId(), body);
    CustomFieldRecord record{field.id, field.name, field.label, field.schema.toJson(), false};
    if (!store.saveCustomField(record))
        return ApiResponse::error(500, store.lastError());
    return ApiResponse::json(field.toJson(), 201);
}

ApiResponse ManagementApi::listCustomFields(const ApiRequest &request)
{
    const bool includeDeleted = request.queryValue(QStringLiteral("includeDeleted")).compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    QJsonArray out;
    const QList<CustomFieldRecord> fields = m_context.store->customFields(includeDeleted);
    for (const CustomFieldRecord &f : fields)
        out.append(f.toJson());
    return ApiResponse::json(out);
}

ApiResponse ManagementApi::updateCustomField(const QString &id, const QJsonObject &body)
{
    MediaStore &store = *m_context.store;
    const std::optional<CustomFieldRecord> record = store.customField(id);
    if (!record)
        return ApiResponse::error(404, CustomMetadataMessages::noSuchField());
    if (record->deleted)
        return ApiResponse::error(404, CustomMetadataMessages::cannotUpdateDeleted());
    const std::optional<CustomMetadataField> field = CustomMetadataField::fromJson(record->toJson());
    if (!field)
        return ApiResponse::error(500, QStringLiteral("The stored definition of this field cannot be read."));
    const ValidationResult validation = field->validateFieldUpdate(body);
    if (!validation.ok)
        return ApiResponse::json(validation.toErrorBody(), 400);
    const CustomMetadataField updated = field->withUpdate(body);
    if (updated.label != record->label) {
        const QList<CustomFieldRecord> existing = store.customFields(false);
        for (const CustomFieldRecord &f : existing) {
            if (f.id != id && f.label == updated.label)
                return ApiResponse::error(400, CustomMetadataMessages::labelAlreadyExists());
        }
    }
    if (!store.saveCustomField(CustomFieldRecord{updated.id, updated.name, updated.label, updated.schema.toJson(), false}))
        return ApiResponse::error(500, store.lastError());
    return ApiResponse::json(updated.toJson());
}

ApiResponse ManagementApi::deleteCustomField(const QString &id)
{
    MediaStore &store = *m_context.store;
    std::optional<CustomFieldRecord> record = store.customField(id);
    if (!record || record->deleted)
        return ApiResponse::error(404, CustomMetadataMessages::noSuchField());
    record->deleted = true;
    if (!store.saveCustomField(*record))
        return ApiResponse::error(500, store.lastError());
    return ApiResponse::noContent();
}

} // namespace ikemu
