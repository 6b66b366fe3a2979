// The browser's operations against a real in-process emulator with the demo library: folder
// rename, move and copy as bulk jobs followed to completion, folder delete after a confirmation,
// multi-file delete through the bulk delete API (chunks of 100, per-file partial failures), the
// purge status followed until Completed, and drag-out (the dragged files downloaded into a
// temporary folder as real local files) next to internal drops onto folders. Every check reads the
// server's state back through the API or watches the HTTP requests the window sends.
#include "apiwait.h"
#include "browserwaits.h"
#include "demofixture.h"

#include "session/session.h"
#include "browser/dragoutmimedata.h"
#include "browser/filedragstarter.h"
#include "browser/folderdrophandler.h"
#include "shell/mainwindow.h"
#include "actions/fileactions.h"
#include "models/filelistmodel.h"
#include "operations/bulkfiledelete.h"
#include "operations/dragoutdownload.h"
#include "operations/fetchurl.h"
#include "activity/operationprogress.h"
#include "operations/purgestatuswatcher.h"
#include "operations/safefilename.h"

#include "api/apiclient.h"
#include "api/imagekit.h"

#include <QAbstractButton>
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QMessageBox>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <memory>
#include <vector>

namespace {

constexpr int WaitMs = 20000;

using guitest::rowOfName;

QStringList namesIn(ik::ImageKit &imageKit, const QString &folder)
{
    return guitest::namesIn(imageKit, folder, WaitMs);
}

// Answers every modal message box until `context` dies: the first `yesCount` with Yes (or OK),
// later ones with Cancel/OK; records each box's text and informative text.
class MessageBoxAnswerer : public QObject
{
public:
    explicit MessageBoxAnswerer(int yesCount, QObject *parent = nullptr)
        : QObject(parent)
        , m_yesLeft(yesCount)
    {
        auto *timer = new QTimer(this);
        timer->setInterval(20);
        connect(timer, &QTimer::timeout, this, [this] { answer(); });
        timer->start();
    }
    QStringList texts;

private:
    void answer()
    {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || box->property("answered").toBool())
            return;
        box->setProperty("answered", true);
        texts << box->text() + QLatin1Char('\n') + box->informativeText();
        QAbstractButton *button = nullptr;
        if (m_yesLeft > 0) {
            --m_yesLeft;
            button = box->button(QMessageBox::Yes);
        } else {
            button = box->button(QMessageBox::Cancel);
        }
        if (!button)
            button = box->button(QMessageBox::Ok);
        if (button)
            button->click();
        else
            box->reject();
    }
    int m_yesLeft;
};

QByteArray pngBytes(int seed)
{
    QImage image(8, 8, QImage::Format_RGB32);
    image.fill(QColor::fromHsv((seed * 37) % 360, 200, 200));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// The HTTP requests a session's client sends, as "METHOD /path".
class RequestLog : public QObject
{
public:
    explicit RequestLog(QNetworkAccessManager *network)
        : QObject(network)
    {
        connect(network, &QNetworkAccessManager::finished, this, [this](QNetworkReply *reply) {
            // ApiClient sends every method as a custom verb.
            QByteArray verb = reply->request().attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
            if (verb.isEmpty()) {
                verb = reply->operation() == QNetworkAccessManager::GetOperation ? "GET"
                    : reply->operation() == QNetworkAccessManager::PostOperation ? "POST"
                    : reply->operation() == QNetworkAccessManager::PutOperation  ? "PUT"
                    : reply->operation() == QNetworkAccessManager::DeleteOperation ? "DELETE"
                                                                                 : "OTHER";
            }
            requests << QString::fromLatin1(verb) + QLatin1Char(' ') + reply->url().path();
        });
    }
    int count(const QString &method, const QString &pathPrefix) const
    {
        int n = 0;
        for (const QString &request : requests)
            n += request.startsWith(method + QLatin1Char(' ') + pathPrefix) ? 1 : 0;
        return n;
    }
    QStringList requests;
};

} // namespace

