// Uploading from the main window against a real in-process emulator (the demo library): drops of
// local files and a nested folder on the listed folder, on a folder row and on a folder in the
// tree; the options sheet (tags, custom metadata, private, when-exists skip, invalid input); the
// upload panel's buttons; paste of a clipboard image; the queue reopened with the account. Every
// check of a result reads the server's state back through the API.
#include "apiwait.h"
#include "browserwaits.h"
#include "demofixture.h"
#include "screenshotwriter.h"

#include "session/session.h"
#include "shell/mainwindow.h"
#include "models/filelistmodel.h"
#include "models/foldertreemodel.h"
#include "uploads/custommetadataeditor.h"
#include "uploads/filedrophandler.h"
#include "uploadqueue/uploadqueue.h"
#include "uploadqueue/uploadqueuemodel.h"
#include "uploadqueue/uploadstate.h"
#include "uploads/uploadbrowserupdater.h"
#include "uploads/uploadcontroller.h"
#include "uploads/uploadoptionsdialog.h"
#include "uploads/uploadpanel.h"

#include "api/apiclient.h"
#include "api/imagekit.h"
#include "server/emulatorserver.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTreeView>
#include <QtTest>

#include <memory>

namespace {

constexpr int WaitMs = 30000;

using guitest::rowOfName;

// The files of a folder on the server, by name.
QHash<QString, ik::FileItem> filesIn(ik::ImageKit &imagekit, const QString &folder)
{
    ik::ListFilesOptions options;
    options.path = folder;
    options.type = QStringLiteral("file");
    QHash<QString, ik::FileItem> out;
    const auto list = guitest::awaitResult<ik::FileListJob, ik::FileList>(imagekit.listFiles(options), WaitMs);
    if (list) {
        for (const ik::FileItem &file : list->files) {
            if (file.filePath == folder + QLatin1Char('/') + file.name)
                out.insert(file.name, file);
        }
    }
    return out;
}

bool createFolder(ik::ImageKit &imagekit, const QString &parent, const QString &name)
{
    ik::CreateFolderOptions options;
    options.parentFolderPath = parent;
    options.folderName = name;
    return guitest::awaitResult<ik::EmptyResultJob, ik::EmptyResult>(imagekit.createFolder(options), WaitMs).has_value();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

bool writeImage(const QString &path, const QColor &color, int size = 48)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QImage image(size, size, QImage::Format_RGB32);
    image.fill(color);
    return image.save(path);
}

std::unique_ptr<QMimeData> fileUrls(const QStringList &paths)
{
    auto mime = std::make_unique<QMimeData>();
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls << QUrl::fromLocalFile(path);
    mime->setUrls(urls);
    return mime;
}

// Drag enter, move and drop at `pos` of a viewport, as the platform delivers a drop from the
// file manager. Returns whether the drop was accepted.
bool dropOn(QWidget *viewport, const QPoint &pos, const QMimeData *mime, bool *moveAccepted = nullptr)
{
    QDragEnterEvent enter(pos, Qt::CopyAction | Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &enter);
    QDragMoveEvent move(pos, Qt::CopyAction | Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    if (moveAccepted)
        *moveAccepted = move.isAccepted();
    QDropEvent drop(pos, Qt::CopyAction | Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &drop);
    return drop.isAccepted() && drop.dropAction() == Qt::CopyAction;
}

QPushButton *okButton(ikui::UploadOptionsDialog *dialog)
{
    auto *box = dialog->findChild<QDialogButtonBox *>();
    return box ? box->button(QDialogButtonBox::Ok) : nullptr;
}

} // namespace

class TestUploads : public QObject
{
    Q_OBJECT

private:
    guitest::DemoFixture m_demo{WaitMs};
    int m_queueNumber = 0;

    QString local(const QString &relative) const { return m_demo.filePath(QStringLiteral("local/") + relative); }

