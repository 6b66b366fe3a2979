// The builder's live preview against a real in-process emulator with the demo library: images
// whose size and format follow the transformation, chained steps, the server's message for an
// invalid value, debouncing of rapid edits and stale answers that are never shown (also when
// still being decoded), images decoded off the UI thread (the UI's longest pause stays under the
// decode time). And the
// before/after view on its own: split divider (mouse and keyboard), side by side, zoom and pan
// shared by both sides, crisp pixels at 100% at the screen's pixel ratio.
#include "session/session.h"
#include "builder/preview/beforeafterview.h"
#include "builder/preview/previewloader.h"
#include "builder/preview/previewpanel.h"
#include "session/demosession.h"

#include "api/apiclient.h"
#include "api/imagekit.h"
#include "server/emulatorserver.h"
#include "url/urlbuilder.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QImageReader>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPainter>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QtTest>

#include <cmath>
#include <memory>
#include <optional>

namespace {

constexpr int WaitMs = 15000;

// What the server answers for a URL, fetched independently of the code under test.
struct DirectAnswer
{
    int status = 0;
    QByteArray body;
    QString contentType;
    QString message; // the JSON error's "message"
};

DirectAnswer fetchDirectly(const QUrl &url)
{
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "image/png,image/jpeg,image/webp,*/*;q=0.5");
    QNetworkReply *reply = network.get(request);
    DirectAnswer answer;
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, WaitMs)) {
        delete reply;
        return answer; // status 0: the comparison that follows fails
    }
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    answer.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toString();
    answer.message = QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("message")).toString();
    delete reply;
    return answer;
}

QImage solidImage(QSize size, QColor color)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(color);
    return image;
}

// One-pixel black and white checkerboard: any resampling turns it grey.
QImage pixelCheckerboard(int side)
{
    QImage image(side, side, QImage::Format_RGB32);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x)
            image.setPixel(x, y, (x + y) % 2 ? qRgb(255, 255, 255) : qRgb(0, 0, 0));
    return image;
}

// The colour the view painted at a point given in logical view coordinates.
QColor colorAt(const QImage &grabbed, QPointF logical)
{
    const double dpr = grabbed.devicePixelRatio();
    return grabbed.pixelColor(int(logical.x() * dpr), int(logical.y() * dpr));
}

bool isRoughly(QColor actual, QColor expected)
{
    return std::abs(actual.red() - expected.red()) < 40 && std::abs(actual.green() - expected.green()) < 40
        && std::abs(actual.blue() - expected.blue()) < 40;
}

// The longest time the UI thread's event loop went without serving a 1 ms timer.
class EventLoopGapMeter : public QObject
{
public:
    EventLoopGapMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] { m_longestGapMs = qMax(m_longestGapMs, m_sinceLastBeat.restart()); });
        m_sinceLastBeat.start();
        m_timer.start();
    }
    qint64 longestGapMs() const { return qMax(m_longestGapMs, m_sinceLastBeat.elapsed()); }

private:
    QTimer m_timer;
    QElapsedTimer m_sinceLastBeat;
    qint64 m_longestGapMs = 0;
};

// Runs the event loop until `loader` shows or fails (QTest::qWait sleeps between slices, which a
// gap measurement would count).
bool runUntilSettled(ikui::PreviewLoader &loader)
{
    QEventLoop loop;
    QObject::connect(&loader, &ikui::PreviewLoader::previewReady, &loop, &QEventLoop::quit);
    QObject::connect(&loader, &ikui::PreviewLoader::previewFailed, &loop, &QEventLoop::quit);
    bool timedOut = false;
    QTimer::singleShot(WaitMs, &loop, [&] {
        timedOut = true;
        loop.quit();
    });
    loop.exec();
    return !timedOut;
}

} // namespace

