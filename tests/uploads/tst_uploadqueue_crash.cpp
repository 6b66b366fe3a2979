// Crash-resume: a helper process uploads a queue to the real emulator process, is killed with
// SIGKILL part-way (uploads in flight, some already stored by the server but not yet recorded),
// and a new process resumes from the same database. Every file ends on the server exactly once.
#include "emulatorprocess.h"
#include "uploadtestenvironment.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

class TestUploadQueueCrash : public QObject
{
    Q_OBJECT

private:
    static QStringList readLines(QProcess &process, QByteArray &buffer)
    {
        buffer += process.readAllStandardOutput();
        QStringList lines;
        qsizetype newline;
        while ((newline = buffer.indexOf('\n')) >= 0) {
            lines.append(QString::fromUtf8(buffer.left(newline)));
            buffer.remove(0, newline + 1);
        }
        return lines;
    }

private Q_SLOTS:
    void killedMidwayAndResumedUploadsEachFileOnce()
    {
        constexpr int fileCount = 240;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        emutest::EmulatorProcess emulator;
        QString error;
        // Latency between storing an upload and answering it widens the window in which a kill
        // leaves a file on the server that the queue has not recorded.
        QVERIFY2(emulator.start(dir.filePath(QStringLiteral("server")), {QStringLiteral("--latency"), QStringLiteral("40"),
                                                                         QStringLiteral("--drop-rate"), QStringLiteral("0.03"),
                                                                         QStringLiteral("--fault-seed"), QStringLiteral("7")},
                                &error),
                 qPrintable(error));
        const QStringList paths = uploadtest::writeFiles(dir.filePath(QStringLiteral("local")), QStringLiteral("crash"), fileCount, 30000);
        QCOMPARE(paths.size(), fileCount);
        const QString listPath = dir.filePath(QStringLiteral("files.txt"));
        QVERIFY(uploadtest::writeFile(listPath, paths.join(QLatin1Char('\n')).toUtf8()));
        const QString database = dir.filePath(QStringLiteral("queue.sqlite"));

        // First run: killed after about a third of the files.
        QProcess first;
        first.setProgram(QStringLiteral(UPLOADQUEUE_RUNNER_PATH));
        first.setArguments({database, emulator.origin(), listPath, QStringLiteral("/crash")});
        first.setProcessChannelMode(QProcess::SeparateChannels);
        first.start();
        QVERIFY(first.waitForStarted(10000));
        QByteArray buffer;
        int uploadedBeforeKill = 0;
        QDeadlineTimer deadline(60000);
        while (uploadedBeforeKill < fileCount / 3 && !deadline.hasExpired() && first.state() == QProcess::Running) {
            first.waitForReadyRead(200);
            for (const QString &line : readLines(first, buffer))
                uploadedBeforeKill += line.startsWith(QStringLiteral("uploaded ")) ? 1 : 0;
        }
        QVERIFY2(first.state() == QProcess::Running, qPrintable(QString::fromUtf8(first.readAllStandardError())));
        first.kill(); // SIGKILL: no clean-up of any kind
        QVERIFY(first.waitForFinished(10000));
        QCOMPARE(first.exitStatus(), QProcess::CrashExit);
        QVERIFY(uploadedBeforeKill >= fileCount / 3);
        QVERIFY(uploadedBeforeKill < fileCount);

        // Second run on the same database: no file list, it continues what is stored.
        QProcess second;
        second.setProgram(QStringLiteral(UPLOADQUEUE_RUNNER_PATH));
        second.setArguments({database, emulator.origin()});
        second.start();
        QVERIFY(second.waitForFinished(180000));
        const QString output = QString::fromUtf8(second.readAllStandardOutput());
        const QString errors = QString::fromUtf8(second.readAllStandardError());
        QVERIFY2(second.exitCode() == 0, qPrintable(output.right(2000) + errors));
        const QStringList lines = output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.first().startsWith(QStringLiteral("recovered ")));
        QVERIFY2(lines.last().startsWith(QStringLiteral("finished done=%1 failed=0").arg(fileCount)), qPrintable(lines.last()));
        qInfo("first run uploaded %d before SIGKILL; second run: %s, %s", uploadedBeforeKill, qPrintable(lines.first()),
              qPrintable(lines.last()));
        // The kill left uploads in flight: the second run had to check them on the server.
        QVERIFY2(lines.first().mid(10).toInt() >= 1, qPrintable(lines.first()));

        // The server: each path exactly once, one version each.
        uploadtest::ClientForEmulator api = uploadtest::clientFor(emulator.origin());
        ik::RetryPolicy policy = api.client->retryPolicy();
        policy.maxAttempts = 10;
        api.client->setRetryPolicy(policy);
        const QList<ik::FileItem> files = uploadtest::listEverything(*api.imageKit, false, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QSet<QString> expected;
        for (const QString &p : paths)
            expected.insert(QStringLiteral("/crash/") + QFileInfo(p).fileName());
        QStringList seen;
        for (const ik::FileItem &f : files)
            seen.append(f.filePath);
        QCOMPARE(seen.size(), fileCount);
        QCOMPARE(QSet<QString>(seen.begin(), seen.end()), expected);
        const QList<ik::FileItem> versions = uploadtest::listEverything(*api.imageKit, true, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(versions.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestUploadQueueCrash)
#include "tst_uploadqueue_crash.moc"
