// The searchQuery language of the emulator's GET /v1/files: parsing (valid and malformed queries,
// with the position of the error), matching against file/folder/version objects, relative dates
// against an injected "now", size units and ISO dates.
#include "search/isodatetime.h"
#include "search/searchexpression.h"
#include "search/searchquery.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace ikemu;

namespace {

// 2026-11-28T12:00:00Z: every relative date in the matching table is counted back from here.
const qint64 NowMs = QDateTime(QDate(2026, 11, 28), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();

QJsonObject json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

// A small library as the API returns it; the key of each entry names it in the expectations.
QList<QPair<QString, QJsonObject>> library()
{
    return {
        {QStringLiteral("summer"), json(R"({
            "type": "file", "fileId": "file-summer", "name": "red-dress-summer.jpg",
            "filePath": "/shop/dresses/red-dress-summer.jpg", "fileType": "image", "mime": "image/jpeg",
            "size": 1500000, "width": 1200, "height": 800,
            "tags": ["summer-sale", "banner"], "AITags": [{"name": "Dress", "confidence": 90, "source": "test"}],
            "createdAt": "2026-11-25T10:00:00.000Z", "updatedAt": "2026-11-27T00:00:00.000Z",
            "customMetadata": {"brand": "Nike", "price": 1500, "launch": "2026-01-15",
                               "sizes": ["small", "large"], "onSale": true},
            "embeddedMetadata": {"Keywords": ["black", "dress"], "DateTimeOriginal": "2026:01:10 08:00:00"},
            "isPrivateFile": false, "isPublished": true, "hasAlpha": false})")},
        {QStringLiteral("winter"), json(R"({
            "type": "file", "fileId": "file-winter", "name": "red-dress-winter.png",
            "filePath": "/shop/dresses/red-dress-winter.png", "fileType": "image", "mime": "image/png",
            "size": 3145728, "width": 400, "height": 300, "tags": ["winter"],
            "createdAt": "2026-10-01T08:00:00.000Z", "updatedAt": "2026-10-01T08:00:00.000Z",
            "customMetadata": {"brand": "Adidas", "price": 3000},
            "isPrivateFile": true, "isPublished": false, "hasAlpha": true})")},
        {QStringLiteral("notes"), json(R"({
            "type": "file", "fileId": "file-notes", "name": "notes.pdf", "filePath": "/docs/notes.pdf",
            "fileType": "non-image", "mime": "application/pdf", "size": 20480, "tags": [],
            "createdAt": "2025-01-01T00:00:00.000Z", "updatedAt": "2025-01-01T00:00:00.000Z",
            "customMetadata": {}, "isPrivateFile": false, "isPublished": true})")},
        {QStringLiteral("folder"), json(R"({
            "type": "folder", "folderId": "folder-dresses", "name": "dresses", "folderPath": "/shop/dresses",
            "createdAt": "2026-11-22T00:00:00.000Z", "updatedAt": "2026-11-22T00:00:00.000Z",
            "customMetadata": {}})")},
        {QStringLiteral("version"), json(R"({
            "type": "file-version", "fileId": "file-summer", "name": "red-dress-summer.jpg",
            "filePath": "/shop/dresses/red-dress-summer.jpg", "fileType": "image", "mime": "image/jpeg",
            "size": 1500000, "width": 1200, "height": 800, "tags": ["old"],
            "createdAt": "2026-11-24T09:00:00.000Z", "updatedAt": "2026-11-24T09:00:00.000Z",
            "customMetadata": {}, "isPrivateFile": false, "isPublished": true})")},
        {QStringLiteral("photo"), json(R"({
            "type": "file", "fileId": "file-photo", "name": "Photo Blue", "filePath": "/Photo Blue",
            "fileType": "image", "mime": "image/jpeg", "size": 100, "width": 10, "height": 10,
            "tags": ["blue"], "createdAt": "2026-11-28T11:30:00.000Z", "updatedAt": "2026-11-28T11:30:00.000Z",
            "isPrivateFile": false, "isPublished": true})")},
    };
}

QStringList everything()
{
    return {QStringLiteral("summer"), QStringLiteral("winter"), QStringLiteral("notes"),
            QStringLiteral("folder"), QStringLiteral("version"), QStringLiteral("photo")};
}

QStringList only(std::initializer_list<const char *> names)
{
    QStringList list;
    for (const char *name : names)
        list.append(QLatin1String(name));
    return list;
}

QStringList allBut(std::initializer_list<const char *> names)
{
    QStringList list = everything();
    for (const char *name : names)
        list.removeAll(QLatin1String(name));
    return list;
}

} // namespace

class TestSearchQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesLibrary_data();
    void matchesLibrary();
    void malformedQueriesSayWhere_data();
    void malformedQueriesSayWhere();
    void errorMessageReadsLikeImageKit();
    void precedenceAndCanonicalForm_data();
    void precedenceAndCanonicalForm();
    void relativeDatesFollowInjectedNow_data();
    void relativeDatesFollowInjectedNow();
    void relativeMonthsAndYearsUseTheCalendar();
    void sizeUnits_data();
    void sizeUnits();
    void isoDates_data();
    void isoDates();
    void referencesField();
    void escapedQuotesInStrings();
    void deepNestingIsRefusedNotCrashing();
};

