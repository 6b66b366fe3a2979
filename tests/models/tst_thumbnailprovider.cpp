// ikui::ThumbnailProvider against an in-process emulator: transformation URLs sized to the cell
// at the device pixel ratio, real thumbnails decoded with their DPR, the in-flight cap over the
// network, aborts when cells leave the screen, icons for folders and non-images; and the
// FileListModel wiring (visible rows -> requests, thumbnailReady -> dataChanged).
#include "modeltestserver.h"

#include "models/filelistmodel.h"
#include "thumbnails/thumbnaildiskcache.h"
#include "thumbnails/thumbnailprovider.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace modeltest;

namespace {

bool fetchAll(ikui::FileListModel &model)
{
    // Whoever asked first (this loop, a view or the model tester), one page at a time until done.
    return QTest::qWaitFor([&model] {
        if (model.canFetchMore({}))
            model.fetchMore({});
        return model.isComplete();
    }, 60000);
}

ikui::ThumbnailSource sourceOf(const ikui::FileEntry &e)
{
    return {e.id, e.path(), e.mime, e.isFolder(), e.isImage(), e.isPrivate(), e.versionId};
}

} // namespace

class TestThumbnailProvider : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(fillFolder(m_server.dataDir(), QStringLiteral("/big"), 300, &error), qPrintable(error));
        QVERIFY2(m_server.start(true, &error), qPrintable(error));
    }

    void urlsAreSizedToTheCellAtTheDevicePixelRatio()
    {
        ikui::ThumbnailProvider provider;
        provider.setUrlEndpoint(m_server.server().urlEndpoint().toString());
        provider.setCellSize(QSize(160, 120));
        provider.setDevicePixelRatio(1.5);
        QCOMPARE(provider.pixelSize(), QSize(240, 180));
        const QUrl url = provider.thumbnailUrl({QStringLiteral("id"), QStringLiteral("/big/file-000001.jpg"),
                                                QStringLiteral("image/jpeg"), false, true, false, {}});
        QCOMPARE(url.toString(), m_server.server().urlEndpoint().toString()
                                     + QStringLiteral("/tr:w-240,h-180,c-at_max/big/file-000001.jpg"));
        QVERIFY(!provider.thumbnailUrl({QStringLiteral("d"), QStringLiteral("/big"), {}, true, false, false, {}}).isValid());
        QVERIFY(!provider.thumbnailUrl({QStringLiteral("p"), QStringLiteral("/a.pdf"), QStringLiteral("application/pdf"),
                                        false, false, false, {}}).isValid());
        // Private files are signed when the private key is known.
        provider.setPrivateKey(m_server.server().config().privateKey);
        const QUrl signedUrl = provider.thumbnailUrl({QStringLiteral("id"), QStringLiteral("/big/file-000001.jpg"),
                                                      QStringLiteral("image/jpeg"), false, true, true, {}});
        QVERIFY(QUrlQuery(signedUrl).hasQueryItem(QStringLiteral("ik-s")));
    }

    void loadsVisibleThumbnailsWithinTheCap()
    {
        QTemporaryDir cacheDir;
        ikui::ThumbnailProvider provider;
        provider.setDiskCacheDirectory(cacheDir.path());
        provider.setUrlEndpoint(m_server.server().urlEndpoint().toString());
        provider.setCellSize(QSize(40, 40));
        provider.setDevicePixelRatio(2.0);
        provider.setMaxInFlight(8);
        ikui::FileListModel model(&m_server.imagekit());
        model.setFolder(QStringLiteral("/big"));
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), 300);

        QList<ikui::ThumbnailSource> visible;
        for (int row = 0; row < 30; ++row)
            visible.append(sourceOf(*model.entry(row)));
        // Before loading: a placeholder of the cell's size at the DPR.
        const QPixmap before = provider.thumbnail(visible.first());
        QCOMPARE(before.devicePixelRatio(), 2.0);
        QVERIFY(!provider.hasThumbnail(visible.first().fileId, visible.first().versionId));

        int maxInFlight = 0;
        QSignalSpy ready(&provider, &ikui::ThumbnailProvider::thumbnailReady);
        connect(&provider, &ikui::ThumbnailProvider::thumbnailReady, this,
                [&] { maxInFlight = qMax(maxInFlight, provider.inFlightCount()); });
        provider.request(visible);
        maxInFlight = qMax(maxInFlight, provider.inFlightCount());
        QCOMPARE(provider.inFlightCount(), 8);
        QVERIFY(QTest::qWaitFor([&ready] { return ready.size() == 30; }, 30000));
        QVERIFY(maxInFlight <= 8);
        QCOMPARE(provider.startedCount(), 30);
        QCOMPARE(provider.failedCount(), 0);
        // Visible-first: thumbnails arrive roughly in order; the first started is among the first done.
        QStringList readyIds;
        for (const auto &args : ready)
            readyIds.append(args.at(0).toString());
        QVERIFY(readyIds.indexOf(visible.first().fileId) < 8);

        const QPixmap thumb = provider.thumbnail(visible.first());
        QVERIFY(provider.hasThumbnail(visible.first().fileId, visible.first().versionId));
        QCOMPARE(thumb.devicePixelRatio(), 2.0);
        // The 64x48 original fits in 80x80 device pixels without enlarging (at_max).
        QVERIFY(thumb.width() <= 80 && thumb.height() <= 80);
        QCOMPARE(thumb.width(), 64);

        // Asking again for loaded cells starts nothing.
        provider.request(visible);
        QCOMPARE(provider.startedCount(), 30);
        QCOMPARE(provider.inFlightCount(), 0);
    }

    void secondProviderLoadsFromTheDiskCacheWithoutTheNetwork()
    {
        QTemporaryDir cacheDir;
        QList<ikui::ThumbnailSource> visible;
        {
            ikui::FileListModel model(&m_server.imagekit());
            model.setFolder(QStringLiteral("/big"));
            QVERIFY(fetchAll(model));
            for (int row = 100; row < 112; ++row)
                visible.append(sourceOf(*model.entry(row)));
        }
        const QSize cell(37, 37); // a size no other test fetched
        {
            ikui::ThumbnailProvider first;
            first.setDiskCacheDirectory(cacheDir.path());
            first.setUrlEndpoint(m_server.server().urlEndpoint().toString());
            first.setCellSize(cell);
            QSignalSpy ready(&first, &ikui::ThumbnailProvider::thumbnailReady);
            first.request(visible);
            QVERIFY(QTest::qWaitFor([&ready] { return ready.size() == 12; }, 30000));
            QCOMPARE(first.diskHitCount(), 0);
        }
        // Every file is written by a worker before its thumbnail is announced.
        int files = 0;
        for (QDirIterator it(cacheDir.path(), QDir::Files, QDirIterator::Subdirectories); it.hasNext(); it.next())
            ++files;
        QCOMPARE(files, 12);

        // An endpoint nobody listens on would fail every network request; URLs must still match the
        // cache, so keep the endpoint and count where the images came from instead.
        ikui::ThumbnailProvider second;
        second.setDiskCacheDirectory(cacheDir.path());
        second.setUrlEndpoint(m_server.server().urlEndpoint().toString());
        second.setCellSize(cell);
        QSignalSpy ready(&second, &ikui::ThumbnailProvider::thumbnailReady);
        second.request(visible);
        QVERIFY(QTest::qWaitFor([&ready] { return ready.size() == 12; }, 30000));
        QCOMPARE(second.diskHitCount(), 12);
        QCOMPARE(second.failedCount(), 0);
        QVERIFY(second.thumbnail(visible.first()).width() > 0);
    }

    void diskCacheTrimsLeastRecentlyUsedFirst()
    {
        QTemporaryDir cacheDir;
        ikui::ThumbnailDiskCache cache(cacheDir.path(), 10 * 1000);
        const QByteArray kilobyte(1000, 'x');
        for (int i = 0; i < 15; ++i) {
            QVERIFY(cache.write(QStringLiteral("key-%1").arg(i), kilobyte));
            QTest::qSleep(3); // distinct modification times, in write order
        }
        QVERIFY(cache.read(QStringLiteral("missing")).isEmpty());
        QCOMPARE(cache.read(QStringLiteral("key-0")), kilobyte); // now the most recently used
        QCOMPARE(cache.writtenSinceTrim(), 15 * 1000);
        const qint64 left = cache.trim();
        QCOMPARE(left, 9 * 1000); // down to 90% of the bound: the six least recently used went
        QCOMPARE(cache.writtenSinceTrim(), 0);
        QCOMPARE(cache.read(QStringLiteral("key-0")), kilobyte);
        QCOMPARE(cache.read(QStringLiteral("key-14")), kilobyte);
        for (int i = 1; i <= 6; ++i)
            QVERIFY(cache.read(QStringLiteral("key-%1").arg(i)).isEmpty());
        QCOMPARE(cache.read(QStringLiteral("key-7")), kilobyte);
        cache.remove(QStringLiteral("key-14"));
        QVERIFY(cache.read(QStringLiteral("key-14")).isEmpty());
    }

    void cellsScrolledAwayAreCancelled()
    {
        ikui::ThumbnailProvider provider;
        provider.setDiskCacheDirectory({});
        provider.setUrlEndpoint(m_server.server().urlEndpoint().toString());
        provider.setCellSize(QSize(33, 33)); // a size no other test fetched
        ikui::FileListModel model(&m_server.imagekit());
        model.setFolder(QStringLiteral("/big"));
        QVERIFY(fetchAll(model));
        ikemu::FaultSettings slow;
        slow.latencyMs = 300;
        m_server.server().setFaultSettings(slow);

        QList<ikui::ThumbnailSource> first;
        for (int row = 0; row < 100; ++row)
            first.append(sourceOf(*model.entry(row)));
        QSignalSpy ready(&provider, &ikui::ThumbnailProvider::thumbnailReady);
        provider.request(first);
        QCOMPARE(provider.inFlightCount(), 64);
        QCOMPARE(provider.startedCount(), 64);
        // Scrolled to rows 200..209 before anything arrived.
        QList<ikui::ThumbnailSource> second;
        for (int row = 200; row < 210; ++row)
            second.append(sourceOf(*model.entry(row)));
        provider.request(second);
        QCOMPARE(provider.abortedCount(), 64);
        QCOMPARE(provider.inFlightCount(), 10);
        QVERIFY(QTest::qWaitFor([&ready] { return ready.size() == 10; }, 30000));
        QTest::qWait(400);
        m_server.server().setFaultSettings({});
        QCOMPARE(ready.size(), 10); // nothing for the cells that left
        for (const auto &args : ready) {
            const int row = model.rowOfId(args.at(0).toString());
            QVERIFY2(row >= 200 && row < 210, qPrintable(QString::number(row)));
        }
        QCOMPARE(provider.startedCount(), 74); // and rows 64..99 were never requested
    }

    void iconsForFoldersAndNonImages()
    {
        ikui::ThumbnailProvider provider;
        provider.setDiskCacheDirectory({});
        provider.setDevicePixelRatio(2.0);
        const QPixmap folder = provider.thumbnail({QStringLiteral("d"), QStringLiteral("/x"), {}, true, false, false, {}});
        const QPixmap pdf = provider.thumbnail({QStringLiteral("p"), QStringLiteral("/a.pdf"),
                                                QStringLiteral("application/pdf"), false, false, false, {}});
        QVERIFY(!folder.isNull());
        QVERIFY(!pdf.isNull());
        QCOMPARE(folder.devicePixelRatio(), 2.0);
        provider.request({{QStringLiteral("p"), QStringLiteral("/a.pdf"), QStringLiteral("application/pdf"), false, false, false, {}}});
        QCOMPARE(provider.startedCount(), 0); // nothing to fetch for a non-image
    }

    void modelRequestsVisibleRowsAndRepaintsThem()
    {
        ikui::ThumbnailProvider provider;
        provider.setDiskCacheDirectory({});
        provider.setUrlEndpoint(m_server.server().urlEndpoint().toString());
        provider.setCellSize(QSize(48, 48));
        ikui::FileListModel model(&m_server.imagekit());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setThumbnailProvider(&provider);
        model.setPageSize(100);
        model.setFolder(QStringLiteral("/big"));
        QVERIFY(fetchAll(model));
        int imageRows = 0;
        for (int row = 0; row < model.rowCount(); ++row)
            imageRows += model.entry(row)->isImage() ? 1 : 0;
        QVERIFY(imageRows > 0);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setVisibleRows(0, model.rowCount() - 1);
        QCOMPARE(provider.startedCount(), qMin(imageRows, 64)); // the rest as slots free up
        QVERIFY(QTest::qWaitFor([&] { return provider.loadedCount() + provider.failedCount() == imageRows; }, 30000));
        QCOMPARE(provider.failedCount(), 0);
        QCOMPARE(changed.size(), imageRows);
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row, 0);
            const QPixmap pixmap = index.data(Qt::DecorationRole).value<QPixmap>();
            QVERIFY(!pixmap.isNull());
            if (model.entry(row)->isImage())
                QVERIFY(provider.hasThumbnail(model.entry(row)->id, model.entry(row)->versionId) && pixmap.width() <= 48 && pixmap.height() <= 48);
        }
        // Scrolling to nothing cancels nothing further and requests nothing.
        model.setVisibleRows(-1, -1);
        QCOMPARE(provider.inFlightCount(), 0);
    }

private:
    ModelTestServer m_server;
};

QTEST_MAIN(TestThumbnailProvider)
#include "tst_thumbnailprovider.moc"
