// ikui::FileListModel against an in-process emulator: QAbstractItemModelTester throughout, pages
// only on fetchMore (counted at the network layer), the same entries as an independent listing,
// sort/filter/search, errors, and row updates after operations without duplicates or gaps.
#include "modeltestserver.h"

#include "models/filelistmodel.h"
#include "session/filedetailsloader.h"
#include "session/filestore.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QListView>
#include <QMimeData>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace modeltest;

namespace {

QStringList modelIds(const ikui::FileListModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.data(model.index(row, 0), ikui::FileListModel::FileIdRole).toString());
    return ids;
}

// One fetchMore and its answer.
bool fetchPage(ikui::FileListModel &model)
{
    if (!model.canFetchMore({}))
        return false;
    model.fetchMore({});
    return QTest::qWaitFor([&model] { return !model.isLoading(); }, 20000);
}

bool fetchAll(ikui::FileListModel &model)
{
    // Whoever asked first (this loop, a view or the model tester), one page at a time until done.
    return QTest::qWaitFor([&model] {
        if (model.canFetchMore({}))
            model.fetchMore({});
        return model.isComplete();
    }, 60000);
}

ik::FileItem fileDetails(const ik::ImageKit &imagekit, const QString &fileId)
{
    ik::ImageKit api = imagekit;
    ik::FileItem result;
    bool done = false;
    auto *job = api.getFileDetails(fileId);
    QObject::connect(job, &ik::FileJob::finished, job, [&](const ik::FileItem &file) { result = file; done = true; });
    QObject::connect(job, &ik::ApiJob::failed, job, [&](const ik::ApiError &) { done = true; });
    if (!QTest::qWaitFor([&done] { return done; }, 20000))
        return {};
    return result;
}

bool runJob(ik::ApiJob *job)
{
    bool ok = false;
    bool done = false;
    QObject::connect(job, &ik::ApiJob::failed, job, [&](const ik::ApiError &) { done = true; });
    QObject::connect(job, &ik::ApiJob::done, job, [&] { ok = !done; done = true; });
    return QTest::qWaitFor([&done] { return done; }, 20000) && ok;
}

} // namespace

class TestFileListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(fillFolder(m_big.dataDir(), QStringLiteral("/big"), BigCount, &error), qPrintable(error));
        QVERIFY2(createFolders(m_big.dataDir(), {QStringLiteral("/big/sub-a"), QStringLiteral("/big/sub-b")}, &error),
                 qPrintable(error));
        QVERIFY2(m_big.start(false, &error), qPrintable(error));
        QVERIFY2(m_demo.start(true, &error), qPrintable(error));
    }

    void demoFoldersMatchAnIndependentListing()
    {
        // The tester fetches pages itself (canFetchMore/fetchMore on every change), like a view
        // that wants everything: the model must end with exactly the server's listing.
        ikui::FileListModel model(&m_demo.imagekit());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QString folder = QStringLiteral("/");
        bool sawImage = false;
        for (int depth = 0; depth < 3 && !folder.isEmpty(); ++depth) {
            model.setFolder(folder);
            QVERIFY(fetchAll(model));
            ik::ListFilesOptions options;
            options.type = QStringLiteral("all");
            options.path = folder;
            options.sort = QStringLiteral("ASC_NAME");
            const QStringList expected = listAllIds(m_demo.imagekit(), options);
            QVERIFY(!expected.isEmpty());
            QCOMPARE(modelIds(model), expected);

            QString nextFolder;
            for (int row = 0; row < model.rowCount(); ++row) {
                const ikui::FileEntry *e = model.entry(row);
                QVERIFY(e);
                QCOMPARE(model.data(model.index(row, ikui::FileListModel::NameColumn)).toString(), e->name);
                QCOMPARE(model.data(model.index(row, 0), ikui::FileListModel::PathRole).toString(),
                         folder == QLatin1String("/") ? QStringLiteral("/") + e->name : folder + QStringLiteral("/") + e->name);
                if (e->isFolder()) {
                    QVERIFY(model.data(model.index(row, 0), ikui::FileListModel::IsFolderRole).toBool());
                    if (nextFolder.isEmpty())
                        nextFolder = model.data(model.index(row, 0), ikui::FileListModel::PathRole).toString();
                    continue;
                }
                QVERIFY(!e->url.isEmpty());
                QVERIFY(e->createdMs > 0);
                QVERIFY(model.data(model.index(row, 0), ikui::FileListModel::CreatedRole).toDateTime().isValid());
                if (e->isImage()) {
                    sawImage = true;
                    QVERIFY(model.data(model.index(row, 0), ikui::FileListModel::WidthRole).toInt() > 0);
                    QVERIFY(model.data(model.index(row, ikui::FileListModel::DimensionsColumn)).toString().contains(
                        QString::number(e->width)));
                    QVERIFY(model.data(model.index(row, 0), ikui::FileListModel::MimeRole).toString().startsWith(
                        QStringLiteral("image/")));
                }
            }
            folder = nextFolder;
        }
        QVERIFY(sawImage);
    }

    void testerWatchesUpdates()
    {
        ikui::FileListModel model(&m_big.imagekit());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(700);
        model.setFolder(QStringLiteral("/big"));
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), BigCount + 2);
        const QString id = model.entry(7)->id;
        QVERIFY(model.renameEntry(id, QStringLiteral("zzz.jpg")));
        QCOMPARE(model.removeEntries({id}), 1);
        QVERIFY(model.setSort(QStringLiteral("DESC_CREATED")));
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), BigCount + 2);
    }

    void pagesOnlyOnFetchMore()
    {
        ikui::FileListModel model(&m_big.imagekit());
        model.setPageSize(500);
        m_big.resetCounters();
        model.setFolder(QStringLiteral("/big"));
        QTest::qWait(100);
        QCOMPARE(m_big.listRequests(), 0); // nothing until asked
        QVERIFY(model.canFetchMore({}));

        model.fetchMore({});
        model.fetchMore({}); // the view asks again while the page is on its way: ignored
        QVERIFY(!model.canFetchMore({}));
        QVERIFY(QTest::qWaitFor([&model] { return !model.isLoading(); }, 20000));
        QCOMPARE(m_big.listRequests(), 1);
        QCOMPARE(model.pageRequestCount(), 1);
        QCOMPARE(model.rowCount(), 500);
        // Two folders first, then files by name.
        QVERIFY(model.entry(0)->isFolder() && model.entry(1)->isFolder());
        QCOMPARE(model.entry(2)->name, QStringLiteral("file-000000.jpg"));
        QTest::qWait(100);
        QCOMPARE(m_big.listRequests(), 1); // no page without a fetchMore

        QVERIFY(fetchAll(model));
        const int total = BigCount + 2;
        QCOMPARE(model.rowCount(), total);
        QCOMPARE(m_big.listRequests(), total / 500 + 1);
        const QStringList ids = modelIds(model);
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), total);
        QVERIFY(!model.canFetchMore({}));
    }

    void aSmallerFirstPage()
    {
        ikui::FileListModel model(&m_big.imagekit());
        model.setFirstPageSize(100);
        model.setFolder(QStringLiteral("/big"));
        m_big.resetCounters();
        QVERIFY(fetchPage(model));
        QCOMPARE(model.rowCount(), 100);
        QVERIFY(model.canFetchMore({}));
        QVERIFY(fetchAll(model));
        // 100, then 1000, 1000 and the last 402.
        QCOMPARE(model.rowCount(), BigCount + 2);
        QCOMPARE(m_big.listRequests(), 4);
        const QStringList ids = modelIds(model);
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), BigCount + 2);
    }

    void aViewLoadsPagesAsItScrolls()
    {
        ikui::FileListModel model(&m_big.imagekit());
        model.setPageSize(200);
        model.setFolder(QStringLiteral("/big"));
        m_big.resetCounters();
        QListView view;
        view.resize(300, 400);
        view.setUniformItemSizes(true);
        view.setModel(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(QTest::qWaitFor([&model] { return model.rowCount() > 0 && !model.isLoading(); }, 20000));
        QTest::qWait(200);
        QCOMPARE(m_big.listRequests(), 1); // one screen needs one page

        for (int i = 0; i < 200 && model.rowCount() < 600; ++i) {
            view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
            QTest::qWait(20);
        }
        QVERIFY(model.rowCount() >= 600);
        QVERIFY(m_big.listRequests() >= 3);
        QVERIFY(m_big.listRequests() < BigCount / 200); // never the whole folder for a few scrolls
    }

    void sortAndFileTypeFilter()
    {
        ikui::FileListModel model(&m_big.imagekit());
        model.setFolder(QStringLiteral("/big"));
        QVERIFY(!model.setSort(QStringLiteral("SIDEWAYS_NAME")));
        QVERIFY(model.setSort(QStringLiteral("DESC_NAME")));
        QVERIFY(fetchPage(model));
        QCOMPARE(model.entry(2)->name, QStringLiteral("file-%1.jpg").arg(BigCount - 1, 6, 10, QLatin1Char('0')));
        for (int row = 3; row < model.rowCount(); ++row)
            QVERIFY(model.entry(row - 1)->name > model.entry(row)->name);

        QVERIFY(!model.setFileTypeFilter(QStringLiteral("videos")));
        QVERIFY(model.setFileTypeFilter(QStringLiteral("non-image")));
        QCOMPARE(model.rowCount(), 0); // a new listing
        QVERIFY(fetchAll(model));
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY(model.entry(row)->isFolder());
    }

    void searchAndServerErrors()
    {
        ikui::FileListModel model(&m_big.imagekit());
        model.setFolder(QStringLiteral("/big"));
        model.setSearchQuery(QStringLiteral("name = \"file-000042.jpg\""));
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.entry(0)->name, QStringLiteral("file-000042.jpg"));
        QCOMPARE(model.entry(0)->tags, (QStringList{QStringLiteral("generated"), QStringLiteral("even")}));

        QSignalSpy errors(&model, &ikui::FileListModel::errorOccurred);
        model.setSearchQuery(QStringLiteral("name = "));
        model.fetchMore({});
        QVERIFY(errors.wait(20000));
        QCOMPARE(errors.at(0).at(0).value<ik::ApiError>().kind(), ik::ErrorKind::BadRequest);
        QVERIFY(!errors.at(0).at(0).value<ik::ApiError>().message().isEmpty());
        QVERIFY(!model.canFetchMore({})); // no retry loop from the view
        QCOMPARE(model.rowCount(), 0);
        model.retry();
        QVERIFY(errors.wait(20000));
        QCOMPARE(errors.size(), 2);
    }

    void updatesAfterOperationsKeepPagingExact()
    {
        ikui::FileListModel model(&m_big.imagekit());
        model.setPageSize(300);
        model.setFolder(QStringLiteral("/big"));
        QVERIFY(fetchPage(model));
        QCOMPARE(model.rowCount(), 300);

        // Delete two loaded files on the server and in the model.
        const QString gone1 = model.entry(10)->id;
        const QString gone2 = model.entry(20)->id;
        ik::ImageKit api = m_big.imagekit();
        QVERIFY(runJob(api.deleteFile(gone1)));
        QVERIFY(runJob(api.deleteFile(gone2)));
        QCOMPARE(model.removeEntries({gone1, gone2, QStringLiteral("not-loaded")}), 2);
        QCOMPARE(model.rowCount(), 298);

        // A file moved in that sorts among the loaded rows.
        const QString outsiderId = model.entry(2)->id; // file-000000.jpg
        ik::MoveFileOptions move;
        move.sourceFilePath = QStringLiteral("/big/file-000000.jpg");
        move.destinationPath = QStringLiteral("/big/sub-a");
        QVERIFY(runJob(api.moveFile(move)));
        QCOMPARE(model.removeEntries({outsiderId}), 1);
        move.sourceFilePath = QStringLiteral("/big/sub-a/file-000000.jpg");
        move.destinationPath = QStringLiteral("/big");
        QVERIFY(runJob(api.moveFile(move)));
        const ik::FileItem back = fileDetails(m_big.imagekit(), outsiderId);
        QCOMPARE(back.fileId, outsiderId);
        QVERIFY(model.insertFile(back));
        QVERIFY(!model.insertFile(back)); // already there
        QCOMPARE(model.entry(2)->id, outsiderId);

        // Rename in place.
        const QString renamedId = model.entry(5)->id;
        QVERIFY(model.renameEntry(renamedId, QStringLiteral("renamed.jpg")));
        QCOMPARE(model.data(model.index(5, 0), ikui::FileListModel::PathRole).toString(), QStringLiteral("/big/renamed.jpg"));
        QVERIFY(model.data(model.index(5, 0), ikui::FileListModel::UrlRole).toString().endsWith(QStringLiteral("/big/renamed.jpg")));
        QVERIFY(!model.renameEntry(QStringLiteral("not-loaded"), QStringLiteral("x.jpg")));

        // The rest of the listing: every server entry exactly once.
        QVERIFY(fetchAll(model));
        ik::ListFilesOptions options;
        options.type = QStringLiteral("all");
        options.path = QStringLiteral("/big");
        options.sort = QStringLiteral("ASC_NAME");
        const QStringList expected = listAllIds(m_big.imagekit(), options);
        QCOMPARE(model.rowCount(), int(expected.size()));
        QCOMPARE(modelIds(model), expected);
    }

    void fileDetailsOnDemand()
    {
        ikui::FileListModel model(&m_big.imagekit());
        model.setFolder(QStringLiteral("/big"));
        QVERIFY(fetchPage(model));
        int row = 0;
        while (row < model.rowCount() && model.entry(row)->isFolder())
            ++row;
        QVERIFY(row < model.rowCount());
        // Details come through the session's loader into the store the model's rows live in.
        ikui::FileDetailsLoader loader(m_big.imagekit(), model.store());
        const QString id = model.entry(row)->id;
        QSignalSpy changed(model.store(), &ikui::FileStore::filesChanged);
        loader.loadDetails(id);
        QVERIFY(changed.wait(20000));
        QCOMPARE(changed.at(0).at(0).toStringList(), QStringList{id});
        const ik::FileItem *file = model.store()->details(id);
        QVERIFY(file);
        QCOMPARE(file->fileId, id);
        QCOMPARE(file->name, model.entry(row)->name);
        QCOMPARE(file->url, model.entry(row)->url);

        QSignalSpy errors(&loader, &ikui::FileDetailsLoader::detailsFailed);
        loader.loadDetails(QStringLiteral("000000000000000000000000"));
        QVERIFY(errors.wait(20000));
        QCOMPARE(errors.at(0).at(1).value<ik::ApiError>().kind(), ik::ErrorKind::NotFound);
    }

    void dragCarriesIds()
    {
        ikui::FileListModel model(&m_demo.imagekit());
        model.setFolder(QStringLiteral("/"));
        QVERIFY(fetchAll(model));
        QVERIFY(model.rowCount() >= 2);
        const int last = model.rowCount() - 1;
        std::unique_ptr<QMimeData> data(model.mimeData({model.index(last, 0), model.index(last, 1), model.index(0, 0)}));
        QVERIFY(data);
        const QStringList ids = QString::fromUtf8(data->data(ikui::FileListModel::idsMimeType())).split(QLatin1Char('\n'));
        QCOMPARE(ids, (QStringList{model.entry(last)->id, model.entry(0)->id}));
    }

private:
    static constexpr int BigCount = 2500;
    ModelTestServer m_big;
    ModelTestServer m_demo;
};

QTEST_MAIN(TestFileListModel)
#include "tst_filelistmodel.moc"