void TestSearchQuery::matchesLibrary_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");

    // name: exact and prefix are case-sensitive; HAS is word-based and case-insensitive.
    QTest::newRow("name =") << "name = \"red-dress-summer.jpg\"" << only({"summer", "version"});
    QTest::newRow("name : prefix") << "name : \"red-dress\"" << only({"summer", "winter", "version"});
    QTest::newRow("name : case-sensitive") << "name:\"Red\"" << QStringList();
    QTest::newRow("name IN") << "name IN [\"red-dress-winter.png\", \"notes.pdf\"]" << only({"winter", "notes"});
    QTest::newRow("name NOT =") << "name NOT = \"notes.pdf\"" << allBut({"notes"});
    QTest::newRow("name !=") << "name != \"notes.pdf\"" << allBut({"notes"});
    QTest::newRow("name HAS words, last is a prefix") << "name HAS \"DRESS win\"" << only({"winter"});
    QTest::newRow("name HAS needs whole earlier words") << "name HAS \"dres winter\"" << QStringList();

    // tags: tags and AITags.
    QTest::newRow("tags IN") << "tags IN [\"summer-sale\",\"banner\"]" << only({"summer"});
    QTest::newRow("tags IN matches AITags") << "tags IN [\"Dress\"]" << only({"summer"});
    QTest::newRow("tags NOT IN") << "tags NOT IN [\"winter\"]" << allBut({"winter"});
    QTest::newRow("tags EXISTS") << "tags EXISTS" << only({"summer", "winter", "version", "photo"});
    QTest::newRow("tags NOT EXISTS") << "tags NOT EXISTS" << only({"notes", "folder"});
    QTest::newRow("tags HAS") << "tags HAS \"sale\"" << only({"summer"});

    // type and fileType.
    QTest::newRow("type folder") << "type = \"folder\"" << only({"folder"});
    QTest::newRow("type file-version") << "type = \"file-version\"" << only({"version"});
    QTest::newRow("type IN") << "type IN [\"file\", \"folder\"]" << allBut({"version"});
    QTest::newRow("fileType") << "fileType = \"non-image\"" << only({"notes"});

    // format: given, from the extension or from the mime type; jpeg is jpg.
    QTest::newRow("format jpg") << "format = \"jpg\"" << only({"summer", "version", "photo"});
    QTest::newRow("format JPEG") << "format = \"JPEG\"" << only({"summer", "version", "photo"});
    QTest::newRow("format IN") << "format IN [\"png\", \"pdf\"]" << only({"winter", "notes"});
    QTest::newRow("format !=") << "format != \"jpg\"" << only({"winter", "notes", "folder"});
    QTest::newRow("format single quotes") << "format='png'" << only({"winter"});

    // size with units (1 kb = 1024 bytes), quoted or bare.
    QTest::newRow("size > \"2mb\"") << "size > \"2mb\"" << only({"winter"});
    QTest::newRow("size < 2mb bare") << "size < 2mb" << only({"summer", "notes", "version", "photo"});
    QTest::newRow("size >= 3mb boundary") << "size >= 3mb" << only({"winter"});
    QTest::newRow("size <= 20kb") << "size <= \"20kb\"" << only({"notes", "photo"});
    QTest::newRow("size = bytes") << "size = 20480" << only({"notes"});
    QTest::newRow("size fractional mb") << "size > \"1.4mb\"" << only({"summer", "winter", "version"});

    // width and height.
    QTest::newRow("width >") << "width > 500" << only({"summer", "version"});
    QTest::newRow("height <=") << "height <= 300" << only({"winter", "photo"});
    QTest::newRow("width NOT EXISTS") << "width NOT EXISTS" << only({"notes", "folder"});

    // dates: relative values count back from 2026-11-28T12:00:00Z.
    QTest::newRow("createdAt > 7d") << "createdAt > \"7d\"" << only({"summer", "folder", "version", "photo"});
    QTest::newRow("createdAt > 1h") << "createdAt > \"1h\"" << only({"photo"});
    QTest::newRow("createdAt < 2w") << "createdAt < \"2w\"" << only({"winter", "notes"});
    QTest::newRow("createdAt < 1y") << "createdAt < \"1y\"" << only({"notes"});
    QTest::newRow("createdAt > 2m months bare") << "createdAt > 2m" << allBut({"notes"});
    QTest::newRow("createdAt >= date") << "createdAt >= \"2026-11-25\"" << only({"summer", "photo"});
    QTest::newRow("createdAt = whole day") << "createdAt = \"2026-11-25\"" << only({"summer"});
    QTest::newRow("createdAt < bare date") << "createdAt < 2025-06-01" << only({"notes"});
    QTest::newRow("createdAt > instant") << "createdAt > \"2026-11-25T10:00:00Z\"" << only({"photo"});
    QTest::newRow("createdAt >= instant no zone") << "createdAt >= \"2026-11-25T10:00:00\"" << only({"summer", "photo"});
    QTest::newRow("createdAt space form") << "createdAt > \"2026-11-25 09:00:00\"" << only({"summer", "photo"});
    QTest::newRow("createdAt with offset") << "createdAt > \"2026-11-25T11:00:00+02:00\"" << only({"summer", "photo"});
    QTest::newRow("updatedAt > 2d") << "updatedAt > \"2d\"" << only({"summer", "photo"});

    // booleans.
    QTest::newRow("private = true") << "private = true" << only({"winter"});
    QTest::newRow("private = false") << "private = false" << only({"summer", "notes", "version", "photo"});
    QTest::newRow("published = false") << "published = \"false\"" << only({"winter"});
    QTest::newRow("transparency") << "transparency = true" << only({"winter"});

    // path: = is the folder itself, : the folder and its subfolders.
    QTest::newRow("path =") << "path = \"/shop/dresses\"" << only({"summer", "winter", "version"});
    QTest::newRow("path = trailing slash") << "path = \"/shop/dresses/\"" << only({"summer", "winter", "version"});
    QTest::newRow("path : subtree") << "path : \"/shop\"" << only({"summer", "winter", "folder", "version"});
    QTest::newRow("path = root") << "path = \"/\"" << only({"photo"});
    QTest::newRow("path : root") << "path : \"/\"" << everything();
    QTest::newRow("path : is not a name prefix") << "path : \"/sh\"" << QStringList();

    // id.
    QTest::newRow("id of file") << "id = \"file-winter\"" << only({"winter"});
    QTest::newRow("id of folder") << "id = \"folder-dresses\"" << only({"folder"});

    // customMetadata: operators follow the stored value's type.
    QTest::newRow("cm text =") << "\"customMetadata.brand\" = \"Nike\"" << only({"summer"});
    QTest::newRow("cm bare key") << "customMetadata.brand = \"Nike\"" << only({"summer"});
    QTest::newRow("cm number >=") << "\"customMetadata.price\" >= 2000" << only({"winter"});
    QTest::newRow("cm number <") << "\"customMetadata.price\" < \"2000\"" << only({"summer"});
    QTest::newRow("cm number IN") << "\"customMetadata.price\" IN [1500, 9]" << only({"summer"});
    QTest::newRow("cm multiselect IN") << "\"customMetadata.sizes\" IN [\"large\"]" << only({"summer"});
    QTest::newRow("cm multiselect =") << "\"customMetadata.sizes\" = \"small\"" << only({"summer"});
    QTest::newRow("cm date >") << "\"customMetadata.launch\" > \"2026-01-01\"" << only({"summer"});
    QTest::newRow("cm date relative <") << "\"customMetadata.launch\" < \"1y\"" << QStringList();
    QTest::newRow("cm date relative >") << "\"customMetadata.launch\" > \"1y\"" << only({"summer"});
    QTest::newRow("cm boolean") << "\"customMetadata.onSale\" = true" << only({"summer"});
    QTest::newRow("cm EXISTS") << "\"customMetadata.brand\" EXISTS" << only({"summer", "winter"});
    QTest::newRow("cm NOT EXISTS") << "\"customMetadata.brand\" NOT EXISTS" << only({"notes", "folder", "version", "photo"});
    QTest::newRow("cm prefix") << "\"customMetadata.brand\" : \"Ad\"" << only({"winter"});
    QTest::newRow("cm HAS") << "\"customMetadata.brand\" HAS \"nike\"" << only({"summer"});

    // embeddedMetadata: EXIF-style dates compare as dates.
    QTest::newRow("em keywords") << "\"embeddedMetadata.Keywords\" IN [\"black\"]" << only({"summer"});
    QTest::newRow("em date relative") << "\"embeddedMetadata.DateTimeOriginal\" > \"1y\"" << only({"summer"});
    QTest::newRow("em date before") << "\"embeddedMetadata.DateTimeOriginal\" < \"2026-01-10T09:00:00Z\"" << only({"summer"});
    QTest::newRow("em date after") << "\"embeddedMetadata.DateTimeOriginal\" > \"2026-01-10T09:00:00Z\"" << QStringList();
    QTest::newRow("em date same day") << "\"embeddedMetadata.DateTimeOriginal\" = \"2026-01-10\"" << only({"summer"});

    // Combinations, precedence (AND before OR), NOT, case-insensitive keywords.
    QTest::newRow("AND before OR") << "name : \"red\" AND size > 2mb OR type = \"folder\"" << only({"winter", "folder"});
    QTest::newRow("parentheses") << "name : \"red\" AND (size > 2mb OR type = \"folder\")" << only({"winter"});
    QTest::newRow("OR first then AND") << "type = \"folder\" OR name : \"red\" AND size > 2mb" << only({"winter", "folder"});
    QTest::newRow("lower-case keywords") << "name : \"red\" and size > 2mb or type = \"folder\"" << only({"winter", "folder"});
    QTest::newRow("lower-case in") << "tags in [\"winter\"]" << only({"winter"});
    QTest::newRow("NOT binds to one condition") << "NOT private = true AND format = \"png\"" << QStringList();
    QTest::newRow("NOT group") << "NOT (private = true AND format = \"png\")" << allBut({"winter"});
    QTest::newRow("docs example") << "(size < \"1mb\" AND width > 500) OR (tags IN [\"summer-sale\",\"banner\"])"
                                  << only({"summer"});
    QTest::newRow("python SDK README query") << "createdAt >= '2d' OR size < '2mb' OR format='png'"
                                             << allBut({"folder"});
    QTest::newRow("snake_case alias") << "created_at >= '2d'" << only({"photo"});
    QTest::newRow("no spaces") << "width>500 AND height<1000" << only({"summer", "version"});
}

