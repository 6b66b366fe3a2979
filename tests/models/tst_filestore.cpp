// The session's FileStore: what listings hold, what answers change, what is forgotten, and two
// listings of one store that follow every change (both under QAbstractItemModelTester).
#include "modeltestserver.h"

#include "models/filelistmodel.h"
#include "session/filestore.h"

#include "api/imagekit.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {

constexpr int WaitMs = 15000;

ik::FileItem fileItem(const QString &id, const QString &folder, const QString &name, const QString &version)
{
    ik::FileItem file;
    file.type = QStringLiteral("file");
    file.fileId = id;
    file.name = name;
    file.filePath = (folder == QLatin1String("/") ? QString() : folder) + QLatin1Char('/') + name;
    file.url = QStringLiteral("https://ik.example/demo") + file.filePath;
    file.fileType = QStringLiteral("image");
    file.mime = QStringLiteral("image/jpeg");
    file.versionInfo.id = version;
    return file;
}

ikui::FileEntry entryOf(const ik::FileItem &file, ikui::StringPool &pool)
{
    return ikui::FileEntry::fromFile(file, pool);
}

} // namespace

class TestFileStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listedRowsLiveAsLongAsAListingHoldsThem()
    {
        ikui::FileStore store;
        ikui::StringPool pool;
        store.addListed({entryOf(fileItem(QStringLiteral("a"), QStringLiteral("/x"), QStringLiteral("a.jpg"), QStringLiteral("v1")), pool)}, nullptr);
        QVERIFY(store.isListed(QStringLiteral("a")));
        const int slot = store.slotOf(QStringLiteral("a"));
        store.retain(slot); // a second listing
        store.release(QVector<int>{slot});
        QVERIFY(store.contains(QStringLiteral("a")));
        store.release(QVector<int>{slot});
        QVERIFY(!store.contains(QStringLiteral("a"))); // nobody shows it, no details: forgotten
    }

    void answersReplaceFieldsAndSayWhichChanged()
    {
        ikui::FileStore store;
        ikui::StringPool pool;
        const ik::FileItem v1 = fileItem(QStringLiteral("a"), QStringLiteral("/x"), QStringLiteral("a.jpg"), QStringLiteral("v1"));
        store.addListed({entryOf(v1, pool)}, nullptr);
        QSignalSpy changed(&store, &ikui::FileStore::filesChanged);
        // The same row listed again unchanged: no change to report; with other fields, its id.
        QStringList relisted;
        store.addListed({entryOf(v1, pool)}, &relisted);
        QVERIFY(relisted.isEmpty());
        ik::FileItem renamedElsewhere = v1;
        renamedElsewhere.name = QStringLiteral("z.jpg");
        store.addListed({entryOf(renamedElsewhere, pool)}, &relisted);
        QCOMPARE(relisted, QStringList{QStringLiteral("a")});
        QCOMPARE(changed.count(), 0); // the listing announces it, once its rows are in
        const int slot = store.slotOf(QStringLiteral("a"));
        store.release(QVector<int>{slot, slot});
        // A restore's answer: new version, details kept.
        store.putFile(fileItem(QStringLiteral("a"), QStringLiteral("/x"), QStringLiteral("a.jpg"), QStringLiteral("v2")));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.last().at(0).toStringList(), QStringList{QStringLiteral("a")});
        QCOMPARE(store.entry(QStringLiteral("a"))->versionId, QStringLiteral("v2"));
        QVERIFY(store.details(QStringLiteral("a")));
        // Metadata of the current version; a new version drops it.
        ik::FileMetadata metadata;
        metadata.pHash = QStringLiteral("f0e1d2c3b4a59687");
        QSignalSpy metadataChanged(&store, &ikui::FileStore::metadataChanged);
        store.putMetadata(QStringLiteral("a"), metadata);
        QCOMPARE(metadataChanged.count(), 1);
        QCOMPARE(store.metadata(QStringLiteral("a"))->pHash, metadata.pHash);
        store.putFile(fileItem(QStringLiteral("a"), QStringLiteral("/x"), QStringLiteral("a.jpg"), QStringLiteral("v3")));
        QVERIFY(!store.metadata(QStringLiteral("a")));
        store.putMetadata(QStringLiteral("unknown"), metadata); // only for files it knows
        QVERIFY(!store.metadata(QStringLiteral("unknown")));
        // A rename: name, URL and the kept details follow.
        store.rename(QStringLiteral("a"), QStringLiteral("b c.jpg"));
        QCOMPARE(store.entry(QStringLiteral("a"))->name, QStringLiteral("b c.jpg"));
        QVERIFY(store.entry(QStringLiteral("a"))->url.endsWith(QLatin1String("/x/b%20c.jpg")));
        QCOMPARE(store.details(QStringLiteral("a"))->filePath, QStringLiteral("/x/b c.jpg"));
        // A move: the folder changes, the stale details go.
        store.moveTo({QStringLiteral("a")}, QStringLiteral("/y"));
        QCOMPARE(store.entry(QStringLiteral("a"))->folder, QStringLiteral("/y"));
        QVERIFY(!store.details(QStringLiteral("a")));
        QSignalSpy removed(&store, &ikui::FileStore::filesRemoved);
        store.remove({QStringLiteral("a"), QStringLiteral("unknown")});
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.first().at(0).toStringList(), QStringList{QStringLiteral("a")}); // only what it knew
    }

    void detailsOfUnlistedFilesAreBounded()
    {
        ikui::FileStore store;
        ikui::StringPool pool;
        const ik::FileItem listed = fileItem(QStringLiteral("listed"), QStringLiteral("/x"), QStringLiteral("l.jpg"), QStringLiteral("v"));
        store.addListed({entryOf(listed, pool)}, nullptr);
        store.putFile(listed);
        const int extra = ikui::FileStore::MaxUnlistedDetails + 20;
        QList<ik::FileItem> files;
        for (int i = 0; i < extra; ++i)
            files << fileItem(QStringLiteral("u%1").arg(i), QStringLiteral("/s"), QStringLiteral("u%1.jpg").arg(i), QStringLiteral("v"));
        for (const ik::FileItem &file : std::as_const(files))
            store.putFile(file);
        QVERIFY(!store.contains(QStringLiteral("u0"))); // the oldest unlisted ones went
        QVERIFY(store.details(QStringLiteral("u%1").arg(extra - 1)));
        QVERIFY(store.details(QStringLiteral("listed"))); // a listed file keeps its details
        QCOMPARE(store.size(), qsizetype(ikui::FileStore::MaxUnlistedDetails + 1));
    }

    void twoListingsOfOneStoreFollowEveryChange()
    {
        modeltest::ModelTestServer server;
        QString error;
        QVERIFY2(modeltest::fillFolder(server.dataDir(), QStringLiteral("/f"), 30, &error), qPrintable(error));
        QVERIFY2(server.start(false, &error), qPrintable(error));
        ikui::FileStore store;
        ikui::FileListModel first(&server.imagekit());
        ikui::FileListModel second(&server.imagekit());
        for (ikui::FileListModel *model : {&first, &second}) {
            model->setStore(&store);
            model->setFolder(QStringLiteral("/f"));
            model->fetchMore({});
        }
        QAbstractItemModelTester firstTester(&first, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester secondTester(&second, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(!first.isLoading() && !second.isLoading() && first.rowCount() == 30
                                     && second.rowCount() == 30, WaitMs);
        const QString id = first.entry(3)->id;
        QVERIFY(store.isListed(id));

        // A change through one listing's API shows in the other.
        QVERIFY(first.renameEntry(id, QStringLiteral("zzz-renamed.jpg")));
        QCOMPARE(second.index(second.rowOfId(id), 0).data(ikui::FileListModel::NameRole).toString(),
                 QStringLiteral("zzz-renamed.jpg"));
        // Listing again brings the server's fields (that rename was the store's only): the store
        // takes them, the other listing follows, and no listing's rows double (the page's change is
        // announced after its rows are in).
        const QString serverName = QStringLiteral("file-000003.jpg");
        second.refresh();
        second.fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(!second.isLoading() && second.rowCount() == 30, WaitMs);
        QCOMPARE(first.index(first.rowOfId(id), 0).data(ikui::FileListModel::NameRole).toString(), serverName);
        QCOMPARE(first.rowCount(), 30);
        QCOMPARE(second.rowCount(), 30);
        // A file moved away leaves both; the store forgets it (nobody shows it).
        store.moveTo({id}, QStringLiteral("/elsewhere"));
        QCOMPARE(first.rowOfId(id), -1);
        QCOMPARE(second.rowOfId(id), -1);
        QVERIFY(!store.contains(id));
        // An upload answer for the folder appears in both at its sorted place.
        store.putFile(fileItem(QStringLiteral("new"), QStringLiteral("/f"), QStringLiteral("file-000005b.jpg"), QStringLiteral("v")));
        QVERIFY(first.rowOfId(QStringLiteral("new")) >= 0);
        QCOMPARE(first.rowOfId(QStringLiteral("new")), second.rowOfId(QStringLiteral("new")));
        QCOMPARE(first.index(first.rowOfId(QStringLiteral("new")) - 1, 0).data(ikui::FileListModel::NameRole).toString(),
                 QStringLiteral("file-000005.jpg"));
        // A delete through the other listing removes it from both.
        QCOMPARE(second.removeEntries({QStringLiteral("new")}), 1);
        QCOMPARE(first.rowOfId(QStringLiteral("new")), -1);
        QCOMPARE(first.rowCount(), 29);
        // A listing that goes away lets go of its rows; the other still holds them.
        const QString kept = first.entry(0)->id;
        first.setFolder(QStringLiteral("/"));
        QVERIFY(store.isListed(kept));
        second.setFolder(QStringLiteral("/"));
        QVERIFY(!store.contains(kept));
    }
};

QTEST_MAIN(TestFileStore)
#include "tst_filestore.moc"