    // A window on the demo with a queue database of its own (a fresh one unless `dataDir` is given),
    // its root folder listed; nullptr when that did not happen in time.
    std::unique_ptr<ikui::MainWindow> openWindow(QString dataDir = {})
    {
        auto window = std::make_unique<ikui::MainWindow>();
        if (dataDir.isEmpty())
            dataDir = m_demo.filePath(QStringLiteral("queues/%1").arg(++m_queueNumber));
        window->uploads()->setDataDirectory(dataDir);
        window->uploads()->browserUpdater()->setInterval(200);
        if (!m_demo.showWindow(*window)) {
            qWarning("%s", qPrintable(m_demo.errorText()));
            return nullptr;
        }
        return window;
    }

    static bool waitForListing(const ikui::MainWindow &window) { return guitest::waitForListing(window, WaitMs); }

    // Waits for the sheet, then for its count.
    ikui::UploadOptionsDialog *sheet(ikui::MainWindow &window)
    {
        if (!QTest::qWaitFor([&] { return window.uploads()->optionsDialog() != nullptr; }, WaitMs))
            return nullptr;
        ikui::UploadOptionsDialog *dialog = window.uploads()->optionsDialog();
        if (!QTest::qWaitFor([&] { return dialog->isPlanned(); }, WaitMs))
            return nullptr;
        return dialog;
    }

    bool waitUntilEnded(ikui::MainWindow &window)
    {
        ikui::UploadQueue *queue = window.uploads()->queue();
        return QTest::qWaitFor([&] { return queue->totals().files > 0 && queue->totals().remainingFiles() == 0; }, WaitMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_demo.start(), qPrintable(m_demo.errorText())); // QSettings in test mode from here
        QSettings().remove(QStringLiteral("uploads")); // remembered options of an earlier run

        QVERIFY(writeImage(local(QStringLiteral("red.png")), Qt::red));
        QVERIFY(writeFile(local(QStringLiteral("notes.txt")), QByteArray("plain text, not an image\n")));
        QVERIFY(writeImage(local(QStringLiteral("album/cover.png")), Qt::blue));
        QVERIFY(writeImage(local(QStringLiteral("album/2024/summer.png")), Qt::yellow));
        QVERIFY(writeFile(local(QStringLiteral("album/2024/raw/readme.txt")), QByteArray("three levels down\n")));
    }

    void dropHandlerTakesOnlyLocalFiles()
    {
        auto files = fileUrls({local(QStringLiteral("red.png")), local(QStringLiteral("album"))});
        QCOMPARE(ikui::FileDropHandler::localPathsOf(files.get()),
                 QStringList({local(QStringLiteral("red.png")), local(QStringLiteral("album"))}));
        QMimeData web;
        web.setUrls({QUrl(QStringLiteral("https://example.com/a.png"))});
        QVERIFY(ikui::FileDropHandler::localPathsOf(&web).isEmpty());
        QMimeData ours; // the browser's own drag: ids and delivery URLs
        ours.setData(ikui::FileListModel::idsMimeType(), "abc");
        ours.setUrls({QUrl::fromLocalFile(local(QStringLiteral("red.png")))});
        QVERIFY(ikui::FileDropHandler::localPathsOf(&ours).isEmpty());
        QVERIFY(ikui::FileDropHandler::localPathsOf(nullptr).isEmpty());
    }

    void dropsFilesOnTheListedFolderWithOptions()
    {
        QVERIFY(createFolder(m_demo.imageKit(), QStringLiteral("/"), QStringLiteral("dropped")));
        auto window = openWindow();
        QVERIFY(window);
        window->openFolder(QStringLiteral("/dropped"));
        QVERIFY(waitForListing(*window));
        QCOMPARE(window->fileModel()->rowCount(), 0);
        const int pagesBefore = window->fileModel()->pageRequestCount();

        auto mime = fileUrls({local(QStringLiteral("red.png")), local(QStringLiteral("notes.txt"))});
        auto *grid = window->gridView();
        bool moveAccepted = false;
        QVERIFY(dropOn(grid->viewport(), grid->viewport()->rect().center(), mime.get(), &moveAccepted));
        QVERIFY(moveAccepted);

        ikui::UploadOptionsDialog *dialog = sheet(*window);
        QVERIFY(dialog);
        QCOMPARE(dialog->targetFolder(), QStringLiteral("/dropped"));
        QCOMPARE(dialog->fileCount(), qint64(2));
        QCOMPARE(dialog->byteCount(), QFileInfo(local(QStringLiteral("red.png"))).size()
                                          + QFileInfo(local(QStringLiteral("notes.txt"))).size());
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("uploadSummary"))->text().contains(QStringLiteral("2 file")));

