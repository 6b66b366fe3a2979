// How ikui::FileListModel takes in a page without blocking the UI thread: the list job hands over
// the body unparsed (ik::FileListJob::setParseDeferred), FilePageParser turns it into rows on a
// worker thread, and the rows go in a slice per event-loop turn. Checked against an in-process
// emulator: the parser reads what the library reads, rows arrive in order with none lost or
// doubled, QAbstractItemModelTester stays happy, and changing the listing, editing or deleting
// the model while a page is being parsed or inserted neither crashes nor lets stale rows in.
#include "modeltestserver.h"
#include "recordingserver.h"

#include "models/filelistmodel.h"
#include "models/filepageparser.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QSemaphore>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace modeltest;

namespace {

QStringList modelIds(const ikui::FileListModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.entry(row)->id);
    return ids;
}

bool fetchAll(ikui::FileListModel &model)
{
    return QTest::qWaitFor([&model] {
        if (model.canFetchMore({}))
            model.fetchMore({});
        return model.isComplete() && !model.isLoading();
    }, 60000);
}

bool runJob(ik::ApiJob *job)
{
    bool ok = false;
    bool done = false;
    QObject::connect(job, &ik::ApiJob::failed, job, [&](const ik::ApiError &) { done = true; });
    QObject::connect(job, &ik::ApiJob::done, job, [&] { ok = !done; done = true; });
    return QTest::qWaitFor([&done] { return done; }, 20000) && ok;
}

ik::ResponseMetadata bodyOf(const QByteArray &raw)
{
    ik::ResponseMetadata response;
    response.httpStatus = 200;
    response.raw = raw;
    return response;
}

// Occupies every thread of the global pool, so a page handed to the worker stays unparsed until
// release(): the test decides what happens "while the page is being parsed".
class PoolBlocker
{
public:
    PoolBlocker()
    {
        m_threads = QThreadPool::globalInstance()->maxThreadCount();
        for (int i = 0; i < m_threads; ++i) {
            QThreadPool::globalInstance()->start([this] {
                m_started.release();
                m_gate.acquire();
            });
        }
        m_started.acquire(m_threads); // every thread is now held
    }
    ~PoolBlocker() { release(); }
    void release()
    {
        if (m_released)
            return;
        m_released = true;
        m_gate.release(m_threads);
        QThreadPool::globalInstance()->waitForDone(20000);
    }

private:
    int m_threads = 0;
    bool m_released = false;
    QSemaphore m_started;
    QSemaphore m_gate;
};

// The list request reached the network and came back (the model has the body, not the rows).
bool waitForListAnswer(ModelTestServer &server, int answers)
{
    return QTest::qWaitFor([&] { return server.listRequests() >= answers; }, 20000);
}

// Rows inserted into a model: each insertion's range, in signal order.
struct InsertionLog
{
    explicit InsertionLog(QAbstractItemModel *model)
    {
        QObject::connect(model, &QAbstractItemModel::rowsInserted, model, [this](const QModelIndex &, int first, int last) {
            ranges.append({first, last});
        });
        QObject::connect(model, &QAbstractItemModel::modelReset, model, [this] { ranges.clear(); });
    }
    int rows() const
    {
        int total = 0;
        for (const auto &range : ranges)
            total += range.second - range.first + 1;
        return total;
    }
    QList<QPair<int, int>> ranges;
};

} // namespace

