#include "store/mediastore.h"

#include "store/librarypaths.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>
#include <QVariant>

#include <utility>

namespace ikemu {

namespace {

const char kAssetColumns[] =
    "version_id, file_id, is_current, version_number, folder, name, file_path, file_type, mime, format, "
    "size, width, height, has_alpha, has_transparency, phash, tags, ai_tags, custom_coordinates, "
    "custom_metadata, embedded_metadata, description, is_private, is_published, blob, created_at, updated_at";

QString toJsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString toJsonText(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QJsonObject objectFromText(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QJsonArray arrayFromText(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).array();
}

FileRecord recordFrom(const QSqlQuery &q)
{
    FileRecord r;
    r.versionId = q.value(0).toString();
    r.fileId = q.value(1).toString();
    r.isCurrent = q.value(2).toInt() != 0;
    r.versionNumber = q.value(3).toInt();
    r.folder = q.value(4).toString();
    r.name = q.value(5).toString();
    r.fileType = q.value(7).toString();
    r.mime = q.value(8).toString();
    r.format = q.value(9).toString();
    r.size = q.value(10).toLongLong();
    r.width = q.value(11).toInt();
    r.height = q.value(12).toInt();
    r.hasAlpha = q.value(13).toInt() != 0;
    r.hasTransparency = q.value(14).toInt() != 0;
    r.pHash = q.value(15).toString();
    const QJsonArray tags = arrayFromText(q.value(16).toString());
    for (const QJsonValue &t : tags)
        r.tags.append(t.toString());
    r.aiTags = arrayFromText(q.value(17).toString());
    r.customCoordinates = q.value(18).isNull() ? QString() : q.value(18).toString();
    if (!q.value(18).isNull() && r.customCoordinates.isNull())
        r.customCoordinates = QLatin1String("");
    r.customMetadata = objectFromText(q.value(19).toString());
    r.embeddedMetadata = objectFromText(q.value(20).toString());
    r.description = q.value(21).toString();
    r.isPrivate = q.value(22).toInt() != 0;
    r.isPublished = q.value(23).toInt() != 0;
    r.blobId = q.value(24).toString();
    r.createdAt = q.value(25).toLongLong();
    r.updatedAt = q.value(26).toLongLong();
    return r;
}

void bindRecord(QSqlQuery &q, const FileRecord &r)
{
    q.bindValue(QStringLiteral(":version_id"), r.versionId);
    q.bindValue(QStringLiteral(":file_id"), r.fileId);
    q.bindValue(QStringLiteral(":is_current"), r.isCurrent ? 1 : 0);
    q.bindValue(QStringLiteral(":version_number"), r.versionNumber);
    q.bindValue(QStringLiteral(":folder"), r.folder);
    q.bindValue(QStringLiteral(":name"), r.name);
    q.bindValue(QStringLiteral(":file_path"), r.filePath());
    q.bindValue(QStringLiteral(":file_type"), r.fileType);
    q.bindValue(QStringLiteral(":mime"), r.mime);
    q.bindValue(QStringLiteral(":format"), r.format);
    q.bindValue(QStringLiteral(":size"), r.size);
    q.bindValue(QStringLiteral(":width"), r.width);
    q.bindValue(QStringLiteral(":height"), r.height);
    q.bindValue(QStringLiteral(":has_alpha"), r.hasAlpha ? 1 : 0);
    q.bindValue(QStringLiteral(":has_transparency"), r.hasTransparency ? 1 : 0);
    q.bindValue(QStringLiteral(":phash"), r.pHash);
    q.bindValue(QStringLiteral(":tags"), toJsonText(QJsonArray::fromStringList(r.tags)));
    q.bindValue(QStringLiteral(":ai_tags"), toJsonText(r.aiTags));
    q.bindValue(QStringLiteral(":custom_coordinates"),
                r.customCoordinates.isNull() ? QVariant() : QVariant(r.customCoordinates));
    q.bindValue(QStringLiteral(":custom_metadata"), toJsonText(r.customMetadata));
    q.bindValue(QStringLiteral(":embedded_metadata"), toJsonText(r.embeddedMetadata));
    q.bindValue(QStringLiteral(":description"), r.description);
    q.bindValue(QStringLiteral(":is_private"), r.isPrivate ? 1 : 0);
    q.bindValue(QStringLiteral(":is_published"), r.isPublished ? 1 : 0);
    q.bindValue(QStringLiteral(":blob"), r.blobId);
    q.bindValue(QStringLiteral(":created_at"), r.createdAt);
    q.bindValue(QStringLiteral(":updated_at"), r.updatedAt);
}

FolderRecord folderFrom(const QSqlQuery &q)
{
    FolderRecord f;
    f.folderId = q.value(0).toString();
    f.path = q.value(1).toString();
    f.createdAt = q.value(2).toLongLong();
    f.updatedAt = q.value(3).toLongLong();
    f.customMetadata = objectFromText(q.value(4).toString());
    return f;
}

const char kFolderColumns[] = "folder_id, path, created_at, updated_at, custom_metadata";

// The SQL condition "folder is `:root` or below it", without LIKE (names may hold % and _).
QString subtreeCondition(const QString &column)
{
    return QStringLiteral("(%1 = :root OR substr(%1, 1, length(:root) + 1) = :root || '/')").arg(column);
}

} // namespace

QJsonObject CustomFieldRecord::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("label"), label},
                       {QStringLiteral("schema"), schema}};
}

