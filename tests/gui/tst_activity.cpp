// The Activity panel, its model and the status-bar summary against a real in-process emulator:
// operations that move and copy files (some of which do not exist, so the server refuses those
// items) run side by side on one OperationManager; the panel lists them with their progress, the
// failed items with the server's reason, cancels, retries exactly the failed items and clears;
// the strip shows one operation, "N operations running" or nothing. Slow answers come from the
// emulator's latency fault, so operations are still running while the test looks at them.
// QAbstractItemModelTester checks the model through every change.
#include "activity/activitypanel.h"
#include "activity/activitysummary.h"
#include "activity/operationlistmodel.h"
#include "activity/operationprogress.h"
#include "activity/progressbardelegate.h"
#include "operations/batchoperation.h"
#include "operations/folderjobwatcher.h"
#include "operations/operationmanager.h"

#include "modeltestserver.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

#include <memory>

namespace {

constexpr int WaitMs = 20000;

using State = ikui::Operation::State;

// An operation the test drives by hand, for what no operation of the app reports yet through the
// emulator (byte counts); everything else uses real operations.
class ManualTransfer : public ikui::Operation
{
public:
    explicit ManualTransfer(const QString &title)
        : Operation(title, nullptr)
    {
    }
    void report(int done, int total, qint64 bytesDone, qint64 bytesTotal)
    {
        setItemTotal(total);
        setItemsDone(done);
        setBytes(bytesDone, bytesTotal);
    }
    void complete() { finish(); }

protected:
    void run() override {}
    void abort() override { finish(); }
};

QString name(const QString &path)
{
    return path.section(QLatin1Char('/'), -1);
}

State stateOf(const QAbstractItemModel *model, int row)
{
    return model->index(row, 0).data(ikui::OperationListModel::StateRole).value<State>();
}

QString text(const QAbstractItemModel *model, int row, int column, const QModelIndex &parent = {})
{
    return model->index(row, column, parent).data().toString();
}

// What the Progress column said for each operation while it ran, and whether another operation
// was running with progress of its own at that moment.
struct ProgressLog
{
    QHash<QString, QStringList> texts;
    QHash<QString, QList<int>> percents;
    QSet<QString> sawOthersRunning;

    void watch(const QAbstractItemModel *model, QObject *context)
    {
        QObject::connect(model, &QAbstractItemModel::dataChanged, context,
                         [this, model](const QModelIndex &from, const QModelIndex &to) {
                             if (from.parent().isValid())
                                 return;
                             for (int row = from.row(); row <= to.row(); ++row)
                                 record(model, row);
                         });
    }

private:
    void record(const QAbstractItemModel *model, int row)
    {
        if (stateOf(model, row) != State::Running)
            return;
        const QString title = text(model, row, 0);
        const QString progress = text(model, row, ikui::OperationListModel::ProgressColumn);
        if (texts.value(title).value(texts.value(title).size() - 1) != progress) {
            texts[title] << progress;
            percents[title] << model->index(row, 1).data(ikui::OperationListModel::ProgressPercentRole).toInt();
        }
        for (int other = 0; other < model->rowCount(); ++other) {
            const int percent = model->index(other, 1).data(ikui::OperationListModel::ProgressPercentRole).toInt();
            if (other != row && stateOf(model, other) == State::Running && percent > 0
                && model->index(row, 1).data(ikui::OperationListModel::ProgressPercentRole).toInt() > 0)
                sawOthersRunning << title;
        }
    }
};

} // namespace

class TestActivity : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<modeltest::ModelTestServer> m_server;

    void setLatency(int ms)
    {
        ikemu::FaultSettings faults;
        faults.latencyMs = ms;
        m_server->server().setFaultSettings(faults);
    }

    // One moveFile (or copyFile) per path, one at a time so progress moves item by item.
    ikui::BatchOperation *fileBatch(const QString &title, const QStringList &paths, const QString &destination,
                                    bool copy = false)
    {
        ik::ImageKit kit = m_server->imagekit();
        auto *operation = new ikui::BatchOperation(
            title, paths, [kit, destination, copy](const QString &path) mutable -> ik::ApiJob * {
                if (copy) {
                    ik::CopyFileOptions options;
                    options.sourceFilePath = path;
                    options.destinationPath = destination;
                    return kit.copyFile(options);
                }
                ik::MoveFileOptions options;
                options.sourceFilePath = path;
                options.destinationPath = destination;
                return kit.moveFile(options);
            });
        operation->setMaxInFlight(1);
        QHash<QString, QString> labels;
        for (const QString &path : paths)
            labels.insert(path, name(path));
        operation->setItemLabels(labels);
        return operation;
    }

    static QStringList failedItems(const ikui::Operation *operation)
    {
        QStringList items;
        for (const ikui::OperationFailure &failure : operation->itemFailures())
            items << failure.item;
        return items;
    }

    QStringList filesIn(const QString &folder)
    {
        ik::ListFilesOptions options;
        options.path = folder;
        options.type = QStringLiteral("file");
        ik::ImageKit kit = m_server->imagekit();
        ik::FileListJob *job = kit.listFiles(options);
        QSignalSpy listed(job, &ik::FileListJob::finished);
        QSignalSpy done(job, &ik::ApiJob::done);
        if (!done.wait(WaitMs) || listed.isEmpty())
            return {QStringLiteral("<listing failed>")};
        QStringList names;
        for (const ik::FileItem &file : listed.first().first().value<ik::FileList>().files)
            names << file.name;
        names.sort();
        return names;
    }

    bool rename(const QString &path, const QString &newName)
    {
        ik::RenameFileOptions options;
        options.filePath = path;
        options.newFileName = newName;
        ik::ImageKit kit = m_server->imagekit();
        ik::ApiJob *job = kit.renameFile(options);
        QSignalSpy failed(job, &ik::ApiJob::failed);
        QSignalSpy done(job, &ik::ApiJob::done);
        return done.wait(WaitMs) && failed.isEmpty();
    }

    static QPushButton *button(ikui::ActivityPanel &panel, const char *objectName)
    {
        return panel.findChild<QPushButton *>(QLatin1String(objectName));
    }

