// UploadQueue::addBatchInBackground: big batches stored on a worker thread and shown in slices,
// whole or not at all (cancel, cancel all, a crash mid-add); and the retry backoff through an
// injected delay scheduler, checked without waiting.
#include "uploadtestenvironment.h"

#include "uploadqueue/uploadbatchstager.h"
#include "uploadqueue/uploadqueue.h"
#include "uploadqueue/uploadqueuemodel.h"
#include "uploadqueue/uploadstore.h"

#include "api/transport/retrybackoff.h"
#include "server/emulatorserver.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using ikui::UploadBatchOptions;
using ikui::UploadBatchStager;
using ikui::UploadQueue;
using ikui::UploadQueueModel;
using ikui::UploadSource;
using ikui::UploadState;

namespace {

// Records each backoff wait and holds it until the test fires it.
struct HeldDelays
{
    QList<qint64> requested;
    QList<std::pair<QPointer<QObject>, std::function<void()>>> held;

    ik::ApiClient::DelayScheduler scheduler()
    {
        return [this](qint64 ms, QObject *context, std::function<void()> callback) {
            requested.append(ms);
            held.append({QPointer<QObject>(context), std::move(callback)});
        };
    }
    // Runs the oldest held callback unless its context is gone; false when none was left.
    bool fireNext()
    {
        if (held.isEmpty())
            return false;
        auto [context, callback] = held.takeFirst();
        if (context)
            callback();
        return true;
    }
};

} // namespace

