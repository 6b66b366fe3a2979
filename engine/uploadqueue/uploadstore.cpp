#include "uploadqueue/uploadstore.h"

#include "uploadqueue/uploadsource.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace ikui {

namespace {

QString stateList(const QList<UploadState> &states)
{
    QStringList numbers;
    for (UploadState state : states)
        numbers.append(QString::number(int(state)));
    return numbers.join(QLatin1Char(','));
}

// Bulk state changes leave the items of a batch still being added alone.
const QLatin1String NotStaged(" AND batch_id NOT IN (SELECT id FROM batches WHERE adding = 1)");

// Rows per statement when a staged batch is deleted: short write locks for the UI thread.
constexpr int DiscardSliceRows = 500;

} // namespace

UploadStore::UploadStore(QString databasePath)
    : m_path(std::move(databasePath))
    , m_connectionName(QStringLiteral("ikuploads-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

UploadStore::~UploadStore()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool UploadStore::fail(const QString &what)
{
    m_lastError = what;
    return false;
}

bool UploadStore::exec(const QString &sql)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(sql))
        return fail(QStringLiteral("%1 (%2)").arg(query.lastError().text(), sql.left(60)));
    return true;
}

bool UploadStore::open(QString *error)
{
    const auto refuse = [this, error](const QString &reason) {
        m_lastError = QStringLiteral("The upload queue database %1 cannot be used: %2. It was left as it is; "
                                     "move it away to start with an empty queue.")
                          .arg(m_path, reason);
        if (error)
            *error = m_lastError;
        m_open = false;
        return false;
    };
    if (m_open)
        return true;
    const QFileInfo info(m_path);
    if (info.exists() && !info.isFile())
        return refuse(QStringLiteral("it is not a file"));
    if (info.exists() && !info.isReadable())
        return refuse(QStringLiteral("it is not readable"));
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return refuse(QStringLiteral("the Qt SQLite driver is not installed"));

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return refuse(db.lastError().text());

    QSqlQuery query(db);
    // A damaged or foreign file is detected before anything is written to it.
    if (!query.exec(QStringLiteral("PRAGMA quick_check")))
        return refuse(query.lastError().text());
    if (!query.next() || query.value(0).toString() != QLatin1String("ok"))
        return refuse(QStringLiteral("SQLite reports damage (%1)").arg(query.value(0).toString()));
    query.finish();
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return refuse(query.lastError().text());
    const int version = query.value(0).toInt();
    query.finish();
    if (version > SchemaVersion)
        return refuse(QStringLiteral("it was written by a newer Mediadesk (queue format %1, this one reads %2)").arg(version).arg(SchemaVersion));

    if (!query.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
        return refuse(query.lastError().text());
    query.finish();
    // NORMAL in WAL mode survives a killed process; only a power cut may lose the last commits.
    if (!exec(QStringLiteral("PRAGMA synchronous=NORMAL")))
        return refuse(m_lastError);
    if (!exec(QStringLiteral("BEGIN IMMEDIATE")))
        return refuse(m_lastError); // read-only file or directory, locked by another program...
    const QStringList schema = {
        QStringLiteral("CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS batches (id INTEGER PRIMARY KEY AUTOINCREMENT, options TEXT NOT NULL, "
                       "created_ms INTEGER NOT NULL, planned_count INTEGER NOT NULL DEFAULT 0, adding INTEGER NOT NULL DEFAULT 0)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                       "batch_id INTEGER NOT NULL REFERENCES batches(id), local_path TEXT NOT NULL, "
                       "target_folder TEXT NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL, modified_ms INTEGER NOT NULL, "
                       "state INTEGER NOT NULL, needs_check INTEGER NOT NULL DEFAULT 0, first_attempt_ms INTEGER NOT NULL DEFAULT 0, "
                       "attempts INTEGER NOT NULL DEFAULT 0, unique_name INTEGER NOT NULL DEFAULT 0, error TEXT NOT NULL DEFAULT '', "
                       "file_id TEXT NOT NULL DEFAULT '', file_path TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS items_by_state ON items(state)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS items_by_file_id ON items(file_id) WHERE file_id <> ''"),
    };
    QStringList statements = schema;
    if (version == 1) {
        // Format 1 had no staged adds: its batches are all complete.
        statements << QStringLiteral("ALTER TABLE batches ADD COLUMN planned_count INTEGER NOT NULL DEFAULT 0")
                   << QStringLiteral("ALTER TABLE batches ADD COLUMN adding INTEGER NOT NULL DEFAULT 0");
    }
    statements << QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion);
    for (const QString &statement : std::as_const(statements)) {
        if (!exec(statement)) {
            const QString reason = m_lastError;
            exec(QStringLiteral("ROLLBACK"));
            return refuse(reason);
        }
    }
    if (!exec(QStringLiteral("COMMIT")))
        return refuse(m_lastError);
    m_open = true;
    return true;
}

