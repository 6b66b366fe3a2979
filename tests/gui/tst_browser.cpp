// The browser window against a real in-process emulator with the demo library: walking folders,
// paging a 5,000-file folder on demand, search, rename, move by drop, delete with confirmation,
// restoring a version. Every check reads the server's state back through the API.
#include "apiwait.h"
#include "browserwaits.h"
#include "demofixture.h"
#include "modaldialogs.h"
#include "serverprofile.h"

#include "session/session.h"
#include "browser/breadcrumbbar.h"
#include "browser/folderdrophandler.h"
#include "details/detailspane.h"
#include "shell/mainwindow.h"
#include "actions/fileactions.h"
#include "models/filelistmodel.h"
#include "models/foldertreemodel.h"
#include "search/searchbox.h"
#include "search/searchqueryeditor.h"

#include "api/imagekit.h"
#include "server/emulatorserver.h"
#include "store/mediastore.h"

#include <QAbstractButton>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QSignalSpy>
#include <QTreeView>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {

constexpr int WaitMs = 15000;

using guitest::namesIn;
using guitest::rowOfName;

// Accepts the next modal message box with Yes and returns its text (asynchronously, into *text).
void acceptNextMessageBox(QObject *context, QString *text)
{
    guitest::onNextModal<QMessageBox>(context, [text](QMessageBox *box) {
        *text = guitest::messageText(box);
        if (QAbstractButton *yes = box->button(QMessageBox::Yes))
            yes->click();
        else
            box->accept();
    });
}

} // namespace

class TestBrowser : public QObject
{
    Q_OBJECT

private:
    guitest::DemoFixture m_demo{WaitMs};

    static bool waitForListing(const ikui::MainWindow &window) { return guitest::waitForListing(window, WaitMs); }

    // Selects the row of `name` in the visible view.
    bool select(ikui::MainWindow &window, const QString &name)
    {
        const int row = rowOfName(window.fileModel(), name);
        if (row < 0)
            return false;
        QAbstractItemView *view = window.viewMode() == ikui::MainWindow::ViewMode::Grid
            ? static_cast<QAbstractItemView *>(window.gridView()) : static_cast<QAbstractItemView *>(window.listView());
        view->selectionModel()->select(window.fileModel()->index(row, 0),
                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        return window.selectedIds().size() == 1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_demo.start(), qPrintable(m_demo.errorText()));
        QVERIFY(m_demo.session()->isDemo());
    }

