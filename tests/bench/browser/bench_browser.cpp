// The browser's file list against a 100,000-file folder served by an in-process emulator (in a
// worker thread, like the demo mode): time from opening the folder to the first page painted,
// thumbnails of the first screenful, scrolling top to bottom, thumbnail requests per screenful,
// memory per listed item and the longest UI-thread stall, each against the goal of issue 5.
// Run: QT_QPA_PLATFORM=offscreen build/tests/bench/browser/bench_browser [file-count]
#include "modeltestserver.h"

#include "models/filelistmodel.h"
#include "server/emulatorserver.h"
#include "thumbnails/thumbnailprovider.h"
#include "thumbnails/visiblerowswatcher.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QListView>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <cstdio>

namespace {

qint64 rssBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong() * 1024;
    }
    return -1;
}

// Records the longest gap between ticks of a 1 ms timer: how long the UI thread was busy.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last > 0)
                m_longestNs = qMax(m_longestNs, now - m_last);
            m_last = now;
            if (m_onTick)
                m_onTick();
        });
    }
    void start(std::function<void()> onTick = {})
    {
        m_onTick = std::move(onTick);
        m_longestNs = 0;
        m_last = 0;
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double longestMs() const { return m_longestNs / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longestNs = 0;
    std::function<void()> m_onTick;
};

// Notes when the viewport paints with rows in the model.
class PaintProbe : public QObject
{
public:
    PaintProbe(QWidget *viewport, const QAbstractItemModel *model)
        : m_model(model)
    {
        viewport->installEventFilter(this);
    }
    bool paintedRows = false;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && m_model->rowCount() > 0)
            paintedRows = true;
        return false;
    }

private:
    const QAbstractItemModel *m_model;
};