bool UploadStore::attach(QString *error)
{
    if (m_open)
        return true;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open() || !exec(QStringLiteral("PRAGMA synchronous=NORMAL"))) {
        m_lastError = db.lastError().text().isEmpty() ? m_lastError : db.lastError().text();
        if (error)
            *error = m_lastError;
        return false;
    }
    m_open = true;
    return true;
}

NewUploadItem UploadStore::describeSource(const UploadSource &source)
{
    const QFileInfo info(source.localPath);
    NewUploadItem item;
    item.localPath = info.absoluteFilePath();
    item.targetFolder = QLatin1Char('/') + source.targetFolder.split(QLatin1Char('/'), Qt::SkipEmptyParts).join(QLatin1Char('/'));
    item.name = info.fileName();
    if (!info.isFile()) {
        item.state = UploadState::Failed;
        item.error = info.exists()
            ? QCoreApplication::translate("ikui::UploadQueue", "%1 is not a regular file.").arg(item.localPath)
            : QCoreApplication::translate("ikui::UploadQueue", "The file %1 does not exist.").arg(item.localPath);
    } else {
        item.size = info.size();
        item.modifiedMs = info.lastModified().toMSecsSinceEpoch();
    }
    return item;
}

int UploadStore::recoverInterruptedItems()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("UPDATE items SET state = ?, needs_check = 1 WHERE state IN (%1)")
                      .arg(stateList({UploadState::Checking, UploadState::Uploading})));
    query.addBindValue(int(UploadState::Queued));
    if (!query.exec()) {
        fail(query.lastError().text());
        return -1;
    }
    return query.numRowsAffected();
}

namespace {

// Inserts `items` of `batchId` inside the caller's transaction; the new ids go to *ids.
bool insertItems(QSqlDatabase &db, qint64 batchId, const QList<NewUploadItem> &items, QList<qint64> *ids, QString *error)
{
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO items (batch_id, local_path, target_folder, name, size, modified_ms, state, error) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, COALESCE(?, ''))"));
    for (const NewUploadItem &item : items) {
        insert.bindValue(0, batchId);
        insert.bindValue(1, item.localPath);
        insert.bindValue(2, item.targetFolder);
        insert.bindValue(3, item.name);
        insert.bindValue(4, item.size);
        insert.bindValue(5, item.modifiedMs);
        insert.bindValue(6, int(item.state));
        insert.bindValue(7, item.error);
        if (!insert.exec()) {
            *error = insert.lastError().text();
            return false;
        }
        if (ids)
            ids->append(insert.lastInsertId().toLongLong());
    }
    return true;
}

} // namespace