void TestSearchQuery::matchesLibrary()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);

    const SearchQueryParseResult parsed = SearchQuery::parse(query);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.errorOffset, -1);

    QStringList matched;
    for (const auto &[key, record] : library()) {
        if (parsed.query->matches(record, NowMs))
            matched.append(key);
    }
    QCOMPARE(matched, expected);
}

void TestSearchQuery::malformedQueriesSayWhere_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("offset");
    QTest::addColumn<QString>("detail");

    QTest::newRow("extra )") << "(name = \"a\"))" << 12 << "unexpected \")\"";
    QTest::newRow("missing value") << "name = " << 7 << "expected a value for name but found end of query";
    QTest::newRow("unknown field first") << "x = 1 OR (name = \"a\"" << 0 << "unknown field \"x\"";
    QTest::newRow("unclosed ( names it") << "width > 1 OR (name = \"a\"" << 13 << "missing \")\"";
    QTest::newRow("unterminated string") << "name = \"abc" << 7 << "unterminated string";
    QTest::newRow("unknown field") << "size > 1 AND colour = \"red\"" << 13 << "unknown field \"colour\"";
    QTest::newRow("bad size") << "size > \"big\"" << 7 << "size field must have";
    QTest::newRow("bad date") << "createdAt > \"yesterday\"" << 12 << "createdAt field must have a valid date value";
    QTest::newRow("impossible date") << "createdAt > \"2026-02-30\"" << 12 << "valid date value";
    QTest::newRow("operator not for field") << "width : 5" << 6 << "the : operator cannot be used with the width field";
    QTest::newRow("HAS not for size") << "size HAS \"1\"" << 5 << "the HAS operator cannot be used";
    QTest::newRow("dangling AND") << "name = \"a\" AND" << 14 << "expected a field name but found end of query";
    QTest::newRow("missing AND/OR") << "name = \"a\" name = \"b\"" << 11 << "unexpected \"name\", expected AND or OR";
    QTest::newRow("IN without list") << "tags IN \"x\"" << 8 << "expected \"[\" after IN";
    QTest::newRow("list without comma") << "tags IN [\"a\" \"b\"]" << 13 << "unexpected \"b\" in a list";
    QTest::newRow("single quotes in list") << "tags IN ['a']" << 9 << "single quotes are not allowed inside arrays";
    QTest::newRow("empty list") << "tags IN []" << 9 << "the list after IN is empty";
    QTest::newRow("unclosed list") << "tags IN [\"a\", \"b\"" << 8 << "missing \"]\"";
    QTest::newRow("bad type") << "type = \"image\"" << 7 << "type field must be one of";
    QTest::newRow("bad boolean") << "private = yes" << 10 << "must have a boolean value";
    QTest::newRow("empty query") << "" << 0 << "the query is empty";
    QTest::newRow("blank query") << "   " << 3 << "the query is empty";
    QTest::newRow("stray character") << "name # \"a\"" << 5 << "unexpected character \"#\"";
    QTest::newRow("lone !") << "name ! \"a\"" << 5 << "did you mean \"!=\"";
    QTest::newRow("relative date with =") << "createdAt = \"7d\"" << 12 << "can only be used with <, <=, > or >=";
    QTest::newRow("starts with AND") << "AND name = \"a\"" << 0 << "expected a field name but found \"AND\"";
    QTest::newRow("empty group") << "name = \"a\" AND ()" << 16 << "expected a field name but found \")\"";
    QTest::newRow("unknown operator word") << "name LIKE \"a\"" << 5 << "expected an operator after \"name\"";
    QTest::newRow("NOT without operator") << "name NOT \"a\"" << 5 << "expected an operator after \"name\"";
    QTest::newRow("keyword as value") << "name = AND" << 7 << "expected a value for name";
    QTest::newRow("HAS without words") << "name HAS \" - \"" << 9 << "HAS needs words";
    QTest::newRow("bad width") << "width > wide" << 8 << "width field must have a numeric value";
}