MediaStore::MediaStore(QString dataDir)
    : m_dataDir(std::move(dataDir))
    , m_connectionName(QStringLiteral("mediadesk-emulator-") + QUuid::createUuid().toString(QUuid::Id128))
{
}

MediaStore::~MediaStore()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

QString MediaStore::lastError() const
{
    return m_db.lastError().text();
}

bool MediaStore::exec(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql)) {
        qWarning("mediadesk-emulator: SQL failed: %s (%s)", qPrintable(q.lastError().text()), qPrintable(sql));
        return false;
    }
    return true;
}

bool MediaStore::open(QString *error)
{
    QDir dir(m_dataDir);
    if (!dir.mkpath(QStringLiteral("blobs"))) {
        *error = QStringLiteral("cannot create the data directory %1").arg(m_dataDir);
        return false;
    }
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(dir.filePath(QStringLiteral("library.sqlite")));
    if (!m_db.open()) {
        *error = QStringLiteral("cannot open the database: %1").arg(m_db.lastError().text());
        return false;
    }
    const QStringList schema = {
        QStringLiteral("PRAGMA journal_mode=WAL"),
        QStringLiteral("PRAGMA synchronous=NORMAL"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS assets(version_id TEXT PRIMARY KEY, file_id TEXT NOT NULL, "
                       "is_current INTEGER NOT NULL, version_number INTEGER NOT NULL, folder TEXT NOT NULL, "
                       "name TEXT NOT NULL, file_path TEXT NOT NULL, file_type TEXT NOT NULL, mime TEXT, format TEXT, "
                       "size INTEGER, width INTEGER, height INTEGER, has_alpha INTEGER, has_transparency INTEGER, "
                       "phash TEXT, tags TEXT, ai_tags TEXT, custom_coordinates TEXT, custom_metadata TEXT, "
                       "embedded_metadata TEXT, description TEXT, is_private INTEGER, is_published INTEGER, "
                       "blob TEXT NOT NULL, created_at INTEGER, updated_at INTEGER)"),
        QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS assets_current_path ON assets(file_path) WHERE is_current = 1"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS assets_file ON assets(file_id, version_number)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS assets_blob ON assets(blob)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS folders(folder_id TEXT PRIMARY KEY, path TEXT NOT NULL UNIQUE, "
                       "parent TEXT NOT NULL, name TEXT NOT NULL, created_at INTEGER, updated_at INTEGER, "
                       "custom_metadata TEXT)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS folders_parent ON folders(parent, name)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS custom_fields(id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                       "label TEXT, schema TEXT, deleted INTEGER NOT NULL DEFAULT 0, seq INTEGER)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS purges(id TEXT PRIMARY KEY, url TEXT, created_at INTEGER, completes_at INTEGER)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS jobs(job_id TEXT PRIMARY KEY, type TEXT, status TEXT, parameters TEXT, "
                       "purge_request_id TEXT, created_at INTEGER)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS used_tokens(token TEXT PRIMARY KEY, expire INTEGER)"),
    };
    for (const QString &sql : schema) {
        if (!exec(sql)) {
            *error = QStringLiteral("cannot create the database schema: %1").arg(m_db.lastError().text());
            return false;
        }
    }
    // One index per sort key, so a page of a 100,000-file folder is read from an index.
    for (const char *column : {"name", "created_at", "updated_at", "size", "width", "height"}) {
        const QString c = QString::fromLatin1(column);
        exec(QStringLiteral("CREATE INDEX IF NOT EXISTS assets_by_%1 ON assets(is_current, folder, %1)").arg(c));
        exec(QStringLiteral("CREATE INDEX IF NOT EXISTS assets_all_by_%1 ON assets(is_current, %1)").arg(c));
    }
    ensureFolder(QStringLiteral("/"), 0);
    removeUnreferencedBlobs();
    return true;
}

