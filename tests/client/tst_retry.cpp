// Retries, backoff, cancellation and timeouts against the recording loopback server. Backoff
// delays are recorded and run on the next event loop turn (InstantDelays): nothing sleeps.
#include "api/apiclient.h"
#include "jobrecorder.h"
#include "multipartparser.h"
#include "rawjsonjob.h"
#include "recordingserver.h"
#include "testclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QPointer>
#include <QTemporaryDir>
#include <QTest>

using namespace iktest;
using ik::ApiClient;
using ik::ApiError;
using ik::ApiRequest;
using ik::ErrorKind;

class TestRetry : public QObject
{
    Q_OBJECT

private:
    RecordingServer *m_server = nullptr;
    ApiClient *m_client = nullptr;
    InstantDelays m_delays;

    RawJsonJob *startJob(const ApiRequest &request, JobRecord *record)
    {
        auto *job = new RawJsonJob(m_client, request);
        recordJob(job, record, this);
        return job;
    }

    JobRecord run(const ApiRequest &request)
    {
        JobRecord record;
        startJob(request, &record);
        if (!QTest::qWaitFor([&] { return record.isDestroyed(); }, 20000))
            qWarning("job did not finish and delete itself in time");
        return record;
    }

    static QStringList events(std::initializer_list<const char *> names)
    {
        QStringList list;
        for (const char *name : names)
            list.append(QString::fromLatin1(name));
        return list;
    }

private Q_SLOTS:
    void init()
    {
        m_server = new RecordingServer(this);
        QVERIFY(m_server->listen());
        m_client = new ApiClient(this);
        aimAt(*m_client, *m_server);
        m_delays = InstantDelays();
        m_client->setDelayScheduler(m_delays.scheduler());
        ik::RetryPolicy policy;
        policy.maxAttempts = 4;
        policy.initialDelayMs = 100;
        policy.maxDelayMs = 5000;
        policy.jitter = 0;
        m_client->setRetryPolicy(policy);
    }

    void cleanup()
    {
        delete m_client;
        delete m_server;
    }

    void rateLimitWaitsForTheResetHeader()
    {
        m_server->enqueue(ScriptedResponse::json(429, "{\"message\": \"Too many\"}").withHeader("X-RateLimit-Reset", "1500"));
        m_server->enqueue(ScriptedResponse::json(200, "{\"ok\": true}"));
        // A 429 was rejected before processing: retried even for a request that is not idempotent.
        const JobRecord record = run(postJson(QStringLiteral("/v1/files/addTags"), "{}", false));
        QCOMPARE(record.events, events({"retrying", "finished", "done", "destroyed"}));
        QCOMPARE(record.retryDelays, QList<qint64>{1500});
        QCOMPARE(record.retryAttempts, QList<int>{2});
        QCOMPARE(m_delays.requested, QList<qint64>{1500});
        QCOMPARE(m_server->requestCount(), 2);
        QCOMPARE(m_server->requests().at(1).body, QByteArray("{}"));
    }

    void rateLimitRetryAfterSeconds()
    {
        m_server->enqueue(ScriptedResponse::json(429, "{}").withHeader("Retry-After", "2"));
        m_server->enqueue(ScriptedResponse::json(200, "{}"));
        const JobRecord record = run(getRequest(QStringLiteral("/v1/files")));
        QCOMPARE(record.events.first(), QStringLiteral("retrying"));
        QCOMPARE(record.retryDelays, QList<qint64>{2000});
        QVERIFY(record.events.contains(QStringLiteral("finished")));
    }

    void rateLimitBackoffWhenTheServerNamesNoWait()
    {
        for (int i = 0; i < 3; ++i)
            m_server->enqueue(ScriptedResponse::json(429, "{}"));
        const JobRecord record = run(getRequest(QStringLiteral("/v1/files")));
        QCOMPARE(record.retryDelays, (QList<qint64>{100, 200, 400}));
        QVERIFY(record.events.contains(QStringLiteral("finished")));
    }

