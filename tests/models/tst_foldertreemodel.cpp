// ikui::FolderTreeModel against an in-process emulator: lazy loading (nothing listed before
// fetchMore), paging until exhausted, one listing per folder at a time, refresh, errors, drops.
#include "modeltestserver.h"

#include "models/filelistmodel.h"
#include "models/foldertreemodel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

using namespace modeltest;

namespace {

QStringList childNames(const ikui::FolderTreeModel &model, const QModelIndex &parent)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row)
        names.append(model.index(row, 0, parent).data().toString());
    return names;
}

bool load(ikui::FolderTreeModel &model, const QModelIndex &index)
{
    QSignalSpy loaded(&model, &ikui::FolderTreeModel::folderLoaded);
    model.fetchMore(index);
    return loaded.wait(20000);
}

} // namespace

class TestFolderTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QStringList folders;
        for (int i = 0; i < 7; ++i)
            folders.append(QStringLiteral("/f%1").arg(i));
        folders += {QStringLiteral("/f1/a"), QStringLiteral("/f1/b"), QStringLiteral("/f1/b/deep")};
        QVERIFY2(createFolders(m_server.dataDir(), folders, &error), qPrintable(error));
        QVERIFY2(m_server.start(false, &error), qPrintable(error));
    }

    void loadsLazilyAndPagesUntilExhausted()
    {
        // No tester here yet: it calls fetchMore itself while checking, which would blur the counts.
        ikui::FolderTreeModel model(&m_server.imagekit());
        model.setPageSize(3);
        model.setRootName(QStringLiteral("Demo"));
        m_server.resetCounters();

        QCOMPARE(model.rowCount(), 1);
        const QModelIndex root = model.index(0, 0);
        QCOMPARE(root.data().toString(), QStringLiteral("Demo"));
        QCOMPARE(ikui::FolderTreeModel::pathOf(root), QStringLiteral("/"));
        QVERIFY(model.hasChildren(root));
        QCOMPARE(model.rowCount(root), 0);
        QVERIFY(model.canFetchMore(root));
        QTest::qWait(50);
        QCOMPARE(m_server.listRequests(), 0);

        model.fetchMore(root);
        model.fetchMore(root); // re-entrant call while listing: ignored
        QVERIFY(model.isLoading(root));
        QVERIFY(!model.canFetchMore(root));
        QSignalSpy loaded(&model, &ikui::FolderTreeModel::folderLoaded);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(loaded.at(0).at(0).toString(), QStringLiteral("/"));
        // 7 folders at 3 per page: 3, 3, 1.
        QCOMPARE(m_server.listRequests(), 3);
        QCOMPARE(model.requestCount(), 3);
        QCOMPARE(childNames(model, root), (QStringList{QStringLiteral("f0"), QStringLiteral("f1"), QStringLiteral("f2"),
                                                       QStringLiteral("f3"), QStringLiteral("f4"), QStringLiteral("f5"),
                                                       QStringLiteral("f6")}));
        QVERIFY(!model.canFetchMore(root));

        const QModelIndex f1 = model.indexForPath(QStringLiteral("/f1"));
        QVERIFY(f1.isValid());
        QCOMPARE(ikui::FolderTreeModel::pathOf(f1), QStringLiteral("/f1"));
        QVERIFY(model.hasChildren(f1)); // unknown until listed
        QVERIFY(load(model, f1));
        QCOMPARE(childNames(model, f1), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        const QModelIndex a = model.indexForPath(QStringLiteral("/f1/a/"));
        QVERIFY(a.isValid());
        QVERIFY(load(model, a));
        QVERIFY(!model.hasChildren(a)); // a leaf once listed
        QVERIFY(load(model, model.indexForPath(QStringLiteral("/f1/b"))));
        QCOMPARE(ikui::FolderTreeModel::pathOf(model.indexForPath(QStringLiteral("/f1/b/deep"))),
                 QStringLiteral("/f1/b/deep"));
        QVERIFY(!model.indexForPath(QStringLiteral("/f1/nope")).isValid());
        QCOMPARE(m_server.listRequests(), 6);

        // The loaded tree passes the model checks (the tester may load the rest meanwhile).
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTest::qWait(200);
    }

    void aTreeViewExpandsThroughFetchMore()
    {
        ikui::FolderTreeModel model(&m_server.imagekit());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTreeView view;
        view.setModel(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy loaded(&model, &ikui::FolderTreeModel::folderLoaded);
        view.expand(model.index(0, 0));
        QVERIFY(loaded.wait(20000));
        QCOMPARE(model.rowCount(model.index(0, 0)), 7);
    }

    void refreshListsAgain()
    {
        ikui::FolderTreeModel model(&m_server.imagekit());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex root = model.index(0, 0);
        QVERIFY(load(model, root));
        QVERIFY(load(model, model.indexForPath(QStringLiteral("/f1"))));

        ik::ImageKit api = m_server.imagekit();
        ik::CreateFolderOptions create;
        create.folderName = QStringLiteral("newone");
        create.parentFolderPath = QStringLiteral("/f1");
        auto *job = api.createFolder(create);
        QSignalSpy done(job, &ik::ApiJob::done);
        QVERIFY(done.wait(20000));

        QSignalSpy loaded(&model, &ikui::FolderTreeModel::folderLoaded);
        model.refresh(QStringLiteral("/f1"));
        QVERIFY(loaded.wait(20000));
        QCOMPARE(childNames(model, model.indexForPath(QStringLiteral("/f1"))),
                 (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("newone")}));
        QCOMPARE(model.rowCount(root), 7); // other folders untouched
    }

    void errorsAreReportedAndRetryable()
    {
        ikui::FolderTreeModel model(&m_server.imagekit());
        ikemu::FaultSettings faults;
        faults.failRate = 1.0;
        m_server.server().setFaultSettings(faults);
        QSignalSpy errors(&model, &ikui::FolderTreeModel::errorOccurred);
        const QModelIndex root = model.index(0, 0);
        model.fetchMore(root);
        QVERIFY(errors.wait(20000));
        m_server.server().setFaultSettings({});
        QCOMPARE(errors.at(0).at(0).toString(), QStringLiteral("/"));
        QVERIFY(errors.at(0).at(1).value<ik::ApiError>().isTransient());
        QVERIFY(model.canFetchMore(root)); // the user may try again
        QVERIFY(load(model, root));
        QCOMPARE(model.rowCount(root), 7);
    }

    void dropsOfFileIdsNameTheFolder()
    {
        ikui::FolderTreeModel model(&m_server.imagekit());
        QVERIFY(load(model, model.index(0, 0)));
        const QModelIndex f2 = model.indexForPath(QStringLiteral("/f2"));
        QMimeData data;
        data.setData(ikui::FileListModel::idsMimeType(), QByteArrayLiteral("id1\nid2"));
        QVERIFY(model.canDropMimeData(&data, Qt::MoveAction, -1, -1, f2));
        QSignalSpy dropped(&model, &ikui::FolderTreeModel::idsDropped);
        model.dropMimeData(&data, Qt::MoveAction, -1, -1, f2);
        QCOMPARE(dropped.size(), 1);
        QCOMPARE(dropped.at(0).at(0).toStringList(), (QStringList{QStringLiteral("id1"), QStringLiteral("id2")}));
        QCOMPARE(dropped.at(0).at(1).toString(), QStringLiteral("/f2"));
        QMimeData text;
        text.setText(QStringLiteral("hello"));
        QVERIFY(!model.canDropMimeData(&text, Qt::MoveAction, -1, -1, f2));
    }

private:
    ModelTestServer m_server;
};

QTEST_MAIN(TestFolderTreeModel)
#include "tst_foldertreemodel.moc"
