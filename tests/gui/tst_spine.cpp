// The app's spine: one store per session that every view observes, operations side by side in the
// session's OperationManager, and a session that stops its operations before it goes.
#include "apiwait.h"
#include "browserwaits.h"
#include "demofixture.h"
#include "modaldialogs.h"
#include "serverprofile.h"

#include "actions/fileactions.h"
#include "activity/activitypanel.h"
#include "activity/operationlistmodel.h"
#include "details/detailspane.h"
#include "models/filelistmodel.h"
#include "models/foldertreemodel.h"
#include "operations/bulkfiledelete.h"
#include "operations/filedownload.h"
#include "operations/folderjobwatcher.h"
#include "operations/operationmanager.h"
#include "session/filestore.h"
#include "session/session.h"
#include "shell/mainwindow.h"
#include "thumbnails/thumbnailprovider.h"

#include "api/apiclient.h"
#include "api/imagekit.h"
#include "server/emulatorserver.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

namespace {

constexpr int WaitMs = 20000;

// The first file row (not a folder) of a model, or -1.
int firstFileRow(const ikui::FileListModel *model)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (!model->index(row, 0).data(ikui::FileListModel::IsFolderRole).toBool())
            return row;
    }
    return -1;
}

// Opens folders of the listing until one lists a file; its path, or empty.
QString folderWithFiles(ikui::MainWindow &window)
{
    if (firstFileRow(window.fileModel()) >= 0)
        return window.currentFolder();
    const ikui::FileListModel *model = window.fileModel();
    QStringList folders;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(ikui::FileListModel::IsFolderRole).toBool())
            folders << model->index(row, 0).data(ikui::FileListModel::PathRole).toString();
    }
    for (const QString &folder : std::as_const(folders)) {
        window.openFolder(folder);
        if (guitest::waitForListing(window, WaitMs) && firstFileRow(window.fileModel()) >= 0)
            return folder;
    }
    return {};
}

void selectRow(ikui::MainWindow &window, int row)
{
    QAbstractItemView *view = window.activeFileView();
    const QModelIndex index = view->model()->index(row, 0);
    view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

QColor meanColour(const QPixmap &pixmap)
{
    const QImage image = pixmap.toImage().convertToFormat(QImage::Format_RGB32);
    qint64 r = 0, g = 0, b = 0, n = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            const QRgb pixel = image.pixel(x, y);
            r += qRed(pixel);
            g += qGreen(pixel);
            b += qBlue(pixel);
            ++n;
        }
    }
    return n ? QColor(int(r / n), int(g / n), int(b / n)) : QColor();
}

int colourDistance(const QColor &a, const QColor &b)
{
    return qAbs(a.red() - b.red()) + qAbs(a.green() - b.green()) + qAbs(a.blue() - b.blue());
}

} // namespace