void TestSearchQuery::malformedQueriesSayWhere()
{
    QFETCH(QString, query);
    QFETCH(int, offset);
    QFETCH(QString, detail);

    const SearchQueryParseResult parsed = SearchQuery::parse(query);
    QVERIFY2(!parsed.ok(), qPrintable(query));
    QCOMPARE(parsed.errorOffset, offset);
    QVERIFY2(parsed.error.contains(detail), qPrintable(parsed.error));
    QVERIFY2(parsed.error.contains(QStringLiteral(" at position %1.").arg(offset + 1)), qPrintable(parsed.error));
}

void TestSearchQuery::errorMessageReadsLikeImageKit()
{
    const SearchQueryParseResult parsed = SearchQuery::parse(QStringLiteral("(name = \"a\" OR size > 1))"));
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error,
             QStringLiteral("Invalid search query - unexpected \")\" without a matching \"(\" at position 25. "
                            "Please refer to the documentation for syntax specification."));
}

void TestSearchQuery::precedenceAndCanonicalForm_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("AND over OR") << "name = \"a\" AND size > \"2mb\" OR tags IN [\"x\"]"
                                 << "((name = \"a\") AND (size > 2097152)) OR (tags IN [\"x\"])";
    QTest::newRow("OR then AND") << "name = \"a\" OR size > 1 AND width < 2"
                                 << "(name = \"a\") OR ((size > 1) AND (width < 2))";
    QTest::newRow("chains stay flat") << "width > 1 and width > 2 AND width > 3"
                                      << "(width > 1) AND (width > 2) AND (width > 3)";
    QTest::newRow("parentheses kept") << "(width > 1 OR width > 2) AND width > 3"
                                      << "((width > 1) OR (width > 2)) AND (width > 3)";
    QTest::newRow("NOT") << "NOT private = TRUE" << "NOT (private = true)";
    QTest::newRow("operators") << "name:\"x\" AND name NOT = 'y' AND tags not in [\"a\",\"b\"] AND tags exists"
                               << "(name : \"x\") AND (name != \"y\") AND (tags NOT IN [\"a\", \"b\"]) AND (tags EXISTS)";
    QTest::newRow("alias is canonicalised") << "created_at > 2d" << "createdAt > \"2d\"";
    QTest::newRow("metadata number") << "\"customMetadata.price\" >= 10" << "customMetadata.price >= 10";
}

