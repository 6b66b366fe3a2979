// ik::phashDistance against tests/data/phash.json, and the clear errors that replace the seed's
// crashes and silent guesses.
#include "phash/phashdistance.h"
#include "util/orderedjson.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace ik;

class TestPhashDistance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void vectors_data();
    void vectors();
    void errorCases();
    void probes_data();
    void probes();
    void bitCounting();

private:
    OrderedJsonValue m_root;
};

void TestPhashDistance::initTestCase()
{
    QFile file(QStringLiteral(MEDIADESK_TEST_DATA "/phash.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto parsed = parseOrderedJson(file.readAll());
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    m_root = parsed.value;
}

void TestPhashDistance::vectors_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<int>("expected");
    int row = 0;
    for (const auto &entry : m_root.find(u"cases")->items()) {
        QTest::addRow("case %d", row++) << entry.find(u"first")->toString() << entry.find(u"second")->toString()
                                        << int(entry.find(u"expected_distance")->toInteger());
    }
    QVERIFY(row >= 6);
}

void TestPhashDistance::vectors()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(int, expected);
    const PhashDistanceResult result = phashDistance(first, second);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.distance, expected);
    QCOMPARE(phashDistance(second, first).distance, expected);                 // symmetric
    QCOMPARE(phashDistance(first.toUpper(), second).distance, expected);       // either case
}

void TestPhashDistance::errorCases()
{
    // Missing value: a clear message instead of the seed's TypeError.
    const auto &errors = m_root.find(u"error_cases")->items();
    QVERIFY(errors.size() >= 2);
    const PhashDistanceResult missing = phashDistance(errors.at(0).find(u"first")->toString(),
                                                      errors.at(0).find(u"second")->toString());
    QVERIFY(!missing.ok());
    QCOMPARE(missing.distance, -1);
    QVERIFY2(missing.error.contains(QLatin1String("missing first pHash")), qPrintable(missing.error));
    // (1234, 111) are numbers: the C++ API takes text only; the CLI test covers JSON numbers.
    QVERIFY(errors.at(1).find(u"first")->isNumber());
    QVERIFY(!phashDistance(u"33699c96619cc69e", u"").ok());
    QVERIFY(phashDistance(u"33699c96619cc69e", u"").error.contains(QLatin1String("missing second")));
}

void TestPhashDistance::probes_data()
{
    // Every probe is something the seed accepted loosely or crashed on; here each is either
    // exact (case-insensitive input) or a clear error naming the problem.
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<QString>("error"); // empty: must succeed with distance 0
    for (const auto &entry : m_root.find(u"sdk_behavior_probes")->find(u"cases")->items()) {
        const QString first = entry.find(u"first")->isString() ? entry.find(u"first")->toString() : QString();
        const QString second = entry.find(u"second")->toString();
        QString error;
        if (first.isEmpty())
            error = QStringLiteral("missing first");
        else if (first.trimmed().size() != 16)
            error = QStringLiteral("has %1 characters; a pHash is exactly 16 hex digits").arg(first.trimmed().size());
        else if (second.size() != 16)
            error = QStringLiteral("second pHash");
        QTest::newRow(qPrintable(entry.find(u"note")->toString().left(60))) << first << second << error;
    }
    QTest::newRow("non-hex at full length") << QStringLiteral("33699c96619cc69g") << QStringLiteral("33699c96619cc69e")
                                            << QStringLiteral("not a hex digit at position 16: 'g'");
    QTest::newRow("0x prefix at full length") << QStringLiteral("0x699c96619cc69e") << QStringLiteral("33699c96619cc69e")
                                              << QStringLiteral("not a hex digit at position 2: 'x'");
    QTest::newRow("spaces around are fine") << QStringLiteral("  33699c96619cc69e\n") << QStringLiteral("33699C96619CC69E")
                                            << QString();
}

void TestPhashDistance::probes()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(QString, error);
    const PhashDistanceResult result = phashDistance(first, second);
    if (error.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.distance, 0);
    } else {
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(error), qPrintable(result.error));
    }
}

void TestPhashDistance::bitCounting()
{
    QCOMPARE(phashDistance(u"0000000000000000", u"ffffffffffffffff").distance, 64);
    QCOMPARE(phashDistance(u"8000000000000000", u"0000000000000000").distance, 1); // top bit
    QCOMPARE(phashDistance(u"0000000000000001", u"0000000000000000").distance, 1); // bottom bit
    // Against a bit-by-bit count of random values.
    auto *random = QRandomGenerator::global();
    for (int i = 0; i < 200; ++i) {
        const quint64 a = random->generate64();
        const quint64 b = random->generate64();
        int expected = 0;
        for (int bit = 0; bit < 64; ++bit)
            expected += int(((a >> bit) & 1) != ((b >> bit) & 1));
        const QString ha = QStringLiteral("%1").arg(a, 16, 16, QLatin1Char('0'));
        const QString hb = QStringLiteral("%1").arg(b, 16, 16, QLatin1Char('0'));
        QCOMPARE(phashDistance(ha, hb).distance, expected);
    }
}

QTEST_GUILESS_MAIN(TestPhashDistance)
#include "tst_phashdistance.moc"