class TestUploadQueueAdding : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ikemu::EmulatorServer> m_server;
    uploadtest::ClientForEmulator m_api;

    QString localDir() const { return m_dir->filePath(QStringLiteral("local")); }
    QString databasePath() const { return m_dir->filePath(QStringLiteral("queue.sqlite")); }

    // `count` sources cycling over `files` (stat'ing the same few files keeps the test fast; the
    // queue treats each source as its own item).
    static QList<UploadSource> cycling(const QStringList &files, int count, const QString &folder)
    {
        QList<UploadSource> sources;
        sources.reserve(count);
        for (int i = 0; i < count; ++i)
            sources.append(UploadSource{files.at(i % files.size()), folder});
        return sources;
    }

    static qint64 storedItemCount(const QString &path)
    {
        ikui::UploadStore store(path);
        QString error;
        if (!store.open(&error)) {
            qWarning("%s", qPrintable(error));
            return -1;
        }
        qint64 count = 0;
        store.forEachItem([&count](const ikui::StoredUploadItem &) { ++count; });
        return count;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        ikemu::EmulatorConfig config;
        config.dataDir = m_dir->filePath(QStringLiteral("server"));
        m_server = std::make_unique<ikemu::EmulatorServer>(config);
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        m_api = uploadtest::clientFor(m_server->baseUrl().toString(QUrl::StripTrailingSlash));
    }

    void cleanup()
    {
        m_api = {};
        m_server.reset();
        m_dir.reset();
    }

    void aSmallBatchIsStoredBeforeTheCallReturns()
    {
        const QStringList paths = uploadtest::writeFiles(localDir(), QStringLiteral("s"), 3, 10);
        UploadQueue queue(m_api.imageKit.get(), databasePath());
        QString error;
        QVERIFY(queue.open(&error));
        QVERIFY(queue.addBatchInBackground(cycling(paths, 3, QStringLiteral("/s")), UploadBatchOptions(), &error) > 0);
        QVERIFY(!queue.isAdding());
        QCOMPARE(queue.model()->rowCount(), 3);
        QCOMPARE(storedItemCount(databasePath()), 3);

        // Refused up front with the reason, like addBatch.
        UploadBatchOptions bad;
        bad.tags = QStringList{QStringLiteral("a,b")};
        QCOMPARE(queue.addBatchInBackground(cycling(paths, 1000, QStringLiteral("/s")), bad, &error), 0);
        QVERIFY(!error.isEmpty());
        QVERIFY(!queue.isAdding());
    }

    void aBigBatchIsStoredOnAWorkerAndShownInSlices()
    {
        const QStringList paths = uploadtest::writeFiles(localDir(), QStringLiteral("b"), 7, 20);
        QStringList withMissing = paths;
        withMissing.append(localDir() + QStringLiteral("/never-there.bin"));
        const int count = 5 * UploadQueue::FeedSliceRows + 123;
        const QList<UploadSource> sources = cycling(withMissing, count, QStringLiteral("/big/one"));

        UploadQueue queue(m_api.imageKit.get(), databasePath());
        QString error;
        QVERIFY(queue.open(&error));
        QAbstractItemModelTester tester(queue.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<int> insertedSlices;
        connect(queue.model(), &QAbstractItemModel::rowsInserted, this,
                [&insertedSlices](const QModelIndex &, int first, int last) { insertedSlices.append(last - first + 1); });
        QList<qint64> storedSeen;
        connect(&queue, &UploadQueue::addProgressChanged, this, [&] {
            if (queue.isAdding())
                storedSeen.append(queue.addProgress().filesStored);
        });
        QSignalSpy finished(&queue, &UploadQueue::backgroundAddFinished);
        QSignalSpy failed(&queue, &UploadQueue::itemFailed);

        const qint64 batchId = queue.addBatchInBackground(sources, UploadBatchOptions(), &error);
        QVERIFY2(batchId > 0, qPrintable(error));
        // Nothing is in the model (or can start) before the whole batch is stored.
        QVERIFY(queue.isAdding());
        QCOMPARE(queue.model()->rowCount(), 0);
        QCOMPARE(queue.addProgress().filesTotal, qint64(count));

        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toLongLong(), batchId);
        QCOMPARE(finished.at(0).at(1).toBool(), true);
        QVERIFY(!queue.isAdding());

        QCOMPARE(queue.model()->rowCount(), count);
        // Shown in slices, never all at once.
        QVERIFY2(insertedSlices.size() >= count / UploadQueue::FeedSliceRows, qPrintable(QString::number(insertedSlices.size())));
        for (int slice : std::as_const(insertedSlices))
            QVERIFY(slice <= UploadQueue::FeedSliceRows);
        // Progress only grows and reaches the total.
        QVERIFY(!storedSeen.isEmpty());
        for (qsizetype i = 1; i < storedSeen.size(); ++i)
            QVERIFY(storedSeen.at(i) >= storedSeen.at(i - 1));
        QCOMPARE(storedSeen.last(), qint64(count));

        // In the order given; a missing file is Failed with the reason (and reported).
        int missing = 0;
        for (int i = 0; i < count; ++i) {
            const UploadQueueModel::Row &row = queue.model()->rowAt(i);
            QCOMPARE(row.name, QFileInfo(sources.at(i).localPath).fileName());
            QCOMPARE(row.folder, QStringLiteral("/big/one"));
            if (sources.at(i).localPath.endsWith(QLatin1String("never-there.bin"))) {
                ++missing;
                QCOMPARE(row.state, UploadState::Failed);
                QVERIFY(row.error.contains(QLatin1String("does not exist")));
            } else {
                QCOMPARE(row.state, UploadState::Queued);
                QCOMPARE(row.size, qint64(20));
            }
            if (i > 0)
                QVERIFY(row.id > queue.model()->rowAt(i - 1).id);
        }
        QCOMPARE(failed.count(), missing);
        QCOMPARE(queue.totals().files, qint64(count));
        QCOMPARE(queue.totals().failed, qint64(missing));
        QCOMPARE(storedItemCount(databasePath()), qint64(count));
    }

    void cancellingQueuesNoneOfTheBatch()
    {
        const QStringList paths = uploadtest::writeFiles(localDir(), QStringLiteral("c"), 5, 10);
        UploadQueue queue(m_api.imageKit.get(), databasePath());
        QString error;
        QVERIFY(queue.open(&error));
        QVERIFY(queue.addBatchInBackground(cycling(paths, 3, QStringLiteral("/kept")), UploadBatchOptions()) > 0);
        QSignalSpy finished(&queue, &UploadQueue::backgroundAddFinished);
        // Cancelled once the first slices are stored.
        connect(&queue, &UploadQueue::addProgressChanged, this, [&queue] {
            if (queue.addProgress().filesStored > 0)
                queue.cancelAdding();
        });
        const qint64 batchId = queue.addBatchInBackground(cycling(paths, 200000, QStringLiteral("/dropped")), UploadBatchOptions());
        QVERIFY(batchId > 0);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        QCOMPARE(finished.at(0).at(2).toString(), QString()); // cancelled, not an error
        QVERIFY(!queue.isAdding());
        QCOMPARE(queue.model()->rowCount(), 3);
        QCOMPARE(storedItemCount(databasePath()), 3);
        QCOMPARE(queue.interruptedAdds().batches, 0);
    }

    void cancelAllWhileAddingLeavesNothingQueued()
    {
        const QStringList paths = uploadtest::writeFiles(localDir(), QStringLiteral("a"), 4, 10);
        UploadQueue queue(m_api.imageKit.get(), databasePath());
        QString error;
        QVERIFY(queue.open(&error));
        queue.pauseAll(); // the first batch stays queued
        QVERIFY(queue.addBatchInBackground(cycling(paths, 4, QStringLiteral("/first")), UploadBatchOptions()) > 0);
        QSignalSpy finished(&queue, &UploadQueue::backgroundAddFinished);
        // A small batch (stored at once) and a big one; cancel all at some point of the big one.
        const int bigCount = 3 * UploadBatchStager::SliceSize + 17;
        QVERIFY(queue.addBatchInBackground(cycling(paths, bigCount, QStringLiteral("/big")), UploadBatchOptions()) > 0);
        int progressSeen = 0;
        connect(&queue, &UploadQueue::addProgressChanged, this, [&] {
            if (++progressSeen == 2)
                queue.cancelAll();
        });
        QVERIFY(finished.wait(60000));
        // Whichever way the race went (rolled back, or published just before and then cancelled),
        // nothing is left to upload.
        QTRY_VERIFY(!queue.isAdding());
        QCOMPARE(queue.totals().remainingFiles(), qint64(0));
        const bool added = finished.at(0).at(1).toBool();
        QCOMPARE(queue.model()->rowCount(), added ? 4 + bigCount : 4);
        for (int i = 0; i < queue.model()->rowCount(); ++i)
            QCOMPARE(queue.model()->rowAt(i).state, UploadState::Cancelled);
        queue.resumeAll();
        queue.start();
        QTest::qWait(200);
        QCOMPARE(queue.activeCount(), 0);
    }

    void aCrashMidAddQueuesNoneOfTheBatch()
    {
        const QStringList paths = uploadtest::writeFiles(localDir(), QStringLiteral("k"), 3, 10);
        {
            UploadQueue queue(m_api.imageKit.get(), databasePath());
            QString error;
            QVERIFY(queue.open(&error));
            QVERIFY(queue.addBatch(cycling(paths, 3, QStringLiteral("/before")), UploadBatchOptions()) > 0);
        }
        {
            // What a process killed mid-add leaves: a staged batch with some of its slices stored.
            ikui::UploadStore store(databasePath());
            QString error;
            QVERIFY2(store.open(&error), qPrintable(error));
            const qint64 batchId = store.createStagedBatch(UploadBatchOptions(), 5000);
            QVERIFY(batchId > 0);
            QList<ikui::NewUploadItem> slice;
            for (const UploadSource &source : cycling(paths, UploadBatchStager::SliceSize, QStringLiteral("/cut")))
                slice.append(ikui::UploadStore::describeSource(source));
            QVERIFY(store.stageItems(batchId, slice, {}));
            QVERIFY(store.stageItems(batchId, slice, {}));
            // Staged items are not part of the queue: bulk changes leave them alone.
            QCOMPARE(store.changeStates({UploadState::Queued}, UploadState::Cancelled), 3);
            QCOMPARE(store.changeStates({UploadState::Cancelled}, UploadState::Queued), 3);
        }
        QCOMPARE(storedItemCount(databasePath()), 3 + 2 * UploadBatchStager::SliceSize); // the store's open() keeps them
        UploadQueue queue(m_api.imageKit.get(), databasePath());
        QString error;
        QVERIFY(queue.open(&error));
        QCOMPARE(queue.model()->rowCount(), 3);
        const UploadQueue::InterruptedAdds interrupted = queue.interruptedAdds();
        QCOMPARE(interrupted.batches, 1);
        QCOMPARE(interrupted.filesStored, qint64(2 * UploadBatchStager::SliceSize));
        QCOMPARE(interrupted.filesPlanned, qint64(5000));
        QCOMPARE(storedItemCount(databasePath()), 3);
    }

    void aFormatOneDatabaseIsUpgradedInPlace()
    {
        const QStringList paths = uploadtest::writeFiles(localDir(), QStringLiteral("v"), 1, 10);
        {
            // The schema Mediadesk wrote before staged adds existed, with one queued item.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("format1"));
            db.setDatabaseName(databasePath());
            QVERIFY(db.open());
            QSqlQuery query(db);
            for (const char *sql :
                 {"CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                  "CREATE TABLE batches (id INTEGER PRIMARY KEY AUTOINCREMENT, options TEXT NOT NULL, created_ms INTEGER NOT NULL)",
                  "CREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, batch_id INTEGER NOT NULL REFERENCES batches(id), "
                  "local_path TEXT NOT NULL, target_folder TEXT NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL, "
                  "modified_ms INTEGER NOT NULL, state INTEGER NOT NULL, needs_check INTEGER NOT NULL DEFAULT 0, "
                  "first_attempt_ms INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0, "
                  "unique_name INTEGER NOT NULL DEFAULT 0, error TEXT NOT NULL DEFAULT '', file_id TEXT NOT NULL DEFAULT '', "
                  "file_path TEXT NOT NULL DEFAULT '')",
                  "INSERT INTO batches (options, created_ms) VALUES ('{}', 0)", "PRAGMA user_version = 1"})
                QVERIFY2(query.exec(QString::fromLatin1(sql)), qPrintable(query.lastError().text()));
            query.prepare(QStringLiteral("INSERT INTO items (batch_id, local_path, target_folder, name, size, modified_ms, state) "
                                         "VALUES (1, ?, '/old', ?, 10, ?, 0)"));
            query.addBindValue(paths.first());
            query.addBindValue(QFileInfo(paths.first()).fileName());
            query.addBindValue(QFileInfo(paths.first()).lastModified().toMSecsSinceEpoch());
            QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("format1"));
        UploadQueue queue(m_api.imageKit.get(), databasePath());
        QString error;
        QVERIFY2(queue.open(&error), qPrintable(error));
        QCOMPARE(queue.model()->rowCount(), 1);
        QCOMPARE(queue.interruptedAdds().batches, 0); // its batch counts as complete
        QSignalSpy done(&queue, &UploadQueue::queueFinished);
        queue.start();
        QVERIFY(done.wait(20000));
        QCOMPARE(queue.totals().done, qint64(1));
    }

    void aBackgroundBatchUploadsEachFileOnce()
    {
        const int count = UploadQueue::ImmediateAddLimit + 44;
        const QStringList paths = uploadtest::writeFiles(localDir(), QStringLiteral("u"), count, 64);
        UploadQueue queue(m_api.imageKit.get(), databasePath());
        QString error;
        QVERIFY(queue.open(&error));
        queue.setConcurrency(6);
        queue.start();
        QSignalSpy done(&queue, &UploadQueue::queueFinished);
        QList<UploadSource> sources;
        for (const QString &path : paths)
            sources.append(UploadSource{path, QStringLiteral("/bg")});
        QVERIFY(queue.addBatchInBackground(sources, UploadBatchOptions(), &error) > 0);
        QVERIFY(queue.isAdding());
        QVERIFY(done.wait(120000));
        QCOMPARE(queue.totals().done, qint64(count));
        const QList<ik::FileItem> files = uploadtest::listEverything(*m_api.imageKit, false, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(files.size(), qsizetype(count));
    }

    void theBackoffScheduleFollowsThePolicyWithoutWaiting()
    {
        ik::RetryPolicy policy = m_api.client->retryPolicy();
        policy.maxAttempts = 4;
        policy.initialDelayMs = 1500;
        policy.maxDelayMs = 4000;
        policy.jitter = 0.2;
        m_api.client->setRetryPolicy(policy);
        // The client's own retries of the server checks: at once too.
        m_api.client->setDelayScheduler([](qint64, QObject *context, std::function<void()> callback) {
            QTimer::singleShot(0, context, std::move(callback));
        });
        ikemu::FaultSettings failing;
        failing.failRate = 1.0;
        m_server->setFaultSettings(failing);

        const QStringList paths = uploadtest::writeFiles(localDir(), QStringLiteral("r"), 1, 10);
        UploadQueue queue(m_api.imageKit.get(), databasePath());
        HeldDelays delays;
        queue.setDelayScheduler(delays.scheduler());
        queue.setJitterSource([] { return 0.9; });
        QString error;
        QVERIFY(queue.open(&error));
        QSignalSpy failed(&queue, &UploadQueue::itemFailed);
        QVERIFY(queue.addBatch(cycling(paths, 1, QStringLiteral("/r")), UploadBatchOptions()) > 0);
        queue.start();
        // Each failure asks for the next wait; nothing happens until the test fires it.
        for (int failure = 1; failure < policy.maxAttempts; ++failure) {
            QTRY_COMPARE_WITH_TIMEOUT(delays.requested.size(), failure, 10000);
            QTest::qWait(50);
            QCOMPARE(delays.requested.size(), failure); // held: no attempt meanwhile
            QCOMPARE(queue.model()->rowAt(0).state, UploadState::Queued);
            QVERIFY(queue.model()->rowAt(0).error.startsWith(QLatin1String("Retrying in")));
            QVERIFY(delays.fireNext());
        }
        QVERIFY(failed.wait(10000));
        QCOMPARE(queue.model()->rowAt(0).state, UploadState::Failed);
        // 1500, 3000, then the 4000 cap; spread by the jitter the source picked (0.9: +16%).
        const QList<qint64> expected = {ik::RetryBackoff::backoffDelayMs(policy, 1, 0.9),
                                        ik::RetryBackoff::backoffDelayMs(policy, 2, 0.9),
                                        ik::RetryBackoff::backoffDelayMs(policy, 3, 0.9)};
        QCOMPARE(delays.requested, expected);
        // By hand: 1500 x 1.16, 3000 x 1.16, then 4000 (6000 capped; the jitter never exceeds the cap).
        QCOMPARE(delays.requested, (QList<qint64>{1740, 3480, 4000}));

        // A wait cut short by pause is dropped: firing it later does nothing.
        queue.retryFailed();
        QTRY_COMPARE_WITH_TIMEOUT(delays.requested.size(), 4, 10000);
        queue.pauseAll();
        QCOMPARE(queue.activeCount(), 0);
        QVERIFY(delays.fireNext());
        QTest::qWait(100);
        QCOMPARE(queue.activeCount(), 0);
        QCOMPARE(delays.requested.size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestUploadQueueAdding)
#include "tst_uploadqueue_adding.moc"