class tst_spine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_demo.start(), qPrintable(m_demo.errorText())); }

    void renameShowsInEveryViewWithoutRefresh()
    {
        ikui::MainWindow window;
        window.resize(1100, 720);
        QVERIFY2(m_demo.showWindow(window), qPrintable(m_demo.errorText()));
        const QString folder = folderWithFiles(window);
        QVERIFY2(!folder.isEmpty(), "the demo library lists no file");
        ikui::FileListModel *model = window.fileModel();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);

        // A second listing of the same folder on the same store: another window, a search.
        ikui::FileListModel other(&m_demo.imageKit());
        other.setStore(m_demo.session()->files());
        QAbstractItemModelTester otherTester(&other, QAbstractItemModelTester::FailureReportingMode::QtTest);
        other.setFolder(folder);
        other.fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(!other.isLoading() && other.rowCount() == model->rowCount(), WaitMs);

        const int row = firstFileRow(model);
        const QString id = model->index(row, 0).data(ikui::FileListModel::FileIdRole).toString();
        const QString oldName = model->index(row, 0).data(ikui::FileListModel::NameRole).toString();
        const QString newName = QStringLiteral("spine-") + oldName;
        selectRow(window, row);
        QTRY_VERIFY_WITH_TIMEOUT(window.detailsPane()->isLoaded() && window.detailsPane()->fileId() == id, WaitMs);
        const int pagesBefore = model->pageRequestCount() + other.pageRequestCount();

        QSignalSpy finished(&window, &ikui::MainWindow::operationFinished);
        window.fileActions()->renameSelectedTo(newName);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, WaitMs);
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(window.lastErrorText()));

        // The grid's model, the other listing and the details pane, from one store change.
        QCOMPARE(model->index(model->rowOfId(id), 0).data(ikui::FileListModel::NameRole).toString(), newName);
        QCOMPARE(other.index(other.rowOfId(id), 0).data(ikui::FileListModel::NameRole).toString(), newName);
        QCOMPARE(m_demo.session()->files()->entry(id)->name, newName);
        QTRY_COMPARE_WITH_TIMEOUT(window.detailsPane()->fieldText(QStringLiteral("name")), newName, WaitMs);
        // The list shows the same store row.
        window.setViewMode(ikui::MainWindow::ViewMode::List);
        const QModelIndex listed = window.listView()->model()->index(model->rowOfId(id), ikui::FileListModel::NameColumn);
        QCOMPARE(listed.data(ikui::FileListModel::NameRole).toString(), newName);
        QCOMPARE(model->pageRequestCount() + other.pageRequestCount(), pagesBefore); // no refresh

        // And back, through the same path, so the demo library is as the other tests expect.
        selectRow(window, model->rowOfId(id));
        window.fileActions()->renameSelectedTo(oldName);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, WaitMs);
        QCOMPARE(other.index(other.rowOfId(id), 0).data(ikui::FileListModel::NameRole).toString(), oldName);
    }

    void conflictingActionIsRefusedWithAReason()
    {
        ikui::MainWindow window;
        window.resize(1100, 720);
        QVERIFY2(m_demo.showWindow(window), qPrintable(m_demo.errorText()));
        const QString folder = folderWithFiles(window);
        QVERIFY(!folder.isEmpty());
        ikui::FileListModel *model = window.fileModel();
        const QString id = model->index(firstFileRow(model), 0).data(ikui::FileListModel::FileIdRole).toString();
        const QString name = model->index(firstFileRow(model), 0).data(ikui::FileListModel::NameRole).toString();
        const QString path = model->index(firstFileRow(model), 0).data(ikui::FileListModel::PathRole).toString();
        // An existing folder elsewhere to move it to.
        const QString target = folder == QLatin1String("/products") ? QStringLiteral("/") : QStringLiteral("/products");

        // A folder-copy-like watch that stays running: a job the server keeps Pending is not
        // needed; an operation that changes `path` and has not finished is enough.
        ikui::OperationManager *operations = m_demo.session()->operations();
        QSignalSpy finished(&window, &ikui::MainWindow::operationFinished);
        window.fileActions()->moveIdsTo({id}, target);
        QCOMPARE(operations->runningCount(), 1); // its request is in flight
        bool dialogShown = false;
        guitest::onNextModal<QMessageBox>(this, [&dialogShown](QMessageBox *box) {
            dialogShown = true;
            box->accept();
        });
        window.fileActions()->moveIdsTo({id}, QStringLiteral("/elsewhere"));
        QVERIFY(dialogShown);
        // Refused at once, with a reason that names the running operation and what to do.
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1, WaitMs);
        QVERIFY2(window.lastErrorText().contains(QLatin1String("is still working on")), qPrintable(window.lastErrorText()));
        QVERIFY(window.lastErrorText().contains(QLatin1String("Activity panel")));
        QCOMPARE(operations->conflictFor(QStringLiteral("Delete"), {path}, ikui::Operation::Effect::Changes).isEmpty(),
                 operations->runningCount() == 0);
        // The first move ends normally (and the Activity panel lists it).
        QTRY_COMPARE_WITH_TIMEOUT(operations->runningCount(), 0, WaitMs);
        QVERIFY(window.activityPanel()->model()->rowCount() >= 1);
        // Move it back (the store forgot it: no listing shows it where it went).
        ik::MoveFileOptions back;
        back.sourceFilePath = (target == QLatin1String("/") ? QString() : target) + QLatin1Char('/') + name;
        back.destinationPath = folder;
        QVERIFY(guitest::awaitSuccess(m_demo.imageKit().moveFile(back), WaitMs));
    }

    // A restored version is a new picture in the grid, the list and the details pane at once, and
    // after a restart the disk cache gives the new picture, not the one cached for the old version.
    void restoredVersionShowsEverywhereAndAfterRestart()
    {
        ikui::MainWindow window;
        window.resize(1100, 720);
        QVERIFY2(m_demo.showWindow(window), qPrintable(m_demo.errorText()));
        window.openFolder(QStringLiteral("/products"));
        QVERIFY(guitest::waitForListing(window, WaitMs));
        ikui::FileListModel *model = window.fileModel();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ikui::DetailsPane *details = window.detailsPane();
        ikui::ThumbnailProvider *thumbnails = model->thumbnailProvider();
        QVERIFY(thumbnails);

        // A product with older versions (the demo gives some of them one or two).
        QString id;
        for (int row = 0; row < model->rowCount() && id.isEmpty(); ++row) {
            if (model->index(row, 0).data(ikui::FileListModel::IsFolderRole).toBool())
                continue;
            selectRow(window, row);
            const QString candidate = model->index(row, 0).data(ikui::FileListModel::FileIdRole).toString();
            QTRY_VERIFY_WITH_TIMEOUT(details->fileId() == candidate && details->isLoaded() && details->versionsLoaded(), WaitMs);
            if (details->versionIds().size() > 1)
                id = candidate;
        }
        QVERIFY2(!id.isEmpty(), "a demo product has an older version");
        const auto versionOf = [&] { return m_demo.session()->files()->entry(id)->versionId; };
        QTRY_VERIFY_WITH_TIMEOUT(thumbnails->hasThumbnail(id, versionOf()) && !details->previewPixmap().isNull(), WaitMs);
        const auto cell = [&] { return model->index(model->rowOfId(id), 0); };
        const QColor gridBefore = meanColour(cell().data(ikui::FileListModel::ThumbnailRole).value<QPixmap>());
        const QColor previewBefore = meanColour(details->previewPixmap());
        const QString versionBefore = m_demo.session()->files()->entry(id)->versionId;
        const int previewsBefore = details->previewCount();

        QSignalSpy finished(&window, &ikui::MainWindow::operationFinished);
        guitest::onNextModal<QMessageBox>(this, [](QMessageBox *box) { box->button(QMessageBox::Yes)->click(); });
        details->restoreVersion(details->versionIds().last()); // the oldest
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, WaitMs);
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(window.lastErrorText()));

        // The store has the new version; the grid's cell, the list's row and the pane follow.
        const QString versionAfter = m_demo.session()->files()->entry(id)->versionId;
        QVERIFY(versionAfter != versionBefore);
        QTRY_VERIFY_WITH_TIMEOUT(thumbnails->hasThumbnail(id, versionAfter), WaitMs);
        const QPixmap gridAfter = cell().data(ikui::FileListModel::ThumbnailRole).value<QPixmap>();
        QVERIFY2(colourDistance(meanColour(gridAfter), gridBefore) > 20, "the grid still shows the old picture");
        QTRY_VERIFY_WITH_TIMEOUT(details->previewCount() > previewsBefore, WaitMs);
        QVERIFY2(colourDistance(meanColour(details->previewPixmap()), previewBefore) > 20, "the pane shows the old picture");
        QCOMPARE(details->file().versionInfo.id, versionAfter);
        window.setViewMode(ikui::MainWindow::ViewMode::List);
        const QModelIndex listed = window.listView()->model()->index(model->rowOfId(id), ikui::FileListModel::NameColumn);
        QVERIFY(colourDistance(meanColour(listed.data(Qt::DecorationRole).value<QPixmap>()), gridBefore) > 20);

        // "Restart": a new provider on the same disk cache, for the file as it is now.
        ikui::ThumbnailProvider restarted;
        restarted.setDiskCacheDirectory(thumbnails->diskCacheDirectory());
        restarted.setUrlEndpoint(m_demo.session()->urlBuilder().urlEndpoint());
        restarted.setCellSize(thumbnails->cellSize());
        restarted.setDevicePixelRatio(thumbnails->devicePixelRatio());
        const ikui::FileEntry *entry = m_demo.session()->files()->entry(id);
        const ikui::ThumbnailSource source{id, entry->path(), entry->mime, false, true, entry->isPrivate(), entry->versionId};
        restarted.request({source});
        QTRY_VERIFY_WITH_TIMEOUT(restarted.hasThumbnail(id, entry->versionId), WaitMs);
        QCOMPARE(restarted.diskHitCount(), 1);
        QVERIFY(colourDistance(meanColour(restarted.thumbnail(source)), meanColour(gridAfter)) < 3);
    }

    // A folder job refreshes the folder tree; the browser stays where the user was (a refresh that
    // removes the open folder's row from the tree used to open the library root).
    void aFolderJobLeavesTheBrowserWhereItWas()
    {
        ikui::MainWindow window;
        window.resize(1100, 720);
        QVERIFY2(m_demo.showWindow(window), qPrintable(m_demo.errorText()));
        // A folder with a subfolder.
        QString parent;
        QString childId;
        const QStringList tops = {QStringLiteral("/gradients"), QStringLiteral("/photos"), QStringLiteral("/icons"),
                                  QStringLiteral("/patterns"), QStringLiteral("/shapes"), QStringLiteral("/posters")};
        for (const QString &top : tops) {
            window.openFolder(top);
            QVERIFY(guitest::waitForListing(window, WaitMs));
            for (int row = 0; row < window.fileModel()->rowCount() && childId.isEmpty(); ++row) {
                const QModelIndex cell = window.fileModel()->index(row, 0);
                if (cell.data(ikui::FileListModel::IsFolderRole).toBool())
                    childId = cell.data(ikui::FileListModel::FileIdRole).toString();
            }
            if (!childId.isEmpty()) {
                parent = top;
                break;
            }
        }
        QVERIFY2(!childId.isEmpty(), "a demo folder has a subfolder");
        QTRY_VERIFY_WITH_TIMEOUT(window.folderView()->currentIndex().data(Qt::DisplayRole).toString()
                                     == parent.mid(1), WaitMs);
        // Everything selected: the pane says so.
        window.activeFileView()->selectAll();
        auto *title = window.detailsPane()->findChild<QLabel *>(QStringLiteral("detailsTitle"));
        QVERIFY(title);
        QTRY_VERIFY_WITH_TIMEOUT(title->text().contains(QLatin1String("selected")), WaitMs);
        QSignalSpy finished(&window, &ikui::MainWindow::operationFinished);
        window.fileActions()->copyIdsTo({childId}, QStringLiteral("/backups"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, WaitMs);
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(window.lastErrorText()));
        // The tree has listed the root's folders again (its refresh is done) ...
        QTRY_VERIFY_WITH_TIMEOUT(!window.folderModel()->isLoading(window.folderModel()->index(0, 0)), WaitMs);
        QVERIFY(guitest::waitForListing(window, WaitMs));
        // ... and the browser is still in the folder, selected in the tree.
        QCOMPARE(window.currentFolder(), parent);
        QTRY_COMPARE_WITH_TIMEOUT(window.folderView()->currentIndex().data(Qt::DisplayRole).toString(), parent.mid(1), WaitMs);
        // The listing was refreshed: the selection went with it, and the pane says so too.
        QVERIFY(window.selectedIds().isEmpty());
        QCOMPARE(title->text(), QStringLiteral("Folder %1").arg(parent));
    }

    // Switching account while a folder job, a bulk delete of 300 files and a download run: every
    // operation ends before the session's client goes, none outlives it, nothing reaches the server.
    void switchingAccountStopsTheOldSessionsOperations()
    {
        auto window = std::make_unique<ikui::MainWindow>();
        std::unique_ptr<ikui::Session> session = secondSession();
        QVERIFY(session);
        Running running = startThreeOperations(*window, *session);
        QVERIFY2(running.ok, qPrintable(running.why));
        // The switch (AppController::showSession): the window lets go, the old session goes.
        window->setSession(nullptr);
        session.reset();
        checkStopped(running);
        QVERIFY(!window->session());
        QCOMPARE(window->activityPanel()->model()->rowCount(), 0);
    }

    // Closing the window (the app quits: the window goes first, then the session) with the same
    // three running: no crash when their ends find the window's controllers gone.
    void closingTheWindowStopsTheSessionsOperations()
    {
        auto window = std::make_unique<ikui::MainWindow>();
        std::unique_ptr<ikui::Session> session = secondSession();
        QVERIFY(session);
        Running running = startThreeOperations(*window, *session);
        QVERIFY2(running.ok, qPrintable(running.why));
        window->close();
        window.reset();
        session.reset();
        checkStopped(running);
    }


