// ikui::ThumbnailScheduler with a fake fetcher (the network adds nothing to the queue logic):
// visible-first order, the in-flight cap, aborts for cells scrolled away, slots freed on finish.
#include "thumbnails/thumbnailscheduler.h"

#include <QTest>

#include <algorithm>

namespace {

struct FakeFetcher
{
    QStringList started;
    QStringList aborted;
    ikui::ThumbnailScheduler scheduler{[this](const ikui::ThumbnailRequest &r) { started.append(r.key); },
                                       [this](const QString &key) { aborted.append(key); }};
};

QList<ikui::ThumbnailRequest> cells(int first, int last)
{
    QList<ikui::ThumbnailRequest> requests;
    for (int i = first; i <= last; ++i) {
        const QString id = QStringLiteral("f%1").arg(i);
        requests.append({id + QStringLiteral("@64x64"), id, QUrl(QStringLiteral("http://127.0.0.1/e/") + id)});
    }
    return requests;
}

QStringList keys(int first, int last)
{
    QStringList out;
    for (const auto &r : cells(first, last))
        out.append(r.key);
    return out;
}

} // namespace

class TestThumbnailScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsVisibleFirstUpToTheCap()
    {
        FakeFetcher fake;
        QCOMPARE(fake.scheduler.maxInFlight(), 64);
        fake.scheduler.setWanted(cells(0, 99));
        QCOMPARE(fake.started, keys(0, 63)); // in the order given, 64 at most
        QCOMPARE(fake.scheduler.inFlightCount(), 64);
        QCOMPARE(fake.scheduler.pendingCount(), 36);

        fake.scheduler.finished(keys(5, 5).first());
        QCOMPARE(fake.started.size(), 65);
        QCOMPARE(fake.started.last(), keys(64, 64).first());
        QCOMPARE(fake.scheduler.inFlightCount(), 64);
        fake.scheduler.finished(QStringLiteral("unknown")); // no slot to free
        QCOMPARE(fake.started.size(), 65);
        QVERIFY(fake.aborted.isEmpty());
    }

    void scrollingAwayAbortsAndReprioritises()
    {
        FakeFetcher fake;
        fake.scheduler.setMaxInFlight(10);
        fake.scheduler.setWanted(cells(0, 29));
        QCOMPARE(fake.started, keys(0, 9));
        // Scrolled: cells 25..40 are on screen now.
        fake.started.clear();
        fake.scheduler.setWanted(cells(25, 40));
        std::sort(fake.aborted.begin(), fake.aborted.end());
        QStringList expectedAborted = keys(0, 9);
        std::sort(expectedAborted.begin(), expectedAborted.end());
        QCOMPARE(fake.aborted, expectedAborted); // every running cell left the screen
        QCOMPARE(fake.scheduler.abortedCount(), 10);
        QCOMPARE(fake.started, keys(25, 34)); // none of 10..24, which were never started and left
        QCOMPARE(fake.scheduler.inFlightCount(), 10);
        QCOMPARE(fake.scheduler.startedCount(), 20);
    }

    void keepsRunningRequestsStillOnScreen()
    {
        FakeFetcher fake;
        fake.scheduler.setMaxInFlight(4);
        fake.scheduler.setWanted(cells(0, 9));
        fake.started.clear();
        fake.scheduler.setWanted(cells(2, 9)); // a small scroll: 2 and 3 keep their slots
        std::sort(fake.aborted.begin(), fake.aborted.end());
        QCOMPARE(fake.aborted, keys(0, 1));
        QCOMPARE(fake.started, keys(4, 5));
        QVERIFY(fake.scheduler.isInFlight(keys(2, 2).first()));
        // The same list again changes nothing.
        fake.scheduler.setWanted(cells(2, 9));
        QCOMPARE(fake.started, keys(4, 5));
        QCOMPARE(fake.aborted.size(), 2);
    }

    void duplicatesAndEmptyKeysAreIgnored()
    {
        FakeFetcher fake;
        QList<ikui::ThumbnailRequest> requests = cells(0, 2) + cells(1, 2);
        requests.append({QString(), QStringLiteral("x"), QUrl()});
        fake.scheduler.setWanted(requests);
        QCOMPARE(fake.started, keys(0, 2));
    }

    void synchronousAnswersAreSafe()
    {
        // A fetcher that answers at once (memory hit) re-enters finished() from start().
        QStringList started;
        ikui::ThumbnailScheduler *self = nullptr;
        ikui::ThumbnailScheduler scheduler([&](const ikui::ThumbnailRequest &r) {
            started.append(r.key);
            self->finished(r.key);
        }, [](const QString &) {});
        self = &scheduler;
        scheduler.setMaxInFlight(2);
        scheduler.setWanted(cells(0, 9));
        QCOMPARE(started, keys(0, 9));
        QCOMPARE(scheduler.inFlightCount(), 0);
        QCOMPARE(scheduler.pendingCount(), 0);
    }

    void clearAbortsEverything()
    {
        FakeFetcher fake;
        fake.scheduler.setWanted(cells(0, 4));
        fake.scheduler.clear();
        QCOMPARE(fake.aborted.size(), 5);
        QCOMPARE(fake.scheduler.inFlightCount(), 0);
    }
};

QTEST_APPLESS_MAIN(TestThumbnailScheduler)
#include "tst_thumbnailscheduler.moc"
