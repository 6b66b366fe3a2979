// ik::parseOrderedJson: the order-preserving reader behind `mediadesk-cli url` and the vectors.
#include "util/orderedjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace ik;

class TestOrderedJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsMemberOrder();
    void scalars();
    void stringEscapes();
    void numbers();
    void errors_data();
    void errors();
    void agreesWithQJsonDocumentOnValidText();
};

void TestOrderedJson::keepsMemberOrder()
{
    const auto parsed = parseOrderedJson(R"( {"z":1, "a":{"y":true,"b":null}, "m":[3,"x"]} )");
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    const auto &members = parsed.value.members();
    QCOMPARE(members.size(), 3);
    QCOMPARE(members.at(0).first, QStringLiteral("z"));
    QCOMPARE(members.at(1).first, QStringLiteral("a"));
    QCOMPARE(members.at(2).first, QStringLiteral("m"));
    QCOMPARE(members.at(1).second.members().at(0).first, QStringLiteral("y"));
    QVERIFY(members.at(1).second.members().at(1).second.isNull());
    QCOMPARE(members.at(2).second.items().size(), 2);
    QCOMPARE(members.at(2).second.items().at(1).toString(), QStringLiteral("x"));
    QCOMPARE(parsed.value.find(u"m"), &members.at(2).second);
    QVERIFY(!parsed.value.find(u"missing"));
}

void TestOrderedJson::scalars()
{
    QVERIFY(parseOrderedJson("true").value.toBool());
    QCOMPARE(parseOrderedJson("false").value.type(), OrderedJsonValue::Type::Bool);
    QVERIFY(parseOrderedJson(" null ").value.isNull());
    QCOMPARE(parseOrderedJson("\"\"").value.toString(), QString());
    QVERIFY(parseOrderedJson("{}").value.members().isEmpty());
    QVERIFY(parseOrderedJson("[]").value.items().isEmpty());
}

void TestOrderedJson::stringEscapes()
{
    const auto parsed = parseOrderedJson(R"("a\"b\\c\/d\b\f\n\r\t \u00e9 \ud83d\ude00 é")");
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.value.toString(), QStringLiteral("a\"b\\c/d\b\f\n\r\t é 😀 é"));
}

void TestOrderedJson::numbers()
{
    auto number = [](const char *text) { return parseOrderedJson(text).value; };
    QVERIFY(number("300").isInteger());
    QCOMPARE(number("300").toInteger(), 300);
    QCOMPARE(number("-7").toInteger(), -7);
    QCOMPARE(number("9223372036854775807").toInteger(), Q_INT64_C(9223372036854775807));
    QVERIFY(!number("9223372036854775808").isInteger()); // too large: kept as a double
    QCOMPARE(number("9223372036854775808").toDouble(), 9223372036854775808.0);
    QVERIFY(!number("1.0").isInteger());
    QCOMPARE(number("0.5").toDouble(), 0.5);
    QCOMPARE(number("-1.5e3").toDouble(), -1500.0);
    QCOMPARE(number("2E-2").toDouble(), 0.02);
}

void TestOrderedJson::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QByteArray("") << QStringLiteral("empty input");
    QTest::newRow("blank") << QByteArray("  \t") << QStringLiteral("empty input");
    QTest::newRow("trailing text") << QByteArray("{} x") << QStringLiteral("unexpected text after the JSON value at offset 3");
    QTest::newRow("two values") << QByteArray("1 2") << QStringLiteral("unexpected text");
    QTest::newRow("unterminated string") << QByteArray("\"abc") << QStringLiteral("unterminated string");
    QTest::newRow("unterminated object") << QByteArray("{\"a\":1") << QStringLiteral("expected ',' or '}'");
    QTest::newRow("trailing comma") << QByteArray("[1,]") << QStringLiteral("expected a JSON value");
    QTest::newRow("single quotes") << QByteArray("{'a':1}") << QStringLiteral("expected a member name");
    QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << QStringLiteral("expected ':'");
    QTest::newRow("bad literal") << QByteArray("tru") << QStringLiteral("expected a JSON value");
    QTest::newRow("leading zero") << QByteArray("01") << QStringLiteral("unexpected text");
    QTest::newRow("plus sign") << QByteArray("+1") << QStringLiteral("expected a JSON value");
    QTest::newRow("bare fraction") << QByteArray("1.") << QStringLiteral("digits after the decimal point");
    QTest::newRow("bad exponent") << QByteArray("1e") << QStringLiteral("digits in the exponent");
    QTest::newRow("huge number") << QByteArray("1e999") << QStringLiteral("out of range");
    QTest::newRow("bad escape") << QByteArray("\"\\x\"") << QStringLiteral("unknown escape");
    QTest::newRow("short unicode escape") << QByteArray("\"\\u12\"") << QStringLiteral("four hex digits");
    QTest::newRow("lone high surrogate") << QByteArray("\"\\ud83d\"") << QStringLiteral("lone surrogate");
    QTest::newRow("lone low surrogate") << QByteArray("\"\\ude00\"") << QStringLiteral("lone surrogate");
    QTest::newRow("raw control") << QByteArray("\"a\nb\"") << QStringLiteral("control characters");
    QTest::newRow("invalid UTF-8") << QByteArray("\"\xff\xfe\"") << QStringLiteral("invalid UTF-8");
    QTest::newRow("too deep") << QByteArray(100, '[') << QStringLiteral("nesting deeper than 64");
    QTest::newRow("NUL byte") << QByteArray("{\"a\":1}\0", 8) << QStringLiteral("unexpected text");
}

void TestOrderedJson::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    const auto parsed = parseOrderedJson(text);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error.contains(message), qPrintable(parsed.error));
}

void TestOrderedJson::agreesWithQJsonDocumentOnValidText()
{
    // Same values as Qt's parser (ignoring order), for a document using every construct.
    const QByteArray text = R"({"s":"é\u0041\n","n":[0,-1,2.5,1e2,true,false,null],"o":{"k":{"deep":[[]]}}})";
    const auto parsed = parseOrderedJson(text);
    QVERIFY(parsed.ok());
    const QJsonDocument qt = QJsonDocument::fromJson(text);
    QCOMPARE(parsed.value.find(u"s")->toString(), qt[QLatin1String("s")].toString());
    const auto &items = parsed.value.find(u"n")->items();
    const QJsonArray qtItems = qt[QLatin1String("n")].toArray();
    QCOMPARE(items.size(), qtItems.size());
    for (qsizetype i = 0; i < 4; ++i)
        QCOMPARE(items.at(i).toDouble(), qtItems.at(i).toDouble());
    QCOMPARE(items.at(4).toBool(), true);
    QVERIFY(items.at(6).isNull());
    QVERIFY(parsed.value.find(u"o")->find(u"k")->find(u"deep")->items().at(0).isArray());
}

QTEST_GUILESS_MAIN(TestOrderedJson)
#include "tst_orderedjson.moc"
