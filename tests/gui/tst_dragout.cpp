// Drag-out's wait for the files against a real in-process emulator with the demo library: the
// progress dialog that appears only after 300 ms and shows files and bytes, Esc and the Cancel
// button that abort the downloads, remove the per-drag folder and leave nothing to drop, and the
// error that names a file the server does not have and says what to try. Slow answers come from
// the emulator's own latency fault; a stalled transfer from a local server that never answers.
#include "session/session.h"
#include "browser/dragoutmimedata.h"
#include "browser/filedragstarter.h"
#include "session/demosession.h"
#include "shell/mainwindow.h"
#include "models/filelistmodel.h"
#include "operations/dragoutdownload.h"
#include "activity/dragoutwait.h"

#include "api/apiclient.h"
#include "faults/faultinjector.h"
#include "server/emulatorserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLocale>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <functional>
#include <memory>

namespace {

constexpr int WaitMs = 20000;

QString uriList()
{
    return QStringLiteral("text/uri-list");
}

// Watches for the drag-out progress dialog while a wait runs (the wait blocks the test in a local
// event loop): records when it first became visible and its texts, then acts on it once.
class DialogWatcher : public QObject
{
public:
    DialogWatcher(QWidget *window, std::function<void(QProgressDialog *)> act)
        : m_window(window)
        , m_act(std::move(act))
    {
        m_clock.start();
        auto *timer = new QTimer(this);
        timer->setInterval(10);
        connect(timer, &QTimer::timeout, this, [this] { look(); });
        timer->start();
    }

    qint64 shownAfterMs = -1;
    QStringList labels;
    bool modalToTheWindow = false;

private:
    void look()
    {
        auto *dialog = m_window->findChild<QProgressDialog *>(QStringLiteral("dragOutProgress"));
        if (!dialog || !dialog->isVisible())
            return;
        if (shownAfterMs < 0) {
            shownAfterMs = m_clock.elapsed();
            modalToTheWindow = dialog->windowModality() == Qt::WindowModal && dialog->parentWidget() == m_window;
        }
        if (labels.isEmpty() || labels.last() != dialog->labelText())
            labels << dialog->labelText();
        if (m_act && labels.size() >= 1 && m_clock.elapsed() - shownAfterMs >= 150) {
            auto act = std::move(m_act);
            m_act = nullptr;
            act(dialog);
        }
    }

    QWidget *m_window;
    std::function<void(QProgressDialog *)> m_act;
    QElapsedTimer m_clock;
};

// Accepts connections and never answers: a download from it stalls until aborted.
class SilentServer : public QObject
{
public:
    SilentServer()
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                sockets << socket;
                connect(socket, &QTcpSocket::disconnected, this, [this] { ++disconnects; });
            }
        });
    }
    QUrl url(const QString &name) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1/%2").arg(m_server.serverPort()).arg(name));
    }
    QList<QTcpSocket *> sockets;
    int disconnects = 0;

private:
    QTcpServer m_server;
};

} // namespace