bool MediaStore::beginTransaction() { return m_db.transaction(); }
bool MediaStore::commit() { return m_db.commit(); }
void MediaStore::rollback() { m_db.rollback(); }

QString MediaStore::blobPath(const QString &blobId) const
{
    return m_dataDir + QStringLiteral("/blobs/") + blobId;
}

std::optional<QString> MediaStore::storeBlob(const QByteArray &bytes, QString *error)
{
    const QString id = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex());
    const QString path = blobPath(id);
    if (QFile::exists(path))
        return id;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = QStringLiteral("cannot write the file bytes: %1").arg(file.errorString());
        return std::nullopt;
    }
    return id;
}

std::optional<QByteArray> MediaStore::readBlob(const QString &blobId) const
{
    QFile file(blobPath(blobId));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return file.readAll();
}

void MediaStore::removeUnreferencedBlobs()
{
    QSet<QString> referenced;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT DISTINCT blob FROM assets")))
        return;
    while (q.next())
        referenced.insert(q.value(0).toString());
    QDir blobs(m_dataDir + QStringLiteral("/blobs"));
    const QStringList names = blobs.entryList(QDir::Files);
    for (const QString &name : names) {
        if (!referenced.contains(name))
            blobs.remove(name);
    }
}

void MediaStore::noteBlobs(QSqlQuery &selectBlobs)
{
    if (!selectBlobs.exec())
        return;
    while (selectBlobs.next())
        m_blobsToCheck.insert(selectBlobs.value(0).toString());
}

void MediaStore::removeOrphanedBlobs()
{
    const QSet<QString> candidates = std::exchange(m_blobsToCheck, {});
    for (const QString &blobId : candidates) {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT 1 FROM assets WHERE blob = :blob LIMIT 1"));
        q.bindValue(QStringLiteral(":blob"), blobId);
        if (q.exec() && !q.next())
            QFile::remove(blobPath(blobId));
    }
}

std::optional<FileRecord> MediaStore::currentFile(const QString &fileId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM assets WHERE file_id = :id AND is_current = 1").arg(QLatin1String(kAssetColumns)));
    q.bindValue(QStringLiteral(":id"), fileId);
    if (q.exec() && q.next())
        return recordFrom(q);
    return std::nullopt;
}