void TestSearchQuery::precedenceAndCanonicalForm()
{
    QFETCH(QString, query);
    QFETCH(QString, canonical);

    const SearchQueryParseResult parsed = SearchQuery::parse(query);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.query->toCanonicalString(), canonical);

    // The canonical form is itself a query that means the same.
    const SearchQueryParseResult reparsed = SearchQuery::parse(canonical);
    QVERIFY2(reparsed.ok(), qPrintable(reparsed.error));
    QCOMPARE(reparsed.query->toCanonicalString(), canonical);
}

void TestSearchQuery::relativeDatesFollowInjectedNow_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<bool>("expected");

    // The record was created at 2026-11-25T10:00:00Z.
    const auto at = [](int day, int hour) { return QDateTime(QDate(2026, 11, day), QTime(hour, 0), Qt::UTC); };
    QTest::newRow("3d, an hour inside") << "createdAt > \"3d\"" << at(28, 9) << true;
    QTest::newRow("3d, an hour outside") << "createdAt > \"3d\"" << at(28, 11) << false;
    QTest::newRow("72h equals 3d") << "createdAt > \"72h\"" << at(28, 9) << true;
    QTest::newRow("1w later") << "createdAt > \"1w\"" << at(28, 12) << true;
    QTest::newRow("1w much later") << "createdAt > \"1w\"" << at(2, 12).addMonths(1) << false;
    QTest::newRow("< 3d flips") << "createdAt < \"3d\"" << at(28, 11) << true;
    QTest::newRow(">= exact instant") << "createdAt >= \"3d\"" << at(28, 10) << true;
    QTest::newRow("> exact instant") << "createdAt > \"3d\"" << at(28, 10) << false;
}