    void rateLimitWaitLongerThanTheMaximumFailsAtOnce()
    {
        m_server->enqueue(ScriptedResponse::json(429, "{\"message\": \"later\"}").withHeader("X-RateLimit-Reset", "60000"));
        const JobRecord record = run(getRequest(QStringLiteral("/v1/files")));
        QCOMPARE(record.events, events({"failed", "done", "destroyed"}));
        QCOMPARE(record.error.className(), QStringLiteral("TooManyRequestsException"));
        QCOMPARE(record.error.metadata().header("x-ratelimit-reset"), QByteArray("60000"));
        QCOMPARE(m_server->requestCount(), 1);
    }

    void serviceUnavailableIsRetriedWhenIdempotent()
    {
        m_server->enqueue(ScriptedResponse::json(503, "{\"message\": \"busy\"}"));
        m_server->enqueue(ScriptedResponse::text(502, "text/html", "<html>proxy</html>"));
        m_server->enqueue(ScriptedResponse::json(200, "[1]"));
        const JobRecord record = run(getRequest(QStringLiteral("/v1/files")));
        QCOMPARE(record.events, events({"retrying", "retrying", "finished", "done", "destroyed"}));
        QCOMPARE(record.retryDelays, (QList<qint64>{100, 200}));
        QCOMPARE(record.retryAttempts, (QList<int>{2, 3}));
        QCOMPARE(m_server->requestCount(), 3);
    }

    void unsafeRequestIsNotRetriedAfter5xx()
    {
        m_server->setDefaultResponse(ScriptedResponse::json(503, "{\"message\": \"busy\"}"));
        const JobRecord record = run(postJson(QStringLiteral("/v1/files/copy"), "{}", false));
        QCOMPARE(record.events, events({"failed", "done", "destroyed"}));
        QCOMPARE(record.error.className(), QStringLiteral("InternalServerException"));
        QCOMPARE(record.error.message(), QStringLiteral("busy"));
        QTest::qWait(50);
        QCOMPARE(m_server->requestCount(), 1);
    }

    void clientErrorsAreNeverRetried()
    {
        m_server->setDefaultResponse(ScriptedResponse::json(404, "{\"message\": \"nope\"}"));
        const JobRecord record = run(getRequest(QStringLiteral("/v1/files/x/details")));
        QCOMPARE(record.error.className(), QStringLiteral("NotFoundException"));
        QCOMPARE(m_server->requestCount(), 1);
    }

    void droppedConnectionIsRetriedWhenIdempotent()
    {
        m_server->enqueue(ScriptedResponse::dropMidBody(200, QByteArray(10000, ' ') + "[]"));
        m_server->enqueue(ScriptedResponse::json(200, "[2]"));
        const JobRecord record = run(getRequest(QStringLiteral("/v1/files")));
        QCOMPARE(record.events, events({"retrying", "finished", "done", "destroyed"}));
        QCOMPARE(record.result.toArray().at(0).toInt(), 2);
    }

    void droppedConnectionOfAnUnsafeRequestFails()
    {
        m_server->setDefaultResponse(ScriptedResponse::dropMidBody(200, QByteArray(10000, ' ') + "{}"));
        const JobRecord record = run(postJson(QStringLiteral("/v1/files/move"), "{}", false));
        QCOMPARE(record.events, events({"failed", "done", "destroyed"}));
        QCOMPARE(record.error.className(), QStringLiteral("NetworkError"));
        QCOMPARE(m_server->requestCount(), 1);
    }

    void connectionClosedBeforeAnswerEventuallyFails()
    {
        // QNetworkAccessManager itself re-sends once on a connection closed before any answer;
        // whatever it does, the job must end with a NetworkError after its own attempts.
        m_server->setDefaultResponse(ScriptedResponse::dropConnection());
        const JobRecord record = run(getRequest(QStringLiteral("/v1/files")));
        QCOMPARE(record.error.className(), QStringLiteral("NetworkError"));
        QCOMPARE(record.retryAttempts, (QList<int>{2, 3, 4}));
    }

    void givesUpAfterMaxAttempts()
    {
        ik::RetryPolicy policy = m_client->retryPolicy();
        policy.maxAttempts = 3;
        m_client->setRetryPolicy(policy);
        m_server->setDefaultResponse(ScriptedResponse::json(500, "{\"message\": \"down\"}"));
        JobRecord record;
        QPointer<RawJsonJob> job = startJob(getRequest(QStringLiteral("/v1/files")), &record);
        int attemptsAtFailure = 0;
        connect(job, &ik::ApiJob::failed, this, [&] { attemptsAtFailure = job->attempts(); });
        QTRY_VERIFY(record.isDestroyed());
        QCOMPARE(record.events, events({"retrying", "retrying", "failed", "done", "destroyed"}));
        QCOMPARE(attemptsAtFailure, 3);
        QCOMPARE(record.error.message(), QStringLiteral("down"));
        QCOMPARE(m_server->requestCount(), 3);
    }

