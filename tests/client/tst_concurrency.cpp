// The client's concurrency cap and its queue: never more requests in flight than allowed,
// waiting jobs start in submission order, and queued jobs can be cancelled.
#include "api/apiclient.h"
#include "jobrecorder.h"
#include "rawjsonjob.h"
#include "recordingserver.h"
#include "testclient.h"

#include <QPointer>
#include <QTest>

using namespace iktest;
using ik::ApiClient;
using ik::ErrorKind;

class TestConcurrency : public QObject
{
    Q_OBJECT

private:
    RecordingServer *m_server = nullptr;
    ApiClient *m_client = nullptr;

    QList<QByteArray> receivedPaths() const
    {
        QList<QByteArray> paths;
        for (const RecordedRequest &r : m_server->requests())
            paths.append(r.path);
        return paths;
    }

private Q_SLOTS:
    void init()
    {
        m_server = new RecordingServer(this);
        QVERIFY(m_server->listen());
        m_client = new ApiClient(this);
        aimAt(*m_client, *m_server);
    }

    void cleanup()
    {
        delete m_client;
        delete m_server;
    }

    void defaultCapIsSix()
    {
        QCOMPARE(m_client->maxConcurrentRequests(), 6);
    }

    void neverMoreThanTheCapInFlight_data()
    {
        QTest::addColumn<int>("cap");
        QTest::newRow("1") << 1;
        QTest::newRow("2") << 2;
        QTest::newRow("3") << 3;
    }

    void neverMoreThanTheCapInFlight()
    {
        QFETCH(int, cap);
        const int jobCount = 9;
        m_client->setMaxConcurrentRequests(cap);
        m_server->setDefaultResponse(ScriptedResponse::json(200, "{}").withDelay(150));
        int worstRunning = 0;
        int worstAtServer = 0;
        connect(m_server, &RecordingServer::requestReceived, this, [&] {
            worstRunning = qMax(worstRunning, m_client->runningCount());
            worstAtServer = qMax(worstAtServer, m_server->openRequests());
        });
        QList<JobRecord> records(jobCount);
        for (int i = 0; i < jobCount; ++i) {
            auto *job = new RawJsonJob(m_client, getRequest(QStringLiteral("/%1").arg(i)));
            recordJob(job, &records[i], this);
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), jobCount, 20000);
        QTRY_VERIFY(std::all_of(records.cbegin(), records.cend(), [](const JobRecord &r) { return r.isDestroyed(); }));
        QCOMPARE(m_server->maxOpenRequests(), cap);
        QCOMPARE(worstAtServer, cap);
        QCOMPARE(worstRunning, cap);
        QCOMPARE(m_client->runningCount(), 0);
        QCOMPARE(m_client->queuedCount(), 0);
        // Submission order: exact with one slot, within the slot count otherwise.
        const QList<QByteArray> paths = receivedPaths();
        for (int i = 0; i < jobCount; ++i) {
            const int position = int(paths.indexOf(QByteArray("/") + QByteArray::number(i)));
            QVERIFY2(position >= 0 && qAbs(position - i) < cap,
                     qPrintable(QStringLiteral("job %1 arrived at %2").arg(i).arg(position)));
        }
        if (cap == 1) {
            for (int i = 0; i < jobCount; ++i)
                QCOMPARE(paths.at(i), QByteArray("/") + QByteArray::number(i));
        }
    }

    void queueCountsAndCancellingAQueuedJob()
    {
        m_client->setMaxConcurrentRequests(1);
        m_server->setDefaultResponse(ScriptedResponse::json(200, "{}").withDelay(150));
        JobRecord first;
        JobRecord second;
        JobRecord third;
        auto *a = new RawJsonJob(m_client, getRequest(QStringLiteral("/a")));
        auto *b = new RawJsonJob(m_client, getRequest(QStringLiteral("/b")));
        auto *c = new RawJsonJob(m_client, getRequest(QStringLiteral("/c")));
        recordJob(a, &first, this);
        recordJob(b, &second, this);
        recordJob(c, &third, this);
        QPointer<RawJsonJob> queued(b);
        QTRY_COMPARE(m_client->runningCount(), 1);
        QCOMPARE(m_client->queuedCount(), 2);
        queued->cancel();
        QCOMPARE(second.error.kind(), ErrorKind::Cancelled);
        QCOMPARE(m_client->queuedCount(), 1);
        QTRY_VERIFY(first.isDestroyed() && second.isDestroyed() && third.isDestroyed());
        QCOMPARE(receivedPaths(), (QList<QByteArray>{"/a", "/c"}));
        QVERIFY(first.events.contains(QStringLiteral("finished")));
        QVERIFY(third.events.contains(QStringLiteral("finished")));
    }

    void raisingTheCapStartsWaitingJobs()
    {
        m_client->setMaxConcurrentRequests(1);
        m_server->setDefaultResponse(ScriptedResponse::json(200, "{}").withDelay(300));
        QList<JobRecord> records(3);
        for (int i = 0; i < 3; ++i)
            recordJob(new RawJsonJob(m_client, getRequest(QStringLiteral("/%1").arg(i))), &records[i], this);
        QTRY_COMPARE(m_server->requestCount(), 1);
        m_client->setMaxConcurrentRequests(3);
        QCOMPARE(m_client->runningCount(), 3);
        QTRY_COMPARE(m_server->openRequests(), 3);
        QTRY_VERIFY(records[0].isDestroyed() && records[1].isDestroyed() && records[2].isDestroyed());
    }

    void deletingTheClientCancelsItsJobs()
    {
        m_client->setMaxConcurrentRequests(1);
        m_server->setDefaultResponse(ScriptedResponse::hang());
        QList<JobRecord> records(3);
        for (int i = 0; i < 3; ++i)
            recordJob(new RawJsonJob(m_client, getRequest(QStringLiteral("/%1").arg(i))), &records[i], this);
        QTRY_COMPARE(m_server->requestCount(), 1);
        delete m_client;
        m_client = nullptr;
        for (const JobRecord &r : std::as_const(records)) {
            QCOMPARE(r.events.mid(0, 2), (QStringList{QStringLiteral("failed"), QStringLiteral("done")}));
            QCOMPARE(r.error.kind(), ErrorKind::Cancelled);
        }
        QTRY_VERIFY(records[0].isDestroyed() && records[1].isDestroyed() && records[2].isDestroyed());
    }

    void deletingAJobFreesItsSlot()
    {
        m_client->setMaxConcurrentRequests(1);
        m_server->enqueue(ScriptedResponse::hang());
        m_server->setDefaultResponse(ScriptedResponse::json(200, "{}"));
        auto *stuck = new RawJsonJob(m_client, getRequest(QStringLiteral("/stuck")));
        JobRecord next;
        recordJob(new RawJsonJob(m_client, getRequest(QStringLiteral("/next"))), &next, this);
        QTRY_COMPARE(m_server->requestCount(), 1);
        delete stuck;
        QTRY_VERIFY(next.isDestroyed());
        QVERIFY(next.events.contains(QStringLiteral("finished")));
    }
};

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