class TestPageLoading : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(fillFolder(m_server.dataDir(), QStringLiteral("/big"), BigCount, &error), qPrintable(error));
        QVERIFY2(fillFolder(m_server.dataDir(), QStringLiteral("/small"), SmallCount, &error), qPrintable(error));
        QVERIFY2(createFolders(m_server.dataDir(), {QStringLiteral("/big/sub-a"), QStringLiteral("/big/sub-b")}, &error),
                 qPrintable(error));
        QVERIFY2(m_server.start(false, &error), qPrintable(error));
    }

    void cleanup()
    {
        // A test that failed half-way must not leave work for the next one.
        QThreadPool::globalInstance()->waitForDone(20000);
        QTest::qWait(20);
    }

    void aDeferredJobHandsOverTheBodyUnparsed()
    {
        ik::ListFilesOptions options;
        options.type = QStringLiteral("all");
        options.path = QStringLiteral("/big");
        options.limit = 300;
        ik::ImageKit api = m_server.imagekit();

        // The library's own reading of the page, for comparison.
        ik::FileListJob *parsedJob = api.listFiles(options);
        QSignalSpy parsed(parsedJob, &ik::FileListJob::finished);
        QVERIFY(parsed.wait(20000));
        const auto library = parsed.at(0).at(0).value<ik::FileList>();

        ik::FileListJob *job = api.listFiles(options);
        job->setParseDeferred(true);
        QVERIFY(job->isParseDeferred());
        QSignalSpy bodies(job, &ik::FileListJob::bodyReceived);
        QSignalSpy finished(job, &ik::FileListJob::finished);
        QSignalSpy done(job, &ik::ApiJob::done);
        QVERIFY(done.wait(20000));
        QCOMPARE(bodies.size(), 1);
        QCOMPARE(finished.size(), 0);
        const auto response = bodies.at(0).at(0).value<ik::ResponseMetadata>();
        QCOMPARE(response.httpStatus, 200);

        const ikui::ParsedFilePage page = ikui::FilePageParser::parse(response);
        QVERIFY2(page.ok(), qPrintable(page.error));
        QCOMPARE(page.entryCount, library.entryCount());
        QCOMPARE(page.entries.size(), 300);
        // Folders first (type=all), each entry as the library reads it.
        QCOMPARE(library.folders.size(), 2);
        for (qsizetype i = 0; i < library.folders.size(); ++i) {
            QVERIFY(page.entries.at(i).isFolder());
            QCOMPARE(page.entries.at(i).id, library.folders.at(i).folderId);
            QCOMPARE(page.entries.at(i).path(), library.folders.at(i).folderPath);
        }
        for (qsizetype i = 0; i < library.files.size(); ++i) {
            const ikui::FileEntry &entry = page.entries.at(i + library.folders.size());
            const ik::FileItem &file = library.files.at(i);
            QCOMPARE(entry.id, file.fileId);
            QCOMPARE(entry.name, file.name);
            QCOMPARE(entry.url, file.url);
            QCOMPARE(entry.mime, file.mime);
            QCOMPARE(entry.tags, file.tags);
            QCOMPARE(entry.size, file.size.value_or(-1));
            QCOMPARE(entry.width, file.width.value_or(0));
            QCOMPARE(entry.path(), file.filePath);
            QVERIFY(entry.isImage());
            QVERIFY(entry.createdMs > 0);
        }
    }

    void theParserRejectsWhatIsNotAListing()
    {
        ikui::ParsedFilePage page = ikui::FilePageParser::parse(bodyOf("{\"message\": \"not a list\"}"));
        QVERIFY(!page.ok());
        QVERIFY(page.error.contains(QStringLiteral("array")));
        QVERIFY(page.entries.isEmpty());

        page = ikui::FilePageParser::parse(bodyOf("[{\"type\": \"folder\", \"folderId\": \"f1\", \"name\": \"a\"}, 7]"));
        QVERIFY(!page.ok());
        QVERIFY2(page.error.contains(QStringLiteral("entry 1")), qPrintable(page.error));
        QVERIFY(page.entries.isEmpty()); // nothing half-read

        page = ikui::FilePageParser::parse(bodyOf("[{\"type\": \"file\", \"fileId\": \"x\""));
        QVERIFY(!page.ok());

        page = ikui::FilePageParser::parse(bodyOf("[]"));
        QVERIFY2(page.ok(), qPrintable(page.error));
        QCOMPARE(page.entryCount, 0);

        // Mixed order survives: the server's order, not folders-then-files.
        page = ikui::FilePageParser::parse(bodyOf(
            "[{\"type\": \"file\", \"fileId\": \"f\", \"name\": \"n.jpg\", \"filePath\": \"/d/n.jpg\", \"fileType\": \"image\"},"
            " {\"type\": \"folder\", \"folderId\": \"d\", \"name\": \"e\", \"folderPath\": \"/d/e\"}]"));
        QVERIFY2(page.ok(), qPrintable(page.error));
        QCOMPARE(page.entries.size(), 2);
        QCOMPARE(page.entries.at(0).id, QStringLiteral("f"));
        QCOMPARE(page.entries.at(0).folder, QStringLiteral("/d"));
        QCOMPARE(page.entries.at(1).id, QStringLiteral("d"));
        QVERIFY(page.entries.at(1).isFolder());
    }

    void slicesArriveInOrderWithNoRowLost()
    {
        ikui::FileListModel model(&m_server.imagekit());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setInsertSliceSize(97);
        QCOMPARE(model.insertSliceSize(), 97);
        model.setFolder(QStringLiteral("/big"));
        InsertionLog log(&model);
        QSignalSpy loading(&model, &ikui::FileListModel::loadingChanged);
        bool loadingMismatch = false;
        connect(&model, &ikui::FileListModel::loadingChanged, this,
                [&](bool loadingNow) { loadingMismatch = loadingMismatch || loadingNow != model.isLoading(); });

        // Between two slices the page is still loading: no second page may be asked for.
        bool sawPartialPage = false;
        bool fetchableMidPage = false;
        model.fetchMore({});
        QVERIFY(QTest::qWaitFor([&] {
            if (model.rowCount() > 0 && model.isLoading()) {
                sawPartialPage = true;
                fetchableMidPage = fetchableMidPage || model.canFetchMore({});
            }
            return !model.isLoading();
        }, 20000));
        QVERIFY(sawPartialPage);
        QVERIFY(!fetchableMidPage);
        QVERIFY(model.rowCount() >= 1000); // the tester may have asked for more since

        QVERIFY(fetchAll(model));
        ik::ListFilesOptions options;
        options.type = QStringLiteral("all");
        options.path = QStringLiteral("/big");
        options.sort = QStringLiteral("ASC_NAME");
        QCOMPARE(modelIds(model), listAllIds(m_server.imagekit(), options));

        // Every insertion appends the next rows, at most a slice at a time.
        int next = 0;
        for (const auto &range : std::as_const(log.ranges)) {
            QCOMPARE(range.first, next);
            QVERIFY(range.second - range.first + 1 <= 97);
            next = range.second + 1;
        }
        QCOMPARE(next, BigCount + 2);
        QVERIFY(log.ranges.size() >= (BigCount + 2) / 97);
        // loadingChanged(false) once per page of /big, after its last slice, and never while a
        // page is still on its way (the tester asks for the next page as soon as it may).
        int finishedPages = 0;
        for (const QList<QVariant> &args : std::as_const(loading))
            finishedPages += args.at(0).toBool() ? 0 : 1;
        QCOMPARE(finishedPages, (BigCount + 2) / 1000 + 1);
        QVERIFY(!loadingMismatch);
    }

    void switchingFolderWhileAPageIsParsed()
    {
        ikui::FileListModel model(&m_server.imagekit());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFolder(QStringLiteral("/big"));
        InsertionLog log(&model);
        m_server.resetCounters();
        {
            PoolBlocker blocker;
            model.fetchMore({});
            QVERIFY(waitForListAnswer(m_server, 1));
            QTest::qWait(50);
            // The body is in, its parse cannot run: the page is loading with no row yet.
            QVERIFY(model.isLoading());
            QCOMPARE(model.rowCount(), 0);
            QVERIFY(!model.canFetchMore({}));

            model.setFolder(QStringLiteral("/small"));
            QCOMPARE(model.rowCount(), 0);
            // The tester asks for the first page on the reset; otherwise we do.
            if (model.canFetchMore({}))
                model.fetchMore({});
            QVERIFY(model.isLoading()); // this page queues behind the blocked pool too
            QVERIFY(waitForListAnswer(m_server, 2));
            blocker.release(); // the stale parse and the new one both run now
        }
        QVERIFY(fetchAll(model));
        QTest::qWait(100);
        QCOMPARE(model.rowCount(), SmallCount);
        QCOMPARE(log.rows(), SmallCount); // nothing of /big was ever inserted
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.entry(row)->folder, QStringLiteral("/small"));
    }

    void switchingFolderBetweenSlices()
    {
        ikui::FileListModel model(&m_server.imagekit());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setInsertSliceSize(50);
        model.setFolder(QStringLiteral("/big"));
        model.fetchMore({});
        QVERIFY(QTest::qWaitFor([&] { return model.rowCount() > 0; }, 20000));
        QVERIFY(model.isLoading());
        QVERIFY(model.rowCount() < 1000);

        InsertionLog log(&model);
        model.setSort(QStringLiteral("DESC_NAME")); // a new listing of the same folder
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(fetchAll(model));
        QTest::qWait(100);
        QCOMPARE(model.rowCount(), BigCount + 2);
        QCOMPARE(log.rows(), BigCount + 2);
        ik::ListFilesOptions options;
        options.type = QStringLiteral("all");
        options.path = QStringLiteral("/big");
        options.sort = QStringLiteral("DESC_NAME");
        QCOMPARE(modelIds(model), listAllIds(m_server.imagekit(), options));
    }

    void deletingTheModelWhileAPageIsParsed()
    {
        auto model = std::make_unique<ikui::FileListModel>(&m_server.imagekit());
        model->setFolder(QStringLiteral("/big"));
        m_server.resetCounters();
        PoolBlocker blocker;
        model->fetchMore({});
        QVERIFY(waitForListAnswer(m_server, 1));
        QVERIFY(model->isLoading());
        model.reset();
        blocker.release(); // the orphaned parse runs to its end and is dropped
        QTest::qWait(100);
    }

    void anEditWhileAPageIsParsedSeesTheWholePage()
    {
        // No model tester here: it would ask for pages itself, and this test decides when.
        ikui::FileListModel model(&m_server.imagekit());
        model.setPageSize(400);
        model.setFolder(QStringLiteral("/small"));
        QVERIFY(fetchAll(model));
        const QString gone = model.entry(3)->id;

        model.setFolder(QStringLiteral("/big"));
        model.fetchMore({});
        QVERIFY(QTest::qWaitFor([&] { return !model.isLoading(); }, 20000));
        QCOMPARE(model.rowCount(), 400);
        const QString deleted = model.entry(10)->id;
        m_server.resetCounters();
        {
            PoolBlocker blocker;
            model.fetchMore({});
            QVERIFY(waitForListAnswer(m_server, 1));
            QCOMPARE(model.rowCount(), 400);
            QVERIFY(model.isLoading());

            // Deleted on the server after the page was sent: the model removes its row, and
            // first takes in the whole page (parsed here, the pool being blocked).
            ik::ImageKit api = m_server.imagekit();
            QVERIFY(runJob(api.deleteFile(deleted)));
            QCOMPARE(model.removeEntries({deleted, gone}), 1); // `gone` is not in this listing
            QCOMPARE(model.rowCount(), 799);
            QVERIFY(!model.isLoading());
            QVERIFY(model.canFetchMore({}));
        }
        QVERIFY(fetchAll(model));
        ik::ListFilesOptions options;
        options.type = QStringLiteral("all");
        options.path = QStringLiteral("/big");
        options.sort = QStringLiteral("ASC_NAME");
        const QStringList expected = listAllIds(m_server.imagekit(), options);
        QCOMPARE(expected.size(), BigCount + 1);
        QCOMPARE(modelIds(model), expected);
    }

    void anUnreadablePageIsAnError()
    {
        // A server whose listing is not a list of objects: the worker's verdict reaches the
        // model's errorOccurred, with the server's response, and the view stops asking.
        iktest::RecordingServer server;
        QVERIFY(server.listen());
        server.setDefaultResponse(iktest::ScriptedResponse::json(200, "[{\"type\": \"file\", \"fileId\": \"a\"}, 42]"));
        ik::ApiClient client;
        client.setPrivateKey(QStringLiteral("private_test"));
        QString error;
        QVERIFY2(client.setApiBase(server.baseUrl(), &error), qPrintable(error));
        ik::ImageKit imagekit(&client);
        ikui::FileListModel model(&imagekit);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy errors(&model, &ikui::FileListModel::errorOccurred);
        model.setFolder(QStringLiteral("/x"));
        model.fetchMore({});
        QVERIFY(errors.wait(20000));
        const auto failure = errors.at(0).at(0).value<ik::ApiError>();
        QCOMPARE(failure.kind(), ik::ErrorKind::UnparseableResponse);
        QVERIFY2(failure.message().contains(QStringLiteral("entry 1")), qPrintable(failure.message()));
        QCOMPARE(failure.metadata().httpStatus, 200);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.isLoading());
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(server.requestCount(), 1);
    }

private:
    static constexpr int BigCount = 2200;
    static constexpr int SmallCount = 30;
    ModelTestServer m_server;
};

QTEST_MAIN(TestPageLoading)
#include "tst_pageloading.moc"