    void noRetriesWithOneAttempt()
    {
        ik::RetryPolicy policy = m_client->retryPolicy();
        policy.maxAttempts = 1;
        m_client->setRetryPolicy(policy);
        m_server->setDefaultResponse(ScriptedResponse::json(429, "{}"));
        const JobRecord record = run(getRequest(QStringLiteral("/v1/files")));
        QCOMPARE(record.events, events({"failed", "done", "destroyed"}));
        QCOMPARE(m_server->requestCount(), 1);
    }

    void cancelDuringBackoff()
    {
        m_delays.hold = true;
        m_server->setDefaultResponse(ScriptedResponse::json(503, "{}"));
        JobRecord record;
        QPointer<RawJsonJob> job = startJob(getRequest(QStringLiteral("/v1/files")), &record);
        QTRY_COMPARE(record.events, events({"retrying"}));
        QCOMPARE(m_delays.held.size(), 1);
        job->cancel();
        QCOMPARE(record.events, events({"retrying", "failed", "done"}));
        QCOMPARE(record.error.className(), QStringLiteral("CancelledError"));
        QTRY_VERIFY(record.isDestroyed());
        // The backoff timer firing late must not send anything.
        for (const auto &callback : std::as_const(m_delays.held))
            callback();
        QTest::qWait(50);
        QCOMPARE(m_server->requestCount(), 1);
        QCOMPARE(m_client->runningCount(), 0);
    }

    void cancelDuringRealTimerBackoff()
    {
        ApiClient client;
        aimAt(client, *m_server);
        ik::RetryPolicy policy;
        policy.initialDelayMs = 30000;
        policy.maxDelayMs = 30000;
        client.setRetryPolicy(policy);
        m_server->setDefaultResponse(ScriptedResponse::json(503, "{}"));
        JobRecord record;
        auto *job = new RawJsonJob(&client, getRequest(QStringLiteral("/v1/files")));
        recordJob(job, &record, this);
        QTRY_COMPARE(record.events, events({"retrying"}));
        QElapsedTimer timer;
        timer.start();
        job->cancel();
        QTRY_VERIFY(record.isDestroyed());
        QVERIFY(timer.elapsed() < 5000);
        QCOMPARE(record.error.kind(), ErrorKind::Cancelled);
        QCOMPARE(m_server->requestCount(), 1);
    }

    void cancelDuringTheRequest()
    {
        m_server->setDefaultResponse(ScriptedResponse::hang());
        JobRecord record;
        QPointer<RawJsonJob> job = startJob(postJson(QStringLiteral("/v1/files/copy"), "{}"), &record);
        QTRY_COMPARE(m_server->requestCount(), 1);
        job->cancel();
        QCOMPARE(record.events, events({"failed", "done"}));
        QCOMPARE(record.error.className(), QStringLiteral("CancelledError"));
        job->cancel(); // harmless twice
        QTRY_VERIFY(record.isDestroyed());
        QCOMPARE(record.events, events({"failed", "done", "destroyed"}));
        QCOMPARE(m_client->runningCount(), 0);
    }

    void cancelBeforeStartSendsNothing()
    {
        JobRecord record;
        QPointer<RawJsonJob> job = startJob(getRequest(QStringLiteral("/v1/files")), &record);
        job->cancel();
        QTRY_VERIFY(record.isDestroyed());
        QCOMPARE(record.error.kind(), ErrorKind::Cancelled);
        QTest::qWait(50);
        QCOMPARE(m_server->requestCount(), 0);
    }

    void stalledServerTimesOut()
    {
        m_client->setTransferTimeoutMs(300);
        ik::RetryPolicy policy = m_client->retryPolicy();
        policy.maxAttempts = 1;
        m_client->setRetryPolicy(policy);
        m_server->setDefaultResponse(ScriptedResponse::hang());
        QElapsedTimer timer;
        timer.start();
        const JobRecord record = run(getRequest(QStringLiteral("/v1/files")));
        QCOMPARE(record.error.className(), QStringLiteral("TimeoutError"));
        QVERIFY2(record.error.message().contains(QStringLiteral("300 ms")), qPrintable(record.error.message()));
        QVERIFY(timer.elapsed() >= 280);
        QVERIFY(timer.elapsed() < 5000);
    }