class TestBuilderPreview : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ikui::Session *m_demo = nullptr;
    QString m_filePath;   // a JPEG of the demo library
    QSize m_fileSize;     // its pixel size, as the library reports it
    QUrl m_fileUrl;

    QNetworkAccessManager *network() const { return m_demo->client()->networkAccessManager(); }

    // The delivery URL of the test file with `chain` as its transformation (raw: verbatim).
    QUrl urlFor(const QString &chain) const
    {
        ik::UrlOptions options;
        options.path = m_filePath;
        if (!chain.isEmpty())
            options.transformation = {ik::TransformationStep{{QStringLiteral("raw"), chain}}};
        const ik::UrlResult built = m_demo->urlBuilder().build(options);
        return QUrl(built.url);
    }

    static bool waitForIdle(ikui::PreviewPanel &panel)
    {
        return QTest::qWaitFor([&] { return !panel.isBusy(); }, WaitMs);
    }

    // Shows `chain` and waits until it is on screen (or failed).
    static bool show(ikui::PreviewPanel &panel, const QUrl &url)
    {
        panel.setTransformedUrl(url);
        panel.loader()->flush();
        return waitForIdle(panel);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QString error;
        m_demo = ikui::DemoSession::start(&error, this, m_dir.filePath(QStringLiteral("demo")));
        QVERIFY2(m_demo, qPrintable(error));

        ik::ListFilesOptions options;
        options.path = QStringLiteral("/posters");
        options.fileType = QStringLiteral("image");
        ik::FileListJob *job = m_demo->imageKit().listFiles(options);
        std::optional<ik::FileList> list;
        bool done = false;
        connect(job, &ik::FileListJob::finished, this, [&](const ik::FileList &result) { list = result; });
        connect(job, &ik::ApiJob::done, this, [&] { done = true; });
        QVERIFY(QTest::qWaitFor([&] { return done; }, WaitMs));
        QVERIFY(list.has_value());
        for (const ik::FileItem &file : list->files) {
            if (file.mime == QLatin1String("image/jpeg") && file.width && file.height) {
                m_filePath = file.filePath;
                m_fileSize = QSize(int(*file.width), int(*file.height));
                m_fileUrl = QUrl(file.url);
                break;
            }
        }
        QVERIFY2(!m_filePath.isEmpty(), "the demo library has a JPEG poster");
        QVERIFY(m_fileSize.width() >= 400 && m_fileSize.height() >= 400);
    }

    void cleanup()
    {
        m_demo->demoServer()->setFaultSettings({});
    }

    void sizeAndFormatFollowTheTransformation_data()
    {
        QTest::addColumn<QString>("chain");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("mime");
        QTest::newRow("w-120,h-80,f-png") << QStringLiteral("w-120,h-80,f-png") << QSize(120, 80)
                                          << QStringLiteral("PNG") << QStringLiteral("image/png");
        QTest::newRow("w-90,h-150,c-force,f-jpg") << QStringLiteral("w-90,h-150,c-force,f-jpg") << QSize(90, 150)
                                                  << QStringLiteral("JPEG") << QStringLiteral("image/jpeg");
        QTest::newRow("w-160,h-100,f-webp") << QStringLiteral("w-160,h-100,f-webp") << QSize(160, 100)
                                            << QStringLiteral("WEBP") << QStringLiteral("image/webp");
    }
    void sizeAndFormatFollowTheTransformation()
    {
        QFETCH(QString, chain);
        QFETCH(QSize, size);
        QFETCH(QString, format);
        QFETCH(QString, mime);
        if (format == QLatin1String("WEBP") && !QImageReader::supportedImageFormats().contains("webp"))
            QSKIP("no WebP image plugin on this system");

        ikui::PreviewPanel panel(network());
        panel.resize(640, 480);
        panel.show();
        QSignalSpy ready(panel.loader(), &ikui::PreviewLoader::previewReady);
        const QUrl url = urlFor(chain);
        QVERIFY(show(panel, url));
        QCOMPARE(ready.size(), 1);

        const ikui::PreviewResult &result = panel.lastResult();
        QCOMPARE(result.url, url);
        QCOMPARE(result.pixelSize, size);
        QCOMPARE(result.image.size(), size);
        QCOMPARE(result.format, format);
        QCOMPARE(result.mimeType, mime);
        // The byte count is the server's answer for this URL, fetched on the side.
        const DirectAnswer direct = fetchDirectly(url);
        QCOMPARE(direct.status, 200);
        QCOMPARE(result.bytes, qint64(direct.body.size()));
        QVERIFY(result.loadTimeMs >= 0);

        QCOMPARE(panel.view()->transformedImage().size(), size);
        QVERIFY(!panel.view()->isTransformedDimmed());
        QVERIFY2(panel.infoText().contains(QStringLiteral("%1 × %2 px").arg(size.width()).arg(size.height())),
                 qPrintable(panel.infoText()));
        QVERIFY2(panel.infoText().contains(format), qPrintable(panel.infoText()));
        QVERIFY2(panel.infoText().contains(QStringLiteral(" ms")), qPrintable(panel.infoText()));
        QVERIFY(panel.errorText().isEmpty());
    }

    void chainedStepsGiveTheComputedSize_data()
    {
        QTest::addColumn<QString>("chain");
        QTest::addColumn<QSize>("size");
        // Force-resize to 300x200, then turn a quarter: width and height swap.
        QTest::newRow("resize then rotate") << QStringLiteral("w-300,h-200,c-force:rt-90") << QSize(200, 300);
        // Extract a 400x300 region, then scale it to 100 wide: the height keeps the 4:3 ratio.
        QTest::newRow("crop then resize") << QStringLiteral("w-400,h-300,cm-extract:w-100")
                                          << QSize(100, qRound(100.0 * 300 / 400));
    }
    void chainedStepsGiveTheComputedSize()
    {
        QFETCH(QString, chain);
        QFETCH(QSize, size);
        ikui::PreviewPanel panel(network());
        QVERIFY(show(panel, urlFor(chain)));
        QVERIFY2(panel.errorText().isEmpty(), qPrintable(panel.errorText()));
        QCOMPARE(panel.lastResult().pixelSize, size);
        QCOMPARE(panel.lastResult().format, QStringLiteral("JPEG")); // the source's format when f- is absent
    }

    void fractionOfTheOriginalThenRotate()
    {
        // Half of the original's size, then a quarter turn: computed from the library's own figures.
        ikui::PreviewPanel panel(network());
        QVERIFY(show(panel, urlFor(QStringLiteral("w-0.5:rt-90"))));
        QVERIFY2(panel.errorText().isEmpty(), qPrintable(panel.errorText()));
        const QSize half(qRound(m_fileSize.width() * 0.5), qRound(m_fileSize.height() * 0.5));
        QCOMPARE(panel.lastResult().pixelSize, half.transposed());
    }

    void invalidValueShowsTheServersMessage_data()
    {
        QTest::addColumn<QString>("chain");
        QTest::newRow("w-abc") << QStringLiteral("w-abc");
        QTest::newRow("unknown crop mode") << QStringLiteral("w-100,h-100,cm-sideways");
        QTest::newRow("unknown crop") << QStringLiteral("w-100,h-100,c-squash");
    }
    void invalidValueShowsTheServersMessage()
    {
        QFETCH(QString, chain);
        ikui::PreviewPanel panel(network());
        QVERIFY(show(panel, urlFor(QStringLiteral("w-120,h-90"))));
        QCOMPARE(panel.lastResult().pixelSize, QSize(120, 90));

        QSignalSpy failed(panel.loader(), &ikui::PreviewLoader::previewFailed);
        QSignalSpy ready(panel.loader(), &ikui::PreviewLoader::previewReady);
        const QUrl bad = urlFor(chain);
        QVERIFY(show(panel, bad));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(ready.size(), 0);

        const DirectAnswer direct = fetchDirectly(bad);
        QCOMPARE(direct.status, 400);
        QVERIFY2(!direct.message.isEmpty(), direct.body.constData());
        const QString shown = panel.errorText();
        QVERIFY2(shown.contains(direct.message), qPrintable(shown));
        QVERIFY2(failed.first().first().toString().contains(direct.message), qPrintable(failed.first().first().toString()));
        QCOMPARE(panel.loader()->lastFailure().httpStatus, 400);
        QVERIFY2(!panel.loader()->lastFailure().hint.isEmpty(), "a hint says what to try");
        QVERIFY(panel.findChild<QLabel *>(QStringLiteral("previewError"))->isVisibleTo(&panel));

        // The last good image stays, dimmed, and the info line says it is the last good one.
        QCOMPARE(panel.lastResult().pixelSize, QSize(120, 90));
        QCOMPARE(panel.view()->transformedImage().size(), QSize(120, 90));
        QVERIFY(panel.view()->isTransformedDimmed());
        QVERIFY2(panel.infoText().contains(QStringLiteral("120 × 90 px")), qPrintable(panel.infoText()));

        // Fixing the value clears the error.
        QVERIFY(show(panel, urlFor(QStringLiteral("w-130,h-90"))));
        QCOMPARE(panel.lastResult().pixelSize, QSize(130, 90));
        QVERIFY(panel.errorText().isEmpty());
        QVERIFY(!panel.view()->isTransformedDimmed());
    }

    void missingFileSaysWhatToTry()
    {
        ikui::PreviewLoader loader(network());
        QSignalSpy failed(&loader, &ikui::PreviewLoader::previewFailed);
        ik::UrlOptions options;
        options.path = QStringLiteral("/no/such/file.jpg");
        loader.requestPreview(QUrl(m_demo->urlBuilder().build(options).url));
        loader.flush();
        QVERIFY(failed.wait(WaitMs));
        QCOMPARE(loader.lastFailure().httpStatus, 404);
        QVERIFY2(loader.lastFailure().serverMessage.contains(QStringLiteral("/no/such/file.jpg")),
                 qPrintable(loader.lastFailure().serverMessage));
        QVERIFY(!loader.lastFailure().hint.isEmpty());
    }

    void rapidEditsSendOneRequest()
    {
        ikui::PreviewPanel panel(network());
        QCOMPARE(panel.loader()->debounceInterval(), ikui::PreviewLoader::DefaultDebounceMs);
        QVERIFY(show(panel, urlFor(QStringLiteral("w-100"))));
        const int before = panel.loader()->requestCount();
        QSignalSpy ready(panel.loader(), &ikui::PreviewLoader::previewReady);
        QSignalSpy started(panel.loader(), &ikui::PreviewLoader::requestStarted);

        QElapsedTimer typing;
        typing.start();
        qint64 longestGap = 0;
        for (int i = 1; i <= 10; ++i) {
            const qint64 at = typing.elapsed();
            panel.setTransformedUrl(urlFor(QStringLiteral("w-%1").arg(100 + i)));
            QTest::qWait(10); // a fast typist: all ten within one debounce window
            longestGap = qMax(longestGap, typing.elapsed() - at);
        }
        const qint64 typed = typing.elapsed();
        QVERIFY(ready.wait(WaitMs));
        if (longestGap >= panel.loader()->debounceInterval() || typed >= panel.loader()->maximumWait())
            QSKIP("the machine was too loaded to type ten edits within one debounce window");
        QTest::qWait(panel.loader()->debounceInterval() + 200); // nothing else is on its way
        QCOMPARE(panel.loader()->requestCount() - before, 1);
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.first().first().toUrl(), urlFor(QStringLiteral("w-110")));
        QCOMPARE(ready.size(), 1);
        QCOMPARE(panel.lastResult().pixelSize.width(), 110);
        QCOMPARE(panel.view()->transformedImage().width(), 110);
    }

    void steadyTypingSendsAtMostOneRequestPerWindow()
    {
        ikui::PreviewPanel panel(network());
        ikui::PreviewLoader *loader = panel.loader();
        QSignalSpy started(loader, &ikui::PreviewLoader::requestStarted);
        QList<qint64> startTimes;
        QElapsedTimer clock;
        clock.start();
        connect(loader, &ikui::PreviewLoader::requestStarted, this, [&] { startTimes << clock.elapsed(); });

        // 30 edits, one every 60 ms (1.8 s): shorter than the debounce interval each time.
        for (int i = 1; i <= 30; ++i) {
            panel.setTransformedUrl(urlFor(QStringLiteral("w-%1").arg(200 + i)));
            QTest::qWait(60);
        }
        const qint64 typingEnded = clock.elapsed();
        QVERIFY(waitForIdle(panel));
        const qint64 elapsed = clock.elapsed();
        const int window = loader->debounceInterval();
        QVERIFY2(startTimes.size() <= elapsed / window + 1,
                 qPrintable(QStringLiteral("%1 requests in %2 ms").arg(startTimes.size()).arg(elapsed)));
        for (qsizetype i = 1; i < startTimes.size(); ++i)
            QVERIFY2(startTimes[i] - startTimes[i - 1] >= window * 9 / 10,
                     qPrintable(QStringLiteral("requests %1 ms apart").arg(startTimes[i] - startTimes[i - 1])));
        // The maximum wait keeps the preview alive while the user types.
        QVERIFY(!startTimes.isEmpty());
        QVERIFY2(startTimes.first() < typingEnded, "a request went out before the typing stopped");
        QCOMPARE(panel.lastResult().pixelSize.width(), 230);
    }

    void slowStaleAnswerIsNeverShown()
    {
        ikui::PreviewPanel panel(network());
        ikui::PreviewLoader *loader = panel.loader();
        loader->setDebounceInterval(0);
        QSignalSpy ready(loader, &ikui::PreviewLoader::previewReady);

        // The first URL is answered slowly...
        ikemu::FaultSettings slow;
        slow.latencyMs = 1500;
        m_demo->demoServer()->setFaultSettings(slow);
        panel.setTransformedUrl(urlFor(QStringLiteral("w-111")));
        QVERIFY(QTest::qWaitFor([&] { return loader->isInFlight(); }, WaitMs));
        QTest::qWait(200); // it reached the server, which holds the answer back
        // ...and the user moves on before it arrives; the newer answer comes at once.
        m_demo->demoServer()->setFaultSettings({});
        const int abortedBefore = loader->abortedCount();
        panel.setTransformedUrl(urlFor(QStringLiteral("w-222")));
        QVERIFY(ready.wait(WaitMs));
        QCOMPARE(panel.lastResult().pixelSize.width(), 222);
        QCOMPARE(loader->abortedCount(), abortedBefore + 1);

        QTest::qWait(slow.latencyMs + 300); // long after the slow answer was due
        QCOMPARE(ready.size(), 1);
        QCOMPARE(ready.first().first().value<ikui::PreviewResult>().pixelSize.width(), 222);
        QCOMPARE(panel.lastResult().pixelSize.width(), 222);
        QCOMPARE(panel.view()->transformedImage().width(), 222);
    }

    void slowStaleAnswerNeverReplacesAnError()
    {
        ikui::PreviewPanel panel(network());
        ikui::PreviewLoader *loader = panel.loader();
        loader->setDebounceInterval(0);
        QSignalSpy ready(loader, &ikui::PreviewLoader::previewReady);
        QSignalSpy failed(loader, &ikui::PreviewLoader::previewFailed);

        ikemu::FaultSettings slow;
        slow.latencyMs = 1500;
        m_demo->demoServer()->setFaultSettings(slow);
        panel.setTransformedUrl(urlFor(QStringLiteral("w-150")));
        QVERIFY(QTest::qWaitFor([&] { return loader->isInFlight(); }, WaitMs));
        QTest::qWait(200);
        m_demo->demoServer()->setFaultSettings({});
        panel.setTransformedUrl(urlFor(QStringLiteral("w-xyz")));
        QVERIFY(failed.wait(WaitMs));
        QTest::qWait(slow.latencyMs + 300);
        QCOMPARE(ready.size(), 0);
        QVERIFY(!panel.lastResult().isValid());
        QVERIFY(panel.view()->transformedImage().isNull());
        QVERIFY(!panel.errorText().isEmpty());
    }

    // A big preview (a 2400 px PNG) takes a while to decode; that happens on a worker, so the
    // UI thread's longest pause stays below the decode time (on the UI thread it could not).
    void largePreviewIsDecodedOffTheUiThread()
    {
        ikui::PreviewLoader loader(network());
        loader.setDebounceInterval(0);
        const QUrl url = urlFor(QStringLiteral("w-2400,h-2400,c-force,f-png"));
        EventLoopGapMeter meter;
        loader.requestPreview(url);
        QVERIFY(runUntilSettled(loader));
        const qint64 gap = meter.longestGapMs();
        QVERIFY2(!loader.lastFailure().isValid(), qPrintable(loader.lastFailure().text()));
        const ikui::PreviewResult &result = loader.lastResult();
        QCOMPARE(result.pixelSize, QSize(2400, 2400));
        QCOMPARE(result.format, QStringLiteral("PNG"));
        qInfo("2400 x 2400 PNG preview: decoded in %lld ms on a worker, loaded in %lld ms; longest UI event-loop gap %lld ms",
              result.decodeTimeMs, result.loadTimeMs, gap);
        QVERIFY2(result.decodeTimeMs >= 30, "the image is big enough for the comparison to mean something");
        QVERIFY2(gap < result.decodeTimeMs, qPrintable(QStringLiteral("gap %1 ms, decode %2 ms").arg(gap).arg(result.decodeTimeMs)));
    }

    // A newer URL that arrives while the older answer is being decoded wins: the older image,
    // decoded later, is dropped.
    void answerStillDecodingWhenANewerUrlArrivesIsNeverShown()
    {
        ikui::PreviewLoader loader(network());
        loader.setDebounceInterval(0);
        QSignalSpy ready(&loader, &ikui::PreviewLoader::previewReady);
        QSignalSpy failed(&loader, &ikui::PreviewLoader::previewFailed);
        loader.requestPreview(urlFor(QStringLiteral("w-2400,h-2400,c-force,f-png")));
        QVERIFY(QTest::qWaitFor([&] { return loader.isDecoding(); }, WaitMs));
        const int abortedBefore = loader.abortedCount();
        loader.requestPreview(urlFor(QStringLiteral("w-120")));
        QVERIFY(!loader.isDecoding());
        QVERIFY(ready.wait(WaitMs));
        QCOMPARE(loader.lastResult().pixelSize.width(), 120);
        QCOMPARE(loader.abortedCount(), abortedBefore); // the big request had completed: nothing to abort
        QVERIFY(QTest::qWaitFor([&] { return !loader.isLoading(); }, WaitMs));
        QTest::qWait(500); // long after the big image's decode was due
        QCOMPARE(ready.size(), 1);
        QCOMPARE(ready.first().first().value<ikui::PreviewResult>().pixelSize.width(), 120);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(loader.lastResult().pixelSize.width(), 120);
    }

    void editingBackToTheShownUrlSendsNothing()
    {
        ikui::PreviewPanel panel(network());
        const QUrl shown = urlFor(QStringLiteral("w-140"));
        QVERIFY(show(panel, shown));
        const int before = panel.loader()->requestCount();
        panel.setTransformedUrl(urlFor(QStringLiteral("w-141")));
        panel.setTransformedUrl(shown);
        QVERIFY(waitForIdle(panel));
        QCOMPARE(panel.loader()->requestCount(), before);
        QCOMPARE(panel.lastResult().pixelSize.width(), 140);
        // Reload fetches it again on purpose.
        panel.reload();
        QVERIFY(waitForIdle(panel));
        QCOMPARE(panel.loader()->requestCount(), before + 1);
    }

    void originalAndTransformedSideBySide()
    {
        ikui::PreviewPanel panel(network());
        panel.resize(800, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy originalReady(panel.originalLoader(), &ikui::PreviewLoader::previewReady);
        panel.setOriginalUrl(m_fileUrl);
        QVERIFY(show(panel, urlFor(QStringLiteral("w-200"))));
        QVERIFY(originalReady.size() == 1 || originalReady.wait(WaitMs));
        QCOMPARE(panel.view()->originalImage().size(), m_fileSize);
        QVERIFY2(panel.infoText().contains(QStringLiteral("Original: %1 × %2 px").arg(m_fileSize.width()).arg(m_fileSize.height())),
                 qPrintable(panel.infoText()));

        // The mode buttons switch the view.
        panel.findChild<QToolButton *>(QStringLiteral("previewModeSideBySide"))->click();
        QCOMPARE(panel.view()->mode(), ikui::BeforeAfterView::Mode::SideBySide);
        panel.findChild<QToolButton *>(QStringLiteral("previewModeTransformed"))->click();
        QCOMPARE(panel.view()->mode(), ikui::BeforeAfterView::Mode::TransformedOnly);
        QVERIFY(panel.view()->imageRect(ikui::BeforeAfterView::Side::Original).isEmpty());
        panel.view()->setMode(ikui::BeforeAfterView::Mode::Split);
        QVERIFY(panel.findChild<QToolButton *>(QStringLiteral("previewModeSplit"))->isChecked());
        // The original lines up with the transformed frame (same aspect ratio here: w- only).
        const QRectF original = panel.view()->imageRect(ikui::BeforeAfterView::Side::Original);
        const QRectF transformed = panel.view()->imageRect(ikui::BeforeAfterView::Side::Transformed);
        QVERIFY(std::abs(original.width() - transformed.width()) <= 1.0);
        QVERIFY(std::abs(original.height() - transformed.height()) <= 1.0);
    }

    // --- BeforeAfterView on its own (also run at QT_SCALE_FACTOR=2) ---

    void splitShowsOriginalLeftAndTransformedRight()
    {
        ikui::BeforeAfterView view;
        view.resize(400, 300);
        view.setOriginalImage(solidImage({300, 200}, Qt::red));
        view.setTransformedImage(solidImage({300, 200}, Qt::blue));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.mode(), ikui::BeforeAfterView::Mode::Split);
        QCOMPARE(view.splitPosition(), 0.5);
        const QRectF frame = view.imageRect(ikui::BeforeAfterView::Side::Transformed);
        QVERIFY(frame.contains(QPointF(view.dividerX() - 30, frame.center().y())));

        QImage shot = view.grab().toImage();
        const double y = frame.center().y() + 20; // below the divider's handle
        QVERIFY(isRoughly(colorAt(shot, {view.dividerX() - 20, y}), Qt::red));
        QVERIFY(isRoughly(colorAt(shot, {view.dividerX() + 20, y}), Qt::blue));

        view.setSplitPosition(0.4);
        QCOMPARE(view.dividerX(), 160.0);
        shot = view.grab().toImage();
        QVERIFY(isRoughly(colorAt(shot, {140, y}), Qt::red));
        QVERIFY(isRoughly(colorAt(shot, {180, y}), Qt::blue));

        // Dimmed: the transformed side fades (the last good image while an edit fails).
        view.setTransformedDimmed(true);
        shot = view.grab().toImage();
        QVERIFY(!isRoughly(colorAt(shot, {180, y}), Qt::blue));
        QVERIFY(isRoughly(colorAt(shot, {140, y}), Qt::red));
    }

    void dividerFollowsTheMouseAndTheKeyboard()
    {
        ikui::BeforeAfterView view;
        view.resize(400, 300);
        view.setOriginalImage(solidImage({300, 200}, Qt::red));
        view.setTransformedImage(solidImage({300, 200}, Qt::blue));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy moved(&view, &ikui::BeforeAfterView::splitPositionChanged);

        const int y = 250; // away from the image centre: the drag starts on the divider line
        QTest::mousePress(&view, Qt::LeftButton, {}, QPoint(int(view.dividerX()), y));
        QTest::mouseMove(&view, QPoint(300, y));
        QTest::mouseRelease(&view, Qt::LeftButton, {}, QPoint(300, y));
        QCOMPARE(view.splitPosition(), 300.0 / 400.0);
        QVERIFY(!moved.isEmpty());
        QVERIFY(view.isFitToView()); // dragging the divider neither pans nor zooms
        QCOMPARE(view.pan(), QPointF());

        view.setFocus();
        QTest::keyClick(&view, Qt::Key_Left);
        QCOMPARE(qRound(view.splitPosition() * 100), 70);
        QTest::keyClick(&view, Qt::Key_Left, Qt::ShiftModifier);
        QCOMPARE(qRound(view.splitPosition() * 100), 69);
        QTest::keyClick(&view, Qt::Key_Home);
        QCOMPARE(view.splitPosition(), 0.0);
        QTest::keyClick(&view, Qt::Key_End);
        QCOMPARE(view.splitPosition(), 1.0);
        QVERIFY2(view.accessibleDescription().contains(QStringLiteral("divider at 100%")),
                 qPrintable(view.accessibleDescription()));
        QVERIFY(!view.accessibleName().isEmpty());
    }

    void sideBySideShowsBothInTheSameFrame()
    {
        ikui::BeforeAfterView view;
        view.resize(606, 300);
        view.setOriginalImage(solidImage({400, 300}, Qt::red));
        view.setTransformedImage(solidImage({200, 150}, Qt::blue));
        view.setMode(ikui::BeforeAfterView::Mode::SideBySide);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        using Side = ikui::BeforeAfterView::Side;
        const QRect left = view.paneRect(Side::Original), right = view.paneRect(Side::Transformed);
        QVERIFY(left.right() < right.left());
        const QRectF original = view.imageRect(Side::Original), transformed = view.imageRect(Side::Transformed);
        // Same size and the same place within each pane: the original is scaled into the frame.
        QCOMPARE(original.size(), transformed.size());
        QCOMPARE(original.topLeft() - QPointF(left.topLeft()), transformed.topLeft() - QPointF(right.topLeft()));

        const QImage shot = view.grab().toImage();
        QVERIFY(isRoughly(colorAt(shot, original.center() + QPointF(0, 20)), Qt::red));
        QVERIFY(isRoughly(colorAt(shot, transformed.center() + QPointF(0, 20)), Qt::blue));
    }

    void zoomAndPanMoveBothSides()
    {
        ikui::BeforeAfterView view;
        view.resize(606, 400);
        view.setOriginalImage(solidImage({1600, 1600}, Qt::red));
        view.setTransformedImage(solidImage({800, 800}, Qt::blue));
        view.setMode(ikui::BeforeAfterView::Mode::SideBySide);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        using Side = ikui::BeforeAfterView::Side;
        QVERIFY(view.isFitToView());
        const double fitted = view.zoom();
        QVERIFY(fitted < 1.0);

        // Zoom two notches with the wheel over the LEFT (original) pane, off centre.
        const QRect left = view.paneRect(Side::Original), right = view.paneRect(Side::Transformed);
        const QPointF anchor = QPointF(left.center()) + QPointF(40, 30);
        const QRectF before = view.imageRect(Side::Original);
        const QPointF anchorInImage = (anchor - before.topLeft()) / before.width();
        QWheelEvent wheel(anchor, view.mapToGlobal(anchor), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &wheel);
        QVERIFY(!view.isFitToView());
        const double twoSteps = ikui::BeforeAfterView::ZoomStep * ikui::BeforeAfterView::ZoomStep;
        QCOMPARE(view.zoom(), fitted * twoSteps);
        QRectF original = view.imageRect(Side::Original), transformed = view.imageRect(Side::Transformed);
        QVERIFY(std::abs(original.width() - before.width() * twoSteps) < 1.0);
        // The other side follows: same size, same place in its pane.
        QCOMPARE(transformed.size(), original.size());
        QCOMPARE(transformed.topLeft() - QPointF(right.topLeft()), original.topLeft() - QPointF(left.topLeft()));
        // The point under the cursor stayed under it (to within a device pixel of snapping).
        const QPointF anchorAfter = original.topLeft() + anchorInImage * original.width();
        QVERIFY2((anchorAfter - anchor).manhattanLength() < 2.0,
                 qPrintable(QStringLiteral("%1,%2").arg(anchorAfter.x()).arg(anchorAfter.y())));

        // Pan by dragging in the RIGHT pane: both move by the drag.
        QTest::mousePress(&view, Qt::LeftButton, {}, right.center());
        QTest::mouseMove(&view, right.center() + QPoint(-30, -10));
        QTest::mouseRelease(&view, Qt::LeftButton, {}, right.center() + QPoint(-30, -10));
        const QRectF pannedOriginal = view.imageRect(Side::Original), pannedTransformed = view.imageRect(Side::Transformed);
        QVERIFY(std::abs(pannedTransformed.left() - transformed.left() + 30) < 1.0);
        QVERIFY(std::abs(pannedTransformed.top() - transformed.top() + 10) < 1.0);
        QCOMPARE(pannedOriginal.topLeft() - original.topLeft(), pannedTransformed.topLeft() - transformed.topLeft());

        // Keyboard: 1 = actual size, + zooms, 0 fits again.
        view.setFocus();
        QTest::keyClick(&view, Qt::Key_1);
        QCOMPARE(view.zoom(), 1.0);
        QCOMPARE(view.imageRect(Side::Transformed).width() * view.devicePixelRatioF(), 800.0);
        QTest::keyClick(&view, Qt::Key_Plus);
        QCOMPARE(view.zoom(), ikui::BeforeAfterView::ZoomStep);
        QTest::keyClick(&view, Qt::Key_0);
        QVERIFY(view.isFitToView());
        QCOMPARE(view.zoom(), fitted);
        QCOMPARE(view.pan(), QPointF());
    }

    void actualSizeIsCrispAtTheDevicePixelRatio()
    {
        ikui::BeforeAfterView view;
        view.resize(300, 300);
        const QImage pattern = pixelCheckerboard(64);
        view.setTransformedImage(pattern);
        view.setMode(ikui::BeforeAfterView::Mode::TransformedOnly);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showActualSize();
        const double dpr = view.devicePixelRatioF();
        const QRectF target = view.imageRect(ikui::BeforeAfterView::Side::Transformed);
        QCOMPARE(target.width() * dpr, 64.0);

        const QImage shot = view.grab().toImage();
        QCOMPARE(shot.devicePixelRatio(), dpr);
        // Every device pixel of the image area is pure black or white, as in the source.
        const QPoint origin(qRound(target.left() * dpr), qRound(target.top() * dpr));
        for (int y = 4; y < 60; ++y) {
            for (int x = 4; x < 60; ++x) {
                const QRgb painted = shot.pixel(origin.x() + x, origin.y() + y);
                if (painted != pattern.pixel(x, y))
                    QFAIL(qPrintable(QStringLiteral("device pixel %1,%2 is %3 (dpr %4)")
                                         .arg(x).arg(y).arg(painted, 8, 16, QLatin1Char('0')).arg(dpr)));
            }
        }
    }
};

QTEST_MAIN(TestBuilderPreview)
#include "tst_builder_preview.moc"