void TestSearchQuery::relativeDatesFollowInjectedNow()
{
    QFETCH(QString, query);
    QFETCH(QDateTime, now);
    QFETCH(bool, expected);

    const QJsonObject record = library().at(0).second;
    const SearchQueryParseResult parsed = SearchQuery::parse(query);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.query->matches(record, now.toMSecsSinceEpoch()), expected);
}

void TestSearchQuery::relativeMonthsAndYearsUseTheCalendar()
{
    // One month before 2026-03-31 is 2026-02-28 (the month is shorter), not 30 days before.
    const qint64 now = QDateTime(QDate(2026, 3, 31), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const SearchQuery month = *SearchQuery::parse(QStringLiteral("createdAt > \"1m\"")).query;
    QVERIFY(month.matches(json(R"({"createdAt": "2026-02-28T00:00:01.000Z"})"), now));
    QVERIFY(!month.matches(json(R"({"createdAt": "2026-02-27T23:59:59.000Z"})"), now));

    const SearchQuery year = *SearchQuery::parse(QStringLiteral("createdAt >= \"1y\"")).query;
    QVERIFY(year.matches(json(R"({"createdAt": "2025-03-31T00:00:00.000Z"})"), now));
    QVERIFY(!year.matches(json(R"({"createdAt": "2025-03-30T23:59:59.999Z"})"), now));
}

void TestSearchQuery::sizeUnits_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("bytes");   // -1: not a size

    QTest::newRow("mb") << "2mb" << 2097152.0;
    QTest::newRow("KB with space") << "10 KB" << 10240.0;
    QTest::newRow("fractional gb") << "1.5gb" << 1610612736.0;
    QTest::newRow("plain bytes") << "512" << 512.0;
    QTest::newRow("b unit") << "512b" << 512.0;
    QTest::newRow("unknown unit") << "2tb" << -1.0;
    QTest::newRow("unit only") << "mb" << -1.0;
    QTest::newRow("negative") << "-1kb" << -1.0;
    QTest::newRow("word") << "big" << -1.0;
}

