#include "uploads/queue/uploadstore.h"

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
                       "created_ms INTEGER NOT NULL)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                       "batch_id INTEGER NOT NULL REFERENCES batches(id), local_path TEXT NOT NULL, "
                       "target_folder TEXT NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL, modified_ms INTEGER NOT NULL, "
                       "state INTEGER NOT NULL, needs_check INTEGER NOT NULL DEFAULT 0, first_attempt_ms INTEGER NOT NULL DEFAULT 0, "
                       "attempts INTEGER NOT NULL DEFAULT 0, unique_name INTEGER NOT NULL DEFAULT 0, error TEXT NOT NULL DEFAULT '', "
                       "file_id TEXT NOT NULL DEFAULT '', file_path TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS items_by_state ON items(state)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS items_by_file_id ON items(file_id) WHERE file_id <> ''"),
        QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion),
    };
    for (const QString &statement : schema) {
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

qint64 UploadStore::addBatch(const UploadBatchOptions &options, const QList<NewUploadItem> &items, QList<qint64> *ids)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction()) {
        fail(db.lastError().text());
        return 0;
    }
    QSqlQuery batch(db);
    batch.prepare(QStringLiteral("INSERT INTO batches (options, created_ms) VALUES (?, strftime('%s','now') * 1000)"));
    batch.addBindValue(options.toJson());
    if (!batch.exec()) {
        fail(batch.lastError().text());
        db.rollback();
        return 0;
    }
    const qint64 batchId = batch.lastInsertId().toLongLong();
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO items (batch_id, local_path, target_folder, name, size, modified_ms, state, error) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, COALESCE(?, ''))"));
    QList<qint64> newIds;
    newIds.reserve(items.size());
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
            fail(insert.lastError().text());
            db.rollback();
            return 0;
        }
        newIds.append(insert.lastInsertId().toLongLong());
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
    query.prepare(QStringLiteral("UPDATE items SET state = ?%1 WHERE state IN (%2)").arg(clearError, stateList(from)));
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
    if (!query.exec(QStringLiteral("DELETE FROM items WHERE state IN (%1)").arg(stateList(states)))) {
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
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    return db.transaction() || fail(db.lastError().text());
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
