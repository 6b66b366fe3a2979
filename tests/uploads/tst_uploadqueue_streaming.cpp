// A 2 GiB sparse file goes through the upload queue with bounded memory. The receiving end is
// ik_test_support's RecordingServer, which counts the body bytes and keeps only the first few:
// the emulator keeps whole request bodies in memory, which would measure the emulator, not us.
#include "uploadqueue/uploadqueue.h"
#include "uploadqueue/uploadqueuemodel.h"

#include "api/apiclient.h"
#include "api/imagekit.h"
#include "processmemory.h"
#include "recordingserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace iktest;

class TestUploadQueueStreaming : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoGibibytesStreamWithBoundedMemory()
    {
        constexpr qint64 fileSize = qint64(2) << 30;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString bigPath = dir.filePath(QStringLiteral("big.bin"));
        const QString smallPath = dir.filePath(QStringLiteral("small.bin"));
        {
            QFile big(bigPath);
            QVERIFY(big.open(QIODevice::WriteOnly));
            QVERIFY(big.resize(fileSize)); // sparse: no disk blocks
            QFile small(smallPath);
            QVERIFY(small.open(QIODevice::WriteOnly));
            small.write(QByteArray(200000, 's'));
        }

        RecordingServer server;
        QVERIFY(server.listen());
        server.setBodyStoreLimit(4096);
        server.setResponder([](const RecordedRequest &request) -> std::optional<ScriptedResponse> {
            if (request.path != "/api/v1/files/upload")
                return ScriptedResponse::json(404, R"({"message":"not here"})");
            const QByteArray name = request.bodySize > 1000000 ? "big.bin" : "small.bin";
            return ScriptedResponse::json(200, R"({"fileId":"id-)" + name + R"(","name":")" + name + R"(","filePath":"/)" + name
                                                   + R"(","size":)" + QByteArray::number(request.bodySize) + "}");
        });

        ik::ApiClient client;
        client.setPrivateKey(QStringLiteral("private_test"));
        QVERIFY(client.setApiBase(server.baseUrl()));
        QVERIFY(client.setUploadBase(server.baseUrl()));
        client.setTransferTimeoutMs(30000);
        ik::ImageKit imageKit(&client);

        ikui::UploadQueue queue(&imageKit, dir.filePath(QStringLiteral("queue.sqlite")));
        QString error;
        QVERIFY2(queue.open(&error), qPrintable(error));
        QSignalSpy finished(&queue, &ikui::UploadQueue::queueFinished);
        queue.start();

        // Warm up sockets, threads, SQLite and the allocator with a small upload first.
        QVERIFY(queue.addBatch({ikui::UploadSource{smallPath, QStringLiteral("/")}}, ikui::UploadBatchOptions()) > 0);
        QVERIFY(finished.wait(30000));
        QCOMPARE(queue.model()->rowAt(0).state, ikui::UploadState::Done);
        server.clearRequests();

        const bool peakWasReset = ProcessMemory::resetPeak();
        const qint64 baseline = peakWasReset ? ProcessMemory::rssBytes() : ProcessMemory::peakRssBytes();
        QVERIFY(baseline > 0);
        QElapsedTimer timer;
        timer.start();
        qint64 lastTotalsSent = 0;
        connect(&queue, &ikui::UploadQueue::totalsChanged, this, [&]() { lastTotalsSent = queue.totals().bytesSent; });
        QVERIFY(queue.addBatch({ikui::UploadSource{bigPath, QStringLiteral("/")}}, ikui::UploadBatchOptions()) > 0);
        QVERIFY(finished.wait(110000));
        const qint64 elapsedMs = timer.elapsed();
        const qint64 peak = ProcessMemory::peakRssBytes();
        const qint64 growth = peak - baseline;
        qInfo("uploaded %lld bytes in %lld ms (%.0f MiB/s); peak RSS %lld MiB, growth %.1f MiB (peak reset: %s)",
              server.requests().value(0).bodySize, elapsedMs,
              double(fileSize) / (1024.0 * 1024.0) / (double(qMax<qint64>(1, elapsedMs)) / 1000.0), peak / (1024 * 1024),
              double(growth) / (1024.0 * 1024.0), peakWasReset ? "yes" : "no");

        QCOMPARE(queue.model()->rowAt(1).state, ikui::UploadState::Done);
        QCOMPARE(queue.model()->rowAt(1).filePath, QStringLiteral("/big.bin"));
        QCOMPARE(server.requestCount(), 1);
        QVERIFY(server.requests().at(0).bodySize > fileSize);
        QCOMPARE(queue.totals().bytesSent, fileSize + 200000);
        QVERIFY(lastTotalsSent > 0);
        QVERIFY2(growth < 64 * 1024 * 1024,
                 qPrintable(QStringLiteral("peak memory grew by %1 MiB").arg(double(growth) / (1024.0 * 1024.0))));
    }
};

QTEST_GUILESS_MAIN(TestUploadQueueStreaming)
#include "tst_uploadqueue_streaming.moc"
