// The exactly-once rule: which server file is the result of an earlier attempt.
#include "uploadqueue/uploadservermatch.h"

#include <QDateTime>
#include <QTest>

using ikui::UploadServerMatch;

namespace {

ik::FileItem file(const QString &path, qint64 size, qint64 createdMs, qint64 updatedMs, const QString &id = QStringLiteral("id1"))
{
    ik::FileItem f;
    f.type = QStringLiteral("file");
    f.fileId = id;
    f.filePath = path;
    f.name = path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
    f.size = size;
    f.createdAt = QDateTime::fromMSecsSinceEpoch(createdMs, Qt::UTC).toString(Qt::ISODateWithMs);
    f.updatedAt = QDateTime::fromMSecsSinceEpoch(updatedMs, Qt::UTC).toString(Qt::ISODateWithMs);
    return f;
}

constexpr qint64 T0 = 1'700'000'000'000;

} // namespace

class TestUploadServerMatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesFollowTheServersRules()
    {
        QCOMPARE(UploadServerMatch::expectedServerName(QStringLiteral("my photo (1).jpg")), QStringLiteral("my_photo__1_.jpg"));
        QCOMPARE(UploadServerMatch::expectedServerName(QStringLiteral("café-ok_1.png")), QStringLiteral("café-ok_1.png"));
        QCOMPARE(UploadServerMatch::searchQuery(QStringLiteral("a b.tar.gz")), QStringLiteral("name : \"a_b.tar\""));
        QVERIFY(UploadServerMatch::isUniqueVariant(QStringLiteral("a_Xy12AbC9Q.jpg"), QStringLiteral("a.jpg")));
        QVERIFY(!UploadServerMatch::isUniqueVariant(QStringLiteral("a.jpg"), QStringLiteral("a.jpg")));
        QVERIFY(!UploadServerMatch::isUniqueVariant(QStringLiteral("a_Xy.png"), QStringLiteral("a.jpg")));
        QVERIFY(!UploadServerMatch::isUniqueVariant(QStringLiteral("ab_Xy.jpg"), QStringLiteral("a.jpg")));
        QVERIFY(!UploadServerMatch::isUniqueVariant(QStringLiteral("a_x.y.jpg"), QStringLiteral("a.jpg")));
        QVERIFY(UploadServerMatch::isUniqueVariant(QStringLiteral("README_abc"), QStringLiteral("README")));
    }

    void fixedNameMatchesOnlyAFileUpdatedSinceTheFirstAttempt()
    {
        const UploadServerMatch::Request request{QStringLiteral("/f"), QStringLiteral("a.jpg"), 100, T0, false};
        const auto none = [](const QString &) { return false; };
        // Stored by the attempt: same name, size, updated after it began.
        QVERIFY(UploadServerMatch::findEarlierUpload({file(QStringLiteral("/f/a.jpg"), 100, T0 - 10'000'000, T0 + 50)}, request, none));
        // An old file of the same name and size, untouched since long before: not ours.
        QVERIFY(!UploadServerMatch::findEarlierUpload({file(QStringLiteral("/f/a.jpg"), 100, T0 - 10'000'000, T0 - 10'000'000)}, request, none));
        // Other size, other folder, other name.
        QVERIFY(!UploadServerMatch::findEarlierUpload({file(QStringLiteral("/f/a.jpg"), 101, T0, T0)}, request, none));
        QVERIFY(!UploadServerMatch::findEarlierUpload({file(QStringLiteral("/f/sub/a.jpg"), 100, T0, T0)}, request, none));
        QVERIFY(!UploadServerMatch::findEarlierUpload({file(QStringLiteral("/f/a_xyz.jpg"), 100, T0, T0)}, request, none));
        // Clock skew within the tolerance still matches.
        QVERIFY(UploadServerMatch::findEarlierUpload({file(QStringLiteral("/f/a.jpg"), 100, T0 - 60'000, T0 - 60'000)}, request, none));
    }

    void uniqueNameMatchesASuffixedFileNotClaimedByAnotherItem()
    {
        const UploadServerMatch::Request request{QStringLiteral("/"), QStringLiteral("a.jpg"), 100, T0, true};
        const QList<ik::FileItem> listing = {file(QStringLiteral("/a_first1234.jpg"), 100, T0 + 10, T0 + 10, QStringLiteral("claimed")),
                                             file(QStringLiteral("/a_second999.jpg"), 100, T0 + 20, T0 + 20, QStringLiteral("free"))};
        const auto claimedFirst = [](const QString &id) { return id == QLatin1String("claimed"); };
        const auto match = UploadServerMatch::findEarlierUpload(listing, request, claimedFirst);
        QVERIFY(match);
        QCOMPARE(match->fileId, QStringLiteral("free"));
        // Created before the first attempt: somebody else's.
        QVERIFY(!UploadServerMatch::findEarlierUpload({file(QStringLiteral("/a_old.jpg"), 100, T0 - 3'600'000, T0)}, request,
                                                      [](const QString &) { return false; }));
    }

    void sameNameForSkipAndKeepBoth()
    {
        const QList<ik::FileItem> listing = {file(QStringLiteral("/f/my_photo.jpg"), 5, T0, T0), file(QStringLiteral("/f/x/other.jpg"), 5, T0, T0)};
        QVERIFY(UploadServerMatch::findSameName(listing, QStringLiteral("/f"), QStringLiteral("my photo.jpg")));
        QVERIFY(!UploadServerMatch::findSameName(listing, QStringLiteral("/f"), QStringLiteral("other.jpg")));
    }
};

QTEST_GUILESS_MAIN(TestUploadServerMatch)
#include "tst_uploadservermatch.moc"