std::optional<FileRecord> MediaStore::currentFileAt(const QString &filePath)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM assets WHERE file_path = :path AND is_current = 1").arg(QLatin1String(kAssetColumns)));
    q.bindValue(QStringLiteral(":path"), filePath);
    if (q.exec() && q.next())
        return recordFrom(q);
    return std::nullopt;
}

std::optional<FileRecord> MediaStore::fileVersion(const QString &fileId, const QString &versionId)
{
    std::optional<FileRecord> r = anyVersion(versionId);
    if (r && r->fileId == fileId)
        return r;
    return std::nullopt;
}

std::optional<FileRecord> MediaStore::anyVersion(const QString &versionId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM assets WHERE version_id = :v").arg(QLatin1String(kAssetColumns)));
    q.bindValue(QStringLiteral(":v"), versionId);
    if (q.exec() && q.next())
        return recordFrom(q);
    return std::nullopt;
}

QList<FileRecord> MediaStore::versions(const QString &fileId)
{
    QList<FileRecord> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM assets WHERE file_id = :id ORDER BY version_number").arg(QLatin1String(kAssetColumns)));
    q.bindValue(QStringLiteral(":id"), fileId);
    if (q.exec()) {
        while (q.next())
            out.append(recordFrom(q));
    }
    return out;
}

int MediaStore::nextVersionNumber(const QString &fileId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT MAX(version_number) FROM assets WHERE file_id = :id"));
    q.bindValue(QStringLiteral(":id"), fileId);
    if (q.exec() && q.next())
        return q.value(0).toInt() + 1;
    return 1;
}

bool MediaStore::insertFile(const FileRecord &record)
{
    QString placeholders = QLatin1String(kAssetColumns);
    placeholders.replace(QLatin1String(", "), QLatin1String(", :")).prepend(QLatin1Char(':'));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO assets(%1) VALUES(%2)").arg(QLatin1String(kAssetColumns), placeholders));
    bindRecord(q, record);
    if (!q.exec()) {
        qWarning("mediadesk-emulator: insert failed: %s", qPrintable(q.lastError().text()));
        return false;
    }
    return true;
}

bool MediaStore::updateFile(const FileRecord &record)
{
    QStringList assignments;
    const QStringList columns = QString::fromLatin1(kAssetColumns).split(QStringLiteral(", "));
    for (const QString &c : columns) {
        if (c != QLatin1String("version_id"))
            assignments.append(c + QStringLiteral(" = :") + c);
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE assets SET %1 WHERE version_id = :version_id").arg(assignments.join(QStringLiteral(", "))));
    bindRecord(q, record);
    if (!q.exec()) {
        qWarning("mediadesk-emulator: update failed: %s", qPrintable(q.lastError().text()));
        return false;
    }
    return true;
}

bool MediaStore::deleteFile(const QString &fileId)
{
    QSqlQuery blobs(m_db);
    blobs.prepare(QStringLiteral("SELECT DISTINCT blob FROM assets WHERE file_id = :id"));
    blobs.bindValue(QStringLiteral(":id"), fileId);
    noteBlobs(blobs);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM assets WHERE file_id = :id"));
    q.bindValue(QStringLiteral(":id"), fileId);
    return q.exec();
}

bool MediaStore::deleteVersion(const QString &versionId)
{
    QSqlQuery blobs(m_db);
    blobs.prepare(QStringLiteral("SELECT blob FROM assets WHERE version_id = :v"));
    blobs.bindValue(QStringLiteral(":v"), versionId);
    noteBlobs(blobs);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM assets WHERE version_id = :v"));
    q.bindValue(QStringLiteral(":v"), versionId);
    return q.exec();
}

qint64 MediaStore::fileCount()
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM assets WHERE is_current = 1")) && q.next())
        return q.value(0).toLongLong();
    return 0;
}