// What a BulkFileDelete reported when it finished (it deletes itself right after).
struct Outcome
{
    bool finished = false;
    bool cancelled = false;
    int requests = 0;
    QStringList deleted;
    QList<QPair<QString, ik::ApiError>> failures;
};

class TestOperations : public QObject
{
    Q_OBJECT

private:
    Outcome &outcomeOf(ikui::BulkFileDelete *operation)
    {
        auto outcome = std::make_shared<Outcome>();
        m_outcomes.push_back(outcome);
        connect(operation, &ikui::BulkFileDelete::finished, this, [operation, outcome] {
            outcome->finished = true;
            outcome->cancelled = operation->isCancelled();
            outcome->requests = operation->requestCount();
            outcome->deleted = operation->deletedIds();
            outcome->failures = operation->failures();
        });
        return *outcome;
    }
    std::vector<std::shared_ptr<Outcome>> m_outcomes;

    guitest::DemoFixture m_demo{WaitMs};

    static bool waitForListing(const ikui::MainWindow &window) { return guitest::waitForListing(window, WaitMs); }

    bool openAndWait(ikui::MainWindow &window, const QString &folder)
    {
        window.openFolder(folder);
        return waitForListing(window);
    }

    // Selects the rows of `names` in the grid; true when all were found.
    bool select(ikui::MainWindow &window, const QStringList &names)
    {
        QItemSelection selection;
        for (const QString &name : names) {
            const int row = rowOfName(window.fileModel(), name);
            if (row < 0)
                return false;
            selection.select(window.fileModel()->index(row, 0), window.fileModel()->index(row, 0));
        }
        window.gridView()->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        return window.selectedIds().size() == names.size();
    }

    QString idOf(ikui::MainWindow &window, const QString &name)
    {
        const int row = rowOfName(window.fileModel(), name);
        return row < 0 ? QString() : window.fileModel()->index(row, 0).data(ikui::FileListModel::FileIdRole).toString();
    }

    // Shown on the demo with its root folder listed; nullptr when that did not happen in time.
    std::unique_ptr<ikui::MainWindow> newWindow()
    {
        auto window = std::make_unique<ikui::MainWindow>();
        window->resize(1100, 700);
        if (!m_demo.showWindow(*window)) {
            qWarning("%s", qPrintable(m_demo.errorText()));
            return nullptr;
        }
        return window;
    }