    void opensTheDemoAndWalksFolders()
    {
        ikui::MainWindow window;
        // Active: window shortcuts (Backspace) need it.
        QVERIFY2(m_demo.showWindow(window, guitest::DemoFixture::Activation::Active), qPrintable(m_demo.errorText()));
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("demoBadge"))->isVisible());
        QCOMPARE(window.currentFolder(), QStringLiteral("/"));

        const int photos = rowOfName(window.fileModel(), QStringLiteral("photos"));
        QVERIFY2(photos >= 0, "the demo's /photos folder is listed at the root");
        QVERIFY(window.fileModel()->index(photos, 0).data(ikui::FileListModel::IsFolderRole).toBool());

        // Enter opens a folder.
        window.gridView()->setFocus();
        window.gridView()->setCurrentIndex(window.fileModel()->index(photos, 0));
        QTest::keyClick(window.gridView(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(window.currentFolder(), QStringLiteral("/photos"), WaitMs);
        QVERIFY(waitForListing(window));
        QVERIFY(rowOfName(window.fileModel(), QStringLiteral("edits")) >= 0);
        auto *crumbs = window.findChild<ikui::BreadcrumbBar *>();
        QCOMPARE(crumbs->crumbPaths(), (QStringList{QStringLiteral("/"), QStringLiteral("/photos")}));

        // What the window lists is what the server has in that folder.
        QStringList shown;
        for (int row = 0; row < window.fileModel()->rowCount(); ++row)
            shown << window.fileModel()->index(row, 0).data(ikui::FileListModel::NameRole).toString();
        QStringList expected = namesIn(m_demo.imageKit(), QStringLiteral("/photos"), WaitMs);
        shown.sort();
        expected.sort();
        QCOMPARE(shown, expected);

        // Backspace goes up.
        QTest::keyClick(window.gridView(), Qt::Key_Backspace);
        QTRY_COMPARE_WITH_TIMEOUT(window.currentFolder(), QStringLiteral("/"), WaitMs);

        // The list view shows the same model with its columns.
        window.setViewMode(ikui::MainWindow::ViewMode::List);
        QVERIFY(window.listView()->isVisible());
        QCOMPARE(window.listView()->model(), window.fileModel());
    }

    // The details list's columns are kept while the grid holds the model, and across a restart
    // (the grid and the list never hold the model at once, which empties the list's header).
    void detailsListColumnsSurviveTheGridAndARestart()
    {
        {
            ikui::MainWindow window;
            QVERIFY2(m_demo.showWindow(window), qPrintable(m_demo.errorText()));
            window.setViewMode(ikui::MainWindow::ViewMode::List);
            QHeaderView *header = window.listView()->header();
            header->resizeSection(ikui::FileListModel::NameColumn, 333);
            window.setViewMode(ikui::MainWindow::ViewMode::Grid);
            window.setViewMode(ikui::MainWindow::ViewMode::List);
            QCOMPARE(header->sectionSize(ikui::FileListModel::NameColumn), 333);
            window.setViewMode(ikui::MainWindow::ViewMode::Grid); // closed while the grid shows
            window.close();
        }
        ikui::MainWindow again;
        QVERIFY2(m_demo.showWindow(again), qPrintable(m_demo.errorText()));
        QCOMPARE(again.viewMode(), ikui::MainWindow::ViewMode::Grid);
        again.setViewMode(ikui::MainWindow::ViewMode::List);
        QCOMPARE(again.listView()->header()->sectionSize(ikui::FileListModel::NameColumn), 333);
    }

    void searchesNamesAndTagsAndShowsQueryErrors()
    {
        ikui::MainWindow window;
        QVERIFY2(m_demo.showWindow(window), qPrintable(m_demo.errorText()));
        window.searchBox()->setDebounceMs(50);
        QTest::keyClicks(window.searchBox(), QStringLiteral("shapes"));
        QTRY_COMPARE_WITH_TIMEOUT(window.fileModel()->searchQuery(),
                                  QStringLiteral("name : \"shapes\" OR tags IN [\"shapes\"]"), WaitMs);
        QVERIFY(QTest::qWaitFor([&] { return !window.fileModel()->isLoading() && window.fileModel()->rowCount() > 0; }, WaitMs));
        for (int row = 0; row < window.fileModel()->rowCount(); ++row) {
            const QModelIndex index = window.fileModel()->index(row, 0);
            const bool matches = index.data(ikui::FileListModel::NameRole).toString().startsWith(QLatin1String("shapes"))
                || index.data(ikui::FileListModel::TagsRole).toStringList().contains(QStringLiteral("shapes"));
            QVERIFY2(matches, qPrintable(index.data(ikui::FileListModel::NameRole).toString()));
        }

        // A broken advanced query: the server's message appears under the editor.
        window.searchQueryEditor()->setQuery(QStringLiteral("width >> 5"));
        window.search(window.searchQueryEditor()->query());
        QTRY_VERIFY_WITH_TIMEOUT(!window.searchQueryEditor()->errorText().isEmpty(), WaitMs);
    }

    void renamesAFile()
    {
        ikui::MainWindow window;
        QVERIFY2(m_demo.showWindow(window), qPrintable(m_demo.errorText()));
        window.openFolder(QStringLiteral("/shapes"));
        QVERIFY(waitForListing(window));
        QVERIFY(select(window, QStringLiteral("shapes-02.jpg")));
        QSignalSpy finished(&window, &ikui::MainWindow::operationFinished);
        window.fileActions()->renameSelectedTo(QStringLiteral("renamed-shape.jpg"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, WaitMs);
        QVERIFY(finished.first().at(1).toBool());
        QVERIFY(rowOfName(window.fileModel(), QStringLiteral("renamed-shape.jpg")) >= 0);
        const QStringList onServer = namesIn(m_demo.imageKit(), QStringLiteral("/shapes"), WaitMs);
        QVERIFY(onServer.contains(QStringLiteral("renamed-shape.jpg")));
        QVERIFY(!onServer.contains(QStringLiteral("shapes-02.jpg")));
    }

    void movesAFileByDroppingItOnAFolder()
    {
        ikui::MainWindow window;
        QVERIFY2(m_demo.showWindow(window), qPrintable(m_demo.errorText()));
        window.openFolder(QStringLiteral("/photos"));
        QVERIFY(waitForListing(window));
        ikui::FileListModel *model = window.fileModel();
        const int editsRow = rowOfName(model, QStringLiteral("edits"));
        QVERIFY(editsRow >= 0);
        int fileRow = -1;
        for (int row = 0; row < model->rowCount() && fileRow < 0; ++row) {
            if (!model->index(row, 0).data(ikui::FileListModel::IsFolderRole).toBool())
                fileRow = row;
        }
        QVERIFY(fileRow >= 0);
        const QString fileName = model->index(fileRow, 0).data(ikui::FileListModel::NameRole).toString();
        std::unique_ptr<QMimeData> mime(model->mimeData({model->index(fileRow, 0)}));
        QVERIFY(mime);

        // Drop what the model would drag onto the "edits" cell of the grid.
        auto *grid = window.gridView();
        grid->scrollTo(model->index(editsRow, 0));
        QTRY_VERIFY_WITH_TIMEOUT(grid->visualRect(model->index(editsRow, 0)).isValid(), WaitMs);
        const QPoint target = grid->visualRect(model->index(editsRow, 0)).center();
        QCOMPARE(grid->indexAt(target).row(), editsRow);
        QVERIFY(mime->hasFormat(ikui::FileListModel::idsMimeType()));
        QDragEnterEvent enter(target, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(grid->viewport(), &enter);
        QDragMoveEvent move(target, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(grid->viewport(), &move);
        auto *handler = grid->findChild<ikui::FolderDropHandler *>();
        QVERIFY(handler);
        QCOMPARE(handler->targetFolderAt(target, ikui::FolderDropHandler::idsOf(mime.get())), QStringLiteral("/photos/edits"));
        QVERIFY(move.isAccepted());
        QSignalSpy finished(&window, &ikui::MainWindow::operationFinished);
        QDropEvent drop(target, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(grid->viewport(), &drop);
        QVERIFY(drop.isAccepted());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, WaitMs);
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(window.lastErrorText()));
        QVERIFY(namesIn(m_demo.imageKit(), QStringLiteral("/photos/edits"), WaitMs).contains(fileName));
        QVERIFY(!namesIn(m_demo.imageKit(), QStringLiteral("/photos"), WaitMs).contains(fileName));
    }

    void deletesAfterAConfirmationThatNamesTheFile()
    {
        ikui::MainWindow window;
        QVERIFY2(m_demo.showWindow(window), qPrintable(m_demo.errorText()));
        window.openFolder(QStringLiteral("/patterns"));
        QVERIFY(waitForListing(window));
        QVERIFY(window.fileModel()->rowCount() > 0);
        const QString name = window.fileModel()->index(0, 0).data(ikui::FileListModel::NameRole).toString();
        QVERIFY(select(window, name));
        QSignalSpy finished(&window, &ikui::MainWindow::operationFinished);
        QString question;
        acceptNextMessageBox(this, &question);
        window.findChild<QAction *>(QStringLiteral("actionDelete"))->trigger();
        QVERIFY2(question.contains(name), qPrintable(question));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, WaitMs);
        QVERIFY(finished.first().at(1).toBool());
        QVERIFY(!namesIn(m_demo.imageKit(), QStringLiteral("/patterns"), WaitMs).contains(name));
    }

    void restoresAnOlderVersion()
    {
        // Products 0, 2 and 4 have older versions: /products holds 0..2.
        ikui::MainWindow window;
        QVERIFY2(m_demo.showWindow(window), qPrintable(m_demo.errorText()));
        window.openFolder(QStringLiteral("/products"));
        QVERIFY(waitForListing(window));
        ikui::DetailsPane *details = window.detailsPane();
        QString chosen;
        for (int row = 0; row < window.fileModel()->rowCount() && chosen.isEmpty(); ++row) {
            const QModelIndex index = window.fileModel()->index(row, 0);
            if (index.data(ikui::FileListModel::IsFolderRole).toBool())
                continue;
            QVERIFY(select(window, index.data(ikui::FileListModel::NameRole).toString()));
            QVERIFY(QTest::qWaitFor([&] { return details->versionsLoaded() && details->isLoaded(); }, WaitMs));
            if (details->versionIds().size() > 1)
                chosen = details->fileId();
        }
        QVERIFY2(!chosen.isEmpty(), "a demo product has an older version");
        const QString oldVersion = details->versionIds().last(); // newest first: the oldest is last
        const QString currentBefore = details->file().versionInfo.id;
        QVERIFY(oldVersion != currentBefore);

        QSignalSpy finished(&window, &ikui::MainWindow::operationFinished);
        QString question;
        acceptNextMessageBox(this, &question);
        details->restoreVersion(oldVersion);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, WaitMs);
        QVERIFY(question.contains(details->file().name));
        const auto after = guitest::awaitResult<ik::FileJob, ik::FileItem>(m_demo.imageKit().getFileDetails(chosen), WaitMs);
        QVERIFY(after);
        QCOMPARE(after->versionInfo.id, oldVersion); // the old version is the current one now
        // The pane reloads the file: it shows the restored version as current.
        QTRY_COMPARE_WITH_TIMEOUT(details->file().versionInfo.id, oldVersion, WaitMs);
    }

    void pagesAFiveThousandFileFolderOnDemand()
    {
        // A separate emulator whose store holds one folder of 5,000 files (records only).
        QTemporaryDir dir;
        {
            ikemu::MediaStore store(dir.path());
            QString error;
            QVERIFY2(store.open(&error), qPrintable(error));
            store.beginTransaction();
            store.ensureFolder(QStringLiteral("/big"), 0);
            for (int i = 0; i < 5000; ++i) {
                ikemu::FileRecord record;
                record.versionId = ikemu::newObjectId();
                record.fileId = record.versionId;
                record.folder = QStringLiteral("/big");
                record.name = QStringLiteral("file-%1.jpg").arg(i, 5, 10, QLatin1Char('0'));
                record.fileType = QStringLiteral("image");
                record.mime = QStringLiteral("image/jpeg");
                record.format = QStringLiteral("jpg");
                record.size = 1000 + i;
                record.width = 100;
                record.height = 100;
                record.blobId = QStringLiteral("none");
                record.createdAt = 1700000000000LL + i;
                record.updatedAt = record.createdAt;
                QVERIFY(store.insertFile(record));
            }
            QVERIFY(store.commit());
        }
        ikemu::EmulatorConfig config;
        config.dataDir = dir.path();
        ikemu::EmulatorServer server(config);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        std::unique_ptr<ikui::Session> session(
            ikui::Session::create(guitest::profileFor(QStringLiteral("big"), server), config.privateKey, &error));
        QVERIFY2(session, qPrintable(error));

        ikui::MainWindow window;
        window.setSession(session.get());
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openFolder(QStringLiteral("/big"));
        QVERIFY(waitForListing(window));
        ikui::FileListModel *model = window.fileModel();
        // One page of 1000, not the whole folder.
        QCOMPARE(model->rowCount(), 1000);
        const int requestsAfterOpen = model->pageRequestCount();
        QVERIFY(!model->isComplete());

        // Scrolling to the end asks for the next page, and only then.
        auto *grid = window.gridView();
        for (int page = 2; page <= 5; ++page) {
            grid->scrollToBottom();
            QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), page * 1000, WaitMs);
            QVERIFY(QTest::qWaitFor([&] { return !model->isLoading(); }, WaitMs));
            QCOMPARE(model->pageRequestCount(), requestsAfterOpen + page - 1);
        }
        grid->scrollToBottom();
        QTRY_VERIFY_WITH_TIMEOUT(model->isComplete(), WaitMs);
        QCOMPARE(model->rowCount(), 5000);
        window.setSession(nullptr);
    }
};

QTEST_MAIN(TestBrowser)
#include "tst_browser.moc"