QList<FileRecord> MediaStore::filesInside(const QString &folder)
{
    QList<FileRecord> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM assets WHERE %2 ORDER BY file_id, version_number")
                  .arg(QLatin1String(kAssetColumns), subtreeCondition(QStringLiteral("folder"))));
    q.bindValue(QStringLiteral(":root"), folder);
    if (q.exec()) {
        while (q.next())
            out.append(recordFrom(q));
    }
    return out;
}

QList<FileRecord> MediaStore::listFiles(const FileListQuery &query)
{
    static const QStringList allowedColumns = {QStringLiteral("name"), QStringLiteral("created_at"),
                                               QStringLiteral("updated_at"), QStringLiteral("size"),
                                               QStringLiteral("width"), QStringLiteral("height")};
    const QString column = allowedColumns.contains(query.sortColumn) ? query.sortColumn : QStringLiteral("created_at");
    QStringList conditions = {QStringLiteral("is_current = :current")};
    if (query.folder)
        conditions.append(QStringLiteral("folder = :folder"));
    if (query.fileType == QLatin1String("image"))
        conditions.append(QStringLiteral("file_type = 'image'"));
    else if (query.fileType == QLatin1String("non-image"))
        conditions.append(QStringLiteral("file_type = 'non-image'"));
    if (!query.exactName.isEmpty())
        conditions.append(QStringLiteral("name = :name"));
    QStringList tagConditions;
    for (int i = 0; i < query.anyOfTags.size(); ++i)
        tagConditions.append(QStringLiteral("instr(tags, :tag%1) > 0").arg(i));
    if (!tagConditions.isEmpty())
        conditions.append(QLatin1Char('(') + tagConditions.join(QStringLiteral(" OR ")) + QLatin1Char(')'));
    const QString direction = query.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    // Two steps: the page's rowids come from the (is_current, folder, <sort key>) index alone, so
    // skipping 99,000 entries never touches the table; then only the page's rows are read.
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT rowid FROM assets WHERE %1 ORDER BY %2 %3, rowid %3 LIMIT :limit OFFSET :skip")
                  .arg(conditions.join(QStringLiteral(" AND ")), column, direction));
    q.bindValue(QStringLiteral(":current"), query.currentVersions ? 1 : 0);
    if (query.folder)
        q.bindValue(QStringLiteral(":folder"), *query.folder);
    if (!query.exactName.isEmpty())
        q.bindValue(QStringLiteral(":name"), query.exactName);
    for (int i = 0; i < query.anyOfTags.size(); ++i)
        q.bindValue(QStringLiteral(":tag%1").arg(i),
                    toJsonText(QJsonArray{query.anyOfTags.at(i)}).mid(1).chopped(1));
    q.bindValue(QStringLiteral(":limit"), query.limit);
    q.bindValue(QStringLiteral(":skip"), query.skip);
    QList<FileRecord> out;
    if (!q.exec()) {
        qWarning("mediadesk-emulator: list failed: %s", qPrintable(q.lastError().text()));
        return out;
    }
    QList<qint64> rowids;
    while (q.next())
        rowids.append(q.value(0).toLongLong());
    if (rowids.isEmpty())
        return out;
    QStringList idTexts;
    idTexts.reserve(rowids.size());
    for (const qint64 id : std::as_const(rowids))
        idTexts.append(QString::number(id));
    QSqlQuery rows(m_db);
    rows.setForwardOnly(true);
    if (!rows.exec(QStringLiteral("SELECT %1, rowid FROM assets WHERE rowid IN (%2)")
                       .arg(QLatin1String(kAssetColumns), idTexts.join(QLatin1Char(','))))) {
        qWarning("mediadesk-emulator: list failed: %s", qPrintable(rows.lastError().text()));
        return out;
    }
    QHash<qint64, FileRecord> byRowid;
    byRowid.reserve(rowids.size());
    while (rows.next())
        byRowid.insert(rows.value(27).toLongLong(), recordFrom(rows));
    out.reserve(rowids.size());
    for (const qint64 id : std::as_const(rowids)) {
        const auto it = byRowid.constFind(id);
        if (it != byRowid.cend())
            out.append(it.value());
    }
    return out;
}

