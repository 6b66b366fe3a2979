// Crash-resume: a helper process uploads a queue to the real emulator process, is killed with
// SIGKILL part-way (uploads in flight, some already stored by the server but not yet recorded),
// and a new process resumes from the same database. Every file ends on the server exactly once.
// And a process killed while it adds a 100,000-file drop in the background: none of it is queued.
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

    void killedWhileAddingABigDropQueuesNoneOfIt()
    {
        constexpr int sourceCount = 100000;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        emutest::EmulatorProcess emulator;
        QString error;
        QVERIFY2(emulator.start(dir.filePath(QStringLiteral("server")), {}, &error), qPrintable(error));
        // 100,000 sources over a few real files: the add takes seconds, the kill lands mid-way.
        const QStringList paths = uploadtest::writeFiles(dir.filePath(QStringLiteral("local")), QStringLiteral("drop"), 5, 100);
        QStringList list;
        list.reserve(sourceCount);
        for (int i = 0; i < sourceCount; ++i)
            list.append(paths.at(i % paths.size()));
        const QString listPath = dir.filePath(QStringLiteral("files.txt"));
        QVERIFY(uploadtest::writeFile(listPath, list.join(QLatin1Char('\n')).toUtf8()));
        const QString database = dir.filePath(QStringLiteral("queue.sqlite"));

        QProcess first;
        first.setProgram(QStringLiteral(UPLOADQUEUE_RUNNER_PATH));
        first.setArguments({database, emulator.origin(), listPath, QStringLiteral("/drop")});
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("UPLOADQUEUE_RUNNER_BACKGROUND"), QStringLiteral("1"));
        first.setProcessEnvironment(environment);
        first.start();
        QVERIFY(first.waitForStarted(10000));
        QByteArray buffer;
        qint64 stagedBeforeKill = 0;
        bool added = false;
        QDeadlineTimer deadline(60000);
        while (stagedBeforeKill == 0 && !added && !deadline.hasExpired() && first.state() == QProcess::Running) {
            first.waitForReadyRead(100);
            for (const QString &line : readLines(first, buffer)) {
                if (line.startsWith(QStringLiteral("staged ")))
                    stagedBeforeKill = qMax(stagedBeforeKill, line.mid(7).toLongLong());
                added = added || line.startsWith(QStringLiteral("added "));
            }
        }
        QVERIFY2(first.state() == QProcess::Running, qPrintable(QString::fromUtf8(first.readAllStandardError())));
        first.kill();
        QVERIFY(first.waitForFinished(10000));
        QVERIFY2(!added && stagedBeforeKill > 0 && stagedBeforeKill < sourceCount,
                 qPrintable(QStringLiteral("staged %1, added %2").arg(stagedBeforeKill).arg(added)));

        // The next run finds the cut-short batch, removes it and has nothing to upload.
        QProcess second;
        second.setProgram(QStringLiteral(UPLOADQUEUE_RUNNER_PATH));
        second.setArguments({database, emulator.origin()});
        second.start();
        QVERIFY(second.waitForFinished(60000));
        const QString output = QString::fromUtf8(second.readAllStandardOutput());
        QVERIFY2(second.exitCode() == 0, qPrintable(output + QString::fromUtf8(second.readAllStandardError())));
        const QStringList lines = output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.size() == 3, qPrintable(output));
        QCOMPARE(lines.at(0), QStringLiteral("recovered 0"));
        const QStringList interrupted = lines.at(1).split(QLatin1Char(' '));
        QCOMPARE(interrupted.size(), 4);
        QCOMPARE(interrupted.at(0), QStringLiteral("interrupted"));
        QCOMPARE(interrupted.at(1), QStringLiteral("1"));
        // Whole slices only, at least as many as the first run reported.
        QVERIFY(interrupted.at(2).toLongLong() >= stagedBeforeKill);
        QVERIFY(interrupted.at(2).toLongLong() < sourceCount);
        QCOMPARE(interrupted.at(3), QString::number(sourceCount));
        QCOMPARE(lines.at(2), QStringLiteral("finished done=0 failed=0"));
        qInfo("killed with %lld of %d files staged; the next run removed %s of them", stagedBeforeKill, sourceCount,
              qPrintable(interrupted.at(2)));

        uploadtest::ClientForEmulator api = uploadtest::clientFor(emulator.origin());
        QCOMPARE(uploadtest::listEverything(*api.imageKit, false, &error).size(), qsizetype(0));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestUploadQueueCrash)
#include "tst_uploadqueue_crash.moc"
