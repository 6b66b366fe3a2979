// The real emulator process with faults on (--fail-rate 0.2 --drop-rate 0.05 --rate-limit 20/s, 20 requests per second):
// 500 files all end uploaded exactly once (each path once, no extra versions). The client's
// retry policy allows 10 attempts here so a run of bad luck (0.2^4 per file with the default 4)
// does not fail the test; the queue's own behaviour is the same with any policy.
#include "emulatorprocess.h"
#include "uploadtestenvironment.h"

#include "uploadqueue/uploadqueue.h"
#include "uploadqueue/uploadqueuemodel.h"
#include "uploadqueue/uploadservermatch.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestUploadQueueFaults : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    emutest::EmulatorProcess m_emulator;
    uploadtest::ClientForEmulator m_api;

    void runQueue(const QStringList &paths, const QString &folder, const ikui::UploadBatchOptions &options)
    {
        ikui::UploadQueue queue(m_api.imageKit.get(), m_dir.filePath(folder.mid(1) + QStringLiteral(".sqlite")));
        QString error;
        QVERIFY2(queue.open(&error), qPrintable(error));
        QList<ikui::UploadSource> sources;
        for (const QString &p : paths)
            sources.append(ikui::UploadSource{p, folder});
        QSignalSpy finished(&queue, &ikui::UploadQueue::queueFinished);
        QSignalSpy uploaded(&queue, &ikui::UploadQueue::itemUploaded);
        int checks = 0;
        connect(&queue, &ikui::UploadQueue::itemStateChanged, this, [&checks](qint64, ikui::UploadState state) {
            checks += state == ikui::UploadState::Checking ? 1 : 0;
        });
        QVERIFY(queue.addBatch(sources, options, &error) > 0);
        QElapsedTimer timer;
        timer.start();
        queue.start();
        QVERIFY(finished.wait(240000));
        const ikui::UploadTotals totals = queue.totals();
        qInfo("%lld files in %lld ms: done %lld, failed %lld; %d server checks before a re-send", totals.files, timer.elapsed(),
              totals.done, totals.failed, checks);
        QVERIFY2(checks > 0, "the faults must have made the queue check the server at least once");
        for (int i = 0; i < queue.model()->rowCount(); ++i) {
            const auto &row = queue.model()->rowAt(i);
            QVERIFY2(row.state == ikui::UploadState::Done, qPrintable(row.name + QStringLiteral(": ") + row.error));
        }
        QCOMPARE(uploaded.count(), paths.size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_emulator.start(m_dir.filePath(QStringLiteral("server")),
                                  {QStringLiteral("--fail-rate"), QStringLiteral("0.2"), QStringLiteral("--drop-rate"), QStringLiteral("0.05"),
                                   QStringLiteral("--rate-limit"), QStringLiteral("20/s"), QStringLiteral("--fault-seed"), QStringLiteral("20261129")},
                                  &error),
                 qPrintable(error));
        m_api = uploadtest::clientFor(m_emulator.origin());
        ik::RetryPolicy policy = m_api.client->retryPolicy();
        policy.maxAttempts = 10;
        policy.maxDelayMs = 3000;
        m_api.client->setRetryPolicy(policy);
    }

    void fiveHundredFilesEachExactlyOnce()
    {
        const QStringList paths = uploadtest::writeFiles(m_dir.filePath(QStringLiteral("fixed")), QStringLiteral("f"), 500, 3000);
        QCOMPARE(paths.size(), 500);
        runQueue(paths, QStringLiteral("/faults"), ikui::UploadBatchOptions());

        QString error;
        const QList<ik::FileItem> files = uploadtest::listEverything(*m_api.imageKit, false, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList seen;
        for (const ik::FileItem &f : files) {
            if (f.filePath.startsWith(QStringLiteral("/faults/")))
                seen.append(f.filePath);
        }
        QSet<QString> expected;
        for (const QString &p : paths)
            expected.insert(QStringLiteral("/faults/") + QFileInfo(p).fileName());
        QCOMPARE(seen.size(), 500);
        QCOMPARE(QSet<QString>(seen.begin(), seen.end()), expected);
        const QList<ik::FileItem> versions = uploadtest::listEverything(*m_api.imageKit, true, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(versions.size(), 0); // a duplicate send would have made a second version
    }

    void uniqueNamesEachExactlyOnce()
    {
        const QStringList paths = uploadtest::writeFiles(m_dir.filePath(QStringLiteral("unique")), QStringLiteral("u"), 150, 2500);
        ikui::UploadBatchOptions options;
        options.useUniqueFileName = true;
        runQueue(paths, QStringLiteral("/uniq"), options);

        QString error;
        const QList<ik::FileItem> files = uploadtest::listEverything(*m_api.imageKit, false, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QHash<QString, int> perLocalFile;
        int inFolder = 0;
        for (const ik::FileItem &f : files) {
            if (!f.filePath.startsWith(QStringLiteral("/uniq/")))
                continue;
            ++inFolder;
            for (const QString &p : paths) {
                if (ikui::UploadServerMatch::isUniqueVariant(f.name, QFileInfo(p).fileName()))
                    ++perLocalFile[p];
            }
        }
        QCOMPARE(inFolder, 150);
        for (const QString &p : paths)
            QVERIFY2(perLocalFile.value(p) == 1, qPrintable(p));
    }
};

QTEST_GUILESS_MAIN(TestUploadQueueFaults)
#include "tst_uploadqueue_faults.moc"