class TestDragOut : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ikui::Session *m_demo = nullptr;

    void setLatency(int ms)
    {
        ikemu::EmulatorServer *server = m_demo->demoServer();
        ikemu::FaultSettings faults;
        faults.latencyMs = ms;
        // The demo's emulator lives on its own thread: change its settings there.
        QMetaObject::invokeMethod(server, [server, faults] { server->setFaultSettings(faults); },
                                  Qt::BlockingQueuedConnection);
    }

    std::unique_ptr<ikui::MainWindow> newWindow()
    {
        auto window = std::make_unique<ikui::MainWindow>();
        window->setSession(m_demo);
        window->resize(1000, 650);
        window->show();
        return window;
    }

    // The first `count` files (not folders) of `folder`, listed in the window.
    QModelIndexList filesIn(ikui::MainWindow &window, const QString &folder, int count)
    {
        window.openFolder(folder);
        if (!QTest::qWaitFor([&] { return window.fileModel() && !window.fileModel()->isLoading()
                                      && window.fileModel()->pageRequestCount() > 0; }, WaitMs))
            return {};
        QModelIndexList files;
        ikui::FileListModel *model = window.fileModel();
        for (int row = 0; row < model->rowCount() && files.size() < count; ++row) {
            if (!model->index(row, 0).data(ikui::FileListModel::IsFolderRole).toBool())
                files << model->index(row, 0);
        }
        return files;
    }

    ikui::DragOutDownload::File fileOf(const QModelIndex &index)
    {
        return {index.data(ikui::FileListModel::NameRole).toString(),
                QUrl(index.data(ikui::FileListModel::UrlRole).toString()),
                index.data(ikui::FileListModel::SizeRole).toLongLong()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QString error;
        m_demo = ikui::DemoSession::start(&error, this, m_dir.filePath(QStringLiteral("demo")));
        QVERIFY2(m_demo, qPrintable(error));
    }

    void cleanup()
    {
        setLatency(0);
    }

    void progressTextCountsFilesAndBytes()
    {
        const QLocale locale;
        const QString text = ikui::DragOutWait::progressText(1, 3, 1536, 4096);
        QVERIFY2(text.startsWith(QStringLiteral("1 of 3 file")), qPrintable(text));
        QVERIFY2(text.contains(locale.formattedDataSize(1536)) && text.contains(locale.formattedDataSize(4096)), qPrintable(text));
        // Unknown total: files only.
        QCOMPARE(ikui::DragOutWait::progressText(0, 2, 100, -1), ikui::DragOutWait::progressText(0, 2, 0, -1));
        QVERIFY(!ikui::DragOutWait::progressText(0, 2, 100, -1).contains(locale.formattedDataSize(100)));
    }

    void slowDropShowsProgressAfterTheDelayAndCompletes()
    {
        auto window = newWindow();
        const QModelIndexList files = filesIn(*window, QStringLiteral("/products"), 2);
        QCOMPARE(files.size(), 2);
        qint64 listedBytes = 0;
        for (const QModelIndex &index : files)
            listedBytes += index.data(ikui::FileListModel::SizeRole).toLongLong();
        QVERIFY(listedBytes > 0);

        setLatency(1500);
        std::unique_ptr<ikui::DragOutMimeData> data(window->dragStarter()->createMimeData(files));
        QVERIFY(data && data->download());
        QPointer<ikui::DragOutDownload> download = data->download();
        DialogWatcher watcher(window.get(), nullptr);
        QElapsedTimer clock;
        clock.start();
        const QList<QUrl> urls = data->urls(); // what a file manager does on drop: waits here
        const qint64 waited = clock.elapsed();

        QCOMPARE(urls.size(), 2);
        for (const QUrl &url : urls)
            QVERIFY2(url.isLocalFile() && QFile::exists(url.toLocalFile()), qPrintable(url.toString()));
        QVERIFY2(waited >= 1400, qPrintable(QString::number(waited)));
        // Not at once (a quick drop flashes nothing), but well before the files arrived.
        QVERIFY2(watcher.shownAfterMs >= 280 && watcher.shownAfterMs < waited,
                 qPrintable(QStringLiteral("shown after %1 ms of %2").arg(watcher.shownAfterMs).arg(waited)));
        QVERIFY(watcher.modalToTheWindow);
        QVERIFY(!watcher.labels.isEmpty());
        const QString label = watcher.labels.first();
        QVERIFY2(label.contains(QStringLiteral("0 of 2 file")), qPrintable(label));
        QVERIFY2(label.contains(QLocale().formattedDataSize(listedBytes)), qPrintable(label));
        // Gone with the wait.
        QVERIFY(!window->findChild<QProgressDialog *>(QStringLiteral("dragOutProgress")));
        QVERIFY(download);
        QCOMPARE(download->bytesReceived(), download->bytesTotal());
        QVERIFY(download->bytesTotal() >= listedBytes);
    }

    void escCancelsTheWaitAndDropsNothing()
    {
        auto window = newWindow();
        const QModelIndexList files = filesIn(*window, QStringLiteral("/products"), 2);
        QCOMPARE(files.size(), 2);

        setLatency(10000);
        std::unique_ptr<ikui::DragOutMimeData> data(window->dragStarter()->createMimeData(files));
        QPointer<ikui::DragOutDownload> download = data->download();
        QVERIFY(download);
        QVERIFY(data->hasFormat(uriList()));
        const QString folder = download->folder();
        QVERIFY(QDir(folder).exists());
        DialogWatcher watcher(window.get(), [](QProgressDialog *dialog) {
            QApplication::setActiveWindow(dialog); // as when the user looks at it
            QTest::keyClick(dialog, Qt::Key_Escape);
        });
        QElapsedTimer clock;
        clock.start();
        const QList<QUrl> urls = data->urls();
        const qint64 waited = clock.elapsed();

        QVERIFY(watcher.shownAfterMs >= 0);
        QVERIFY(urls.isEmpty());
        QVERIFY2(waited < 8000, qPrintable(QString::number(waited))); // did not wait for the server
        QVERIFY(download);
        QVERIFY(download->isCancelled());
        QVERIFY(download->isFinished());
        QVERIFY(download->localPaths().isEmpty());
        QVERIFY2(!QDir(folder).exists(), qPrintable(folder));
        QVERIFY(!data->hasFormat(uriList())); // nothing left to drop
        QVERIFY(data->urls().isEmpty());
        QVERIFY(!window->findChild<QProgressDialog *>(QStringLiteral("dragOutProgress")));
    }

    void cancelButtonAbortsTheDownloadsAndRemovesThePartialFolder()
    {
        auto window = newWindow();
        const QModelIndexList listed = filesIn(*window, QStringLiteral("/products"), 1);
        QCOMPARE(listed.size(), 1);
        SilentServer silent;

        // One file arrives, the other stalls: the folder holds a partial drop when cancelled.
        QList<ikui::DragOutDownload::File> files{fileOf(listed.first()),
                                                 {QStringLiteral("stalled.jpg"), silent.url(QStringLiteral("stalled.jpg")), 5000}};
        auto *download = new ikui::DragOutDownload(m_demo->client()->networkAccessManager(), files);
        QPointer<ikui::DragOutDownload> guard(download);
        ikui::DragOutMimeData data(download);
        data.setProgressWindow(window.get());
        download->start();
        QTRY_COMPARE_WITH_TIMEOUT(download->doneCount(), 1, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(silent.sockets.size(), 1, WaitMs);
        const QString written = download->targetPaths().first();
        QVERIFY(QFile::exists(written));
        QCOMPARE(download->localPaths(), QStringList{written});
        const QString folder = download->folder();

        DialogWatcher watcher(window.get(), [](QProgressDialog *dialog) {
            auto *cancel = dialog->findChild<QPushButton *>(QStringLiteral("dragOutCancel"));
            QVERIFY(cancel);
            QVERIFY(cancel->isVisible());
            cancel->click();
        });
        const QList<QUrl> urls = data.urls();
        QVERIFY(urls.isEmpty());
        QVERIFY(watcher.shownAfterMs >= 0);
        QVERIFY(!watcher.labels.isEmpty());
        QVERIFY2(watcher.labels.first().contains(QStringLiteral("1 of 2 file")), qPrintable(watcher.labels.first()));
        QVERIFY(guard && download->isCancelled());
        QVERIFY(download->localPaths().isEmpty());
        QVERIFY(!QFile::exists(written));
        QVERIFY2(!QDir(folder).exists(), qPrintable(folder));
        QVERIFY(download->failures().isEmpty()); // a cancel is not an error
        // The stalled transfer was aborted: its connection closes.
        QTRY_COMPARE_WITH_TIMEOUT(silent.disconnects, 1, WaitMs);
        delete download;
    }

    void aMissingFileIsNamedWithWhatToTry()
    {
        auto window = newWindow();
        const QModelIndexList listed = filesIn(*window, QStringLiteral("/products"), 1);
        QCOMPARE(listed.size(), 1);
        const ikui::DragOutDownload::File good = fileOf(listed.first());
        QUrl missing = good.url;
        missing.setPath(QStringLiteral("%1/no-such-file.jpg").arg(m_demo->demoServer()->urlEndpoint().path()));
        auto *download = new ikui::DragOutDownload(m_demo->client()->networkAccessManager(),
                                                   {good, {QStringLiteral("no-such-file.jpg"), missing, -1}});
        ikui::DragOutMimeData data(download);
        data.setProgressWindow(window.get());
        const QList<QUrl> urls = data.urls();

        // What arrived is dropped; what failed is reported by name, with what to try.
        QCOMPARE(urls.size(), 1);
        QVERIFY(QFile::exists(urls.first().toLocalFile()));
        QCOMPARE(download->failures().size(), 1);
        const QString failure = download->failures().first();
        QVERIFY2(failure.startsWith(QStringLiteral("no-such-file.jpg: ")), qPrintable(failure));
        QVERIFY2(failure.contains(QStringLiteral("404")), qPrintable(failure));
        QVERIFY2(failure.contains(QStringLiteral("Refresh")), qPrintable(failure));
        QVERIFY(!QFile::exists(download->targetPaths().at(1))); // the error page is not saved as the file
        QVERIFY(!download->isComplete());
        delete download;
    }
};

QTEST_MAIN(TestDragOut)
#include "tst_dragout.moc"
