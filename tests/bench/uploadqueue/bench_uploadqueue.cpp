// Upload queue throughput against the real emulator process.
//
//   bench_uploadqueue [--files N] [--size BYTES] [emulator arguments, e.g. --latency 20]
//
// Uploads the same N files (default 1,000 of 256 KiB) four times into separate folders: once with
// a plain sequential uploader (one ik::ImageKit upload at a time, no queue, no database) as the
// baseline, then through ikui::UploadQueue at concurrency 1, 4 and 8. Prints wall time, files/s,
// MB/s, peak RSS growth and each run's ratio to the baseline.
#include "emulatorprocess.h"
#include "processmemory.h"

#include "uploadqueue/uploadqueue.h"
#include "uploadqueue/uploadqueuemodel.h"

#include "api/apiclient.h"
#include "api/imagekit.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>
#include <functional>

namespace {

struct RunResult
{
    QString label;
    qint64 ms = 0;
    int done = 0;
    qint64 peakGrowth = 0;
};

std::unique_ptr<ik::ApiClient> clientFor(const QString &origin)
{
    auto client = std::make_unique<ik::ApiClient>();
    client->setPrivateKey(QStringLiteral("private_emulator_key"));
    client->setPublicKey(QStringLiteral("public_emulator_key"));
    client->setUrlEndpoint(origin + QStringLiteral("/emulator"));
    client->setApiBase(QUrl(origin));
    client->setUploadBase(QUrl(origin));
    client->setMaxConcurrentRequests(16);
    return client;
}

RunResult measure(const QString &label, const std::function<int()> &run)
{
    iktest::ProcessMemory::resetPeak();
    const qint64 baseline = iktest::ProcessMemory::rssBytes();
    QElapsedTimer timer;
    timer.start();
    RunResult result;
    result.label = label;
    result.done = run();
    result.ms = timer.elapsed();
    result.peakGrowth = iktest::ProcessMemory::peakRssBytes() - baseline;
    return result;
}

int sequentialUpload(ik::ImageKit &imageKit, const QStringList &paths, const QString &folder)
{
    int done = 0;
    for (const QString &path : paths) {
        ik::UploadOptions options;
        options.file = ik::UploadSource::localFile(path);
        options.fileName = QFileInfo(path).fileName();
        options.folder = folder;
        options.useUniqueFileName = false;
        ik::UploadJob *job = imageKit.uploadFile(options);
        QEventLoop loop;
        QObject::connect(job, &ik::UploadJob::finished, &loop, [&done]() { ++done; });
        QObject::connect(job, &ik::ApiJob::failed, &loop, [](const ik::ApiError &e) { std::fprintf(stderr, "failed: %s\n", qPrintable(e.message())); });
        QObject::connect(job, &ik::ApiJob::done, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return done;
}

int queueUpload(ik::ImageKit &imageKit, const QStringList &paths, const QString &folder, int concurrency, const QString &database)
{
    ikui::UploadQueue queue(&imageKit, database);
    QString error;
    if (!queue.open(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 0;
    }
    queue.setConcurrency(concurrency);
    QList<ikui::UploadSource> sources;
    for (const QString &p : paths)
        sources.append(ikui::UploadSource{p, folder});
    QEventLoop loop;
    QObject::connect(&queue, &ikui::UploadQueue::queueFinished, &loop, &QEventLoop::quit);
    queue.addBatch(sources, ikui::UploadBatchOptions(), &error);
    queue.start();
    loop.exec();
    return int(queue.totals().done);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList emulatorArguments = app.arguments().mid(1);
    int fileCount = 1000;
    qint64 fileSize = 256 * 1024;
    for (int i = 0; i + 1 < emulatorArguments.size();) {
        if (emulatorArguments.at(i) == QLatin1String("--files")) {
            fileCount = emulatorArguments.at(i + 1).toInt();
            emulatorArguments.remove(i, 2);
        } else if (emulatorArguments.at(i) == QLatin1String("--size")) {
            fileSize = emulatorArguments.at(i + 1).toLongLong();
            emulatorArguments.remove(i, 2);
        } else {
            ++i;
        }
    }

    QTemporaryDir dir;
    emutest::EmulatorProcess emulator;
    QString error;
    if (!emulator.start(dir.filePath(QStringLiteral("server")), emulatorArguments, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    QDir().mkpath(dir.filePath(QStringLiteral("local")));
    QStringList paths;
    for (int i = 0; i < fileCount; ++i) {
        const QString path = dir.filePath(QStringLiteral("local/file%1.bin").arg(i, 5, 10, QLatin1Char('0')));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return 1;
        QByteArray bytes(fileSize, char('a' + i % 26));
        bytes.replace(0, 16, QByteArray::number(i).leftJustified(16, ' '));
        file.write(bytes);
        paths.append(path);
    }
    const auto client = clientFor(emulator.origin());
    ik::ImageKit imageKit(client.get());

    std::printf("bench_uploadqueue: %d files of %lld KiB to mediadesk-emulator %s\n", fileCount, fileSize / 1024,
                qPrintable(emulatorArguments.join(QLatin1Char(' '))));
    QList<RunResult> results;
    results.append(measure(QStringLiteral("sequential (no queue)"), [&]() { return sequentialUpload(imageKit, paths, QStringLiteral("/seq")); }));
    for (int concurrency : {1, 4, 8}) {
        results.append(measure(QStringLiteral("queue, concurrency %1").arg(concurrency), [&]() {
            return queueUpload(imageKit, paths, QStringLiteral("/c%1").arg(concurrency), concurrency,
                               dir.filePath(QStringLiteral("queue%1.sqlite").arg(concurrency)));
        }));
    }
    const double baselineMs = double(results.first().ms);
    std::printf("%-24s %8s %6s %9s %8s %12s %9s\n", "run", "ms", "done", "files/s", "MB/s", "peak +MiB", "ratio");
    for (const RunResult &r : std::as_const(results)) {
        const double seconds = double(qMax<qint64>(1, r.ms)) / 1000.0;
        std::printf("%-24s %8lld %6d %9.1f %8.1f %12.1f %8.2fx\n", qPrintable(r.label), r.ms, r.done, r.done / seconds,
                    double(r.done) * double(fileSize) / 1e6 / seconds, double(r.peakGrowth) / (1024.0 * 1024.0),
                    baselineMs / double(qMax<qint64>(1, r.ms)));
    }
    std::printf("goal: concurrency 4 >= 3x sequential -> %s\n",
                baselineMs / double(qMax<qint64>(1, results.at(2).ms)) >= 3.0 ? "met" : "NOT met");
    return 0;
}