        // Options: tags, typed custom metadata (the demo's fields), private.
        dialog->findChild<QLineEdit *>(QStringLiteral("uploadTags"))->setText(QStringLiteral("alpha, beta"));
        auto *metadata = dialog->findChild<ikui::CustomMetadataEditor *>();
        QVERIFY(metadata);
        QTRY_VERIFY_WITH_TIMEOUT(metadata->editorFor(QStringLiteral("photographer")) != nullptr, WaitMs);
        qobject_cast<QLineEdit *>(metadata->editorFor(QStringLiteral("photographer")))->setText(QStringLiteral("Ada"));
        auto *category = qobject_cast<QComboBox *>(metadata->editorFor(QStringLiteral("category")));
        QVERIFY(category);
        category->setCurrentIndex(category->findText(QStringLiteral("Photo")));
        qobject_cast<QLineEdit *>(metadata->editorFor(QStringLiteral("price")))->setText(QStringLiteral("12.5"));
        dialog->findChild<QCheckBox *>(QStringLiteral("uploadPrivate"))->setChecked(true);
        QVERIFY(okButton(dialog)->isEnabled());
        QSignalSpy started(window->uploads(), &ikui::UploadController::batchStarted);
        okButton(dialog)->click();
        QCOMPARE(started.size(), 1);
        QVERIFY(window->uploads()->panel()->isVisible());
        QVERIFY(waitUntilEnded(*window));
        QCOMPARE(window->uploads()->queue()->totals().done, qint64(2));

        const auto onServer = filesIn(m_demo.imageKit(), QStringLiteral("/dropped"));
        QCOMPARE(onServer.size(), qsizetype(2));
        for (const QString &name : {QStringLiteral("red.png"), QStringLiteral("notes.txt")}) {
            QVERIFY2(onServer.contains(name), qPrintable(name));
            const ik::FileItem &file = onServer.value(name);
            QCOMPARE(file.tags, QStringList({QStringLiteral("alpha"), QStringLiteral("beta")}));
            QCOMPARE(file.isPrivateFile, std::optional<bool>(true));
            QCOMPARE(file.customMetadata.value(QStringLiteral("photographer")).toString(), QStringLiteral("Ada"));
            QCOMPARE(file.customMetadata.value(QStringLiteral("category")).toString(), QStringLiteral("Photo"));
            QCOMPARE(file.customMetadata.value(QStringLiteral("price")).toDouble(), 12.5);
        }

        // The browser shows them without a refresh (no new page request).
        QTRY_VERIFY_WITH_TIMEOUT(rowOfName(window->fileModel(), QStringLiteral("red.png")) >= 0, WaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(rowOfName(window->fileModel(), QStringLiteral("notes.txt")) >= 0, WaitMs);
        QCOMPARE(window->fileModel()->pageRequestCount(), pagesBefore);
        const int red = rowOfName(window->fileModel(), QStringLiteral("red.png"));
        QCOMPARE(window->fileModel()->index(red, 0).data(ikui::FileListModel::FileIdRole).toString(),
                 onServer.value(QStringLiteral("red.png")).fileId);

        // The options are remembered for the next sheet.
        const ikui::UploadBatchOptions remembered = ikui::UploadOptionsDialog::rememberedOptions();
        QCOMPARE(remembered.tags, QStringList({QStringLiteral("alpha"), QStringLiteral("beta")}));
        QVERIFY(remembered.isPrivate);
        QCOMPARE(remembered.customMetadata.value(QStringLiteral("photographer")).toString(), QStringLiteral("Ada"));
    }

