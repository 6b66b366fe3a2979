// The offline demo's emulator serves on a thread of its own (DemoServerThread), so that image
// transformations never stall the window: the server and its HTTP layer live on a worker thread,
// fault settings changed from the UI thread reach it, a burst of 60 transformed images leaves the
// UI event loop responsive (measured against the same burst with the server on the UI thread),
// and the session (or the whole app) can be destroyed while requests are in flight without a
// crash or a hang.
#include "shell/appcontroller.h"
#include "session/session.h"
#include "accounts/keystore.h"
#include "accounts/profilestore.h"
#include "session/demosession.h"
#include "shell/mainwindow.h"
#include "models/filelistmodel.h"
#include "thumbnails/thumbnailprovider.h"

#include "api/apiclient.h"
#include "api/imagekit.h"
#include "server/emulatorserver.h"
#include "url/urlbuilder.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QtTest>

#include <memory>
#include <optional>

namespace {

constexpr int WaitMs = 60000;
constexpr int BurstWaitMs = 150000; // 60 renderings in a Debug build on a loaded machine
constexpr int BurstSize = 60; // a screenful of thumbnails

// The longest time the UI thread's event loop went without serving a 1 ms timer: how long the
// window would have been frozen.
class EventLoopGapMeter : public QObject
{
public:
    EventLoopGapMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_longestGapMs = qMax(m_longestGapMs, m_sinceLastBeat.restart());
            ++m_beats;
        });
    }
    void start()
    {
        m_longestGapMs = 0;
        m_beats = 0;
        m_sinceLastBeat.start();
        m_timer.start();
    }
    void stop()
    {
        m_timer.stop();
        m_longestGapMs = qMax(m_longestGapMs, m_sinceLastBeat.elapsed());
    }
    qint64 longestGapMs() const { return m_longestGapMs; }
    int beats() const { return m_beats; }

private:
    QTimer m_timer;
    QElapsedTimer m_sinceLastBeat;
    qint64 m_longestGapMs = 0;
    int m_beats = 0;
};

struct BurstOutcome
{
    int images = 0;        // answered 200 with an image body
    int failures = 0;
    qint64 longestGapMs = 0;
    qint64 elapsedMs = 0;
    bool timedOut = false;
};

// Fetches every URL at once and runs the event loop (no qWait: it sleeps between slices, which
// would show up as gaps) until all have answered.
BurstOutcome fetchAll(const QList<QUrl> &urls)
{
    BurstOutcome outcome;
    QNetworkAccessManager network;
    QEventLoop loop;
    int pending = int(urls.size());
    EventLoopGapMeter meter;
    QElapsedTimer elapsed;
    elapsed.start();
    meter.start();
    for (const QUrl &url : urls) {
        QNetworkReply *reply = network.get(QNetworkRequest(url));
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const bool isImage = reply->header(QNetworkRequest::ContentTypeHeader).toString().startsWith(QLatin1String("image/"));
            if (reply->error() == QNetworkReply::NoError && status == 200 && isImage && !reply->readAll().isEmpty())
                ++outcome.images;
            else
                ++outcome.failures;
            reply->deleteLater();
            if (--pending == 0)
                loop.quit();
        });
    }
    QTimer::singleShot(BurstWaitMs, &loop, [&] {
        outcome.timedOut = true;
        loop.quit();
    });
    loop.exec();
    meter.stop();
    outcome.elapsedMs = elapsed.elapsed();
    outcome.longestGapMs = meter.longestGapMs();
    return outcome;
}

// The same file at 60 different sizes, blurred: no two answers alike, each a real rendering.
QList<QUrl> transformedUrls(const ik::UrlBuilder &builder, const QString &filePath)
{
    QList<QUrl> urls;
    for (int i = 0; i < BurstSize; ++i) {
        ik::UrlOptions options;
        options.path = filePath;
        options.transformation = {ik::TransformationStep{{QStringLiteral("raw"), QStringLiteral("w-%1,bl-2").arg(240 + i * 4)}}};
        urls.append(QUrl(builder.build(options).url));
    }
    return urls;
}

} // namespace

