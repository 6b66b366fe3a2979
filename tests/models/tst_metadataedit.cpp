// The metadata editing engine against an in-process emulator over loopback HTTP: tags added to 120
// selected files in three requests, the selection's "n of m" state, undo removing a tag only from
// the files that lacked it, redo, a 207 that fails exactly the file the server named, and a cancel
// half-way that reports exactly the files that got the change.
#include "editing/edithistory.h"
#include "editing/metadataeditoperation.h"
#include "editing/metadataselection.h"
#include "editing/tagrequestplan.h"
#include "operations/operationmanager.h"
#include "session/filestore.h"

#include "modeltestserver.h"

#include "api/jobs/filelistjob.h"
#include "api/jobs/tagsjob.h"

#include <QSignalSpy>
#include <QTest>

using ikui::EditHistory;
using ikui::FileStore;
using ikui::MetadataChange;
using ikui::MetadataEditOperation;
using ikui::MetadataSelection;
using ikui::Operation;

namespace {

constexpr int WaitMs = 30000;
const QString Folder = QStringLiteral("/tagging");

} // namespace

class TestMetadataEdit : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<modeltest::ModelTestServer> m_server;
    std::unique_ptr<FileStore> m_store;
    std::unique_ptr<ikui::OperationManager> m_operations;
    std::unique_ptr<EditHistory> m_history;
    QStringList m_ids;

    // Every file of the folder as the server has it now, by id.
    QHash<QString, ik::FileItem> serverFiles()
    {
        ik::ListFilesOptions options;
        options.path = Folder;
        options.type = QStringLiteral("file");
        options.limit = 1000;
        ik::ImageKit kit = m_server->imagekit();
        ik::FileListJob *job = kit.listFiles(options);
        QSignalSpy listed(job, &ik::FileListJob::finished);
        QSignalSpy done(job, &ik::ApiJob::done);
        QHash<QString, ik::FileItem> files;
        if (!done.wait(WaitMs) || listed.isEmpty())
            return files;
        for (const ik::FileItem &file : listed.first().first().value<ik::FileList>().files)
            files.insert(file.fileId, file);
        return files;
    }

    int serverCountWithTag(const QString &tag)
    {
        int count = 0;
        for (const ik::FileItem &file : serverFiles())
            count += file.tags.contains(tag) ? 1 : 0;
        return count;
    }

    bool waitFor(Operation *operation)
    {
        if (!operation)
            return false;
        QSignalSpy finished(operation, &Operation::finished);
        return operation->isFinished() || finished.wait(WaitMs);
    }

    MetadataEditOperation *addTag(const QStringList &ids, const QString &tag)
    {
        MetadataSelection selection(m_store.get());
        selection.setFiles(ids);
        MetadataChange change;
        change.addTags = {tag};
        QString why;
        MetadataEditOperation *operation = m_history->apply(selection.states(), change, &why);
        if (!operation)
            qWarning() << "refused:" << why;
        return operation;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<modeltest::ModelTestServer>();
        QString error;
        QVERIFY2(modeltest::fillFolder(m_server->dataDir(), Folder, 120, &error), qPrintable(error));
        QVERIFY2(m_server->start(false, &error), qPrintable(error));
        m_store = std::make_unique<FileStore>();
        m_operations = std::make_unique<ikui::OperationManager>();
        m_history = std::make_unique<EditHistory>(m_server->imagekit(), m_store.get(), m_operations.get());
        const QHash<QString, ik::FileItem> files = serverFiles();
        QCOMPARE(files.size(), 120);
        m_store->putFiles(files.values());
        m_ids = files.keys();
        std::sort(m_ids.begin(), m_ids.end());
    }

    void planSplitsFilesAndTagCharacters()
    {
        QList<ikui::FileMetadataDiff> diffs;
        for (int i = 0; i < 120; ++i) {
            ikui::FileMetadataDiff diff;
            diff.fileId = QStringLiteral("f%1").arg(i);
            diff.addTags = {QString(300, QLatin1Char('a')), QString(300, QLatin1Char('b'))};
            diffs << diff;
        }
        const QList<ikui::TagRequest> requests = ikui::TagRequest::plan(diffs);
        QCOMPARE(requests.size(), 6); // 3 batches of <= 50 files x 2 lists of <= 500 characters
        for (const ikui::TagRequest &request : requests) {
            QVERIFY(request.fileIds.size() <= ikui::TagRequest::MaxFiles);
            qsizetype length = 0;
            for (const QString &tag : request.tags)
                length += tag.size();
            QVERIFY(length <= ikui::TagRequest::MaxTagCharacters);
        }
    }

    void addTagToAHundredAndTwentyFilesInThreeRequests()
    {
        MetadataEditOperation *operation = addTag(m_ids, QStringLiteral("summer"));
        QVERIFY(waitFor(operation));
        QCOMPARE(operation->state(), Operation::State::Succeeded);
        QCOMPARE(operation->requestCount(), 3);
        QCOMPARE(serverCountWithTag(QStringLiteral("summer")), 120);
        // The store has it without a refresh.
        MetadataSelection selection(m_store.get());
        selection.setFiles(m_ids);
        QCOMPARE(selection.tagCount(QStringLiteral("summer")), 120);
    }

    void undoRemovesATagOnlyWhereItWasAdded()
    {
        // 20 files have "sale" first; adding it to all 120 touches 100; undo takes it from those.
        const QStringList first20 = m_ids.mid(0, 20);
        QVERIFY(waitFor(addTag(first20, QStringLiteral("sale"))));
        MetadataSelection selection(m_store.get());
        selection.setFiles(m_ids);
        QCOMPARE(selection.tagCount(QStringLiteral("sale")), 20);

        MetadataEditOperation *toAll = addTag(m_ids, QStringLiteral("sale"));
        QVERIFY(waitFor(toAll));
        QCOMPARE(toAll->diffs().size(), 100);
        QCOMPARE(serverCountWithTag(QStringLiteral("sale")), 120);
        QCOMPARE(selection.tagCount(QStringLiteral("sale")), 120);

        QVERIFY(m_history->canUndo());
        QString why;
        MetadataEditOperation *undo = m_history->undo(&why);
        QVERIFY2(undo, qPrintable(why));
        QVERIFY(waitFor(undo));
        QCOMPARE(undo->state(), Operation::State::Succeeded);
        const QHash<QString, ik::FileItem> files = serverFiles();
        for (const QString &id : m_ids)
            QCOMPARE(files.value(id).tags.contains(QStringLiteral("sale")), first20.contains(id));
        QCOMPARE(selection.tagCount(QStringLiteral("sale")), 20);

        QVERIFY(m_history->canRedo());
        MetadataEditOperation *redo = m_history->redo(&why);
        QVERIFY2(redo, qPrintable(why));
        QVERIFY(waitFor(redo));
        QCOMPARE(serverCountWithTag(QStringLiteral("sale")), 120);
        QCOMPARE(selection.tagCount(QStringLiteral("sale")), 120);
    }

    void partialSuccessFailsExactlyTheNamedFile()
    {
        // One file's tags nearly fill the 500 characters a file may carry: adding more fails there only.
        const QString crowded = m_ids.at(50);
        ik::ImageKit kit = m_server->imagekit();
        ik::TagsJob *fill = kit.addTags({crowded}, {QString(420, QLatin1Char('x'))});
        QSignalSpy filled(fill, &ik::ApiJob::done);
        QSignalSpy fillFailed(fill, &ik::ApiJob::failed);
        QVERIFY(filled.wait(WaitMs));
        QVERIFY2(fillFailed.isEmpty(), qPrintable(fillFailed.isEmpty() ? QString() : fillFailed.first().first().value<ik::ApiError>().message()));
        QVERIFY(serverFiles().value(crowded).tags.contains(QString(420, QLatin1Char('x'))));
        const QString longTag = QStringLiteral("a-long-tag-") + QString(90, QLatin1Char('t'));
        const QStringList three = {m_ids.at(49), crowded, m_ids.at(51)};
        MetadataEditOperation *operation = addTag(three, longTag);
        QVERIFY(waitFor(operation));
        QCOMPARE(operation->state(), Operation::State::PartlyFailed);
        QCOMPARE(operation->itemFailures().size(), 1);
        QCOMPARE(operation->itemFailures().first().item, crowded);
        QVERIFY2(operation->itemFailures().first().error.message().contains(QStringLiteral("500")),
                 qPrintable(operation->itemFailures().first().error.message()));
        QCOMPARE(operation->appliedFileIds().size(), 2);
        QVERIFY(!operation->appliedFileIds().contains(crowded));
        QVERIFY(m_store->entry(m_ids.at(49))->tags.contains(longTag));
        QVERIFY(!m_store->entry(crowded)->tags.contains(longTag));
        // A retry sends exactly the failed file (it fails again for the same reason).
        std::unique_ptr<Operation> retry(operation->createRetry());
        QVERIFY(retry);
        QCOMPARE(retry->subjects(), QStringList{crowded});
    }

    void cancelHalfWayReportsExactlyWhatWasApplied()
    {
        ikemu::FaultSettings faults;
        faults.latencyMs = 15;
        m_server->server().setFaultSettings(faults);
        MetadataSelection selection(m_store.get());
        selection.setFiles(m_ids);
        MetadataChange change;
        change.description = QStringLiteral("Cancelled half-way");
        QString why;
        MetadataEditOperation *operation = m_history->apply(selection.states(), change, &why);
        QVERIFY2(operation, qPrintable(why));
        QTRY_VERIFY_WITH_TIMEOUT(operation->itemsDone() >= 12, WaitMs);
        operation->cancel();
        QVERIFY(waitFor(operation));
        m_server->server().setFaultSettings({});
        QCOMPARE(operation->state(), Operation::State::Cancelled);
        QSet<QString> onServer;
        const QHash<QString, ik::FileItem> files = serverFiles();
        for (const ik::FileItem &file : files) {
            if (file.description == QLatin1String("Cancelled half-way"))
                onServer.insert(file.fileId);
        }
        const QStringList applied = operation->appliedFileIds();
        QCOMPARE(QSet<QString>(applied.cbegin(), applied.cend()), onServer);
        QVERIFY(onServer.size() >= 12 && onServer.size() < 120);
        QVERIFY2(operation->resultText().contains(QString::number(onServer.size())), qPrintable(operation->resultText()));
        // Undo covers what was applied.
        MetadataEditOperation *undo = m_history->undo(&why);
        QVERIFY2(undo, qPrintable(why));
        QVERIFY(waitFor(undo));
        for (const ik::FileItem &file : serverFiles())
            QVERIFY(file.description != QLatin1String("Cancelled half-way"));
    }
};

QTEST_GUILESS_MAIN(TestMetadataEdit)
#include "tst_metadataedit.moc"