void line(const char *what, const QString &value, const QString &goal, bool met)
{
    std::printf("%-52s %-18s goal %-16s %s\n", what, qPrintable(value), qPrintable(goal), met ? "OK" : "MISSED");
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const int fileCount = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;

    QTemporaryDir dataDir;
    QTemporaryDir cacheDir;
    QString error;
    QElapsedTimer fillTimer;
    fillTimer.start();
    if (!modeltest::fillFolder(dataDir.path(), QStringLiteral("/big"), fileCount, &error)) {
        std::fprintf(stderr, "fill: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("folder of %d files written to the emulator's store in %lld ms\n", fileCount, fillTimer.elapsed());

    // The emulator in its own thread, as the app's demo mode runs it: its work is not UI time.
    ikemu::EmulatorConfig config;
    config.dataDir = dataDir.path();
    QThread serverThread;
    serverThread.start();
    auto *server = new ikemu::EmulatorServer(config);
    server->moveToThread(&serverThread);
    bool started = false;
    QMetaObject::invokeMethod(server, [&] { started = server->start(&error); }, Qt::BlockingQueuedConnection);
    if (!started) {
        std::fprintf(stderr, "emulator: %s\n", qPrintable(error));
        return 1;
    }
    const auto shutdown = [&] {
        QMetaObject::invokeMethod(server, [server] { server->stop(); delete server; }, Qt::BlockingQueuedConnection);
        serverThread.quit();
        serverThread.wait();
    };

    ik::ApiClient client;
    client.setPrivateKey(config.privateKey);
    client.setPublicKey(config.publicKey);
    client.setApiBase(server->baseUrl());
    client.setUploadBase(server->baseUrl());
    ik::ImageKit imagekit(&client);

    ikui::ThumbnailProvider thumbnails;
    thumbnails.setDiskCacheDirectory(cacheDir.path());
    thumbnails.setUrlEndpoint(server->urlEndpoint().toString());
    thumbnails.setCellSize(QSize(80, 80));
    int maxInFlight = 0;

    ikui::FileListModel model(&imagekit);
    const int firstPageSize = qEnvironmentVariableIsSet("FIRST_PAGE") ? qEnvironmentVariableIntValue("FIRST_PAGE") : 200;
    model.setFirstPageSize(firstPageSize);
    std::printf("page size %d, first page %d (FIRST_PAGE=n to change)\n", model.pageSize(), firstPageSize);
    model.setThumbnailProvider(&thumbnails);

    QListView view;
    view.setViewMode(QListView::IconMode);
    view.setUniformItemSizes(true);
    view.setGridSize(QSize(100, 100));
    view.setIconSize(QSize(80, 80));
    view.setResizeMode(QListView::Adjust);
    view.setMovement(QListView::Static);
    view.resize(1000 + view.verticalScrollBar()->sizeHint().width() + 4, 604);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view)) {
        std::fprintf(stderr, "the list view was never shown\n");
        return 1;
    }
    ikui::VisibleRowsWatcher watcher(&view, &model);
    PaintProbe probe(view.viewport(), &model);
    StallMeter stalls;
    stalls.start([&] { maxInFlight = qMax(maxInFlight, thumbnails.inFlightCount()); });

    const qint64 rssBefore = rssBytes();

    // 1. Open the folder: the view asks for the first page and paints it.
    QElapsedTimer timer;
    timer.start();
    model.setFolder(QStringLiteral("/big"));
    view.setModel(&model);
    while (!probe.paintedRows && timer.elapsed() < 30000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    const double firstPaintMs = timer.nsecsElapsed() / 1e6;
    const double openStallMs = stalls.longestMs();

    // 2. Thumbnails of the first screenful (cold caches).
    const QPair<int, int> firstScreen = ikui::VisibleRowsWatcher::visibleRows(&view);
    const int screenful = firstScreen.second - firstScreen.first + 1;
    while (thumbnails.loadedCount() + thumbnails.failedCount() < screenful && timer.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    const double screenfulMs = timer.nsecsElapsed() / 1e6 - firstPaintMs;
    const int firstScreenRequests = thumbnails.startedCount();

    // 3. Scroll from top to bottom one screen at a time, as fast as the pages arrive; every
    //    screen's thumbnails are requested, and cancelled when the next screen replaces it.
    stalls.start([&] { maxInFlight = qMax(maxInFlight, thumbnails.inFlightCount()); });
    QScrollBar *bar = view.verticalScrollBar();
    int screens = 1;
    timer.restart();
    while (timer.elapsed() < 600000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (model.isLoading())
            continue;
        if (bar->value() >= bar->maximum()) {
            if (!model.canFetchMore({}))
                break;
            continue; // the view fetches the next page itself
        }
        bar->setValue(bar->value() + bar->pageStep());
        ++screens;
    }
    QCoreApplication::processEvents();
    const double scrollMs = timer.nsecsElapsed() / 1e6;
    const double scrollStallMs = stalls.longestMs();
    stalls.stop();
    const qint64 rssAfter = rssBytes();
    const int rows = model.rowCount();

    std::printf("\nrows listed: %d in %d page requests; screens scrolled: %d; screenful = %d cells\n", rows,
                model.pageRequestCount(), screens, screenful);
    std::printf("thumbnails: %d requested, %d aborted (scrolled away), %d loaded, %d failed\n\n",
                thumbnails.startedCount(), thumbnails.abortedCount(), thumbnails.loadedCount(), thumbnails.failedCount());
    // The decoded thumbnails in the memory cache (up to 64 MiB) are not the rows' cost.
    const qint64 thumbnailBytes = thumbnails.memoryCacheBytes();
    const double perItem = rows > 0 ? double(rssAfter - rssBefore - thumbnailBytes) / rows : 0;
    std::printf("VmRSS delta %.1f MiB, of which decoded thumbnails in the memory cache %.1f MiB\n",
                (rssAfter - rssBefore) / 1048576.0, thumbnailBytes / 1048576.0);
    line("open folder -> first page painted", QStringLiteral("%1 ms").arg(firstPaintMs, 0, 'f', 1),
         QStringLiteral("< 500 ms"), firstPaintMs < 500);
    line("first screenful of thumbnails (cold cache)", QStringLiteral("%1 ms").arg(screenfulMs, 0, 'f', 1),
         QStringLiteral("< 1000 ms"), screenfulMs < 1000);
    line("thumbnail requests for the first screen", QString::number(firstScreenRequests),
         QStringLiteral("<= %1 cells").arg(screenful), firstScreenRequests <= screenful);
    const double perScreen = double(thumbnails.startedCount()) / screens;
    line("thumbnail requests per screenful while scrolling", QString::number(perScreen, 'f', 1),
         QStringLiteral("<= %1").arg(screenful), perScreen <= screenful);
    line("most thumbnail requests in flight", QString::number(maxInFlight), QStringLiteral("<= 64"), maxInFlight <= 64);
    line("scroll top to bottom", QStringLiteral("%1 ms").arg(scrollMs, 0, 'f', 0), QStringLiteral("(report)"), true);
    line("memory per listed item ((VmRSS delta - thumbs) / rows)", QStringLiteral("%1 B").arg(perItem, 0, 'f', 0),
         QStringLiteral("< 1024 B"), perItem < 1024);
    line("memory for all rows (without thumbnails)",
         QStringLiteral("%1 MiB").arg((rssAfter - rssBefore - thumbnailBytes) / 1048576.0, 0, 'f', 1),
         QStringLiteral("< 100 MiB/100k"), (rssAfter - rssBefore - thumbnailBytes) < qint64(rows) * 1048);
    line("sizeof(FileEntry) (+ its strings)", QStringLiteral("%1 B").arg(sizeof(ikui::FileEntry)), QStringLiteral("(report)"), true);
    line("longest UI-thread stall: opening", QStringLiteral("%1 ms").arg(openStallMs, 0, 'f', 1),
         QStringLiteral("<= 16 ms"), openStallMs <= 16);
    line("longest UI-thread stall: scrolling", QStringLiteral("%1 ms").arg(scrollStallMs, 0, 'f', 1),
         QStringLiteral("<= 16 ms"), scrollStallMs <= 16);

    view.setModel(nullptr);
    shutdown();
    return 0;
}