class TestDemoThreading : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_dataDir;
    QString m_filePath; // a JPEG poster of the demo library

    // A JPEG of the demo library, listed through `session`.
    static QString findJpeg(ikui::Session &session)
    {
        ik::ListFilesOptions options;
        options.path = QStringLiteral("/posters");
        options.fileType = QStringLiteral("image");
        ik::FileListJob *job = session.imageKit().listFiles(options);
        std::optional<ik::FileList> list;
        bool done = false;
        QObject context;
        QObject::connect(job, &ik::FileListJob::finished, &context, [&](const ik::FileList &result) { list = result; });
        QObject::connect(job, &ik::ApiJob::done, &context, [&] { done = true; });
        if (!QTest::qWaitFor([&] { return done; }, WaitMs) || !list)
            return {};
        for (const ik::FileItem &file : list->files) {
            if (file.mime == QLatin1String("image/jpeg") && !file.isPrivateFile.value_or(false))
                return file.filePath;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<ikui::Session *>(); // AppController::sessionOpened in a QSignalSpy
        QVERIFY(m_dir.isValid());
        m_dataDir = m_dir.filePath(QStringLiteral("demo"));
        QString error;
        QVERIFY2(ikui::DemoSession::prepare(m_dataDir, &error), qPrintable(error));
    }

    void serverLivesOnItsOwnThread()
    {
        QString error;
        std::unique_ptr<ikui::Session> session(ikui::DemoSession::start(&error, nullptr, m_dataDir));
        QVERIFY2(session, qPrintable(error));
        QVERIFY(session->isDemo());
        ikemu::EmulatorServer *server = session->demoServer();
        QVERIFY(server && server->isRunning());
        QVERIFY(server->thread() != QThread::currentThread());
        QVERIFY(server->thread()->isRunning());
        QCOMPARE(server->thread()->objectName(), QStringLiteral("mediadesk-demo-emulator"));
        QCOMPARE(session->client()->apiBase(), server->baseUrl());

        // It answers, and the API works through it.
        m_filePath = findJpeg(*session);
        QVERIFY2(!m_filePath.isEmpty(), "the demo library lists a public JPEG poster");
    }

    void faultSettingsFromTheUiThreadReachTheServer()
    {
        QString error;
        std::unique_ptr<ikui::Session> session(ikui::DemoSession::start(&error, nullptr, m_dataDir));
        QVERIFY2(session, qPrintable(error));
        ikemu::FaultSettings slow;
        slow.latencyMs = 400;
        session->demoServer()->setFaultSettings(slow); // called here, applied on the server's thread
        QCOMPARE(session->demoServer()->config().faults.latencyMs, 400);

        QElapsedTimer timer;
        timer.start();
        QVERIFY2(!findJpeg(*session).isEmpty(), "the listing still answers");
        QVERIFY2(timer.elapsed() >= slow.latencyMs, qPrintable(QString::number(timer.elapsed())));

        session->demoServer()->setFaultSettings({});
        QCOMPARE(session->demoServer()->config().faults.latencyMs, 0);
    }

    void transformationBurstDoesNotStarveTheUiThread()
    {
        QVERIFY(!m_filePath.isEmpty());

        // The demo as the app runs it: server on its own thread.
        BurstOutcome threaded;
        {
            QString error;
            std::unique_ptr<ikui::Session> session(ikui::DemoSession::start(&error, nullptr, m_dataDir));
            QVERIFY2(session, qPrintable(error));
            threaded = fetchAll(transformedUrls(session->urlBuilder(), m_filePath));
        }

        // The same burst with the same server on the UI thread (as the demo used to run).
        BurstOutcome onUiThread;
        {
            ikemu::EmulatorConfig config;
            config.dataDir = m_dataDir;
            ikemu::EmulatorServer server(config);
            QString error;
            QVERIFY2(server.start(&error), qPrintable(error));
            ik::UrlBuilder builder;
            builder.setUrlEndpoint(server.urlEndpoint().toString());
            onUiThread = fetchAll(transformedUrls(builder, m_filePath));
        }

        qInfo("%d transformed images: longest UI event-loop gap %lld ms with the server on its own thread (burst %lld ms), "
              "%lld ms with it on the UI thread (burst %lld ms)",
              BurstSize, threaded.longestGapMs, threaded.elapsedMs, onUiThread.longestGapMs, onUiThread.elapsedMs);
        QVERIFY2(!threaded.timedOut, "the burst with the server on its own thread did not finish");
        QVERIFY2(!onUiThread.timedOut, "the burst with the server on the UI thread did not finish");
        QCOMPARE(threaded.images, BurstSize);
        QCOMPARE(onUiThread.images, BurstSize);
        // On the UI thread every rendering is a freeze; on its own thread the UI only reads the
        // answers. The machine may be loaded, so the bar is relative: well under half.
        QVERIFY2(threaded.longestGapMs * 2 < onUiThread.longestGapMs,
                 qPrintable(QStringLiteral("gap %1 ms threaded vs %2 ms on the UI thread")
                                .arg(threaded.longestGapMs)
                                .arg(onUiThread.longestGapMs)));
    }

    void destroyingTheSessionWithRequestsInFlight()
    {
        QVERIFY(!m_filePath.isEmpty());
        QString error;
        std::unique_ptr<ikui::Session> session(ikui::DemoSession::start(&error, nullptr, m_dataDir));
        QVERIFY2(session, qPrintable(error));
        QPointer<ikemu::EmulatorServer> server = session->demoServer();
        QPointer<QThread> serverThread = server->thread();

        // Answers held back by the server (latency) and renderings under way when the session goes.
        ikemu::FaultSettings slow;
        slow.latencyMs = 3000;
        server->setFaultSettings(slow);
        QNetworkAccessManager network;
        QList<QPointer<QNetworkReply>> replies;
        for (const QUrl &url : transformedUrls(session->urlBuilder(), m_filePath))
            replies.append(network.get(QNetworkRequest(url)));
        // The app's own client is busy too: its jobs are cancelled by the session.
        session->imageKit().listFiles(ik::ListFilesOptions{});
        QTest::qWait(300); // the first requests have reached the server

        QElapsedTimer teardown;
        teardown.start();
        session.reset();
        qInfo("session with %lld requests in flight destroyed in %lld ms", qsizetype(replies.size()), teardown.elapsed());
        QVERIFY2(teardown.elapsed() < 10000, "stopping the server must not wait for held-back answers");
        QVERIFY(server.isNull());       // deleted (on its thread)
        QVERIFY(serverThread.isNull()); // and its thread joined and gone

        // Every request ends (with an error: the server is gone) instead of hanging.
        QVERIFY(QTest::qWaitFor([&] {
            for (const QPointer<QNetworkReply> &reply : std::as_const(replies)) {
                if (reply && !reply->isFinished())
                    return false;
            }
            return true;
        }, WaitMs));
        int failed = 0;
        for (const QPointer<QNetworkReply> &reply : std::as_const(replies))
            failed += reply && reply->error() != QNetworkReply::NoError;
        QVERIFY2(failed > 0, "answers held back by the latency never arrive");

        // The demo starts again on the same library afterwards (the store was closed cleanly).
        std::unique_ptr<ikui::Session> again(ikui::DemoSession::start(&error, nullptr, m_dataDir));
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(findJpeg(*again), m_filePath);
    }

    // The app as main() runs it: the demo opened through the welcome flow, the window listing and
    // fetching thumbnails with the answers held back, then the controller destroyed (what
    // quitting does) with all of that in flight.
    void quittingTheAppWithDemoRequestsInFlight()
    {
        ikui::ProfileStore profiles(m_dir.filePath(QStringLiteral("settings.ini")));
        ikui::KeyStore keys(QStringLiteral("mediadesk-tst-demo-threading"));
        auto controller = std::make_unique<ikui::AppController>(&profiles, &keys);
        controller->setDemoDataDir(m_dataDir);
        QSignalSpy opened(controller.get(), &ikui::AppController::sessionOpened);
        controller->openDemo();
        QVERIFY(opened.wait(WaitMs));
        ikui::MainWindow *window = controller->window();
        QVERIFY(window);
        window->resize(1100, 750);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QVERIFY(QTest::qWaitFor([&] { return window->fileModel()->rowCount() > 0; }, WaitMs));

        ikui::Session *session = controller->session();
        QPointer<ikemu::EmulatorServer> server = session->demoServer();
        QVERIFY(server && server->thread() != QThread::currentThread());
        ikemu::FaultSettings slow;
        slow.latencyMs = 3000;
        server->setFaultSettings(slow);
        // Held-back answers: a listing, and the grid's thumbnails when it asks for them now.
        session->imageKit().listFiles(ik::ListFilesOptions{});
        auto *thumbnails = window->findChild<ikui::ThumbnailProvider *>();
        QTest::qWait(500);
        const int thumbnailsInFlight = thumbnails ? thumbnails->inFlightCount() : 0;

        QElapsedTimer teardown;
        teardown.start();
        controller.reset();
        qInfo("app with the demo closed in %lld ms (%d thumbnail requests in flight)", teardown.elapsed(), thumbnailsInFlight);
        QVERIFY2(teardown.elapsed() < 10000, "closing must not wait for held-back answers");
        QVERIFY(server.isNull());
    }
};

QTEST_MAIN(TestDemoThreading)
#include "tst_demo_threading.moc"
