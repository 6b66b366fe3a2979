// StatusPoller, the base of the folder job and purge status watchers: the first check right after
// the operation starts, later ones at the interval after each answer, completion, the give-up
// limit (and no limit), a failed check, and cancel() stopping the timer. A scripted subclass
// stands in for the server: it counts the status requests and the test answers them.
#include "operations/folderjobwatcher.h"
#include "operations/purgestatuswatcher.h"
#include "operations/statuspoller.h"

#include "api/apiclient.h"
#include "api/imagekit.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

namespace {

constexpr int WaitMs = 5000;

// Answers nothing by itself: each requestStatus() only counts, the test answers with answer().
class ScriptedPoller : public ikui::StatusPoller
{
    Q_OBJECT

public:
    ScriptedPoller(int intervalMs, int maxPolls, std::shared_ptr<int> requests)
        : StatusPoller(QStringLiteral("Scripted job"), intervalMs, maxPolls, nullptr)
        , m_requests(std::move(requests))
    {
    }

    void startOperation() { beginPolling(QStringLiteral("Pending")); }
    void answer(const QString &status, bool complete)
    {
        if (receiveStatus(status, complete))
            Q_EMIT completed();
    }
    void failCheck(const ik::ApiError &error) { fail(error); }

Q_SIGNALS:
    void completed();

protected:
    ik::ApiJob *requestStatus() override
    {
        ++*m_requests;
        return nullptr;
    }
    QString cancelledMessage() const override { return QStringLiteral("Stopped waiting for the scripted job."); }

private:
    std::shared_ptr<int> m_requests;
};

// Answers each new request on the next event loop turn: "Pending" until request `completeAt`
// (0: never), which is answered "Completed".
class AutoAnswer : public QObject
{
public:
    AutoAnswer(ScriptedPoller *poller, std::shared_ptr<int> requests, int completeAt)
        : QObject(poller)
    {
        auto *timer = new QTimer(this);
        timer->setInterval(0);
        connect(timer, &QTimer::timeout, this, [poller, requests, completeAt, this] {
            if (*requests > m_answered && !poller->isFinished()) {
                m_answered = *requests;
                const bool complete = completeAt > 0 && *requests >= completeAt;
                poller->answer(complete ? QStringLiteral("Completed") : QStringLiteral("Pending"), complete);
            }
        });
        timer->start();
    }

private:
    int m_answered = 0;
};

QStringList statusesOf(const QSignalSpy &spy)
{
    QStringList out;
    for (const QList<QVariant> &args : spy)
        out << QStringLiteral("%1@%2").arg(args.at(0).toString()).arg(args.at(1).toInt());
    return out;
}

} // namespace