    QStringList uploadFiles(const QString &folder, const QString &stem, int count)
    {
        QStringList names;
        int failures = 0;
        int finished = 0;
        for (int i = 0; i < count; ++i) {
            ik::UploadOptions options;
            options.file = ik::UploadSource::fromBytes(pngBytes(i));
            options.fileName = QStringLiteral("%1-%2.png").arg(stem).arg(i, 3, 10, QLatin1Char('0'));
            options.folder = folder;
            options.useUniqueFileName = false;
            ik::UploadJob *job = m_demo.imageKit().uploadFile(options);
            connect(job, &ik::ApiJob::failed, this, [&failures] { ++failures; });
            connect(job, &ik::ApiJob::done, this, [&finished] { ++finished; });
            names << options.fileName;
        }
        if (!QTest::qWaitFor([&] { return finished == count; }, WaitMs * 3) || failures > 0)
            return {};
        return names;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_demo.start(), qPrintable(m_demo.errorText()));
    }

    void renamesAFolderAsABulkJobFollowedToCompletion()
    {
        auto window = newWindow();
        QVERIFY(window);
        QVERIFY(openAndWait(*window, QStringLiteral("/")));
        const QStringList inside = namesIn(m_demo.imageKit(), QStringLiteral("/icons"));
        QVERIFY(!inside.isEmpty());
        QVERIFY(select(*window, {QStringLiteral("icons")}));
        RequestLog log(m_demo.session()->client()->networkAccessManager());
        QSignalSpy finished(window.get(), &ikui::MainWindow::operationFinished);
        window->fileActions()->renameSelectedTo(QStringLiteral("icon-set"));
        // The job shows in the status bar until the server says Completed.
        QVERIFY(window->operationProgress()->isActive());
        QVERIFY(window->operationProgress()->title().contains(QLatin1String("icon-set")));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, WaitMs);
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(window->lastErrorText()));
        QVERIFY(!window->operationProgress()->isActive());
        QVERIFY(log.count(QStringLiteral("POST"), QStringLiteral("/v1/bulkJobs/renameFolder")) == 1);
        QVERIFY(log.count(QStringLiteral("GET"), QStringLiteral("/v1/bulkJobs/")) >= 1);

        const QStringList root = namesIn(m_demo.imageKit(), QStringLiteral("/"));
        QVERIFY(root.contains(QStringLiteral("icon-set")));
        QVERIFY(!root.contains(QStringLiteral("icons")));
        QCOMPARE(namesIn(m_demo.imageKit(), QStringLiteral("/icon-set")), inside);
        // The window lists the result.
        QTRY_VERIFY_WITH_TIMEOUT(rowOfName(window->fileModel(), QStringLiteral("icon-set")) >= 0, WaitMs);
    }

    void copiesAFolderAndMovesTwoFoldersOneAfterTheOther()
    {
        auto window = newWindow();
        QVERIFY(window);
        QVERIFY(openAndWait(*window, QStringLiteral("/")));
        const QStringList posters = namesIn(m_demo.imageKit(), QStringLiteral("/posters"));
        const QStringList patterns = namesIn(m_demo.imageKit(), QStringLiteral("/patterns"));
        const QStringList shapes = namesIn(m_demo.imageKit(), QStringLiteral("/shapes"));
        QVERIFY(!posters.isEmpty() && !patterns.isEmpty() && !shapes.isEmpty());

        QSignalSpy finished(window.get(), &ikui::MainWindow::operationFinished);
        window->fileActions()->copyIdsTo({idOf(*window, QStringLiteral("posters"))}, QStringLiteral("/backups"));
        QVERIFY(window->operationProgress()->isActive());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, WaitMs);
        QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(window->lastErrorText()));
        QCOMPARE(namesIn(m_demo.imageKit(), QStringLiteral("/backups/posters")), posters);
        QCOMPARE(namesIn(m_demo.imageKit(), QStringLiteral("/posters")), posters); // a copy leaves the source

        QTRY_VERIFY_WITH_TIMEOUT(!window->fileModel()->isLoading() && rowOfName(window->fileModel(), QStringLiteral("shapes")) >= 0, WaitMs);
        const QStringList ids{idOf(*window, QStringLiteral("patterns")), idOf(*window, QStringLiteral("shapes"))};
        QVERIFY(!ids.at(0).isEmpty() && !ids.at(1).isEmpty());
        // Two folder jobs: the second starts only after the first completed.
        QStringList titlesSeen;
        QTimer watch;
        connect(&watch, &QTimer::timeout, this, [&] {
            const QString title = window->operationProgress()->isActive() ? window->operationProgress()->title() : QString();
            if (!title.isEmpty() && !titlesSeen.contains(title))
                titlesSeen << title;
        });
        watch.start(5);
        window->fileActions()->moveIdsTo(ids, QStringLiteral("/backups"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, WaitMs);
        watch.stop();
        QVERIFY2(finished.at(1).at(1).toBool() && finished.at(2).at(1).toBool(), qPrintable(window->lastErrorText()));
        QVERIFY(finished.at(1).at(0).toString().contains(QLatin1String("/patterns")));
        QVERIFY(finished.at(2).at(0).toString().contains(QLatin1String("/shapes")));
        QVERIFY2(titlesSeen.size() >= 2, qPrintable(titlesSeen.join(QLatin1Char('|'))));
        QCOMPARE(namesIn(m_demo.imageKit(), QStringLiteral("/backups/patterns")), patterns);
        QCOMPARE(namesIn(m_demo.imageKit(), QStringLiteral("/backups/shapes")), shapes);
        const QStringList root = namesIn(m_demo.imageKit(), QStringLiteral("/"));
        QVERIFY(!root.contains(QStringLiteral("patterns")));
        QVERIFY(!root.contains(QStringLiteral("shapes")));
    }

    void deletesAFolderAfterAConfirmationThatNamesIt()
    {
        auto window = newWindow();
        QVERIFY(window);
        QVERIFY(openAndWait(*window, QStringLiteral("/")));
        QVERIFY(namesIn(m_demo.imageKit(), QStringLiteral("/gradients")).contains(QStringLiteral("warm")));
        QVERIFY(select(*window, {QStringLiteral("gradients")}));
        QSignalSpy finished(window.get(), &ikui::MainWindow::operationFinished);

        // Cancel first: nothing is deleted.
        {
            MessageBoxAnswerer no(0);
            window->findChild<QAction *>(QStringLiteral("actionDelete"))->trigger();
            QCOMPARE(no.texts.size(), 1);
            QVERIFY2(no.texts.first().contains(QLatin1String("/gradients")), qPrintable(no.texts.first()));
        }
        QTest::qWait(100);
        QCOMPARE(finished.size(), 0);
        QVERIFY(namesIn(m_demo.imageKit(), QStringLiteral("/")).contains(QStringLiteral("gradients")));

        MessageBoxAnswerer yes(1);
        window->findChild<QAction *>(QStringLiteral("actionDelete"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, WaitMs);
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(window->lastErrorText()));
        QVERIFY(!namesIn(m_demo.imageKit(), QStringLiteral("/")).contains(QStringLiteral("gradients")));
        QTRY_VERIFY_WITH_TIMEOUT(rowOfName(window->fileModel(), QStringLiteral("gradients")) < 0, WaitMs);
    }

    void deletesManyFilesThroughTheBulkApi()
    {
        const QStringList uploaded = uploadFiles(QStringLiteral("/bulk"), QStringLiteral("many"), 130);
        QCOMPARE(uploaded.size(), 130);
        auto window = newWindow();
        QVERIFY(window);
        QVERIFY(openAndWait(*window, QStringLiteral("/bulk")));
        QCOMPARE(window->fileModel()->rowCount(), 130);
        window->gridView()->selectAll();
        QCOMPARE(window->selectedIds().size(), 130);

        RequestLog log(m_demo.session()->client()->networkAccessManager());
        QSignalSpy finished(window.get(), &ikui::MainWindow::operationFinished);
        MessageBoxAnswerer yes(1);
        window->findChild<QAction *>(QStringLiteral("actionDelete"))->trigger();
        QCOMPARE(yes.texts.size(), 1);
        QVERIFY(yes.texts.first().contains(uploaded.first()));
        QVERIFY2(yes.texts.first().contains(QLatin1String("more")), qPrintable(yes.texts.first())); // 130 names: "and N more"
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, WaitMs);
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(window->lastErrorText()));

        // 130 files: two bulk requests (100 + 30), no request per file.
        QCOMPARE(log.count(QStringLiteral("POST"), QStringLiteral("/v1/files/batch/deleteByFileIds")), 2);
        QCOMPARE(log.count(QStringLiteral("DELETE"), QStringLiteral("/v1/files/")), 0);
        QCOMPARE(namesIn(m_demo.imageKit(), QStringLiteral("/bulk")), QStringList());
        QCOMPARE(window->fileModel()->rowCount(), 0);
    }

    void reportsEachFileAPartialDeleteLeftBehind()
    {
        const QStringList uploaded = uploadFiles(QStringLiteral("/partial"), QStringLiteral("part"), 3);
        QCOMPARE(uploaded.size(), 3);
        auto window = newWindow();
        QVERIFY(window);
        QVERIFY(openAndWait(*window, QStringLiteral("/partial")));
        QVERIFY(select(*window, uploaded));
        // One of them disappears behind the window's back: the server answers 207 for it.
        const QString goneName = uploaded.at(1);
        QVERIFY(guitest::awaitSuccess(m_demo.imageKit().deleteFile(idOf(*window, goneName)), WaitMs));

        QSignalSpy finished(window.get(), &ikui::MainWindow::operationFinished);
        MessageBoxAnswerer answers(1);
        window->findChild<QAction *>(QStringLiteral("actionDelete"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, WaitMs);
        QVERIFY(!finished.first().at(1).toBool());
        QTRY_COMPARE_WITH_TIMEOUT(answers.texts.size(), 2, WaitMs); // the confirmation, then the error
        const QString report = answers.texts.at(1);
        QVERIFY2(report.contains(goneName), qPrintable(report));
        QVERIFY2(report.contains(QLatin1String("1 file")), qPrintable(report));
        QVERIFY(!report.contains(uploaded.at(0)));
        QVERIFY(window->lastErrorText().contains(goneName));
        // The others are gone on the server and from the view.
        QCOMPARE(namesIn(m_demo.imageKit(), QStringLiteral("/partial")), QStringList());
        QVERIFY(waitForListing(*window));
        QCOMPARE(window->fileModel()->rowCount(), 0);
        QTest::qWait(300);
        QCOMPARE(answers.texts.size(), 2); // nothing else complained (e.g. details of a vanished file)
    }

    void bulkDeleteChunksAndReportsMissingIds()
    {
        const QStringList uploaded = uploadFiles(QStringLiteral("/chunks"), QStringLiteral("chunk"), 5);
        QCOMPARE(uploaded.size(), 5);
        auto window = newWindow();
        QVERIFY(window);
        QVERIFY(openAndWait(*window, QStringLiteral("/chunks")));
        QStringList ids;
        for (const QString &name : uploaded)
            ids << idOf(*window, name);
        const QString missing = QStringLiteral("000000000000000000000000");
        ids << missing;

        auto *operation = new ikui::BulkFileDelete(m_demo.imageKit(), QStringLiteral("test"), ids);
        operation->setChunkSize(3);
        QSignalSpy progress(operation, &ikui::BulkFileDelete::progress);
        QSignalSpy destroyed(operation, &QObject::destroyed);
        const Outcome &outcome = outcomeOf(operation);
        operation->start();
        QTRY_VERIFY_WITH_TIMEOUT(outcome.finished, WaitMs);
        QCOMPARE(outcome.requests, 2); // [0,1,2] then [3,4,missing]
        QCOMPARE(outcome.deleted, ids.mid(0, 5));
        QCOMPARE(outcome.failures.size(), 1);
        QCOMPARE(outcome.failures.first().first, missing);
        QCOMPARE(progress.size(), 2);
        QCOMPARE(progress.last().at(0).toInt(), 6);
        QTRY_COMPARE(destroyed.size(), 1); // deletes itself

        // Only missing ids: ImageKit's 404 with missingFileIds names them.
        auto *onlyMissing = new ikui::BulkFileDelete(m_demo.imageKit(), QStringLiteral("test"), {missing});
        const Outcome &missingOutcome = outcomeOf(onlyMissing);
        onlyMissing->start();
        QTRY_VERIFY_WITH_TIMEOUT(missingOutcome.finished, WaitMs);
        QCOMPARE(missingOutcome.failures.size(), 1);
        QCOMPARE(missingOutcome.failures.first().second.kind(), ik::ErrorKind::NotFound);
        QCOMPARE(missingOutcome.requests, 1);

        // Cancelled before its first answer: no files deleted, finished once.
        const QStringList more = uploadFiles(QStringLiteral("/chunks"), QStringLiteral("kept"), 2);
        QCOMPARE(more.size(), 2);
        window->refresh();
        QVERIFY(waitForListing(*window));
        QTRY_VERIFY_WITH_TIMEOUT(rowOfName(window->fileModel(), more.first()) >= 0, WaitMs);
        auto *cancelled = new ikui::BulkFileDelete(m_demo.imageKit(), QStringLiteral("test"),
                                                   {idOf(*window, more.at(0)), idOf(*window, more.at(1))});
        cancelled->setChunkSize(1);
        const Outcome &cancelledOutcome = outcomeOf(cancelled);
        cancelled->start();
        cancelled->cancel();
        QVERIFY(cancelledOutcome.finished);
        QVERIFY(cancelledOutcome.cancelled);
        QVERIFY(cancelledOutcome.deleted.isEmpty() && cancelledOutcome.failures.isEmpty());
        QTest::qWait(200);
        QCOMPARE(namesIn(m_demo.imageKit(), QStringLiteral("/chunks")), more);
    }

    void showsThePurgeStatusUntilCompleted()
    {
        auto window = newWindow();
        QVERIFY(window);
        QVERIFY(openAndWait(*window, QStringLiteral("/posters")));
        const QString name = window->fileModel()->index(0, 0).data(ikui::FileListModel::NameRole).toString();
        QVERIFY(select(*window, {name}));
        RequestLog log(m_demo.session()->client()->networkAccessManager());
        QStringList statuses;
        QTimer watch;
        connect(&watch, &QTimer::timeout, this, [&] {
            const QString status = window->operationProgress()->isActive() ? window->operationProgress()->statusText() : QString();
            if (!status.isEmpty() && !statuses.contains(status))
                statuses << status;
        });
        watch.start(5);
        QSignalSpy finished(window.get(), &ikui::MainWindow::operationFinished);
        window->findChild<QAction *>(QStringLiteral("actionPurgeCache"))->trigger();
        QVERIFY(window->operationProgress()->isActive());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, WaitMs);
        watch.stop();
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(window->lastErrorText()));
        // Pending while the emulator purges (400 ms), then one more check that says Completed.
        bool sawPending = false;
        for (const QString &status : std::as_const(statuses))
            sawPending = sawPending || status.contains(QLatin1String("Pending"));
        QVERIFY2(sawPending, qPrintable(statuses.join(QLatin1Char('|'))));
        QVERIFY(window->statusBar()->currentMessage().contains(QLatin1String("Completed")));
        QVERIFY(window->statusBar()->currentMessage().contains(name));
        QCOMPARE(log.count(QStringLiteral("POST"), QStringLiteral("/v1/files/purge")), 1);
        QVERIFY(log.count(QStringLiteral("GET"), QStringLiteral("/v1/files/purge/")) >= 2);
        QVERIFY(!window->operationProgress()->isActive());
    }

    void purgeWatcherPollsAtItsIntervalAndGivesUpAtItsLimit()
    {
        auto window = newWindow();
        QVERIFY(window);
        QVERIFY(openAndWait(*window, QStringLiteral("/posters")));
        const QString url = window->fileModel()->index(0, 0).data(ikui::FileListModel::UrlRole).toString();
        QVERIFY(!url.isEmpty());

        // One check only, well inside the emulator's 400 ms: still Pending, so it gives up.
        auto *impatient = new ikui::PurgeStatusWatcher(m_demo.imageKit(), QStringLiteral("purge"));
        impatient->setMaxPolls(1);
        QSignalSpy gaveUp(impatient, &ikui::PurgeStatusWatcher::gaveUp);
        QSignalSpy completedEarly(impatient, &ikui::PurgeStatusWatcher::completed);
        impatient->watch(m_demo.imageKit().purgeFileCache(url));
        QTRY_COMPARE_WITH_TIMEOUT(gaveUp.size(), 1, WaitMs);
        QCOMPARE(gaveUp.first().at(0).toString(), QStringLiteral("Pending"));
        QCOMPARE(completedEarly.size(), 0);

        // Short interval, enough checks: Completed after several Pending answers.
        auto *patient = new ikui::PurgeStatusWatcher(m_demo.imageKit(), QStringLiteral("purge"));
        patient->setPollInterval(50);
        patient->setMaxPolls(200);
        QSignalSpy statuses(patient, &ikui::PurgeStatusWatcher::statusChanged);
        QSignalSpy completed(patient, &ikui::PurgeStatusWatcher::completed);
        patient->watch(m_demo.imageKit().purgeFileCache(url));
        QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 1, WaitMs);
        QVERIFY(statuses.size() >= 3); // requested, Pending ..., Completed
        QCOMPARE(statuses.last().at(0).toString(), QStringLiteral("Completed"));
        QCOMPARE(statuses.at(1).at(0).toString(), QStringLiteral("Pending"));

        // A purge the server refuses (not a URL): its 400 is reported, nothing is watched.
        auto *refused = new ikui::PurgeStatusWatcher(m_demo.imageKit(), QStringLiteral("purge"));
        QString failure;
        connect(refused, &ikui::PurgeStatusWatcher::failed, this, [&failure](const ik::ApiError &error) { failure = error.message(); });
        refused->watch(m_demo.imageKit().purgeFileCache(QStringLiteral("not a url")));
        QTRY_VERIFY_WITH_TIMEOUT(!failure.isEmpty(), WaitMs);
    }

    // Private files answer 401 to their plain delivery URL: download, drag-out and "open in the
    // browser" must use a signed one, and the bytes must be the file's.
    void privateFilesAreFetchedWithSignedUrls()
    {
        auto window = newWindow();
        QVERIFY(window);
        QVERIFY(openAndWait(*window, QStringLiteral("/products/2024/archive"))); // the demo's unreleased products
        ikui::FileListModel *model = window->fileModel();
        QModelIndexList privateFiles;
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, 0).data(ikui::FileListModel::IsPrivateRole).toBool())
                privateFiles << model->index(row, 0);
        }
        QCOMPARE(privateFiles.size(), 2);
        QNetworkAccessManager network;
        const auto fetch = [&network](const QUrl &url) {
            QNetworkReply *reply = network.get(QNetworkRequest(url));
            std::unique_ptr<QNetworkReply> owned(reply);
            if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, WaitMs))
                return std::make_pair(-1, QByteArray()); // no answer in time
            return std::make_pair(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll());
        };
        const QString deliveryUrl = privateFiles.first().data(ikui::FileListModel::UrlRole).toString();
        QCOMPARE(fetch(QUrl(deliveryUrl)).first, 401); // the plain URL really is refused

        // Download to a folder: both files arrive, byte for byte what a signed URL serves.
        QTemporaryDir target;
        QItemSelection selection;
        for (const QModelIndex &index : std::as_const(privateFiles))
            selection.select(index, index);
        window->gridView()->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QSignalSpy finished(window.get(), &ikui::MainWindow::operationFinished);
        window->fileActions()->downloadSelectedTo(target.path());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, WaitMs);
        for (const QModelIndex &index : std::as_const(privateFiles)) {
            const QString name = index.data(ikui::FileListModel::NameRole).toString();
            QFile file(QDir(target.path()).filePath(ikui::SafeFileName::sanitised(name)));
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
            const QByteArray bytes = file.readAll();
            QVERIFY2(bytes.size() > 100, qPrintable(name));
            const QUrl signedUrl = ikui::fetchUrl(&m_demo.session()->urlBuilder(), index.data(ikui::FileListModel::PathRole).toString(),
                                                  index.data(ikui::FileListModel::UrlRole).toString(), true);
            QVERIFY(QUrlQuery(signedUrl).hasQueryItem(QStringLiteral("ik-s")));
            const auto served = fetch(signedUrl);
            QCOMPARE(served.first, 200);
            QCOMPARE(bytes, served.second);
        }

        // Drag-out downloads them too.
        std::unique_ptr<ikui::DragOutMimeData> data(window->dragStarter()->createMimeData(privateFiles));
        QVERIFY(data);
        const QList<QUrl> urls = data->urls();
        QCOMPARE(urls.size(), 2);
        for (const QUrl &url : urls) {
            QFile file(url.toLocalFile());
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(url.toString()));
            QVERIFY(file.size() > 100);
        }
    }

    void dragOutGivesLocalFilesAndInternalDropsStillMove()
    {
        auto window = newWindow();
        QVERIFY(window);
        QVERIFY(openAndWait(*window, QStringLiteral("/products")));
        ikui::FileListModel *model = window->fileModel();
        QModelIndexList files;
        for (int row = 0; row < model->rowCount() && files.size() < 2; ++row) {
            if (!model->index(row, 0).data(ikui::FileListModel::IsFolderRole).toBool())
                files << model->index(row, 0);
        }
        QCOMPARE(files.size(), 2);

        // Out of the app: the data names local files, downloaded when a program asks for them.
        std::unique_ptr<ikui::DragOutMimeData> data(window->dragStarter()->createMimeData(files));
        QVERIFY(data);
        QVERIFY(data->hasFormat(ikui::FileListModel::idsMimeType()));
        QVERIFY(data->hasFormat(QStringLiteral("text/uri-list")));
        QPointer<ikui::DragOutDownload> download = data->download();
        QVERIFY(download);
        QVERIFY(!download->isStarted()); // nothing fetched until needed
        const QList<QUrl> urls = data->urls();
        QCOMPARE(urls.size(), 2);
        QNetworkAccessManager network;
        for (int i = 0; i < urls.size(); ++i) {
            QVERIFY2(urls.at(i).isLocalFile(), qPrintable(urls.at(i).toString()));
            const QString path = urls.at(i).toLocalFile();
            QVERIFY(ikui::SafeFileName::isInside(download->folder(), path));
            QCOMPARE(QFileInfo(path).fileName(),
                     ikui::SafeFileName::sanitised(files.at(i).data(ikui::FileListModel::NameRole).toString()));
            // The very bytes the server delivers for that file.
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QNetworkReply *reply = network.get(QNetworkRequest(QUrl(files.at(i).data(ikui::FileListModel::UrlRole).toString())));
            QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), WaitMs);
            QCOMPARE(reply->error(), QNetworkReply::NoError);
            QCOMPARE(file.readAll(), reply->readAll());
            reply->deleteLater();
        }
        const QString folder = download->folder();
        QVERIFY(QDir(folder).exists());
        delete download.data(); // the temporary folder goes with the download
        QVERIFY(!QDir(folder).exists());

        // Inside the app the same kind of drag onto a folder moves the files and downloads nothing.
        const int archiveRow = rowOfName(model, QStringLiteral("2024"));
        QVERIFY(archiveRow >= 0);
        const QString movedName = files.first().data(ikui::FileListModel::NameRole).toString();
        std::unique_ptr<ikui::DragOutMimeData> internal(window->dragStarter()->createMimeData({files.first()}));
        QPointer<ikui::DragOutDownload> internalDownload = internal->download();
        auto *grid = window->gridView();
        grid->scrollTo(model->index(archiveRow, 0));
        const QPoint target = grid->visualRect(model->index(archiveRow, 0)).center();
        QSignalSpy finished(window.get(), &ikui::MainWindow::operationFinished);
        QDragEnterEvent enter(target, Qt::MoveAction | Qt::CopyAction, internal.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(grid->viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(target, Qt::MoveAction | Qt::CopyAction, internal.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(grid->viewport(), &drop);
        QVERIFY(drop.isAccepted());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, WaitMs);
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(window->lastErrorText()));
        QVERIFY(namesIn(m_demo.imageKit(), QStringLiteral("/products/2024")).contains(movedName));
        QVERIFY(internalDownload && !internalDownload->isStarted());
    }

    void folderDropHandlerLeavesExternalFileDropsToOthers()
    {
        auto window = newWindow();
        QVERIFY(window);
        QVERIFY(openAndWait(*window, QStringLiteral("/")));
        auto *handler = window->gridView()->findChild<ikui::FolderDropHandler *>();
        QVERIFY(handler);
        QMimeData external;
        external.setUrls({QUrl::fromLocalFile(m_demo.filePath(QStringLiteral("holiday.jpg")))});
        const QPoint somewhere(10, 10);
        QDragEnterEvent enter(somewhere, Qt::CopyAction, &external, Qt::LeftButton, Qt::NoModifier);
        QObject *filter = handler;
        QVERIFY(!filter->eventFilter(window->gridView()->viewport(), &enter));
        QDropEvent drop(somewhere, Qt::CopyAction, &external, Qt::LeftButton, Qt::NoModifier);
        QVERIFY(!filter->eventFilter(window->gridView()->viewport(), &drop));
    }
};

QTEST_MAIN(TestOperations)
#include "tst_operations.moc"