private Q_SLOTS:
    void init()
    {
        // A fresh library per test: /a and /b with file-000000.jpg ... file-000005.jpg.
        m_server = std::make_unique<modeltest::ModelTestServer>();
        QString error;
        QVERIFY2(modeltest::fillFolder(m_server->dataDir(), QStringLiteral("/a"), 6, &error), qPrintable(error));
        QVERIFY2(modeltest::fillFolder(m_server->dataDir(), QStringLiteral("/b"), 6, &error), qPrintable(error));
        QVERIFY2(modeltest::createFolders(m_server->dataDir(), {QStringLiteral("/moved"), QStringLiteral("/copied")}, &error),
                 qPrintable(error));
        QVERIFY2(m_server->start(false, &error), qPrintable(error));
    }

    void cleanup()
    {
        m_server.reset();
    }

    void panelIsADockCalledActivity()
    {
        ikui::ActivityPanel panel;
        QCOMPARE(panel.objectName(), QStringLiteral("activityPanel"));
        QCOMPARE(panel.accessibleName(), QStringLiteral("Activity"));
        QCOMPARE(panel.windowTitle(), QStringLiteral("Activity"));
        QCOMPARE(panel.toggleViewAction()->text(), QStringLiteral("Activity"));
        QVERIFY(panel.findChild<QTreeView *>(QStringLiteral("activityView")));
        QCOMPARE(panel.view()->model(), panel.model());
        QCOMPARE(panel.model()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Operation"));
        QCOMPARE(panel.model()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("Progress"));
        QCOMPARE(panel.model()->headerData(2, Qt::Horizontal).toString(), QStringLiteral("Result"));
        for (const char *name : {"activityCancel", "activityRetry", "activityClear"}) {
            QPushButton *b = button(panel, name);
            QVERIFY2(b, name);
            QVERIFY2(!b->isEnabled(), name); // nothing to act on without a manager
        }
    }

    void modelFollowsTheManager()
    {
        setLatency(40);
        ikui::OperationManager manager;
        ikui::OperationListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setManager(&manager);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        ProgressLog log;
        log.watch(&model, this);

        const QStringList paths{QStringLiteral("/a/file-000000.jpg"), QStringLiteral("/a/gone-1.jpg"),
                                QStringLiteral("/a/file-000001.jpg"), QStringLiteral("/a/gone-2.jpg")};
        QVERIFY(manager.start(fileBatch(QStringLiteral("Move 4 files to /moved"), paths, QStringLiteral("/moved"))));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(text(&model, 0, 0), QStringLiteral("Move 4 files to /moved"));
        QCOMPARE(stateOf(&model, 0), State::Running);
        auto *first = qobject_cast<ikui::Operation *>(
            model.index(0, 0).data(ikui::OperationListModel::OperationRole).value<QObject *>());
        QCOMPARE(first, manager.operations().first());

        QTRY_COMPARE_WITH_TIMEOUT(stateOf(&model, 0), State::PartlyFailed, WaitMs);
        // Item by item while it ran, then the full count.
        QCOMPARE(log.texts.value(first->title()),
                 (QStringList{QStringLiteral("0 of 4"), QStringLiteral("1 of 4"), QStringLiteral("2 of 4"),
                              QStringLiteral("3 of 4"), QStringLiteral("4 of 4")}));
        QCOMPARE(log.percents.value(first->title()), (QList<int>{0, 25, 50, 75, 100}));
        QCOMPARE(text(&model, 0, 1), QStringLiteral("4 of 4"));
        QCOMPARE(model.index(0, 1).data(ikui::OperationListModel::ProgressPercentRole).toInt(), 100);
        QCOMPARE(text(&model, 0, 2), QStringLiteral("2 of 4 failed"));
        // The failed items as children, with the server's reason.
        const QModelIndex parent = model.index(0, 0);
        QCOMPARE(model.rowCount(parent), 2);
        QCOMPARE(text(&model, 0, 0, parent), QStringLiteral("gone-1.jpg"));
        QCOMPARE(text(&model, 1, 0, parent), QStringLiteral("gone-2.jpg"));
        QCOMPARE(model.index(1, 0, parent).data(ikui::OperationListModel::FailureItemRole).toString(),
                 QStringLiteral("/a/gone-2.jpg"));
        QVERIFY(model.index(1, 0, parent).data(ikui::OperationListModel::IsFailureRole).toBool());
        QVERIFY2(text(&model, 0, 2, parent).contains(QStringLiteral("/a/gone-1.jpg")), qPrintable(text(&model, 0, 2, parent)));
        QCOMPARE(text(&model, 0, 2, parent), first->itemFailures().at(0).error.message());
        QCOMPARE(first->itemFailures().at(0).error.kind(), ik::ErrorKind::NotFound);
        QCOMPARE(model.operationAt(model.index(1, 2, parent)), first);

        // A retry is a new row; nothing of the first changes.
        QVERIFY(manager.retryFailed(first));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(text(&model, 1, 0), QStringLiteral("Move 4 files to /moved (retry)"));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(&model, 1), State::Failed, WaitMs);
        QCOMPARE(model.rowCount(model.index(1, 0)), 2);
        QCOMPARE(text(&model, 1, 2), QStringLiteral("failed"));
        QCOMPARE(model.rowCount(parent), 2);

        // The history keeps the newest finished ones: trimming removes the oldest row.
        manager.setHistoryLimit(1);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(text(&model, 0, 0), QStringLiteral("Move 4 files to /moved (retry)"));
        manager.clearFinished();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(resets.size(), 0); // every change above was an insert, a removal or dataChanged
    }

    void twoOperationsAtOnceInThePanel()
    {
        setLatency(60);
        ikui::OperationManager manager;
        ikui::ActivityPanel panel;
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.setManager(&manager);
        panel.resize(700, 400);
        panel.show();
        ikui::OperationProgress strip;
        ikui::ActivitySummary summary(&strip);
        summary.setManager(&manager);
        QSignalSpy ended(&summary, &ikui::ActivitySummary::operationEnded);
        ProgressLog log;
        log.watch(panel.model(), this);
        const QAbstractItemModel *model = panel.model();

        const QString moveTitle = QStringLiteral("Move 4 files to /moved");
        const QString copyTitle = QStringLiteral("Copy 5 files to /copied");
        const QStringList movePaths{QStringLiteral("/a/file-000000.jpg"), QStringLiteral("/a/gone-1.jpg"),
                                    QStringLiteral("/a/file-000001.jpg"), QStringLiteral("/a/gone-2.jpg")};
        const QStringList copyPaths{QStringLiteral("/b/file-000000.jpg"), QStringLiteral("/b/file-000001.jpg"),
                                    QStringLiteral("/b/lost-1.jpg"), QStringLiteral("/b/file-000002.jpg"),
                                    QStringLiteral("/b/lost-2.jpg")};
        QVERIFY(manager.start(fileBatch(moveTitle, movePaths, QStringLiteral("/moved"))));
        QVERIFY(manager.start(fileBatch(copyTitle, copyPaths, QStringLiteral("/copied"), true)));
        auto *move = qobject_cast<ikui::BatchOperation *>(manager.operations().at(0));
        auto *copy = qobject_cast<ikui::BatchOperation *>(manager.operations().at(1));
        QVERIFY(move && copy);

        // Both listed and running, the strip sums them up.
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(text(model, 0, 0), moveTitle);
        QCOMPARE(text(model, 1, 0), copyTitle);
        QCOMPARE(stateOf(model, 0), State::Running);
        QCOMPARE(stateOf(model, 1), State::Running);
        QVERIFY(strip.isActive());
        QCOMPARE(strip.title(), QStringLiteral("2 operations running"));
        QCOMPARE(strip.statusText(), moveTitle + QStringLiteral(", ") + copyTitle);

        QTRY_VERIFY_WITH_TIMEOUT(move->isFinished() && copy->isFinished(), WaitMs);
        QVERIFY(!strip.isActive());
        QVERIFY(strip.isHidden());
        // Each showed its progress while the other one was running too.
        QVERIFY2(log.sawOthersRunning.contains(moveTitle), qPrintable(log.texts.value(moveTitle).join(QLatin1Char('|'))));
        QVERIFY2(log.sawOthersRunning.contains(copyTitle), qPrintable(log.texts.value(copyTitle).join(QLatin1Char('|'))));
        QVERIFY(log.texts.value(moveTitle).contains(QStringLiteral("2 of 4")));
        QVERIFY(log.texts.value(copyTitle).contains(QStringLiteral("3 of 5")));

        // Each one's failures below it, with the server's reason, and expanded.
        QCOMPARE(move->state(), State::PartlyFailed);
        QCOMPARE(copy->state(), State::PartlyFailed);
        QCOMPARE(text(model, 0, 2), QStringLiteral("2 of 4 failed"));
        QCOMPARE(text(model, 1, 2), QStringLiteral("2 of 5 failed"));
        const QModelIndex moveRow = model->index(0, 0);
        const QModelIndex copyRow = model->index(1, 0);
        QCOMPARE(model->rowCount(moveRow), 2);
        QCOMPARE(model->rowCount(copyRow), 2);
        QVERIFY(panel.view()->isExpanded(moveRow));
        QVERIFY(panel.view()->isExpanded(copyRow));
        const QStringList expectedFailed[] = {{QStringLiteral("/a/gone-1.jpg"), QStringLiteral("/a/gone-2.jpg")},
                                              {QStringLiteral("/b/lost-1.jpg"), QStringLiteral("/b/lost-2.jpg")}};
        for (int row = 0; row < 2; ++row) {
            const QModelIndex parent = model->index(row, 0);
            const ikui::Operation *operation = panel.model()->operationAt(parent);
            QCOMPARE(failedItems(operation), expectedFailed[row]);
            for (int i = 0; i < 2; ++i) {
                const QString item = expectedFailed[row].at(i);
                QCOMPARE(text(model, i, 0, parent), name(item));
                const QString reason = text(model, i, 2, parent);
                QVERIFY2(reason.contains(item), qPrintable(reason)); // the server names the missing path
                QCOMPARE(reason, operation->itemFailures().at(i).error.message());
                QCOMPARE(operation->itemFailures().at(i).error.metadata().httpStatus, 404);
            }
        }
        // The summary announced both; its last message is the one that ended last.
        QCOMPARE(ended.size(), 2);
        const auto *endedLast = qvariant_cast<ikui::Operation *>(ended.last().first());
        QVERIFY(endedLast == move || endedLast == copy);
        QCOMPARE(summary.lastMessage(), endedLast->title() + QStringLiteral(": ") + endedLast->resultText());
        QCOMPARE(filesIn(QStringLiteral("/moved")), (QStringList{QStringLiteral("file-000000.jpg"), QStringLiteral("file-000001.jpg")}));
        QCOMPARE(filesIn(QStringLiteral("/copied")),
                 (QStringList{QStringLiteral("file-000000.jpg"), QStringLiteral("file-000001.jpg"), QStringLiteral("file-000002.jpg")}));

        // Retry Failed on the move, after one of its missing files has appeared: a new operation
        // for exactly the two failed items, of which one now succeeds.
        QVERIFY(rename(QStringLiteral("/a/file-000005.jpg"), QStringLiteral("gone-1.jpg")));
        QPushButton *retry = button(panel, "activityRetry");
        QPushButton *cancel = button(panel, "activityCancel");
        panel.selectOperation(move);
        QCOMPARE(panel.selectedOperation(), move);
        QVERIFY(retry->isEnabled());
        QVERIFY(!cancel->isEnabled());
        QTest::mouseClick(retry, Qt::LeftButton);
        QVERIFY2(panel.message().isEmpty(), qPrintable(panel.message()));
        QCOMPARE(model->rowCount(), 3);
        auto *moveRetry = qobject_cast<ikui::BatchOperation *>(manager.operations().at(2));
        QVERIFY(moveRetry);
        QCOMPARE(panel.selectedOperation(), moveRetry); // the panel follows the retry
        QVERIFY(cancel->isEnabled());
        QVERIFY(!retry->isEnabled());
        QCOMPARE(moveRetry->title(), moveTitle + QStringLiteral(" (retry)"));
        QCOMPARE(moveRetry->itemTotal(), 2);
        QCOMPARE(text(model, 2, 1), QStringLiteral("0 of 2"));
        QTRY_VERIFY_WITH_TIMEOUT(moveRetry->isFinished(), WaitMs);
        QCOMPARE(moveRetry->succeeded(), QStringList{QStringLiteral("/a/gone-1.jpg")});
        QCOMPARE(failedItems(moveRetry), QStringList{QStringLiteral("/a/gone-2.jpg")});
        QCOMPARE(model->rowCount(model->index(2, 0)), 1);
        QCOMPARE(summary.lastMessage(), moveTitle + QStringLiteral(" (retry): 1 of 2 failed"));
        QVERIFY(filesIn(QStringLiteral("/moved")).contains(QStringLiteral("gone-1.jpg")));

        // And on the copy: again exactly its two failed items (still missing).
        panel.view()->setCurrentIndex(model->index(1, 0, model->index(1, 0))); // a failure row selects its operation
        QCOMPARE(panel.selectedOperation(), copy);
        QVERIFY(retry->isEnabled());
        QTest::mouseClick(retry, Qt::LeftButton);
        QCOMPARE(model->rowCount(), 4);
        auto *copyRetry = qobject_cast<ikui::BatchOperation *>(manager.operations().at(3));
        QVERIFY(copyRetry);
        QCOMPARE(copyRetry->itemTotal(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(copyRetry->isFinished(), WaitMs);
        QCOMPARE(copyRetry->state(), State::Failed);
        QCOMPARE(failedItems(copyRetry), expectedFailed[1]);
        QCOMPARE(model->rowCount(model->index(3, 0)), 2);
        QCOMPARE(text(model, 3, 2), QStringLiteral("failed"));
        QCOMPARE(summary.lastMessage(), copyTitle + QStringLiteral(" (retry): failed"));
        // The originals are untouched by their retries.
        QCOMPARE(model->rowCount(moveRow), 2);
        QCOMPARE(model->rowCount(copyRow), 2);

        // Clear Finished empties the history.
        QPushButton *clear = button(panel, "activityClear");
        QVERIFY(clear->isEnabled());
        QTest::mouseClick(clear, Qt::LeftButton);
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(manager.operations().isEmpty());
        QVERIFY(!clear->isEnabled());
        QVERIFY(!retry->isEnabled());
        QVERIFY(!cancel->isEnabled());
    }

    void panelCancelsTheSelectedOperation()
    {
        setLatency(80);
        ikui::OperationManager manager;
        ikui::ActivityPanel panel;
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.setManager(&manager);
        const QStringList first{QStringLiteral("/a/file-000000.jpg"), QStringLiteral("/a/file-000001.jpg")};
        QStringList second;
        for (int i = 0; i < 6; ++i)
            second << QStringLiteral("/b/file-%1.jpg").arg(i, 6, 10, QLatin1Char('0'));
        QVERIFY(manager.start(fileBatch(QStringLiteral("Move 2 files"), first, QStringLiteral("/moved"))));
        QVERIFY(manager.start(fileBatch(QStringLiteral("Copy 6 files"), second, QStringLiteral("/copied"), true)));
        ikui::Operation *moving = manager.operations().at(0);
        ikui::Operation *copying = manager.operations().at(1);

        QPushButton *cancel = button(panel, "activityCancel");
        QPushButton *retry = button(panel, "activityRetry");
        QVERIFY(!cancel->isEnabled()); // nothing selected
        panel.selectOperation(copying);
        QVERIFY(cancel->isEnabled());
        QVERIFY(!retry->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(copying->isCancelled());
        QVERIFY(!cancel->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(copying->state(), State::Cancelled, WaitMs);
        QVERIFY(copying->itemsDone() < 6);
        QVERIFY(text(panel.model(), 1, 2).startsWith(QStringLiteral("cancelled")));
        // The other one goes on to the end.
        QTRY_COMPARE_WITH_TIMEOUT(moving->state(), State::Succeeded, WaitMs);
        QCOMPARE(text(panel.model(), 0, 2), QStringLiteral("done"));
        QVERIFY(!cancel->isEnabled());
        QVERIFY(!retry->isEnabled()); // cancelled, nothing failed
    }

    void panelShowsTheRefusal()
    {
        setLatency(80);
        ikui::OperationManager manager;
        ikui::ActivityPanel panel;
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.setManager(&manager);
        auto *message = panel.findChild<QLabel *>(QStringLiteral("activityMessage"));
        QVERIFY(message);
        QVERIFY(message->isHidden());

        QVERIFY(manager.start(fileBatch(QStringLiteral("Move 2 files"),
                                        {QStringLiteral("/a/gone-1.jpg"), QStringLiteral("/a/file-000000.jpg")},
                                        QStringLiteral("/moved"))));
        ikui::Operation *first = manager.operations().at(0);
        QTRY_COMPARE_WITH_TIMEOUT(first->state(), State::PartlyFailed, WaitMs);

        // Something else now works on the failed item: retrying it must wait.
        const QString busyTitle = QStringLiteral("Move 3 files");
        QVERIFY(manager.start(fileBatch(busyTitle,
                                        {QStringLiteral("/a/file-000001.jpg"), QStringLiteral("/a/file-000002.jpg"),
                                         QStringLiteral("/a/gone-1.jpg")},
                                        QStringLiteral("/moved"))));
        ikui::Operation *busy = manager.operations().at(1);
        const QString expected = manager.conflictFor(QStringLiteral("Move 2 files (retry)"), {QStringLiteral("/a/gone-1.jpg")},
                                                     ikui::Operation::Effect::Changes);
        QVERIFY(expected.contains(busyTitle));
        QSignalSpy messages(&panel, &ikui::ActivityPanel::messageChanged);
        panel.selectOperation(first);
        QTest::mouseClick(button(panel, "activityRetry"), Qt::LeftButton);
        QCOMPARE(panel.message(), expected);
        QCOMPARE(message->text(), expected);
        QVERIFY(message->isVisibleTo(&panel));
        QCOMPARE(messages.size(), 1);
        QCOMPARE(panel.model()->rowCount(), 2); // refused: nothing was added

        // What the main window does with a refusal of an action started elsewhere.
        QString why;
        QVERIFY(!manager.start(fileBatch(QStringLiteral("Move 1 file"), {QStringLiteral("/a/file-000002.jpg")},
                                         QStringLiteral("/moved")),
                               &why));
        QVERIFY(why.contains(busyTitle));
        panel.showMessage(why);
        QCOMPARE(message->text(), why);
        QCOMPARE(panel.model()->rowCount(), 2);

        // Once the conflicting one is done, the retry starts and the refusal goes away.
        QTRY_VERIFY_WITH_TIMEOUT(busy->isFinished(), WaitMs);
        panel.selectOperation(first);
        QTest::mouseClick(button(panel, "activityRetry"), Qt::LeftButton);
        QCOMPARE(panel.model()->rowCount(), 3);
        QVERIFY(panel.message().isEmpty());
        QVERIFY(message->isHidden());
        QTRY_VERIFY_WITH_TIMEOUT(manager.runningCount() == 0, WaitMs);
    }

    void summaryFollowsRunningOperations()
    {
        setLatency(60);
        ikui::OperationManager manager;
        ikui::OperationProgress strip;
        ikui::ActivitySummary summary(&strip);
        summary.setManager(&manager);
        QSignalSpy ended(&summary, &ikui::ActivitySummary::operationEnded);
        QVERIFY(!strip.isActive());
        QVERIFY(strip.isHidden());
        QVERIFY(summary.lastMessage().isEmpty());

        // A long one and a short one, so they end well apart.
        const QString firstTitle = QStringLiteral("Move 5 files");
        QStringList paths;
        for (int i = 0; i < 5; ++i)
            paths << QStringLiteral("/a/file-%1.jpg").arg(i, 6, 10, QLatin1Char('0'));
        QVERIFY(manager.start(fileBatch(firstTitle, paths, QStringLiteral("/moved"))));
        ikui::Operation *first = manager.operations().at(0);
        QVERIFY(strip.isActive());
        QCOMPARE(strip.title(), firstTitle);
        QCOMPARE(strip.statusText(), QStringLiteral("0 of 5"));
        auto *bar = strip.findChild<QProgressBar *>();
        QVERIFY(bar);
        QCOMPARE(bar->maximum(), 5);
        QSignalSpy progressed(first, &ikui::Operation::progress);
        QVERIFY(progressed.wait(WaitMs));
        QCOMPARE(first->itemsDone(), 1);
        QCOMPARE(strip.statusText(), QStringLiteral("1 of 5"));
        QCOMPARE(bar->value(), 1);

        // A second one: the strip counts them and adds their items up.
        const QString secondTitle = QStringLiteral("Copy 1 file");
        QVERIFY(manager.start(fileBatch(secondTitle, {QStringLiteral("/b/file-000000.jpg")}, QStringLiteral("/copied"), true)));
        ikui::Operation *second = manager.operations().at(1);
        QCOMPARE(strip.title(), QStringLiteral("2 operations running"));
        QCOMPARE(strip.statusText(), firstTitle + QStringLiteral(", ") + secondTitle);
        QCOMPARE(bar->maximum(), 6);
        QCOMPARE(bar->value(), first->itemsDone() + second->itemsDone());

        // Whichever ends first, the strip goes back to the other one, then away.
        QVERIFY(ended.wait(WaitMs));
        QCOMPARE(ended.size(), 1);
        ikui::Operation *endedFirst = qvariant_cast<ikui::Operation *>(ended.first().first());
        ikui::Operation *stillRunning = endedFirst == first ? second : first;
        QCOMPARE(summary.lastMessage(), endedFirst->title() + QStringLiteral(": done"));
        QCOMPARE(manager.runningCount(), 1);
        QCOMPARE(strip.title(), stillRunning->title());
        QTRY_COMPARE_WITH_TIMEOUT(manager.runningCount(), 0, WaitMs);
        QVERIFY(!strip.isActive());
        QVERIFY(strip.isHidden());
        QCOMPARE(ended.size(), 2);
        QCOMPARE(qvariant_cast<ikui::Operation *>(ended.at(1).first()), stillRunning);
        QCOMPARE(summary.lastMessage(), stillRunning->title() + QStringLiteral(": done"));
    }

    void summaryShowsABusyFolderJob()
    {
        ikui::OperationManager manager;
        ikui::OperationProgress strip;
        ikui::ActivitySummary summary(&strip);
        summary.setManager(&manager);
        ik::ImageKit kit = m_server->imagekit();
        auto *watcher = new ikui::FolderJobWatcher(kit, QStringLiteral("Copy folder /a to /copied"));
        watcher->setPollInterval(50);
        watcher->setStartJob([kit]() mutable {
            ik::CopyFolderOptions options;
            options.sourceFolderPath = QStringLiteral("/a");
            options.destinationPath = QStringLiteral("/copied");
            return kit.copyFolder(options);
        });
        QVERIFY(manager.start(watcher));
        QCOMPARE(strip.title(), QStringLiteral("Copy folder /a to /copied"));
        auto *bar = strip.findChild<QProgressBar *>();
        QCOMPARE(bar->maximum(), 0); // no item count: Qt's busy indicator
        // The server's job status as it is polled ("Pending (started)", "Pending (check 1)" ...).
        QSignalSpy status(watcher, &ikui::StatusPoller::statusChanged);
        QVERIFY(status.wait(WaitMs));
        QVERIFY2(strip.statusText().startsWith(QStringLiteral("Pending")), qPrintable(strip.statusText()));
        QCOMPARE(strip.statusText(), watcher->statusText());
        QCOMPARE(bar->maximum(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(watcher->isFinished(), WaitMs);
        QCOMPARE(watcher->state(), State::Succeeded);
        QVERIFY(!strip.isActive());
        QCOMPARE(summary.lastMessage(), QStringLiteral("Copy folder /a to /copied: done"));
    }

    void summaryCancelsTheOnlyRunningOperation()
    {
        setLatency(80);
        ikui::OperationManager manager;
        ikui::OperationProgress strip;
        ikui::ActivitySummary summary(&strip);
        summary.setManager(&manager);
        QSignalSpy showActivity(&summary, &ikui::ActivitySummary::showActivityRequested);
        auto *cancel = strip.findChild<QToolButton *>(QStringLiteral("operationCancel"));
        QVERIFY(cancel);

        QStringList paths;
        for (int i = 0; i < 6; ++i)
            paths << QStringLiteral("/a/file-%1.jpg").arg(i, 6, 10, QLatin1Char('0'));
        QVERIFY(manager.start(fileBatch(QStringLiteral("Move 6 files"), paths, QStringLiteral("/moved"))));
        ikui::Operation *moving = manager.operations().at(0);
        QVERIFY(manager.start(fileBatch(QStringLiteral("Copy 1 file"), {QStringLiteral("/b/file-000000.jpg")},
                                        QStringLiteral("/copied"), true)));
        ikui::Operation *copying = manager.operations().at(1);

        // Two running: Cancel asks for the panel and cancels nothing.
        QCOMPARE(strip.title(), QStringLiteral("2 operations running"));
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(showActivity.size(), 1);
        QVERIFY(!moving->isCancelled());
        QVERIFY(!copying->isCancelled());

        // One running: Cancel cancels it.
        QSignalSpy copied(copying, &ikui::Operation::finished);
        QVERIFY(copied.wait(WaitMs));
        QCOMPARE(strip.title(), QStringLiteral("Move 6 files"));
        QVERIFY(moving->isRunning());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(moving->isCancelled());
        QCOMPARE(showActivity.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(moving->state(), State::Cancelled, WaitMs);
        QVERIFY(!strip.isActive());
        QVERIFY(moving->itemsDone() < 6);
        QCOMPARE(summary.lastMessage(), QStringLiteral("Move 6 files: cancelled after %1 of 6").arg(moving->itemsDone()));
    }

    void managerGoneEmptiesThePanel()
    {
        setLatency(80);
        auto manager = std::make_unique<ikui::OperationManager>();
        ikui::ActivityPanel panel;
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.setManager(manager.get());
        ikui::OperationProgress strip;
        ikui::ActivitySummary summary(&strip);
        summary.setManager(manager.get());
        QVERIFY(manager->start(fileBatch(QStringLiteral("Move 2 files"),
                                         {QStringLiteral("/a/file-000000.jpg"), QStringLiteral("/a/gone-1.jpg")},
                                         QStringLiteral("/moved"))));
        QTRY_VERIFY_WITH_TIMEOUT(manager->operations().first()->isFinished(), WaitMs);
        QVERIFY(manager->start(fileBatch(QStringLiteral("Copy 3 files"),
                                         {QStringLiteral("/b/file-000000.jpg"), QStringLiteral("/b/file-000001.jpg"),
                                          QStringLiteral("/b/file-000002.jpg")},
                                         QStringLiteral("/copied"), true)));
        QCOMPARE(panel.model()->rowCount(), 2);
        QVERIFY(strip.isActive());
        panel.selectOperation(manager->operations().at(1));
        QVERIFY(button(panel, "activityCancel")->isEnabled());

        // The account is switched: its session deletes the manager with an operation running.
        manager.reset();
        QCOMPARE(panel.model()->rowCount(), 0);
        QCOMPARE(panel.manager(), nullptr);
        QVERIFY(!strip.isActive());
        QCOMPARE(summary.manager(), nullptr);
        for (const char *name : {"activityCancel", "activityRetry", "activityClear"})
            QVERIFY2(!button(panel, name)->isEnabled(), name);

        // setManager(nullptr) empties it too.
        ikui::OperationManager next;
        panel.setManager(&next);
        summary.setManager(&next);
        QVERIFY(next.start(fileBatch(QStringLiteral("Move 1 file"), {QStringLiteral("/a/file-000001.jpg")},
                                     QStringLiteral("/moved"))));
        QCOMPARE(panel.model()->rowCount(), 1);
        QVERIFY(strip.isActive());
        panel.setManager(nullptr);
        summary.setManager(nullptr);
        QCOMPARE(panel.model()->rowCount(), 0);
        QVERIFY(!strip.isActive());
        QTRY_VERIFY_WITH_TIMEOUT(next.runningCount() == 0, WaitMs);
        QCOMPARE(panel.model()->rowCount(), 0); // no longer observed
    }

    void byteProgressWhereKnown()
    {
        ikui::OperationManager manager;
        ikui::OperationListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setManager(&manager);
        auto *transfer = new ManualTransfer(QStringLiteral("Download 10 files"));
        QVERIFY(manager.start(transfer));
        QCOMPARE(model.index(0, 1).data(ikui::OperationListModel::ProgressPercentRole).toInt(), -1); // busy
        QCOMPARE(text(&model, 0, 1), QString());
        const qint64 MiB = 1024 * 1024;
        transfer->report(3, 10, 12 * MiB, 40 * MiB);
        const QLocale locale;
        QCOMPARE(text(&model, 0, 1), QStringLiteral("3 of 10, %1 of %2")
                                         .arg(locale.formattedDataSize(12 * MiB, 1), locale.formattedDataSize(40 * MiB, 1)));
        if (locale.name() == QLatin1String("C") || locale.name().startsWith(QLatin1String("en")))
            QCOMPARE(text(&model, 0, 1), QStringLiteral("3 of 10, 12.0 MiB of 40.0 MiB"));
        QCOMPARE(model.index(0, 1).data(ikui::OperationListModel::ProgressPercentRole).toInt(), 30); // the bytes
        transfer->report(3, 10, -1, -1);
        QCOMPARE(model.index(0, 1).data(ikui::OperationListModel::ProgressPercentRole).toInt(), 30); // the items
        QCOMPARE(text(&model, 0, 1), QStringLiteral("3 of 10"));
        transfer->complete();
        QCOMPARE(stateOf(&model, 0), State::Succeeded);
    }

    void delegateDrawsTheBarAsFarAsTheProgress()
    {
        ikui::OperationManager manager;
        ikui::OperationListModel model;
        model.setManager(&manager);
        auto *transfer = new ManualTransfer(QStringLiteral("Download"));
        QVERIFY(manager.start(transfer));
        QTreeView view;
        view.setModel(&model);
        ikui::ProgressBarDelegate delegate;
        const QModelIndex cell = model.index(0, ikui::OperationListModel::ProgressColumn);
        const auto render = [&](int done) {
            transfer->report(done, 100, -1, -1);
            QImage image(200, 24, QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::white);
            QPainter painter(&image);
            QStyleOptionViewItem option;
            option.initFrom(&view);
            option.rect = image.rect();
            option.state |= QStyle::State_Enabled;
            delegate.paint(&painter, option, cell);
            painter.end();
            return image;
        };
        const auto differing = [](const QImage &a, const QImage &b) {
            int count = 0;
            for (int y = 0; y < a.height(); ++y) {
                for (int x = 0; x < a.width(); ++x)
                    count += a.pixel(x, y) != b.pixel(x, y) ? 1 : 0;
            }
            return count;
        };
        const QImage empty = render(0);
        const QImage quarter = render(25);
        const QImage most = render(75);
        QVERIFY(differing(empty, quarter) > 0);
        QVERIFY2(differing(empty, most) > differing(empty, quarter),
                 qPrintable(QStringLiteral("%1 vs %2").arg(differing(empty, most)).arg(differing(empty, quarter))));
        // A finished operation is plain text, no bar.
        transfer->complete();
        QImage plain(200, 24, QImage::Format_ARGB32_Premultiplied);
        plain.fill(Qt::white);
        QPainter painter(&plain);
        QStyleOptionViewItem option;
        option.initFrom(&view);
        option.rect = plain.rect();
        delegate.paint(&painter, option, cell);
        painter.end();
        QVERIFY(differing(plain, most) > 0);
    }
};

QTEST_MAIN(TestActivity)
#include "tst_activity.moc"