    void timeoutIsRetriedWhenIdempotent()
    {
        m_client->setTransferTimeoutMs(300);
        m_server->enqueue(ScriptedResponse::hang());
        m_server->enqueue(ScriptedResponse::json(200, "[3]"));
        const JobRecord record = run(getRequest(QStringLiteral("/v1/files")));
        QCOMPARE(record.events, events({"retrying", "finished", "done", "destroyed"}));
        QCOMPARE(record.result.toArray().at(0).toInt(), 3);
    }

    void timeoutOfAnUnsafeRequestIsNotRetried()
    {
        m_client->setTransferTimeoutMs(300);
        m_server->setDefaultResponse(ScriptedResponse::hang());
        const JobRecord record = run(postJson(QStringLiteral("/v1/files/copy"), "{}", false));
        QCOMPARE(record.events, events({"failed", "done", "destroyed"}));
        QCOMPARE(record.error.className(), QStringLiteral("TimeoutError"));
        QCOMPARE(m_server->requestCount(), 1);
    }

    void slowButSteadyAnswerDoesNotTimeOut()
    {
        // 2 s in total, but never more than 100 ms without progress.
        m_client->setTransferTimeoutMs(500);
        m_server->enqueue(ScriptedResponse::json(200, "[" + QByteArray(38, ' ') + "]").trickled(2, 100));
        const JobRecord record = run(getRequest(QStringLiteral("/v1/files")));
        QCOMPARE(record.events, events({"finished", "done", "destroyed"}));
    }

    void zeroTimeoutMeansNone()
    {
        m_client->setTransferTimeoutMs(0);
        m_server->enqueue(ScriptedResponse::json(200, "[" + QByteArray(20, ' ') + "]").withDelay(200).trickled(4, 50));
        const JobRecord record = run(getRequest(QStringLiteral("/v1/files")));
        QCOMPARE(record.events, events({"finished", "done", "destroyed"}));
    }

    void multipartUploadIsSentWholeAgainOnRetry()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("f.bin"));
        QByteArray content;
        for (int i = 0; i < 100000; ++i)
            content.append(char(i * 7));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        m_server->enqueue(ScriptedResponse::json(429, "{}").withHeader("X-RateLimit-Reset", "10"));
        m_server->enqueue(ScriptedResponse::json(200, "{}"));
        ApiRequest request;
        request.method = "POST";
        request.path = QStringLiteral("/api/v1/files/upload");
        request.body = ApiRequest::Body::Multipart;
        ik::MultipartField file;
        file.name = "file";
        file.isFile = true;
        file.filePath = path;
        file.fileName = "f.bin";
        request.multipart = {file};
        const JobRecord record = run(request);
        QCOMPARE(record.events, events({"retrying", "finished", "done", "destroyed"}));
        QCOMPARE(m_server->requestCount(), 2);
        for (const RecordedRequest &r : m_server->requests()) {
            const auto parts = MultipartParser::parse(r.body, r.header("content-type"));
            QVERIFY(parts);
            QCOMPARE(parts->at(0).data, content);
        }
    }

    void defaultTimerBackoffRuns()
    {
        ApiClient client;
        aimAt(client, *m_server);
        ik::RetryPolicy policy;
        policy.initialDelayMs = 20;
        client.setRetryPolicy(policy);
        m_server->enqueue(ScriptedResponse::json(503, "{}"));
        m_server->enqueue(ScriptedResponse::json(200, "[]"));
        JobRecord record;
        auto *job = new RawJsonJob(&client, getRequest(QStringLiteral("/v1/files")));
        recordJob(job, &record, this);
        QTRY_VERIFY(record.isDestroyed());
        QCOMPARE(record.events, events({"retrying", "finished", "done", "destroyed"}));
        QVERIFY(record.retryDelays.at(0) >= 16 && record.retryDelays.at(0) <= 24); // 20 ms +/- 20 %
    }
};

QTEST_GUILESS_MAIN(TestRetry)
#include "tst_retry.moc"
