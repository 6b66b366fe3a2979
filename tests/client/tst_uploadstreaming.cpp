// A 1 GiB file (sparse, so the disk holds almost nothing) is uploaded to the loopback server,
// which counts the bytes and keeps only the first few. Memory must not follow the file size.
#include "api/apiclient.h"
#include "jobrecorder.h"
#include "multipartparser.h"
#include "processmemory.h"
#include "rawjsonjob.h"
#include "recordingserver.h"
#include "testclient.h"

#include <QElapsedTimer>
#include <QTemporaryFile>
#include <QTest>

using namespace iktest;

class TestUploadStreaming : public QObject
{
    Q_OBJECT

private:
    static ik::ApiRequest uploadOf(const QString &path)
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
        file.fileName = "big.bin";
        ik::MultipartField name;
        name.name = "fileName";
        name.value = "big.bin";
        request.multipart = {file, name};
        return request;
    }

private Q_SLOTS:
    void oneGibibyteStreamsWithBoundedMemory()
    {
        constexpr qint64 fileSize = qint64(1) << 30;
        QTemporaryFile file;
        QVERIFY(file.open());
        QVERIFY(file.resize(fileSize));
        file.close();

        RecordingServer server;
        QVERIFY(server.listen());
        server.setBodyStoreLimit(4096);
        ik::ApiClient client;
        aimAt(client, server);
        client.setTransferTimeoutMs(30000);

        // Warm up sockets, threads and allocator with a small upload first.
        {
            QTemporaryFile small;
            QVERIFY(small.open());
            small.write(QByteArray(100000, 'w'));
            small.close();
            JobRecord warm;
            recordJob(new RawJsonJob(&client, uploadOf(small.fileName())), &warm, this);
            QTRY_VERIFY(warm.isDestroyed());
            QVERIFY(warm.events.contains(QStringLiteral("finished")));
        }
        server.clearRequests();

        const bool peakWasReset = ProcessMemory::resetPeak();
        const qint64 baseline = peakWasReset ? ProcessMemory::rssBytes() : ProcessMemory::peakRssBytes();
        QVERIFY(baseline > 0);

        QElapsedTimer timer;
        timer.start();
        JobRecord record;
        recordJob(new RawJsonJob(&client, uploadOf(file.fileName())), &record, this);
        QTRY_VERIFY_WITH_TIMEOUT(record.isDestroyed(), 150000);
        const qint64 elapsedMs = timer.elapsed();
        const qint64 peak = ProcessMemory::peakRssBytes();
        const qint64 growth = peak - baseline;
        qInfo("uploaded %lld bytes in %lld ms (%.0f MiB/s); peak RSS %lld MiB, growth %.1f MiB (peak reset: %s)",
              server.requests().value(0).bodySize, elapsedMs,
              double(fileSize) / (1024.0 * 1024.0) / (double(qMax<qint64>(1, elapsedMs)) / 1000.0),
              peak / (1024 * 1024), double(growth) / (1024.0 * 1024.0), peakWasReset ? "yes" : "no");

        QCOMPARE(record.events, (QStringList{QStringLiteral("finished"), QStringLiteral("done"), QStringLiteral("destroyed")}));
        QCOMPARE(server.requestCount(), 1);
        const RecordedRequest &r = server.requests().at(0);
        QVERIFY(r.bodySize > fileSize);
        QCOMPARE(r.header("content-length"), QByteArray::number(r.bodySize));
        const QByteArray boundary = MultipartParser::boundary(r.header("content-type"));
        QVERIFY(r.body.startsWith("--" + boundary + "\r\n"));
        QVERIFY(r.body.contains("name=\"file\"; filename=\"big.bin\""));
        // Progress reached 100 %.
        QVERIFY(record.uploadProgressCount > 10);
        QCOMPARE(record.lastUploadTotal, r.bodySize);
        QCOMPARE(record.lastUploadSent, r.bodySize);
        QVERIFY2(growth < 64 * 1024 * 1024,
                 qPrintable(QStringLiteral("peak memory grew by %1 MiB").arg(double(growth) / (1024.0 * 1024.0))));
    }
};

QTEST_GUILESS_MAIN(TestUploadStreaming)
#include "tst_uploadstreaming.moc"