    void dropsANestedFolderOnAFolderRow()
    {
        ikui::UploadOptionsDialog::rememberOptions({});
        QVERIFY(createFolder(m_demo.imageKit(), QStringLiteral("/"), QStringLiteral("rows")));
        QVERIFY(createFolder(m_demo.imageKit(), QStringLiteral("/rows"), QStringLiteral("target")));
        auto window = openWindow();
        QVERIFY(window);
        window->setViewMode(ikui::MainWindow::ViewMode::List);
        window->openFolder(QStringLiteral("/rows"));
        QVERIFY(waitForListing(*window));
        const int targetRow = rowOfName(window->fileModel(), QStringLiteral("target"));
        QVERIFY(targetRow >= 0);
        QTreeView *list = window->listView();
        const QPoint onRow = list->visualRect(window->fileModel()->index(targetRow, 0)).center();
        QVERIFY(list->indexAt(onRow).isValid());

        auto mime = fileUrls({local(QStringLiteral("album"))});
        QVERIFY(dropOn(list->viewport(), onRow, mime.get()));
        ikui::UploadOptionsDialog *dialog = sheet(*window);
        QVERIFY(dialog);
        QCOMPARE(dialog->targetFolder(), QStringLiteral("/rows/target"));
        QCOMPARE(dialog->fileCount(), qint64(3));
        okButton(dialog)->click();
        QVERIFY(waitUntilEnded(*window));
        QCOMPARE(window->uploads()->queue()->totals().done, qint64(3));

        QVERIFY(filesIn(m_demo.imageKit(), QStringLiteral("/rows/target/album")).contains(QStringLiteral("cover.png")));
        QVERIFY(filesIn(m_demo.imageKit(), QStringLiteral("/rows/target/album/2024")).contains(QStringLiteral("summer.png")));
        QVERIFY(filesIn(m_demo.imageKit(), QStringLiteral("/rows/target/album/2024/raw")).contains(QStringLiteral("readme.txt")));
        QVERIFY(filesIn(m_demo.imageKit(), QStringLiteral("/rows")).isEmpty());
        QVERIFY(filesIn(m_demo.imageKit(), QStringLiteral("/rows/target")).isEmpty());
    }

