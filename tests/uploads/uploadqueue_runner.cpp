// Helper for tst_uploadqueue_crash: runs an upload queue stored in a database against an emulator
// until every item has ended, printing one line per uploaded item. The test kills it with SIGKILL
// part-way and starts it again on the same database.
//
//   uploadqueue_runner <database> <emulator origin> [<file list> <target folder>]
//
// With a file list (one local path per line) the files are added as one batch first. Prints
// "recovered <n>" (items that need a server check), "uploaded <id>" per item, and at the end
// "finished done=<n> failed=<n>"; exits 0 when nothing failed.
// With UPLOADQUEUE_RUNNER_BACKGROUND=1 the batch goes through addBatchInBackground: "staged <n>"
// as slices are stored, "added <n>" when the whole batch is queued. When open() removed a batch a
// crash cut short, it prints "interrupted <batches> <files stored> <files planned>".
#include "uploadqueue/uploadqueue.h"
#include "uploadqueue/uploadqueuemodel.h"

#include "api/apiclient.h"
#include "api/imagekit.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3 && args.size() != 5) {
        std::fprintf(stderr, "usage: uploadqueue_runner <database> <origin> [<file list> <target folder>]\n");
        return 2;
    }
    const QString origin = args.at(2);
    ik::ApiClient client;
    client.setPrivateKey(QStringLiteral("private_emulator_key"));
    client.setPublicKey(QStringLiteral("public_emulator_key"));
    client.setUrlEndpoint(origin + QStringLiteral("/emulator"));
    client.setApiBase(QUrl(origin));
    client.setUploadBase(QUrl(origin));
    ik::RetryPolicy policy;
    policy.maxAttempts = 10;
    policy.initialDelayMs = 20;
    policy.maxDelayMs = 2000;
    client.setRetryPolicy(policy);
    ik::ImageKit imageKit(&client);

    ikui::UploadQueue queue(&imageKit, args.at(1));
    QString error;
    if (!queue.open(&error)) {
        std::fprintf(stderr, "open: %s\n", qPrintable(error));
        return 3;
    }
    int needsCheck = 0;
    for (int i = 0; i < queue.model()->rowCount(); ++i)
        needsCheck += queue.model()->rowAt(i).needsCheck && queue.model()->rowAt(i).state == ikui::UploadState::Queued ? 1 : 0;
    std::printf("recovered %d\n", needsCheck);
    const ikui::UploadQueue::InterruptedAdds interrupted = queue.interruptedAdds();
    if (interrupted.batches > 0)
        std::printf("interrupted %d %lld %lld\n", interrupted.batches, interrupted.filesStored, interrupted.filesPlanned);
    std::fflush(stdout);

    if (args.size() == 5) {
        QFile list(args.at(3));
        if (!list.open(QIODevice::ReadOnly | QIODevice::Text)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(args.at(3)));
            return 2;
        }
        QList<ikui::UploadSource> sources;
        QTextStream in(&list);
        while (!in.atEnd()) {
            const QString line = in.readLine().trimmed();
            if (!line.isEmpty())
                sources.append(ikui::UploadSource{line, args.at(4)});
        }
        if (qEnvironmentVariable("UPLOADQUEUE_RUNNER_BACKGROUND") == QLatin1String("1")) {
            QObject::connect(&queue, &ikui::UploadQueue::addProgressChanged, &app, [&queue]() {
                if (queue.isAdding()) {
                    std::printf("staged %lld\n", queue.addProgress().filesStored);
                    std::fflush(stdout);
                }
            });
            QObject::connect(&queue, &ikui::UploadQueue::backgroundAddFinished, &app,
                             [&queue](qint64, bool added, const QString &reason) {
                                 if (added)
                                     std::printf("added %d\n", queue.model()->rowCount());
                                 else
                                     std::printf("not added %s\n", qPrintable(reason));
                                 std::fflush(stdout);
                             });
            if (queue.addBatchInBackground(sources, ikui::UploadBatchOptions(), &error) == 0) {
                std::fprintf(stderr, "add: %s\n", qPrintable(error));
                return 3;
            }
        } else {
            if (queue.addBatch(sources, ikui::UploadBatchOptions(), &error) == 0) {
                std::fprintf(stderr, "add: %s\n", qPrintable(error));
                return 3;
            }
            std::printf("added %lld\n", qlonglong(sources.size()));
            std::fflush(stdout);
        }
    }

    QObject::connect(&queue, &ikui::UploadQueue::itemUploaded, &app, [](qint64 id, const ik::UploadResult &) {
        std::printf("uploaded %lld\n", qlonglong(id));
        std::fflush(stdout);
    });
    QObject::connect(&queue, &ikui::UploadQueue::itemFailed, &app, [](qint64 id, const QString &reason) {
        std::printf("failed %lld %s\n", qlonglong(id), qPrintable(reason));
        std::fflush(stdout);
    });
    const auto report = [&queue, &app]() {
        const ikui::UploadTotals totals = queue.totals();
        std::printf("finished done=%lld failed=%lld\n", totals.done, totals.failed);
        std::fflush(stdout);
        app.exit(totals.failed == 0 ? 0 : 1);
    };
    QObject::connect(&queue, &ikui::UploadQueue::queueFinished, &app, report);
    queue.start();
    if (queue.totals().remainingFiles() == 0 && !queue.isAdding())
        QTimer::singleShot(0, &app, report); // nothing to do: report once the loop runs
    return app.exec();
}
