// ik::makeAuthParameters against tests/data/auth_params.json, with a pinned clock.
#include "auth/authparameters.h"
#include "util/clock.h"
#include "util/orderedjson.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace ik;

namespace {

QString hmacHex(const QString &key, const QString &message)
{
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(message.toUtf8(), key.toUtf8(), QCryptographicHash::Sha1).toHex());
}

// expire as the vectors write it: a number, a string of digits (the seed keeps strings), or null.
qint64 expireOf(const OrderedJsonValue &value)
{
    if (value.isString())
        return value.toString().toLongLong();
    return value.isNull() ? 0 : value.toInteger();
}

} // namespace

class TestAuthParameters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cases();
    void derivedCases_data();
    void derivedCases();
    void defaultTokenIsAFreshUuidV4();
    void jsonKeepsTheContractOrder();
    void errors();

private:
    OrderedJsonValue m_root;
};

void TestAuthParameters::initTestCase()
{
    QFile file(QStringLiteral(MEDIADESK_TEST_DATA "/auth_params.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto parsed = parseOrderedJson(file.readAll());
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    m_root = parsed.value;
}

void TestAuthParameters::cases()
{
    const auto &cases = m_root.find(u"cases")->items();
    QCOMPARE(cases.size(), 3);
    const FixedClock clock(1700000000);
    for (const auto &entry : cases) {
        const OrderedJsonValue &input = *entry.find(u"input");
        const QString key = entry.find(u"client") ? entry.find(u"client")->find(u"private_key")->toString()
                                                  : input.find(u"private_key")->toString();
        const QString token = input.find(u"token")->toString();
        const qint64 expire = expireOf(*input.find(u"expire"));
        const AuthParametersResult result = makeAuthParameters(key, clock, token, expire);
        QVERIFY2(result.ok(), qPrintable(result.error));
        const OrderedJsonValue &expected = *entry.find(u"expected");
        QCOMPARE(result.parameters.expire, expireOf(*expected.find(u"expire")));
        if (token.isEmpty()) {
            // Random token (third case): check its form and the signature over it.
            QCOMPARE(result.parameters.token.size(), 36);
            QCOMPARE(result.parameters.signature, hmacHex(key, result.parameters.token + QString::number(expire)));
        } else {
            QCOMPARE(result.parameters.token, expected.find(u"token")->toString());
            QCOMPARE(result.parameters.signature, expected.find(u"signature")->toString());
            QCOMPARE(result.parameters.signature, hmacHex(key, entry.find(u"string_to_sign")->toString()));
        }
    }
}

void TestAuthParameters::derivedCases_data()
{
    QTest::addColumn<int>("index");
    const auto &cases = m_root.find(u"derived_cases")->items();
    for (qsizetype i = 0; i < cases.size(); ++i)
        QTest::newRow(qPrintable(cases.at(i).find(u"id")->toString())) << int(i);
    QCOMPARE(cases.size(), 4);
}

void TestAuthParameters::derivedCases()
{
    QFETCH(int, index);
    const OrderedJsonValue &entry = m_root.find(u"derived_cases")->items().at(index);
    const FixedClock clock(entry.find(u"fixed_now_unix")->toInteger());
    const OrderedJsonValue &input = *entry.find(u"input");
    const qint64 expire = expireOf(*input.find(u"expire"));
    const AuthParametersResult result = makeAuthParameters(entry.find(u"private_key")->toString(), clock,
                                                           input.find(u"token")->toString(), expire);
    if (expire < 0) {
        // negative_expire_not_validated: the seed signs it; a past-the-epoch expiry is a mistake.
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(QLatin1String("expire must be a Unix time")), qPrintable(result.error));
        return;
    }
    QVERIFY2(result.ok(), qPrintable(result.error));
    const OrderedJsonValue &expected = *entry.find(u"expected");
    QCOMPARE(result.parameters.token, expected.find(u"token")->toString());
    QCOMPARE(result.parameters.expire, expected.find(u"expire")->toInteger());
    QCOMPARE(result.parameters.signature, expected.find(u"signature")->toString());
}

void TestAuthParameters::defaultTokenIsAFreshUuidV4()
{
    const FixedClock clock(1000);
    const QRegularExpression uuidV4(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    QSet<QString> seen;
    for (int i = 0; i < 50; ++i) {
        const AuthParametersResult result = makeAuthParameters(QStringLiteral("k"), clock);
        QVERIFY(result.ok());
        QVERIFY2(uuidV4.match(result.parameters.token).hasMatch(), qPrintable(result.parameters.token));
        QCOMPARE(result.parameters.expire, 1000 + kDefaultAuthLifetimeSeconds);
        QCOMPARE(result.parameters.signature, hmacHex(QStringLiteral("k"), result.parameters.token + QStringLiteral("2800")));
        seen.insert(result.parameters.token);
    }
    QCOMPARE(seen.size(), 50);
}

void TestAuthParameters::jsonKeepsTheContractOrder()
{
    AuthParameters parameters;
    parameters.token = QStringLiteral("a\"b\\c é");
    parameters.expire = 1582269249;
    parameters.signature = QStringLiteral("e71bcd6031016b060d349d212e23e85c791decdd");
    const QString json = parameters.toJson();
    QCOMPARE(json, QStringLiteral("{\"token\":\"a\\\"b\\\\c é\",\"expire\":1582269249,"
                                  "\"signature\":\"e71bcd6031016b060d349d212e23e85c791decdd\"}"));
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    QCOMPARE(object.value(QLatin1String("token")).toString(), parameters.token);
    QCOMPARE(object.value(QLatin1String("expire")).toInteger(), parameters.expire);
}

void TestAuthParameters::errors()
{
    const FixedClock clock(1000);
    AuthParametersResult result = makeAuthParameters(QString(), clock, QStringLiteral("t"), 5000);
    QVERIFY(!result.ok());
    QVERIFY(result.error.contains(QLatin1String("private key")));
    result = makeAuthParameters(QStringLiteral("k"), clock, QStringLiteral("t"), -1);
    QVERIFY(!result.ok());
    QVERIFY(result.parameters.signature.isEmpty());
}

QTEST_GUILESS_MAIN(TestAuthParameters)
#include "tst_authparameters.moc"
