// PastedFileStore: pasted images saved under their own folder, released when their upload ends,
// and the sweep of the ones a crash orphaned, weighed against a real UploadQueue's items.
#include "uploads/pastedfilestore.h"

#include "uploadqueue/uploadqueue.h"
#include "uploadqueue/uploadqueuemodel.h"
#include "uploadqueue/uploadstore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using ikui::PastedFileStore;

class TestPastedFileStore : public QObject
{
    Q_OBJECT

private:
    static constexpr qint64 Day = PastedFileStore::DefaultOrphanAgeMs;

    static QImage image()
    {
        QImage result(16, 12, QImage::Format_RGB32);
        result.fill(Qt::darkCyan);
        return result;
    }

    static QString folderOf(const QString &path) { return QFileInfo(path).absolutePath(); }

    static bool setModified(const QString &path, const QDateTime &when)
    {
        QFile file(path);
        return file.open(QIODevice::ReadWrite) && file.setFileTime(when, QFileDevice::FileModificationTime);
    }

private Q_SLOTS:
    void savesReleasesAndOwnsOnlyItsFiles()
    {
        QTemporaryDir dir;
        PastedFileStore store(dir.filePath(QStringLiteral("pasted/demo")));
        QString error;
        QVERIFY(store.saveImage(QImage(), &error).isEmpty());
        QVERIFY(error.contains(QLatin1String("empty")));
        const QString path = store.saveImage(image(), &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        QVERIFY(QImage(path).size() == QSize(16, 12));
        QVERIFY(store.owns(path));
        QVERIFY(store.hasFiles());
        QVERIFY(!store.owns(dir.filePath(QStringLiteral("pasted/demo/x.png"))));
        QVERIFY(!store.owns(dir.filePath(QStringLiteral("other/a/x.png"))));
        store.release(dir.filePath(QStringLiteral("other/a/x.png"))); // not ours: ignored
        store.release(path);
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFileInfo::exists(folderOf(path)));
        QVERIFY(!store.hasFiles());
    }

    void theSweepDeletesOnlyOldFilesNoItemNeeds()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        PastedFileStore store(dir.filePath(QStringLiteral("pasted/demo")));
        QString error;
        const QString queued = store.saveImage(image(), &error);     // an item still to upload
        const QString failed = store.saveImage(image(), &error);     // a Failed item (retry needs it)
        const QString cancelled = store.saveImage(image(), &error);  // its item was cancelled
        const QString orphan = store.saveImage(image(), &error);     // no item (sheet open at the crash)
        const QString young = store.saveImage(image(), &error);      // no item, but pasted an hour ago
        for (const QString &path : {queued, failed, cancelled, orphan, young})
            QVERIFY2(!path.isEmpty(), qPrintable(error));
        // A crash in the middle of saving: an empty pasted folder.
        const QString emptyFolder = store.directory() + QStringLiteral("/0b7c1f48-7d1e-4f6e-9d0c-3a5f2d7e9b11");
        QVERIFY(QDir().mkpath(emptyFolder));
        // Not made by saveImage(): never touched.
        const QString foreign = store.directory() + QStringLiteral("/keep-me/notes.txt");
        QVERIFY(QDir().mkpath(folderOf(foreign)));
        QFile foreignFile(foreign);
        QVERIFY(foreignFile.open(QIODevice::WriteOnly) && foreignFile.write("mine") == 4);
        foreignFile.close();

        ikui::UploadQueue queue(nullptr, dir.filePath(QStringLiteral("demo.sqlite")));
        QVERIFY2(queue.open(&error), qPrintable(error));
        QVERIFY(queue.addBatch({{queued, QStringLiteral("/p")}, {failed, QStringLiteral("/p")}, {cancelled, QStringLiteral("/p")}},
                               ikui::UploadBatchOptions(), &error) > 0);
        queue.cancel(queue.model()->itemIdAt(2));
        QCOMPARE(queue.state(queue.model()->itemIdAt(2)), ikui::UploadState::Cancelled);
        {
            // Failed (as after its last attempt): a retry still needs the file.
            ikui::UploadStore side(queue.databasePath());
            QVERIFY2(side.open(&error), qPrintable(error));
            QVERIFY(side.setState(queue.model()->itemIdAt(1), ikui::UploadState::Failed, QStringLiteral("server said no"), false));
        }

        const QDateTime now = QDateTime::currentDateTime();
        const QDateTime twoDaysOn = now.addDays(2);
        // Everything was pasted two days before "now" of the sweep, except `young`.
        QVERIFY(setModified(young, twoDaysOn.addSecs(-3600)));
        QStringList asked;
        const int removed = store.sweepOrphans(
            [&](const QStringList &candidates) {
                asked = candidates;
                return queue.localPathsInUse(candidates);
            },
            twoDaysOn.toMSecsSinceEpoch());

        QCOMPARE(removed, 3); // cancelled, orphan and the empty folder
        QVERIFY(QFile::exists(queued));
        QVERIFY(QFile::exists(failed));
        QVERIFY(!QFile::exists(cancelled));
        QVERIFY(!QFileInfo::exists(folderOf(cancelled)));
        QVERIFY(!QFile::exists(orphan));
        QVERIFY(!QFileInfo::exists(folderOf(orphan)));
        QVERIFY(!QFileInfo::exists(emptyFolder));
        QVERIFY(QFile::exists(young));
        QVERIFY(QFile::exists(foreign));
        QVERIFY(!asked.contains(young));   // too young to be asked about
        QVERIFY(!asked.contains(foreign)); // not a pasted folder

        // At the real "now" nothing is old enough: nothing more goes.
        QCOMPARE(store.sweepOrphans([&](const QStringList &c) { return queue.localPathsInUse(c); }, now.toMSecsSinceEpoch()), 0);
        QVERIFY(QFile::exists(young));
    }

    void aQueueThatCannotAnswerKeepsEverything()
    {
        QTemporaryDir dir;
        PastedFileStore store(dir.filePath(QStringLiteral("pasted/p")));
        QString error;
        const QString kept = store.saveImage(image(), &error);
        QVERIFY(!kept.isEmpty());
        const qint64 later = QDateTime::currentMSecsSinceEpoch() + 2 * Day;
        // The queue cannot answer: treat every candidate as in use.
        ikui::UploadQueue closed(nullptr, dir.filePath(QStringLiteral("never-opened.sqlite")));
        QCOMPARE(store.sweepOrphans([&](const QStringList &c) { return closed.localPathsInUse(c); }, later), 0);
        QVERIFY(QFile::exists(kept));
        // No pasted folder at all: nothing to do.
        PastedFileStore missing(dir.filePath(QStringLiteral("pasted/none")));
        QCOMPARE(missing.sweepOrphans([](const QStringList &) { return QSet<QString>(); }, later), 0);
    }
};

QTEST_GUILESS_MAIN(TestPastedFileStore)
#include "tst_pastedfilestore.moc"
