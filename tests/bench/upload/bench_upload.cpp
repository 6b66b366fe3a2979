// Upload throughput of the transport: N files of 64 KiB (default 1,000) uploaded as multipart
// bodies streamed from disk to a loopback server that counts and discards the bytes, once with
// one request at a time and once with six. Prints files/s, MiB/s and peak RSS for each run.
//
//   bench_upload [--files N] [--size BYTES] [--concurrency 1,6]
#include "api/apiclient.h"
#include "jobrecorder.h"
#include "processmemory.h"
#include "rawjsonjob.h"
#include "recordingserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

namespace {

struct RunResult
{
    int concurrency = 0;
    int succeeded = 0;
    int failed = 0;
    qint64 elapsedMs = 0;
    qint64 bytesReceived = 0;
    qint64 peakRssBytes = 0;
    qint64 rssBeforeBytes = 0;
};

ik::ApiRequest uploadRequest(const QString &path, int index)
{
    ik::ApiRequest request;
    request.method = "POST";
    request.host = ik::ApiHost::Upload;
    request.path = QStringLiteral("/api/v1/files/upload");
    request.body = ik::ApiRequest::Body::Multipart;
    ik::MultipartField file;
    file.name = "file";
    file.isFile = true;
    file.filePath = path;
    file.fileName = "file-" + QByteArray::number(index) + ".bin";
    ik::MultipartField name;
    name.name = "fileName";
    name.value = file.fileName;
    ik::MultipartField tags;
    tags.name = "tags";
    tags.value = "bench,upload";
    request.multipart = {file, name, tags};
    return request;
}

// Starts every upload at once (the client's queue holds them) and calls `finished` after the last.
class Run : public QObject
{
public:
    Run(ik::ApiClient *client, iktest::RecordingServer *server, const QStringList &files, int concurrency,
        std::function<void(const RunResult &)> finished)
        : m_client(client), m_server(server), m_files(files), m_finished(std::move(finished))
    {
        m_result.concurrency = concurrency;
        m_client->setMaxConcurrentRequests(concurrency);
    }

    void start()
    {
        m_server->clearRequests();
        iktest::ProcessMemory::resetPeak();
        m_result.rssBeforeBytes = iktest::ProcessMemory::rssBytes();
        m_timer.start();
        m_remaining = int(m_files.size());
        for (int i = 0; i < m_files.size(); ++i) {
            auto *job = new iktest::RawJsonJob(m_client, uploadRequest(m_files.at(i), i));
            connect(job, &iktest::RawJsonJob::finished, this, [this] { ++m_result.succeeded; });
            connect(job, &ik::ApiJob::failed, this, [this](const ik::ApiError &error) {
                if (m_result.failed++ == 0)
                    std::fprintf(stderr, "first failure: %s: %s\n", qPrintable(error.className()), qPrintable(error.message()));
            });
            connect(job, &ik::ApiJob::done, this, [this] {
                if (--m_remaining == 0)
                    complete();
            });
        }
    }

private:
    void complete()
    {
        m_result.elapsedMs = m_timer.elapsed();
        m_result.bytesReceived = m_server->bodyBytesReceived();
        m_result.peakRssBytes = iktest::ProcessMemory::peakRssBytes();
        m_finished(m_result);
    }

    ik::ApiClient *m_client;
    iktest::RecordingServer *m_server;
    QStringList m_files;
    std::function<void(const RunResult &)> m_finished;
    RunResult m_result;
    QElapsedTimer m_timer;
    int m_remaining = 0;
};

void print(const RunResult &r, qint64 fileSize)
{
    const double seconds = double(qMax<qint64>(1, r.elapsedMs)) / 1000.0;
    std::printf("concurrency %d: %d files (%d failed) in %.2f s = %.1f files/s, %.1f MiB/s of request bodies; "
                "RSS before %.1f MiB, peak %.1f MiB (file size %lld bytes)\n",
                r.concurrency, r.succeeded, r.failed, seconds, double(r.succeeded) / seconds,
                double(r.bytesReceived) / (1024.0 * 1024.0) / seconds, double(r.rssBeforeBytes) / (1024.0 * 1024.0),
                double(r.peakRssBytes) / (1024.0 * 1024.0), fileSize);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption filesOption(QStringLiteral("files"), QStringLiteral("Number of files."), QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Bytes per file."), QStringLiteral("BYTES"), QStringLiteral("65536"));
    const QCommandLineOption concurrencyOption(QStringLiteral("concurrency"), QStringLiteral("Comma-separated caps."),
                                               QStringLiteral("LIST"), QStringLiteral("1,6"));
    parser.addOptions({filesOption, sizeOption, concurrencyOption});
    parser.process(app);
    const int fileCount = qMax(1, parser.value(filesOption).toInt());
    const qint64 fileSize = qMax<qint64>(1, parser.value(sizeOption).toLongLong());
    QList<int> caps;
    for (const QString &cap : parser.value(concurrencyOption).split(QLatin1Char(','), Qt::SkipEmptyParts))
        caps.append(qMax(1, cap.toInt()));

    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "cannot create a temporary folder\n");
        return 1;
    }
    QStringList files;
    QByteArray content(fileSize, Qt::Uninitialized);
    for (int i = 0; i < fileCount; ++i) {
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(content.data()), content.size() / 4);
        const QString path = dir.filePath(QStringLiteral("f%1.bin").arg(i));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
            return 1;
        }
        files.append(path);
    }

    iktest::RecordingServer server;
    if (!server.listen()) {
        std::fprintf(stderr, "cannot listen on loopback\n");
        return 1;
    }
    server.setBodyStoreLimit(0);
    ik::ApiClient client;
    client.setUploadBase(server.baseUrl());
    client.setPrivateKey(QStringLiteral("bench"));

    std::printf("bench_upload: %d files of %lld bytes to %s\n", fileCount, fileSize, qPrintable(server.baseUrl().toString()));
    QList<RunResult> results;
    int next = 0;
    std::function<void()> startNext;
    std::unique_ptr<Run> current;
    startNext = [&] {
        if (next >= caps.size()) {
            QTimer::singleShot(0, &app, [&] { app.exit(0); });
            return;
        }
        const int cap = caps.at(next++);
        current = std::make_unique<Run>(&client, &server, files, cap, [&](const RunResult &r) {
            results.append(r);
            print(r, fileSize);
            QTimer::singleShot(0, &app, startNext);
        });
        current->start();
    };
    QTimer::singleShot(0, &app, startNext);
    const int rc = app.exec();
    if (results.size() >= 2 && results.first().elapsedMs > 0) {
        const double first = double(results.first().succeeded) / double(results.first().elapsedMs);
        const double last = double(results.last().succeeded) / double(qMax<qint64>(1, results.last().elapsedMs));
        std::printf("speed-up concurrency %d vs %d: %.2fx\n", results.last().concurrency, results.first().concurrency, last / first);
    }
    for (const RunResult &r : std::as_const(results)) {
        if (r.failed > 0)
            return 2;
    }
    return rc;
}