QList<FileRecord> MediaStore::currentFiles(const std::optional<QString> &folder)
{
    QList<FileRecord> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM assets WHERE is_current = 1%2")
                  .arg(QLatin1String(kAssetColumns), folder ? QStringLiteral(" AND folder = :folder") : QString()));
    if (folder)
        q.bindValue(QStringLiteral(":folder"), *folder);
    if (q.exec()) {
        while (q.next())
            out.append(recordFrom(q));
    }
    return out;
}

bool MediaStore::ensureFolder(const QString &path, qint64 nowMs)
{
    QString current = path;
    QStringList missing;
    while (true) {
        if (folderExists(current))
            break;
        missing.prepend(current);
        if (current == QLatin1String("/"))
            break;
        current = LibraryPaths::folderOf(current);
    }
    for (const QString &p : std::as_const(missing)) {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("INSERT INTO folders(folder_id, path, parent, name, created_at, updated_at, custom_metadata) "
                                 "VALUES(:id, :path, :parent, :name, :now, :now, '{}')"));
        q.bindValue(QStringLiteral(":id"), newObjectId());
        q.bindValue(QStringLiteral(":path"), p);
        q.bindValue(QStringLiteral(":parent"), p == QLatin1String("/") ? QStringLiteral("") : LibraryPaths::folderOf(p));
        q.bindValue(QStringLiteral(":name"), LibraryPaths::nameOf(p));
        q.bindValue(QStringLiteral(":now"), nowMs);
        if (!q.exec()) {
            qWarning("mediadesk-emulator: cannot create folder %s: %s", qPrintable(p), qPrintable(q.lastError().text()));
            return false;
        }
    }
    return true;
}

std::optional<FolderRecord> MediaStore::folder(const QString &path)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM folders WHERE path = :path").arg(QLatin1String(kFolderColumns)));
    q.bindValue(QStringLiteral(":path"), path);
    if (q.exec() && q.next())
        return folderFrom(q);
    return std::nullopt;
}

bool MediaStore::folderExists(const QString &path)
{
    return folder(path).has_value();
}

QList<FolderRecord> MediaStore::foldersInside(const QString &path)
{
    QList<FolderRecord> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM folders WHERE %2 ORDER BY length(path)")
                  .arg(QLatin1String(kFolderColumns), subtreeCondition(QStringLiteral("path"))));
    q.bindValue(QStringLiteral(":root"), path);
    if (q.exec()) {
        while (q.next())
            out.append(folderFrom(q));
    }
    return out;
}

QList<FolderRecord> MediaStore::listFolders(const std::optional<QString> &parent, const QString &sortColumn,
                                            bool descending, int skip, int limit)
{
    const QString column = (sortColumn == QLatin1String("created_at") || sortColumn == QLatin1String("updated_at"))
        ? sortColumn : QStringLiteral("name");
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM folders WHERE path != '/'%2 ORDER BY %3 %4, path LIMIT :limit OFFSET :skip")
                  .arg(QLatin1String(kFolderColumns), parent ? QStringLiteral(" AND parent = :parent") : QString(),
                       column, descending ? QStringLiteral("DESC") : QStringLiteral("ASC")));
    if (parent)
        q.bindValue(QStringLiteral(":parent"), *parent);
    q.bindValue(QStringLiteral(":limit"), limit);
    q.bindValue(QStringLiteral(":skip"), skip);
    QList<FolderRecord> out;
    if (q.exec()) {
        while (q.next())
            out.append(folderFrom(q));
    }
    return out;
}

qint64 MediaStore::countFolders(const std::optional<QString> &parent)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM folders WHERE path != '/'%1")
                  .arg(parent ? QStringLiteral(" AND parent = :parent") : QString()));
    if (parent)
        q.bindValue(QStringLiteral(":parent"), *parent);
    if (q.exec() && q.next())
        return q.value(0).toLongLong();
    return 0;
}