qint64 UploadStore::addBatch(const UploadBatchOptions &options, const QList<NewUploadItem> &items, QList<qint64> *ids)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    // IMMEDIATE: the write lock is taken (waiting for a worker's slice) before anything is read.
    if (!exec(QStringLiteral("BEGIN IMMEDIATE")))
        return 0;
    QSqlQuery batch(db);
    batch.prepare(QStringLiteral("INSERT INTO batches (options, created_ms, planned_count) VALUES (?, strftime('%s','now') * 1000, ?)"));
    batch.addBindValue(options.toJson());
    batch.addBindValue(qint64(items.size()));
    if (!batch.exec()) {
        fail(batch.lastError().text());
        db.rollback();
        return 0;
    }
    const qint64 batchId = batch.lastInsertId().toLongLong();
    QList<qint64> newIds;
    newIds.reserve(items.size());
    QString error;
    if (!insertItems(db, batchId, items, &newIds, &error)) {
        fail(error);
        db.rollback();
        return 0;
    }
    if (!db.commit()) {
        fail(db.lastError().text());
        db.rollback();
        return 0;
    }
    if (ids)
        ids->append(newIds);
    return batchId;
}

qint64 UploadStore::createStagedBatch(const UploadBatchOptions &options, qint64 plannedCount)
{
    QSqlQuery batch(QSqlDatabase::database(m_connectionName, false));
    batch.prepare(QStringLiteral("INSERT INTO batches (options, created_ms, planned_count, adding) "
                                 "VALUES (?, strftime('%s','now') * 1000, ?, 1)"));
    batch.addBindValue(options.toJson());
    batch.addBindValue(plannedCount);
    if (!batch.exec()) {
        fail(batch.lastError().text());
        return 0;
    }
    return batch.lastInsertId().toLongLong();
}

bool UploadStore::stageItems(qint64 batchId, const QList<NewUploadItem> &items, const std::function<bool()> &keepGoing)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!exec(QStringLiteral("BEGIN IMMEDIATE")))
        return false;
    QString error;
    if (!insertItems(db, batchId, items, nullptr, &error)) {
        fail(error);
        db.rollback();
        return false;
    }
    if (keepGoing && !keepGoing()) {
        m_lastError.clear();
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        fail(db.lastError().text());
        db.rollback();
        return false;
    }
    return true;
}

bool UploadStore::publishBatch(qint64 batchId, const std::function<bool()> &keepGoing)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!exec(QStringLiteral("BEGIN IMMEDIATE")))
        return false;
    // Asked while the write lock is held: a "cancel all" that wrote before us saw the batch
    // staged (and left it alone), one that writes after us sees it published (and cancels it).
    if (keepGoing && !keepGoing()) {
        m_lastError.clear();
        db.rollback();
        return false;
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE batches SET adding = 0 WHERE id = ?"));
    query.addBindValue(batchId);
    if (!query.exec()) {
        fail(query.lastError().text());
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        fail(db.lastError().text());
        db.rollback();
        return false;
    }
    return true;
}

bool UploadStore::discardStagedBatch(qint64 batchId)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM items WHERE id IN (SELECT id FROM items WHERE batch_id = ? LIMIT %1)")
                      .arg(DiscardSliceRows));
    for (;;) {
        query.bindValue(0, batchId);
        if (!query.exec())
            return fail(query.lastError().text());
        if (query.numRowsAffected() < DiscardSliceRows)
            break;
    }
    QSqlQuery batch(db);
    batch.prepare(QStringLiteral("DELETE FROM batches WHERE id = ? AND adding = 1"));
    batch.addBindValue(batchId);
    return batch.exec() || fail(batch.lastError().text());
}

int UploadStore::discardInterruptedAdds(qint64 *filesStored, qint64 *filesPlanned)
{
    QList<qint64> staged;
    qint64 planned = 0;
    {
        QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
        if (!query.exec(QStringLiteral("SELECT id, planned_count FROM batches WHERE adding = 1"))) {
            fail(query.lastError().text());
            return -1;
        }
        while (query.next()) {
            staged.append(query.value(0).toLongLong());
            planned += query.value(1).toLongLong();
        }
    }
    qint64 deleted = 0;
    for (qint64 batchId : std::as_const(staged)) {
        {
            QSqlQuery count(QSqlDatabase::database(m_connectionName, false));
            count.prepare(QStringLiteral("SELECT COUNT(*) FROM items WHERE batch_id = ?"));
            count.addBindValue(batchId);
            if (count.exec() && count.next())
                deleted += count.value(0).toLongLong();
        }
        if (!discardStagedBatch(batchId))
            return -1;
    }
    if (filesStored)
        *filesStored = deleted;
    if (filesPlanned)
        *filesPlanned = planned;
    return int(staged.size());
}