private:
    struct Running
    {
        bool ok = false;
        QString why;
        QList<QPointer<ikui::Operation>> operations;
        std::shared_ptr<QList<ikui::Operation::State>> endStates = std::make_shared<QList<ikui::Operation::State>>();
        QString jobId;
        std::shared_ptr<QTemporaryDir> downloads = std::make_shared<QTemporaryDir>();
    };

    std::unique_ptr<ikui::Session> secondSession()
    {
        QString error;
        ikemu::EmulatorServer *server = m_demo.server();
        std::unique_ptr<ikui::Session> session(ikui::Session::create(
            guitest::profileFor(QStringLiteral("second"), *server), server->config().privateKey, &error));
        if (!session)
            qWarning("%s", qPrintable(error));
        return session;
    }

    // A second account's window with a folder copy job (followed until its id is known), a bulk
    // delete of 300 ids (that do not exist: the demo library stays as it is, the requests are real,
    // 10 per request) and a download of the folder's files, all running.
    Running startThreeOperations(ikui::MainWindow &window, ikui::Session &session)
    {
        Running running;
        window.resize(1100, 720);
        window.setSession(&session);
        window.show();
        if (!guitest::waitForListing(window, WaitMs) || folderWithFiles(window).isEmpty()) {
            running.why = QStringLiteral("no listing with files");
            return running;
        }
        const QString folder = window.currentFolder();
        ikui::FileListModel *model = window.fileModel();
        QList<ikui::FileDownload::File> downloads;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex cell = model->index(row, 0);
            if (!cell.data(ikui::FileListModel::IsFolderRole).toBool())
                downloads.append({cell.data(ikui::FileListModel::NameRole).toString(),
                                  QUrl(cell.data(ikui::FileListModel::UrlRole).toString()),
                                  running.downloads->filePath(QStringLiteral("%1.bin").arg(row)), -1, {}});
        }
        ikui::OperationManager *operations = session.operations();
        ik::ImageKit imagekit = session.imageKit();
        auto *folderJob = new ikui::FolderJobWatcher(imagekit, QStringLiteral("Copy folder"));
        folderJob->setSubjects({folder}, ikui::Operation::Effect::Reads);
        folderJob->setStartJob([imagekit, folder]() mutable {
            ik::CopyFolderOptions options;
            options.sourceFolderPath = folder;
            options.destinationPath = QStringLiteral("/spine-copy");
            return imagekit.copyFolder(options);
        });
        QStringList missing;
        for (int i = 0; i < 300; ++i)
            missing << QStringLiteral("spine-missing-%1").arg(i);
        auto *bulkDelete = new ikui::BulkFileDelete(imagekit, QStringLiteral("Delete 300 files"), missing);
        bulkDelete->setChunkSize(10);
        auto *download = new ikui::FileDownload(QStringLiteral("Download"), session.client()->networkAccessManager(), downloads);
        running.operations = {folderJob, bulkDelete, download};
        auto states = running.endStates;
        connect(operations, &ikui::OperationManager::operationFinished, this,
                [states](ikui::Operation *operation) { states->append(operation->state()); });
        if (!operations->start(folderJob) || !operations->start(bulkDelete) || !operations->start(download)) {
            running.why = QStringLiteral("an operation was refused");
            return running;
        }
        if (operations->runningCount() != 3 || window.activityPanel()->model()->rowCount() != 3) {
            running.why = QStringLiteral("not all three are running and listed");
            return running;
        }
        // The folder job is being followed (its id known, polls due) when the session goes.
        if (!QTest::qWaitFor([folderJob] { return !folderJob->jobId().isEmpty(); }, WaitMs)) {
            running.why = QStringLiteral("the folder job never started");
            return running;
        }
        running.jobId = folderJob->jobId();
        running.ok = true;
        return running;
    }

    void checkStopped(const Running &running)
    {
        QCOMPARE(running.endStates->size(), 3); // all ended, at the latest inside the session's destructor
        QVERIFY(running.endStates->contains(ikui::Operation::State::Cancelled)); // the folder job at least
        for (const QPointer<ikui::Operation> &operation : running.operations)
            QVERIFY(operation.isNull()); // and are gone with it: nothing can poll or write later
        // Nothing of the old session reaches the server any more: while the server finishes the
        // folder job (which the old watcher would have polled), only our own checks arrive.
        ikemu::EmulatorServer *server = m_demo.server();
        const quint64 requestsAfter = server->requestCount();
        quint64 ourChecks = 0;
        for (bool completed = false; !completed;) {
            const auto status = guitest::awaitResult<ik::BulkJobStatusJob, ik::BulkJobStatus>(
                m_demo.imageKit().getBulkJobStatus(running.jobId), WaitMs);
            ++ourChecks;
            QVERIFY(status);
            completed = status->isCompleted();
            QVERIFY(ourChecks < 20000);
        }
        QCOMPARE(server->requestCount() - requestsAfter, ourChecks);
        // No half-written download is left behind (QSaveFile temporaries have other names).
        for (const QString &name : QDir(running.downloads->path()).entryList(QDir::Files | QDir::Hidden))
            QVERIFY2(name.endsWith(QLatin1String(".bin")), qPrintable(name));
    }

    guitest::DemoFixture m_demo{WaitMs};
};

QTEST_MAIN(tst_spine)
#include "tst_spine.moc"