qint64 MediaStore::countInside(const QString &path)
{
    qint64 total = 0;
    for (const auto &[table, column] : {std::pair{"assets", "folder"}, std::pair{"folders", "path"}}) {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2")
                      .arg(QLatin1String(table), subtreeCondition(QLatin1String(column))));
        q.bindValue(QStringLiteral(":root"), path);
        if (q.exec() && q.next())
            total += q.value(0).toLongLong();
    }
    return total;
}

bool MediaStore::deleteFolderTree(const QString &path)
{
    QSqlQuery blobs(m_db);
    blobs.prepare(QStringLiteral("SELECT DISTINCT blob FROM assets WHERE %1").arg(subtreeCondition(QStringLiteral("folder"))));
    blobs.bindValue(QStringLiteral(":root"), path);
    noteBlobs(blobs);
    QSqlQuery files(m_db);
    files.prepare(QStringLiteral("DELETE FROM assets WHERE %1").arg(subtreeCondition(QStringLiteral("folder"))));
    files.bindValue(QStringLiteral(":root"), path);
    QSqlQuery folders(m_db);
    folders.prepare(QStringLiteral("DELETE FROM folders WHERE %1").arg(subtreeCondition(QStringLiteral("path"))));
    folders.bindValue(QStringLiteral(":root"), path);
    return files.exec() && folders.exec();
}

bool MediaStore::moveFolderTree(const QString &from, const QString &to, qint64 nowMs)
{
    // Folder rows: rewrite path and parent; ancestors of the destination are created first.
    if (!ensureFolder(LibraryPaths::folderOf(to), nowMs))
        return false;
    QSqlQuery folders(m_db);
    folders.prepare(QStringLiteral(
        "UPDATE folders SET path = :to || substr(path, length(:root) + 1), "
        "parent = CASE WHEN path = :root THEN :toParent ELSE :to || substr(parent, length(:root) + 1) END, "
        "name = CASE WHEN path = :root THEN :toName ELSE name END, updated_at = :now WHERE %1")
                        .arg(subtreeCondition(QStringLiteral("path"))));
    folders.bindValue(QStringLiteral(":to"), to);
    folders.bindValue(QStringLiteral(":root"), from);
    folders.bindValue(QStringLiteral(":toParent"), LibraryPaths::folderOf(to));
    folders.bindValue(QStringLiteral(":toName"), LibraryPaths::nameOf(to));
    folders.bindValue(QStringLiteral(":now"), nowMs);
    if (!folders.exec())
        return false;
    QSqlQuery files(m_db);
    files.prepare(QStringLiteral(
        "UPDATE assets SET folder = :to || substr(folder, length(:root) + 1), "
        "file_path = :to || substr(file_path, length(:root) + 1) WHERE %1")
                      .arg(subtreeCondition(QStringLiteral("folder"))));
    files.bindValue(QStringLiteral(":to"), to);
    files.bindValue(QStringLiteral(":root"), from);
    return files.exec();
}

QList<CustomFieldRecord> MediaStore::customFields(bool includeDeleted)
{
    QList<CustomFieldRecord> out;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT id, name, label, schema, deleted FROM custom_fields%1 ORDER BY seq")
                    .arg(includeDeleted ? QString() : QStringLiteral(" WHERE deleted = 0"))))
        return out;
    while (q.next()) {
        CustomFieldRecord f;
        f.id = q.value(0).toString();
        f.name = q.value(1).toString();
        f.label = q.value(2).toString();
        f.schema = objectFromText(q.value(3).toString());
        f.deleted = q.value(4).toInt() != 0;
        out.append(f);
    }
    return out;
}

std::optional<CustomFieldRecord> MediaStore::customField(const QString &id)
{
    const QList<CustomFieldRecord> all = customFields(true);
    for (const CustomFieldRecord &f : all) {
        if (f.id == id)
            return f;
    }
    return std::nullopt;
}