QHash<qint64, UploadBatchOptions> UploadStore::batches()
{
    QHash<qint64, UploadBatchOptions> result;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("SELECT id, options FROM batches"))) {
        fail(query.lastError().text());
        return result;
    }
    while (query.next()) {
        UploadBatchOptions options;
        UploadBatchOptions::fromJson(query.value(1).toString(), &options);
        result.insert(query.value(0).toLongLong(), options);
    }
    return result;
}

namespace {

const char *const ItemColumns = "id, batch_id, local_path, target_folder, name, size, modified_ms, state, needs_check, "
                                "first_attempt_ms, attempts, unique_name, error, file_id, file_path";

StoredUploadItem readItem(const QSqlQuery &query)
{
    StoredUploadItem item;
    item.id = query.value(0).toLongLong();
    item.batchId = query.value(1).toLongLong();
    item.localPath = query.value(2).toString();
    item.targetFolder = query.value(3).toString();
    item.name = query.value(4).toString();
    item.size = query.value(5).toLongLong();
    item.modifiedMs = query.value(6).toLongLong();
    item.state = UploadState(query.value(7).toInt());
    item.needsCheck = query.value(8).toInt() != 0;
    item.firstAttemptMs = query.value(9).toLongLong();
    item.attempts = query.value(10).toInt();
    item.uniqueName = query.value(11).toInt() != 0;
    item.error = query.value(12).toString();
    item.fileId = query.value(13).toString();
    item.filePath = query.value(14).toString();
    return item;
}

} // namespace

std::optional<StoredUploadItem> UploadStore::item(qint64 id)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("SELECT %1 FROM items WHERE id = ?").arg(QLatin1String(ItemColumns)));
    query.addBindValue(id);
    if (!query.exec()) {
        fail(query.lastError().text());
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return readItem(query);
}

bool UploadStore::forEachItem(const std::function<void(const StoredUploadItem &)> &visit)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT %1 FROM items ORDER BY id").arg(QLatin1String(ItemColumns))))
        return fail(query.lastError().text());
    while (query.next())
        visit(readItem(query));
    return true;
}

bool UploadStore::batchItemsAfter(qint64 batchId, qint64 afterId, int limit,
                                  const std::function<void(const StoredUploadItem &)> &visit)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM items WHERE batch_id = ? AND id > ? ORDER BY id LIMIT ?").arg(QLatin1String(ItemColumns)));
    query.addBindValue(batchId);
    query.addBindValue(afterId);
    query.addBindValue(limit);
    if (!query.exec())
        return fail(query.lastError().text());
    while (query.next())
        visit(readItem(query));
    return true;
}

QSet<QString> UploadStore::localPathsInUse(const QStringList &candidates)
{
    QSet<QString> inUse;
    if (candidates.isEmpty())
        return inUse;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    QStringList marks;
    for (qsizetype i = 0; i < candidates.size(); ++i)
        marks.append(QStringLiteral("?"));
    query.prepare(QStringLiteral("SELECT DISTINCT local_path FROM items WHERE state NOT IN (%1) AND local_path IN (%2)")
                      .arg(stateList({UploadState::Done, UploadState::Skipped, UploadState::Cancelled}), marks.join(QLatin1Char(','))));
    for (const QString &path : candidates)
        query.addBindValue(path);
    if (!query.exec()) {
        // Unknown: treat every candidate as in use, so nothing is deleted on a read error.
        fail(query.lastError().text());
        return QSet<QString>(candidates.cbegin(), candidates.cend());
    }
    while (query.next())
        inUse.insert(query.value(0).toString());
    return inUse;
}