class TestStatusPoller : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checksRightAwayThenAtTheIntervalAfterEachAnswer()
    {
        auto requests = std::make_shared<int>(0);
        QPointer<ScriptedPoller> poller = new ScriptedPoller(300, ikui::StatusPoller::NoLimit, requests);
        QSignalSpy statuses(poller.data(), &ikui::StatusPoller::statusChanged);
        poller->startOperation();
        QCOMPARE(*requests, 1); // no wait for the first check
        QCOMPARE(statusesOf(statuses), QStringList{QStringLiteral("Pending@0")});
        QVERIFY(!poller->isWaitingForNextPoll()); // a request is out: nothing scheduled yet

        QElapsedTimer sinceAnswer;
        sinceAnswer.start();
        poller->answer(QStringLiteral("Pending"), false);
        QVERIFY(poller->isWaitingForNextPoll());
        QTest::qWait(100);
        QCOMPARE(*requests, 1); // the interval has not passed
        QTRY_COMPARE_WITH_TIMEOUT(*requests, 2, WaitMs);
        // Coarse timers may fire up to 5% early.
        QVERIFY2(sinceAnswer.elapsed() >= 280, qPrintable(QString::number(sinceAnswer.elapsed())));
        QCOMPARE(poller->pollCount(), 2);
        QCOMPARE(poller->lastStatus(), QStringLiteral("Pending"));
        poller->cancel();
    }

    void completesOnTheAnswerThatSaysSoAndDeletesItself()
    {
        auto requests = std::make_shared<int>(0);
        QPointer<ScriptedPoller> poller = new ScriptedPoller(10, ikui::StatusPoller::NoLimit, requests);
        QSignalSpy statuses(poller.data(), &ikui::StatusPoller::statusChanged);
        QSignalSpy completed(poller.data(), &ScriptedPoller::completed);
        QSignalSpy gaveUp(poller.data(), &ikui::StatusPoller::gaveUp);
        QSignalSpy failed(poller.data(), &ikui::StatusPoller::failed);
        poller->startOperation();
        poller->answer(QStringLiteral("Pending"), false);
        QTRY_COMPARE_WITH_TIMEOUT(*requests, 2, WaitMs);
        poller->answer(QStringLiteral("Completed"), true);
        QCOMPARE(completed.size(), 1);
        QVERIFY(poller->isFinished());
        QVERIFY(!poller->isWaitingForNextPoll());
        QCOMPARE(statusesOf(statuses),
                 (QStringList{QStringLiteral("Pending@0"), QStringLiteral("Pending@1"), QStringLiteral("Completed@2")}));
        // A late answer changes nothing.
        poller->answer(QStringLiteral("Pending"), false);
        QCOMPARE(statuses.size(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(poller.isNull(), WaitMs);
        QCOMPARE(*requests, 2);
        QCOMPARE(gaveUp.size(), 0);
        QCOMPARE(failed.size(), 0);
    }

    void givesUpAfterItsLimitOfChecks()
    {
        auto requests = std::make_shared<int>(0);
        QPointer<ScriptedPoller> poller = new ScriptedPoller(5, 3, requests);
        new AutoAnswer(poller, requests, 0);
        QSignalSpy gaveUp(poller.data(), &ikui::StatusPoller::gaveUp);
        QSignalSpy completed(poller.data(), &ScriptedPoller::completed);
        poller->startOperation();
        QTRY_COMPARE_WITH_TIMEOUT(gaveUp.size(), 1, WaitMs);
        QCOMPARE(gaveUp.first().at(0).toString(), QStringLiteral("Pending"));
        QCOMPARE(*requests, 3);
        QTRY_VERIFY_WITH_TIMEOUT(poller.isNull(), WaitMs);
        QTest::qWait(50);
        QCOMPARE(*requests, 3); // no check after giving up
        QCOMPARE(completed.size(), 0);
    }

    void withoutALimitKeepsCheckingUntilComplete()
    {
        auto requests = std::make_shared<int>(0);
        QPointer<ScriptedPoller> poller = new ScriptedPoller(0, ikui::StatusPoller::NoLimit, requests);
        new AutoAnswer(poller, requests, 100); // beyond the purge watcher's 60
        QSignalSpy gaveUp(poller.data(), &ikui::StatusPoller::gaveUp);
        QSignalSpy completed(poller.data(), &ScriptedPoller::completed);
        poller->startOperation();
        QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 1, WaitMs);
        QCOMPARE(*requests, 100);
        QCOMPARE(gaveUp.size(), 0);
    }

    void cancelStopsTheTimerAndReportsCancelled()
    {
        auto requests = std::make_shared<int>(0);
        QPointer<ScriptedPoller> poller = new ScriptedPoller(50, ikui::StatusPoller::NoLimit, requests);
        QSignalSpy failed(poller.data(), &ikui::StatusPoller::failed);
        QSignalSpy completed(poller.data(), &ScriptedPoller::completed);
        poller->startOperation();
        poller->answer(QStringLiteral("Pending"), false);
        QVERIFY(poller->isWaitingForNextPoll());
        poller->cancel();
        QVERIFY(!poller->isWaitingForNextPoll());
        QVERIFY(poller->isFinished());
        QCOMPARE(failed.size(), 1);
        const auto error = failed.first().at(0).value<ik::ApiError>();
        QCOMPARE(error.kind(), ik::ErrorKind::Cancelled);
        QCOMPARE(error.message(), QStringLiteral("Stopped waiting for the scripted job."));
        poller->cancel(); // twice: still one report
        QCOMPARE(failed.size(), 1);
        QTest::qWait(200); // four intervals
        QCOMPARE(*requests, 1);
        QVERIFY(poller.isNull());
        QCOMPARE(completed.size(), 0);
    }

    void aFailedCheckEndsIt()
    {
        auto requests = std::make_shared<int>(0);
        QPointer<ScriptedPoller> poller = new ScriptedPoller(10, ikui::StatusPoller::NoLimit, requests);
        QSignalSpy failed(poller.data(), &ikui::StatusPoller::failed);
        poller->startOperation();
        poller->failCheck(ik::ApiError(ik::ErrorKind::Network, QStringLiteral("connection refused")));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().at(0).value<ik::ApiError>().kind(), ik::ErrorKind::Network);
        QVERIFY(!poller->isWaitingForNextPoll());
        QTest::qWait(50);
        QCOMPARE(*requests, 1);
        QVERIFY(poller.isNull());
    }

    void theWatchersKeepTheirLimits()
    {
        // No request is sent: constructing the watchers only reads their settings.
        ik::ApiClient client;
        ik::ImageKit imagekit(&client);
        QPointer<ikui::PurgeStatusWatcher> purge = new ikui::PurgeStatusWatcher(imagekit, QStringLiteral("purge"));
        QCOMPARE(purge->maxPolls(), 60);
        QCOMPARE(purge->pollInterval(), ikui::PurgeStatusWatcher::DefaultPollMs);
        purge->setPollInterval(50);
        QCOMPARE(purge->pollInterval(), 50);
        QPointer<ikui::FolderJobWatcher> folder = new ikui::FolderJobWatcher(imagekit, QStringLiteral("move"));
        QCOMPARE(folder->maxPolls(), int(ikui::StatusPoller::NoLimit));
        QCOMPARE(folder->pollInterval(), ikui::FolderJobWatcher::DefaultPollMs);
        delete purge.data();
        delete folder.data();
    }
};

QTEST_MAIN(TestStatusPoller)
#include "tst_statuspoller.moc"