std::optional<CustomFieldRecord> MediaStore::customFieldByName(const QString &name)
{
    const QList<CustomFieldRecord> all = customFields(true);
    for (const CustomFieldRecord &f : all) {
        if (f.name == name)
            return f;
    }
    return std::nullopt;
}

bool MediaStore::saveCustomField(const CustomFieldRecord &field)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO custom_fields(id, name, label, schema, deleted, seq) "
                             "VALUES(:id, :name, :label, :schema, :deleted, (SELECT IFNULL(MAX(seq), 0) + 1 FROM custom_fields)) "
                             "ON CONFLICT(id) DO UPDATE SET label = excluded.label, schema = excluded.schema, deleted = excluded.deleted"));
    q.bindValue(QStringLiteral(":id"), field.id);
    q.bindValue(QStringLiteral(":name"), field.name);
    q.bindValue(QStringLiteral(":label"), field.label);
    q.bindValue(QStringLiteral(":schema"), toJsonText(field.schema));
    q.bindValue(QStringLiteral(":deleted"), field.deleted ? 1 : 0);
    return q.exec();
}

bool MediaStore::insertPurge(const QString &id, const QString &url, qint64 createdAt, qint64 completesAt)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO purges(id, url, created_at, completes_at) VALUES(:id, :url, :c, :done)"));
    q.bindValue(QStringLiteral(":id"), id);
    q.bindValue(QStringLiteral(":url"), url);
    q.bindValue(QStringLiteral(":c"), createdAt);
    q.bindValue(QStringLiteral(":done"), completesAt);
    return q.exec();
}

std::optional<qint64> MediaStore::purgeCompletesAt(const QString &id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT completes_at FROM purges WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (q.exec() && q.next())
        return q.value(0).toLongLong();
    return std::nullopt;
}

bool MediaStore::saveJob(const JobRecord &job)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO jobs(job_id, type, status, parameters, purge_request_id, created_at) "
                             "VALUES(:id, :type, :status, :params, :purge, :created)"));
    q.bindValue(QStringLiteral(":id"), job.jobId);
    q.bindValue(QStringLiteral(":type"), job.type);
    q.bindValue(QStringLiteral(":status"), job.status);
    q.bindValue(QStringLiteral(":params"), toJsonText(job.parameters));
    q.bindValue(QStringLiteral(":purge"), job.purgeRequestId);
    q.bindValue(QStringLiteral(":created"), job.createdAt);
    return q.exec();
}

static JobRecord jobFrom(const QSqlQuery &q)
{
    JobRecord j;
    j.jobId = q.value(0).toString();
    j.type = q.value(1).toString();
    j.status = q.value(2).toString();
    j.parameters = objectFromText(q.value(3).toString());
    j.purgeRequestId = q.value(4).toString();
    j.createdAt = q.value(5).toLongLong();
    return j;
}

std::optional<JobRecord> MediaStore::job(const QString &jobId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT job_id, type, status, parameters, purge_request_id, created_at FROM jobs WHERE job_id = :id"));
    q.bindValue(QStringLiteral(":id"), jobId);
    if (q.exec() && q.next())
        return jobFrom(q);
    return std::nullopt;
}

QList<JobRecord> MediaStore::pendingJobs()
{
    QList<JobRecord> out;
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT job_id, type, status, parameters, purge_request_id, created_at FROM jobs "
                              "WHERE status = 'Pending' ORDER BY created_at"))) {
        while (q.next())
            out.append(jobFrom(q));
    }
    return out;
}

bool MediaStore::consumeUploadToken(const QString &token, qint64 expire)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO used_tokens(token, expire) VALUES(:t, :e)"));
    q.bindValue(QStringLiteral(":t"), token);
    q.bindValue(QStringLiteral(":e"), expire);
    return q.exec(); // fails on the primary key when the token was used before
}

} // namespace ikemu
