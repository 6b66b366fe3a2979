// UploadPlanner: dropped files and folders become upload sources that keep the folder structure.
#include "uploadqueue/uploadplanner.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using ikui::UploadPlanner;
using ikui::UploadSource;

namespace {

void writeBytes(const QString &path, qint64 size)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(QByteArray(size, 'x')), size);
}

QStringList describe(const QList<UploadSource> &sources, const QString &root)
{
    QStringList lines;
    for (const UploadSource &s : sources)
        lines.append(QDir(root).relativeFilePath(s.localPath) + QStringLiteral(" -> ") + s.targetFolder);
    lines.sort();
    return lines;
}

} // namespace

class TestUploadPlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalisesFolders()
    {
        QCOMPARE(UploadPlanner::normaliseFolder(QString()), QStringLiteral("/"));
        QCOMPARE(UploadPlanner::normaliseFolder(QStringLiteral("/")), QStringLiteral("/"));
        QCOMPARE(UploadPlanner::normaliseFolder(QStringLiteral("a/b/")), QStringLiteral("/a/b"));
        QCOMPARE(UploadPlanner::normaliseFolder(QStringLiteral("//a//b")), QStringLiteral("/a/b"));
    }

    void nestedFoldersKeepTheirStructure()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString root = dir.path();
        writeBytes(root + QStringLiteral("/Photos/a.jpg"), 10);
        writeBytes(root + QStringLiteral("/Photos/2024/b.jpg"), 20);
        writeBytes(root + QStringLiteral("/Photos/2024/June/c.jpg"), 30);
        writeBytes(root + QStringLiteral("/Photos/.hidden"), 1);
        QDir().mkpath(root + QStringLiteral("/Photos/empty"));
        writeBytes(root + QStringLiteral("/loose.txt"), 5);

        const ikui::UploadPlan plan = UploadPlanner::plan({root + QStringLiteral("/Photos"), root + QStringLiteral("/loose.txt")},
                                                          QStringLiteral("/target/"));
        QCOMPARE(describe(plan.sources, root),
                 (QStringList{QStringLiteral("Photos/.hidden -> /target/Photos"), QStringLiteral("Photos/2024/June/c.jpg -> /target/Photos/2024/June"),
                              QStringLiteral("Photos/2024/b.jpg -> /target/Photos/2024"), QStringLiteral("Photos/a.jpg -> /target/Photos"),
                              QStringLiteral("loose.txt -> /target")}));
        QCOMPARE(plan.files, 5);
        QCOMPARE(plan.bytes, 10 + 20 + 30 + 1 + 5);
        QVERIFY(plan.skipped.isEmpty());
    }

    void intoTheRootFolder()
    {
        QTemporaryDir dir;
        writeBytes(dir.filePath(QStringLiteral("Album/x.png")), 3);
        const ikui::UploadPlan plan = UploadPlanner::plan({dir.filePath(QStringLiteral("Album"))}, QStringLiteral("/"));
        QCOMPARE(plan.sources.size(), 1);
        QCOMPARE(plan.sources.at(0).targetFolder, QStringLiteral("/Album"));
    }

    void symlinkLoopsAreSkippedWithAReason()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("tree"));
        writeBytes(root + QStringLiteral("/sub/file.bin"), 7);
        QVERIFY(QFile::link(root, root + QStringLiteral("/sub/back-to-top")));
        QVERIFY(QFile::link(root + QStringLiteral("/missing"), root + QStringLiteral("/broken")));
        const ikui::UploadPlan plan = UploadPlanner::plan({root}, QStringLiteral("/t"));
        QCOMPARE(plan.files, 1);
        QCOMPARE(plan.sources.at(0).targetFolder, QStringLiteral("/t/tree/sub"));
        QCOMPARE(plan.skipped.size(), 2);
        QVERIFY(plan.skipped.join(QLatin1Char('\n')).contains(QStringLiteral("symbolic link loop")));
        QVERIFY(plan.skipped.join(QLatin1Char('\n')).contains(QStringLiteral("broken symbolic link")));
    }

    void aFolderLinkedTwiceIsWalkedUnderBothNames()
    {
        // Not a loop: the same folder reached by two names is uploaded to both places, as dropped.
        QTemporaryDir dir;
        writeBytes(dir.filePath(QStringLiteral("real/f.bin")), 4);
        QDir().mkpath(dir.filePath(QStringLiteral("top")));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("real")), dir.filePath(QStringLiteral("top/alias"))));
        const ikui::UploadPlan plan = UploadPlanner::plan({dir.filePath(QStringLiteral("real")), dir.filePath(QStringLiteral("top"))},
                                                          QStringLiteral("/"));
        QCOMPARE(describe(plan.sources, dir.path()),
                 (QStringList{QStringLiteral("real/f.bin -> /real"), QStringLiteral("top/alias/f.bin -> /top/alias")}));
    }

    void missingPathsAreReported()
    {
        const ikui::UploadPlan plan = UploadPlanner::plan({QStringLiteral("/nonexistent/for/sure")}, QStringLiteral("/"));
        QCOMPARE(plan.files, 0);
        QCOMPARE(plan.skipped.size(), 1);
        QVERIFY(plan.skipped.at(0).contains(QStringLiteral("does not exist")));
    }

    void plansOnAWorkerThread()
    {
        QTemporaryDir dir;
        for (int i = 0; i < 300; ++i)
            writeBytes(dir.filePath(QStringLiteral("big/d%1/f%2.bin").arg(i % 10).arg(i)), 2);
        UploadPlanner planner;
        QSignalSpy planned(&planner, &UploadPlanner::planned);
        planner.start({dir.filePath(QStringLiteral("big"))}, QStringLiteral("/up"));
        QVERIFY(planned.wait(20000));
        QCOMPARE(planned.count(), 1);
        const auto sources = planned.at(0).at(0).value<QList<UploadSource>>();
        QCOMPARE(sources.size(), 300);
        QCOMPARE(planned.at(0).at(1).toLongLong(), 300);
        QCOMPARE(planned.at(0).at(2).toLongLong(), 600);
        QVERIFY(sources.at(0).targetFolder.startsWith(QStringLiteral("/up/big/d")));
    }
};

QTEST_GUILESS_MAIN(TestUploadPlanner)
#include "tst_uploadplanner.moc"