    void dropsAFolderOnTheListedFolderAndTheBrowserShowsIt()
    {
        QVERIFY(createFolder(m_demo.imageKit(), QStringLiteral("/"), QStringLiteral("nested")));
        auto window = openWindow();
        QVERIFY(window);
        window->openFolder(QStringLiteral("/nested"));
        QVERIFY(waitForListing(*window));
        auto mime = fileUrls({local(QStringLiteral("album")), local(QStringLiteral("red.png"))});
        QVERIFY(dropOn(window->gridView()->viewport(), QPoint(5, 5), mime.get()));
        ikui::UploadOptionsDialog *dialog = sheet(*window);
        QVERIFY(dialog);
        QCOMPARE(dialog->fileCount(), qint64(4));
        okButton(dialog)->click();
        QVERIFY(waitUntilEnded(*window));
        QVERIFY(filesIn(m_demo.imageKit(), QStringLiteral("/nested/album/2024")).contains(QStringLiteral("summer.png")));
        // The new subfolder and the file appear in the listing without the user refreshing.
        QTRY_VERIFY_WITH_TIMEOUT(rowOfName(window->fileModel(), QStringLiteral("album")) >= 0, WaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(rowOfName(window->fileModel(), QStringLiteral("red.png")) >= 0, WaitMs);
        QVERIFY(window->fileModel()->index(rowOfName(window->fileModel(), QStringLiteral("album")), 0)
                    .data(ikui::FileListModel::IsFolderRole).toBool());
    }

    void dropsOnAFolderInTheTree()
    {
        QVERIFY(createFolder(m_demo.imageKit(), QStringLiteral("/"), QStringLiteral("treetarget")));
        auto window = openWindow();
        QVERIFY(window);
        QVERIFY(waitForListing(*window));
        ikui::FolderTreeModel *folders = window->folderModel();
        const QModelIndex root = folders->index(0, 0);
        if (folders->canFetchMore(root))
            folders->fetchMore(root);
        (void)QTest::qWaitFor([&] { return folders->indexForPath(QStringLiteral("/treetarget")).isValid(); }, WaitMs);
        QStringList listed;
        for (int row = 0; row < folders->rowCount(root); ++row)
            listed << ikui::FolderTreeModel::pathOf(folders->index(row, 0, root));
        QVERIFY2(folders->indexForPath(QStringLiteral("/treetarget")).isValid(), qPrintable(listed.join(QLatin1Char(' '))));
        QTreeView *tree = window->folderView();
        const QModelIndex target = folders->indexForPath(QStringLiteral("/treetarget"));
        tree->scrollTo(target);
        const QPoint pos = tree->visualRect(target).center();
        QCOMPARE(tree->indexAt(pos), target);

        auto mime = fileUrls({local(QStringLiteral("notes.txt"))});
        QVERIFY(dropOn(tree->viewport(), pos, mime.get()));
        ikui::UploadOptionsDialog *dialog = sheet(*window);
        QVERIFY(dialog);
        QCOMPARE(dialog->targetFolder(), QStringLiteral("/treetarget"));
        okButton(dialog)->click();
        QVERIFY(waitUntilEnded(*window));
        QVERIFY(filesIn(m_demo.imageKit(), QStringLiteral("/treetarget")).contains(QStringLiteral("notes.txt")));

        // Below the last folder there is nothing to drop on: refused, no sheet.
        auto again = fileUrls({local(QStringLiteral("notes.txt"))});
        QVERIFY(!dropOn(tree->viewport(), QPoint(5, tree->viewport()->height() - 2), again.get()));
        QVERIFY(!window->uploads()->optionsDialog());
    }

    void invalidInputIsExplainedAndSkipLeavesTheExistingFile()
    {
        auto window = openWindow();
        QVERIFY(window);
        window->openFolder(QStringLiteral("/dropped"));
        QVERIFY(waitForListing(*window));
        const QString existingId = filesIn(m_demo.imageKit(), QStringLiteral("/dropped")).value(QStringLiteral("red.png")).fileId;
        QVERIFY(!existingId.isEmpty());

        window->uploads()->requestUpload({local(QStringLiteral("red.png"))}, QStringLiteral("/dropped"));
        ikui::UploadOptionsDialog *dialog = sheet(*window);
        QVERIFY(dialog);
        auto *extensions = dialog->findChild<QPlainTextEdit *>(QStringLiteral("uploadExtensions"));
        extensions->setPlainText(QStringLiteral("[{\"name\": \"google-auto-tagging\""));
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY2(dialog->errorText().contains(QStringLiteral("not valid JSON")), qPrintable(dialog->errorText()));
        dialog->accept(); // refused: the sheet stays with the reason
        QVERIFY(dialog->isVisible());
        extensions->setPlainText(QStringLiteral("{\"name\": \"remove-bg\"}"));
        QVERIFY2(dialog->errorText().contains(QStringLiteral("JSON array")), qPrintable(dialog->errorText()));
        extensions->clear();

        auto *metadata = dialog->findChild<ikui::CustomMetadataEditor *>();
        QTRY_VERIFY_WITH_TIMEOUT(metadata->editorFor(QStringLiteral("price")) != nullptr, WaitMs);
        qobject_cast<QLineEdit *>(metadata->editorFor(QStringLiteral("price")))->setText(QStringLiteral("9000"));
        QVERIFY2(dialog->errorText().contains(QStringLiteral("between")), qPrintable(dialog->errorText()));
        qobject_cast<QLineEdit *>(metadata->editorFor(QStringLiteral("price")))->clear();
        dialog->findChild<QPlainTextEdit *>(QStringLiteral("metadataExtra"))->setPlainText(QStringLiteral("no equals sign"));
        QVERIFY2(dialog->errorText().contains(QStringLiteral("key=value")), qPrintable(dialog->errorText()));
        dialog->findChild<QPlainTextEdit *>(QStringLiteral("metadataExtra"))->clear();
        QVERIFY(dialog->errorText().isEmpty());

        auto *whenExists = dialog->findChild<QComboBox *>(QStringLiteral("uploadWhenExists"));
        whenExists->setCurrentIndex(whenExists->findData(QStringLiteral("skip")));
        okButton(dialog)->click();
        QVERIFY(waitUntilEnded(*window));
        const ikui::UploadTotals totals = window->uploads()->queue()->totals();
        QCOMPARE(totals.skipped, qint64(1));
        QCOMPARE(totals.done, qint64(0));
        const auto onServer = filesIn(m_demo.imageKit(), QStringLiteral("/dropped"));
        QCOMPARE(onServer.value(QStringLiteral("red.png")).fileId, existingId);
        QCOMPARE(onServer.value(QStringLiteral("red.png")).tags, QStringList({QStringLiteral("alpha"), QStringLiteral("beta")}));
    }

    void panelButtonsPauseCancelRetryAndClear()
    {
        ikui::UploadOptionsDialog::rememberOptions({});
        QVERIFY(createFolder(m_demo.imageKit(), QStringLiteral("/"), QStringLiteral("panel")));
        QStringList paths;
        for (int i = 0; i < 6; ++i) {
            paths << local(QStringLiteral("batch/file-%1.png").arg(i));
            QVERIFY(writeImage(paths.last(), QColor::fromHsv(i * 50, 200, 200), 64));
        }
        auto window = openWindow();
        QVERIFY(window);
        window->uploads()->setNotifyAfter(0);
        window->openFolder(QStringLiteral("/panel"));
        QVERIFY(waitForListing(*window));
        ikui::UploadPanel *panel = window->uploads()->panel();
        ikui::UploadQueue *queue = window->uploads()->queue();
        auto *concurrency = panel->findChild<QSpinBox *>(QStringLiteral("uploadConcurrency"));
        QCOMPARE(concurrency->value(), ikui::UploadQueue::DefaultConcurrency);
        concurrency->setValue(1);
        QCOMPARE(queue->concurrency(), 1);

        // Slow answers, so the batch is still running when the buttons are pressed.
        ikemu::FaultSettings slow;
        slow.latencyMs = 400;
        m_demo.server()->setFaultSettings(slow);
        window->uploads()->requestUpload(paths, QStringLiteral("/panel"));
        ikui::UploadOptionsDialog *dialog = sheet(*window);
        QVERIFY(dialog);
        okButton(dialog)->click();

        auto *pause = panel->findChild<QPushButton *>(QStringLiteral("uploadPauseButton"));
        QVERIFY(pause->isEnabled());
        pause->click();
        QVERIFY(queue->isPaused());
        QVERIFY(panel->findChild<QLabel *>(QStringLiteral("uploadPausedNote"))->isVisible());
        QVERIFY(pause->text().contains(QStringLiteral("Resume")));
        QTRY_COMPARE_WITH_TIMEOUT(queue->activeCount(), 0, WaitMs);
        const qint64 doneWhilePaused = queue->totals().done;
        QTest::qWait(1000);
        QCOMPARE(queue->totals().done, doneWhilePaused); // nothing is sent while paused
        QVERIFY(doneWhilePaused < 6);

        // Screenshot of the panel with the batch part-way.
        window->resize(1100, 700);
        guitest::ScreenshotWriter shots;
        QVERIFY2(shots.saveAs(panel, QStringLiteral("upload-panel.png")), qPrintable(shots.errorText()));

        // Cancel one queued item (selected in the table), then make the next one fail.
        ikui::UploadQueueModel *model = queue->model();
        QTableView *table = panel->table();
        int queuedRow = -1;
        for (int row = model->rowCount() - 1; row >= 0 && queuedRow < 0; --row) {
            if (ikui::UploadState(model->index(row, 0).data(ikui::UploadQueueModel::StateRole).toInt()) == ikui::UploadState::Queued)
                queuedRow = row;
        }
        QVERIFY(queuedRow >= 0);
        const qint64 cancelledId = model->itemIdAt(queuedRow);
        table->selectRow(queuedRow);
        auto *cancel = panel->findChild<QPushButton *>(QStringLiteral("uploadCancelButton"));
        QVERIFY(cancel->isEnabled());
        cancel->click();
        QCOMPARE(queue->state(cancelledId), ikui::UploadState::Cancelled);

        ik::RetryPolicy noRetry = m_demo.session()->client()->retryPolicy();
        const ik::RetryPolicy previous = noRetry;
        noRetry.maxAttempts = 1;
        m_demo.session()->client()->setRetryPolicy(noRetry);
        ikemu::FaultSettings failing;
        failing.failRate = 1.0;
        m_demo.server()->setFaultSettings(failing);
        pause->click(); // resume: every remaining upload fails now
        QVERIFY(!queue->isPaused());
        QTRY_VERIFY_WITH_TIMEOUT(queue->totals().remainingFiles() == 0, WaitMs);
        const qint64 failed = queue->totals().failed;
        QVERIFY(failed > 0);
        QCOMPARE(queue->totals().done + failed + queue->totals().cancelled, qint64(6));
        m_demo.session()->client()->setRetryPolicy(previous);
        m_demo.server()->setFaultSettings({});

        auto *retry = panel->findChild<QPushButton *>(QStringLiteral("uploadRetryButton"));
        QVERIFY(retry->isEnabled());
        retry->click();
        QVERIFY(waitUntilEnded(*window));
        QCOMPARE(queue->totals().failed, qint64(0));
        QCOMPARE(queue->totals().done, qint64(5));
        QCOMPARE(queue->state(cancelledId), ikui::UploadState::Cancelled);
        QCOMPARE(filesIn(m_demo.imageKit(), QStringLiteral("/panel")).size(), qsizetype(5));
        QVERIFY2(panel->totalsText().contains(QStringLiteral("5 of 6")), qPrintable(panel->totalsText()));
        QTRY_VERIFY_WITH_TIMEOUT(!window->uploads()->lastNotification().isEmpty(), WaitMs);
        QVERIFY(window->uploads()->lastNotification().contains(QStringLiteral("5 file")));

        // Open an uploaded file in the browser from another folder.
        window->openFolder(QStringLiteral("/"));
        QVERIFY(waitForListing(*window));
        int doneRow = -1;
        for (int row = 0; row < model->rowCount() && doneRow < 0; ++row) {
            if (ikui::UploadState(model->index(row, 0).data(ikui::UploadQueueModel::StateRole).toInt()) == ikui::UploadState::Done)
                doneRow = row;
        }
        QVERIFY(doneRow >= 0);
        const QString fileId = model->index(doneRow, 0).data(ikui::UploadQueueModel::FileIdRole).toString();
        QVERIFY(!fileId.isEmpty());
        table->selectRow(doneRow);
        QSignalSpy shown(window->uploads(), &ikui::UploadController::uploadedFileShown);
        panel->findChild<QPushButton *>(QStringLiteral("uploadOpenButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, WaitMs);
        QCOMPARE(window->currentFolder(), QStringLiteral("/panel"));
        QCOMPARE(window->selectedIds(), QStringList({fileId}));

        auto *clear = panel->findChild<QPushButton *>(QStringLiteral("uploadClearButton"));
        QVERIFY(clear->isEnabled());
        clear->click();
        QCOMPARE(model->rowCount(), 0);
        QCOMPARE(queue->totals().files, qint64(0));
    }

    void cancelAllStopsTheRest()
    {
        QVERIFY(createFolder(m_demo.imageKit(), QStringLiteral("/"), QStringLiteral("cancelled")));
        auto window = openWindow();
        QVERIFY(window);
        ikui::UploadQueue *queue = window->uploads()->queue();
        queue->setConcurrency(1);
        ikemu::FaultSettings slow;
        slow.latencyMs = 400;
        m_demo.server()->setFaultSettings(slow);
        QStringList paths;
        for (int i = 0; i < 4; ++i)
            paths << local(QStringLiteral("batch/file-%1.png").arg(i));
        window->uploads()->requestUpload(paths, QStringLiteral("/cancelled"));
        ikui::UploadOptionsDialog *dialog = sheet(*window);
        QVERIFY(dialog);
        okButton(dialog)->click();
        ikui::UploadPanel *panel = window->uploads()->panel();
        auto *cancelAll = panel->findChild<QPushButton *>(QStringLiteral("uploadCancelAllButton"));
        QVERIFY(cancelAll->isEnabled());
        cancelAll->click();
        QVERIFY(waitUntilEnded(*window));
        m_demo.server()->setFaultSettings({});
        QCOMPARE(queue->totals().cancelled + queue->totals().done, qint64(4));
        QVERIFY(queue->totals().cancelled >= 3);
        QCOMPARE(filesIn(m_demo.imageKit(), QStringLiteral("/cancelled")).size(), qsizetype(queue->totals().done));
    }

    void pastesAClipboardImage()
    {
        QVERIFY(createFolder(m_demo.imageKit(), QStringLiteral("/"), QStringLiteral("pasted")));
        auto window = openWindow();
        QVERIFY(window);
        window->openFolder(QStringLiteral("/pasted"));
        QVERIFY(waitForListing(*window));
        QImage image(120, 80, QImage::Format_ARGB32);
        image.fill(QColor(20, 160, 90));
        QGuiApplication::clipboard()->setImage(image);
        QVERIFY(QGuiApplication::clipboard()->mimeData()->hasImage());
        QAction *paste = window->uploads()->pasteAction();
        QCOMPARE(paste->shortcut(), QKeySequence(QKeySequence::Paste));
        paste->trigger();
        ikui::UploadOptionsDialog *dialog = sheet(*window);
        QVERIFY(dialog);
        QCOMPARE(dialog->fileCount(), qint64(1));
        const QString pastedFile = dialog->sources().first().localPath;
        QVERIFY(QFile::exists(pastedFile));
        QVERIFY(pastedFile.startsWith(window->uploads()->dataDirectory()));
        okButton(dialog)->click();
        QVERIFY(waitUntilEnded(*window));
        QCOMPARE(window->uploads()->queue()->totals().done, qint64(1));
        const auto onServer = filesIn(m_demo.imageKit(), QStringLiteral("/pasted"));
        QCOMPARE(onServer.size(), qsizetype(1));
        const ik::FileItem file = onServer.begin().value();
        QVERIFY2(file.name.startsWith(QStringLiteral("pasted-image-")) && file.name.endsWith(QStringLiteral(".png")),
                 qPrintable(file.name));
        QCOMPARE(file.width, std::optional<qint64>(120));
        // The temporary PNG lives until its upload ends.
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(pastedFile), WaitMs);

        // Text on the clipboard is not an upload.
        QGuiApplication::clipboard()->setText(QStringLiteral("hello"));
        paste->trigger();
        QVERIFY(!window->uploads()->optionsDialog());
        QVERIFY(window->uploads()->lastError().contains(QStringLiteral("no files or image")));
    }

    void theQueueReopensWithTheAccount()
    {
        QVERIFY(createFolder(m_demo.imageKit(), QStringLiteral("/"), QStringLiteral("resumed")));
        const QString dataDir = m_demo.filePath(QStringLiteral("queues/reopened"));
        {
            auto window = openWindow(dataDir);
            QVERIFY(window);
            QVERIFY(QFile::exists(window->uploads()->databasePathFor(m_demo.session())));
            ikui::UploadQueue *queue = window->uploads()->queue();
            queue->pauseAll();
            QVERIFY(window->uploads()->startBatch({{local(QStringLiteral("red.png")), QStringLiteral("/resumed")},
                                                   {local(QStringLiteral("notes.txt")), QStringLiteral("/resumed")}},
                                                  {}));
            QCOMPARE(queue->totals().remainingFiles(), qint64(2));
        } // the window (and its queue) go away with both items unsent
        auto window = openWindow(dataDir);
        QVERIFY(window);
        ikui::UploadQueue *queue = window->uploads()->queue();
        QCOMPARE(queue->model()->rowCount(), 2);
        QVERIFY(window->uploads()->panel()->isVisible()); // unfinished work is shown
        QVERIFY(queue->isPaused());
        window->uploads()->panel()->findChild<QPushButton *>(QStringLiteral("uploadPauseButton"))->click();
        QVERIFY(waitUntilEnded(*window));
        QCOMPARE(queue->totals().done, qint64(2));
        QCOMPARE(filesIn(m_demo.imageKit(), QStringLiteral("/resumed")).size(), qsizetype(2));

        // Another session (no session) closes the queue; the actions follow.
        window->setSession(nullptr);
        QVERIFY(!window->uploads()->queue());
        QVERIFY(!window->uploads()->uploadFilesAction()->isEnabled());
    }
};

QTEST_MAIN(TestUploads)
#include "tst_uploads.moc"