void TestSearchQuery::sizeUnits()
{
    QFETCH(QString, text);
    QFETCH(double, bytes);

    const std::optional<double> parsed = SearchLiteral::parseSize(text);
    if (bytes < 0) {
        QVERIFY(!parsed);
        QVERIFY(!SearchQuery::parse(QStringLiteral("size > \"%1\"").arg(text)).ok());
    } else {
        QVERIFY(parsed);
        QCOMPARE(*parsed, bytes);
        // The parsed size is what the query compares with.
        const SearchQuery query = *SearchQuery::parse(QStringLiteral("size = \"%1\"").arg(text)).query;
        QVERIFY(query.matches(QJsonObject{{QStringLiteral("size"), bytes}}, NowMs));
        QVERIFY(!query.matches(QJsonObject{{QStringLiteral("size"), bytes + 1}}, NowMs));
    }
}

void TestSearchQuery::isoDates_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("utc");           // empty: invalid
    QTest::addColumn<qint64>("precisionMs");

    QTest::newRow("date") << "2020-01-01" << "2020-01-01T00:00:00.000Z" << qint64(86400000);
    QTest::newRow("T no zone") << "2020-01-01T12:12:12" << "2020-01-01T12:12:12.000Z" << qint64(1000);
    QTest::newRow("space no zone") << "2020-01-01 12:12:12" << "2020-01-01T12:12:12.000Z" << qint64(1000);
    QTest::newRow("fraction Z") << "2020-01-01T12:12:12.5Z" << "2020-01-01T12:12:12.500Z" << qint64(1);
    QTest::newRow("offset") << "2020-01-01T12:12:12+05:30" << "2020-01-01T06:42:12.000Z" << qint64(1000);
    QTest::newRow("negative offset") << "2022-11-29T10:11:10-01:00" << "2022-11-29T11:11:10.000Z" << qint64(1000);
    QTest::newRow("minutes only") << "2020-01-01T12:12" << "2020-01-01T12:12:00.000Z" << qint64(1000);
    QTest::newRow("Feb 30") << "2020-02-30" << "" << qint64(0);
    QTest::newRow("hour 25") << "2020-01-01T25:00:00" << "" << qint64(0);
    QTest::newRow("word") << "yesterday" << "" << qint64(0);
    QTest::newRow("short year") << "20-01-01" << "" << qint64(0);
}

void TestSearchQuery::isoDates()
{
    QFETCH(QString, text);
    QFETCH(QString, utc);
    QFETCH(qint64, precisionMs);

    const std::optional<IsoDateTime> parsed = IsoDateTime::parse(text);
    if (utc.isEmpty()) {
        QVERIFY(!parsed);
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(parsed->utc.toString(Qt::ISODateWithMs), utc);
    QCOMPARE(parsed->precisionMs(), precisionMs);
}

void TestSearchQuery::referencesField()
{
    const SearchQuery query =
        *SearchQuery::parse(QStringLiteral("type = \"file-version\" AND (name:\"a\" OR \"customMetadata.brand\" EXISTS)")).query;
    QVERIFY(query.referencesField(QStringLiteral("type")));
    QVERIFY(query.referencesField(QStringLiteral("name")));
    QVERIFY(query.referencesField(QStringLiteral("customMetadata.brand")));
    QVERIFY(!query.referencesField(QStringLiteral("size")));

    const SearchQuery alias = *SearchQuery::parse(QStringLiteral("created_at > 1d")).query;
    QVERIFY(alias.referencesField(QStringLiteral("createdAt")));
}

void TestSearchQuery::escapedQuotesInStrings()
{
    const SearchQueryParseResult parsed = SearchQuery::parse(QStringLiteral(R"(name = "say \"hi\".txt")"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QVERIFY(parsed.query->matches(json(R"({"name": "say \"hi\".txt"})"), NowMs));
    QVERIFY(!parsed.query->matches(json(R"({"name": "say hi.txt"})"), NowMs));
    QCOMPARE(parsed.query->toCanonicalString(), QStringLiteral(R"(name = "say \"hi\".txt")"));
}

void TestSearchQuery::deepNestingIsRefusedNotCrashing()
{
    const QString deep = QString(5000, QLatin1Char('(')) + QStringLiteral("width > 1") + QString(5000, QLatin1Char(')'));
    const SearchQueryParseResult parsed = SearchQuery::parse(deep);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error.contains(QLatin1String("nested too deeply")), qPrintable(parsed.error));

    const QString fine = QString(20, QLatin1Char('(')) + QStringLiteral("width > 1") + QString(20, QLatin1Char(')'));
    QVERIFY(SearchQuery::parse(fine).ok());
}

QTEST_GUILESS_MAIN(TestSearchQuery)
#include "tst_searchquery.moc"