bool UploadStore::markAttemptStarted(qint64 id, qint64 firstAttemptMs, int attempts, bool uniqueName)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    // needs_check goes to 1 before the request leaves: a crash from here on means "ask the server".
    query.prepare(QStringLiteral("UPDATE items SET state = ?, needs_check = 1, first_attempt_ms = ?, attempts = ?, "
                                 "unique_name = ?, error = '' WHERE id = ?"));
    query.addBindValue(int(UploadState::Uploading));
    query.addBindValue(firstAttemptMs);
    query.addBindValue(attempts);
    query.addBindValue(uniqueName ? 1 : 0);
    query.addBindValue(id);
    return query.exec() || fail(query.lastError().text());
}

bool UploadStore::setUniqueName(qint64 id, bool uniqueName)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("UPDATE items SET unique_name = ? WHERE id = ?"));
    query.addBindValue(uniqueName ? 1 : 0);
    query.addBindValue(id);
    return query.exec() || fail(query.lastError().text());
}

bool UploadStore::setState(qint64 id, UploadState state, const QString &error, bool needsCheck)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("UPDATE items SET state = ?, error = COALESCE(?, ''), needs_check = ? WHERE id = ?"));
    query.addBindValue(int(state));
    query.addBindValue(error);
    query.addBindValue(needsCheck ? 1 : 0);
    query.addBindValue(id);
    return query.exec() || fail(query.lastError().text());
}

bool UploadStore::markDone(qint64 id, const QString &fileId, const QString &filePath)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("UPDATE items SET state = ?, needs_check = 0, error = '', file_id = COALESCE(?, ''), file_path = COALESCE(?, '') WHERE id = ?"));
    query.addBindValue(int(UploadState::Done));
    query.addBindValue(fileId);
    query.addBindValue(filePath);
    query.addBindValue(id);
    return query.exec() || fail(query.lastError().text());
}

int UploadStore::changeStates(const QList<UploadState> &from, UploadState to)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    const QString clearError = to == UploadState::Queued ? QStringLiteral(", error = ''") : QString();
    query.prepare(QStringLiteral("UPDATE items SET state = ?%1 WHERE state IN (%2)%3").arg(clearError, stateList(from), NotStaged));
    query.addBindValue(int(to));
    if (!query.exec()) {
        fail(query.lastError().text());
        return -1;
    }
    return query.numRowsAffected();
}

int UploadStore::removeItems(const QList<UploadState> &states)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("DELETE FROM items WHERE state IN (%1)%2").arg(stateList(states), NotStaged))) {
        fail(query.lastError().text());
        return -1;
    }
    return query.numRowsAffected();
}

bool UploadStore::isFileIdClaimed(const QString &fileId, qint64 exceptItemId)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("SELECT 1 FROM items WHERE file_id = ? AND id <> ? LIMIT 1"));
    query.addBindValue(fileId);
    query.addBindValue(exceptItemId);
    return query.exec() && query.next();
}

bool UploadStore::beginTransaction()
{
    // IMMEDIATE: a deferred transaction that reads and then writes fails at once (SQLITE_BUSY)
    // if a worker committed in between; this one waits for the write lock up front instead.
    return exec(QStringLiteral("BEGIN IMMEDIATE"));
}

bool UploadStore::commitTransaction()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (db.commit())
        return true;
    fail(db.lastError().text());
    db.rollback();
    return false;
}

bool UploadStore::isPaused()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    return query.exec(QStringLiteral("SELECT value FROM settings WHERE key = 'paused'")) && query.next()
        && query.value(0).toString() == QLatin1String("1");
}

bool UploadStore::setPaused(bool paused)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO settings (key, value) VALUES ('paused', ?)"));
    query.addBindValue(paused ? QStringLiteral("1") : QStringLiteral("0"));
    return query.exec() || fail(query.lastError().text());
}

} // namespace ikui
