// The browser's pure pieces: the quick search query, searchQuery completion, safe download
// names, confirmation texts, breadcrumbs and the debounced search box.
#include "browser/breadcrumbbar.h"
#include "operations/confirmationtext.h"
#include "operations/safefilename.h"
#include "search/quicksearch.h"
#include "search/searchbox.h"
#include "search/searchquerycompletion.h"

#include <QAbstractButton>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

class TestBrowserParts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quickSearchQuery_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("query");
        QTest::newRow("plain") << QStringLiteral("sun") << QStringLiteral("name : \"sun\" OR tags IN [\"sun\"]");
        QTest::newRow("trimmed, inner spaces kept once") << QStringLiteral("  red   car ")
                                                         << QStringLiteral("name : \"red car\" OR tags IN [\"red car\"]");
        QTest::newRow("quote and backslash escaped") << QStringLiteral("a\"b\\c")
                                                     << QStringLiteral("name : \"a\\\"b\\\\c\" OR tags IN [\"a\\\"b\\\\c\"]");
        QTest::newRow("empty") << QStringLiteral("   ") << QString();
    }
    void quickSearchQuery()
    {
        QFETCH(QString, typed);
        QFETCH(QString, query);
        QCOMPARE(ikui::QuickSearch::searchQueryFor(typed), query);
    }

    void completionOffersFieldsThenOperatorsThenJoins()
    {
        using C = ikui::SearchQueryCompletion;
        auto start = C::contextAt(QStringLiteral("wi"), 2);
        QCOMPARE(start.prefix, QStringLiteral("wi"));
        QCOMPARE(start.candidates, QStringList{QStringLiteral("width")});

        const auto afterField = C::contextAt(QStringLiteral("tags "), 5);
        QVERIFY(afterField.candidates.contains(QStringLiteral("IN")));
        QVERIFY(afterField.candidates.contains(QStringLiteral("HAS")));
        QVERIFY(!afterField.candidates.contains(QStringLiteral("<")));

        const auto sizeOps = C::contextAt(QStringLiteral("size "), 5);
        QVERIFY(sizeOps.candidates.contains(QStringLiteral("<=")));

        const auto afterValue = C::contextAt(QStringLiteral("width > 500 "), 12);
        QCOMPARE(afterValue.candidates, (QStringList{QStringLiteral("AND"), QStringLiteral("OR")}));

        const auto afterAnd = C::contextAt(QStringLiteral("width > 500 AND cre"), 19);
        QCOMPARE(afterAnd.wordStart, 16);
        QCOMPARE(afterAnd.candidates, (QStringList{QStringLiteral("createdAt"), QStringLiteral("createdBy")}));

        const auto custom = C::contextAt(QStringLiteral("(bra"), 4, {QStringLiteral("brand")});
        QCOMPARE(custom.candidates, QStringList{QStringLiteral("\"customMetadata.brand\"")});
        // A quoted custom field is a field: its operators follow.
        QVERIFY(!C::contextAt(QStringLiteral("\"customMetadata.brand\" "), 23).candidates.isEmpty());
        QVERIFY(C::contextAt(QStringLiteral("\"customMetadata.brand\" "), 23).candidates.contains(QStringLiteral("=")));
    }

    void safeFileNames_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("local");
        QTest::newRow("plain") << QStringLiteral("sunset.jpg") << QStringLiteral("sunset.jpg");
        QTest::newRow("parent dirs") << QStringLiteral("../../etc/passwd") << QStringLiteral("passwd");
        QTest::newRow("backslashes") << QStringLiteral("..\\..\\boot.ini") << QStringLiteral("boot.ini");
        QTest::newRow("dot-dot only") << QStringLiteral("..") << QStringLiteral("download");
        QTest::newRow("hidden") << QStringLiteral(".bashrc") << QStringLiteral("bashrc");
        QTest::newRow("forbidden chars") << QStringLiteral("a<b>c:d|e?f*g\".png") << QStringLiteral("a_b_c_d_e_f_g_.png");
        QTest::newRow("control chars") << QStringLiteral("a\nb\tc.jpg") << QStringLiteral("a_b_c.jpg");
        QTest::newRow("device name") << QStringLiteral("CON.txt") << QStringLiteral("_CON.txt");
        QTest::newRow("trailing dots") << QStringLiteral("name. . ") << QStringLiteral("name");
    }
    void safeFileNames()
    {
        QFETCH(QString, server);
        QFETCH(QString, local);
        QCOMPARE(ikui::SafeFileName::sanitised(server), local);
    }

    void uniquePathsStayInsideTheTarget()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString first = ikui::SafeFileName::uniquePathIn(dir.path(), QStringLiteral("../x.jpg"));
        QCOMPARE(first, dir.filePath(QStringLiteral("x.jpg")));
        QVERIFY(ikui::SafeFileName::isInside(dir.path(), first));
        QFile file(first);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QCOMPARE(ikui::SafeFileName::uniquePathIn(dir.path(), QStringLiteral("x.jpg")), dir.filePath(QStringLiteral("x (2).jpg")));
        QVERIFY(!ikui::SafeFileName::isInside(dir.path(), dir.filePath(QStringLiteral("../y.jpg"))));
        QVERIFY(!ikui::SafeFileName::isInside(dir.path(), dir.filePath(QStringLiteral("sub/y.jpg"))));
        // 300 characters: cut to what file systems accept, extension kept.
        const QString longName = ikui::SafeFileName::sanitised(QString(300, QLatin1Char('a')) + QStringLiteral(".jpg"));
        QVERIFY(longName.toUtf8().size() <= 255);
        QVERIFY(longName.endsWith(QLatin1String(".jpg")));
    }

    void confirmationNamesWhatIsLost()
    {
        QStringList names;
        for (int i = 0; i < 12; ++i)
            names << QStringLiteral("file-%1.jpg").arg(i);
        const QString text = ikui::ConfirmationText::deleteItems(names, {QStringLiteral("/old")});
        QVERIFY(text.contains(QStringLiteral("file-0.jpg")));
        QVERIFY(text.contains(QStringLiteral("file-7.jpg")));
        QVERIFY(!text.contains(QStringLiteral("file-8.jpg")));
        QVERIFY(text.contains(QStringLiteral("4 more")));
        QVERIFY(text.contains(QStringLiteral("/old")));
        QVERIFY(text.contains(QStringLiteral("12 file")));
        QVERIFY(ikui::ConfirmationText::deleteVersion(QStringLiteral("a.jpg"), QStringLiteral("Version 2"))
                    .contains(QStringLiteral("Version 2 of a.jpg")));
    }

    void breadcrumbsSplitThePath()
    {
        ikui::BreadcrumbBar bar;
        bar.setPath(QStringLiteral("/photos/edits/"));
        QCOMPARE(bar.crumbPaths(), (QStringList{QStringLiteral("/"), QStringLiteral("/photos"), QStringLiteral("/photos/edits")}));
        QCOMPARE(ikui::BreadcrumbBar::parentOf(QStringLiteral("/photos/edits")), QStringLiteral("/photos"));
        QCOMPARE(ikui::BreadcrumbBar::parentOf(QStringLiteral("/photos")), QStringLiteral("/"));
        QCOMPARE(ikui::BreadcrumbBar::parentOf(QStringLiteral("/")), QStringLiteral("/"));
        QSignalSpy activated(&bar, &ikui::BreadcrumbBar::folderActivated);
        auto *crumb = bar.findChild<QAbstractButton *>(QStringLiteral("crumb:/photos"));
        QVERIFY(crumb);
        crumb->click();
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toString(), QStringLiteral("/photos"));
    }

    void searchBoxDebouncesTyping()
    {
        ikui::SearchBox box;
        box.setDebounceMs(80);
        QSignalSpy requested(&box, &ikui::SearchBox::searchRequested);
        QTest::keyClicks(&box, QStringLiteral("car"));
        QCOMPARE(requested.size(), 0); // nothing while typing
        QTRY_COMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toString(), ikui::QuickSearch::searchQueryFor(QStringLiteral("car")));
        QTest::keyClick(&box, Qt::Key_Escape);
        QCOMPARE(requested.size(), 2);
        QCOMPARE(requested.last().first().toString(), QString());
    }
};

QTEST_MAIN(TestBrowserParts)
#include "tst_browser_parts.moc"
