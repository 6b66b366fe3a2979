// UI-thread stalls while a huge drop is added to the upload queue.
//
//   bench_uploadadd [files, default 100000]
//
// Creates N empty files, then adds them to an UploadQueue whose model is shown in a QTableView
// (as the upload panel does), twice: with addBatchInBackground() (stat + insert on a worker, rows
// fed in slices) and with the synchronous addBatch(). A 1 ms precise timer on the UI thread
// measures the longest gap between its beats (wall) and the UI thread's CPU time in that gap and
// in its busiest gap: on a shared machine the CPU column is the fairer reading. Goal: no gap over
// 16 ms caused by our code.
#include "../support/stallmeter.h"

#include "uploadqueue/uploadqueue.h"
#include "uploadqueue/uploadqueuemodel.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <ctime>

namespace {

using benchsupport::StallMeter;

struct Figures
{
    double totalMs = 0;
    double firstRowsMs = -1;
    double longestGapMs = 0;
    double longestGapCpuMs = 0;
    double longestBusyMs = 0;
    int gapsOver16 = 0;
    int busyOver16 = 0;
    int rows = 0;
};

void print(const char *label, const Figures &f)
{
    std::printf("%-34s %9.0f ms total, rows shown %6d, longest UI gap %7.1f ms (UI CPU in it %6.1f ms), "
                "busiest UI spell %6.1f ms CPU, gaps > 16 ms: %d (busy > 16 ms: %d)\n",
                label, f.totalMs, f.rows, f.longestGapMs, f.longestGapCpuMs, f.longestBusyMs, f.gapsOver16, f.busyOver16);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int count = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;
    if (count <= 0) {
        std::fprintf(stderr, "usage: bench_uploadadd [files]\n");
        return 2;
    }
    QTemporaryDir dir;
    const QString files = dir.filePath(QStringLiteral("files"));
    QDir().mkpath(files);
    QElapsedTimer prep;
    prep.start();
    QList<ikui::UploadSource> sources;
    sources.reserve(count);
    for (int i = 0; i < count; ++i) {
        const QString path = files + QStringLiteral("/file-%1.bin").arg(i, 6, 10, QLatin1Char('0'));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            std::fprintf(stderr, "cannot create %s\n", qPrintable(path));
            return 1;
        }
        sources.append(ikui::UploadSource{path, QStringLiteral("/drop/%1").arg(i / 1000)});
    }
    std::printf("%d empty files created in %lld ms\n", count, qint64(prep.elapsed()));

    StallMeter meter;
    const auto run = [&](bool background) {
        Figures figures;
        ikui::UploadQueue queue(nullptr, dir.filePath(background ? QStringLiteral("bg.sqlite") : QStringLiteral("sync.sqlite")));
        QString error;
        if (!queue.open(&error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            std::exit(1);
        }
        QTableView view;
        view.verticalHeader()->hide();
        view.resize(900, 400);
        view.setModel(queue.model());
        view.show();
        QElapsedTimer timer;
        bool finished = false;
        QObject::connect(&queue, &ikui::UploadQueue::backgroundAddFinished, &queue,
                         [&](qint64, bool added, const QString &reason) {
                             if (!added)
                                 std::fprintf(stderr, "not added: %s\n", qPrintable(reason));
                             finished = true;
                         });
        QObject::connect(queue.model(), &QAbstractItemModel::rowsInserted, &queue, [&] {
            if (figures.firstRowsMs < 0)
                figures.firstRowsMs = timer.nsecsElapsed() / 1e6;
        });
        // Let the window settle before measuring.
        QElapsedTimer settle;
        settle.start();
        while (settle.elapsed() < 200)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        meter.start();
        // A few beats before the add, so a block right at the call counts as a gap.
        while (meter.beats() < 20)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        timer.start();
        if (background) {
            if (queue.addBatchInBackground(sources, ikui::UploadBatchOptions(), &error) == 0) {
                std::fprintf(stderr, "%s\n", qPrintable(error));
                std::exit(1);
            }
            while (!finished)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        } else if (queue.addBatch(sources, ikui::UploadBatchOptions(), &error) == 0) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            std::exit(1);
        }
        figures.totalMs = timer.nsecsElapsed() / 1e6;
        // A few beats after, so the synchronous call's gap is closed.
        const int beats = meter.beats();
        while (meter.beats() < beats + 20)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        meter.stop();
        figures.rows = queue.model()->rowCount();
        figures.longestGapMs = meter.longestGapMs();
        figures.longestGapCpuMs = meter.longestGapCpuMs();
        figures.longestBusyMs = meter.longestBusyMs();
        figures.gapsOver16 = meter.gapsOver16();
        figures.busyOver16 = meter.busyOver16();
        return figures;
    };

    const Figures background = run(true);
    const Figures sync = run(false);
    print("addBatchInBackground", background);
    std::printf("%-34s first rows shown after %.0f ms (the whole batch is stored first)\n", "", background.firstRowsMs);
    print("addBatch (synchronous)", sync);
    std::printf("UI blocked: longest gap %.1f ms vs %.1f ms (%.0fx shorter); goal <= 16 ms: %s\n", background.longestGapMs,
                sync.longestGapMs, background.longestGapMs > 0 ? sync.longestGapMs / background.longestGapMs : 0.0,
                background.longestBusyMs <= 16.0 ? "met (CPU)" : "MISSED (CPU)");
    return 0;
}
