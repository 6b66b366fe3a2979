// ik::HmacSha1 (the precomputed-key HMAC behind URL signing) against Qt's QMessageAuthenticationCode
// and the RFC 2202 test vectors.
#include "url/hmacsha1.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QTest>

using namespace ik;

namespace {

QByteArray hexOf(const HmacSha1 &hmac, const QByteArray &message)
{
    QByteArray hex(40, '\0');
    hmac.hexDigest(message, hex.data());
    return hex;
}

} // namespace

class TestHmacSha1 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rfc2202_data();
    void rfc2202();
    void agreesWithQtOnRandomInput();
};

void TestHmacSha1::rfc2202_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("1") << QByteArray(20, '\x0b') << QByteArray("Hi There") << QByteArray("b617318655057264e28bc0b6fb378c8ef146be00");
    QTest::newRow("2") << QByteArray("Jefe") << QByteArray("what do ya want for nothing?") << QByteArray("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    QTest::newRow("3") << QByteArray(20, '\xaa') << QByteArray(50, '\xdd') << QByteArray("125d7342b9ac11cd91a39af48aa17b4f63f175d3");
    QTest::newRow("6 long key") << QByteArray(80, '\xaa') << QByteArray("Test Using Larger Than Block-Size Key - Hash Key First")
                                << QByteArray("aa4ae5e15272d00e95705637ce8a3b55ed402112");
}

void TestHmacSha1::rfc2202()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, expected);
    const HmacSha1 hmac(key);
    QCOMPARE(hexOf(hmac, message), expected);
    QCOMPARE(hexOf(hmac, message), expected); // the kept state is not consumed
}

void TestHmacSha1::agreesWithQtOnRandomInput()
{
    auto *random = QRandomGenerator::global();
    // Every message length around the block and padding boundaries, keys up to past one block.
    for (int length = 0; length <= 300; ++length) {
        QByteArray key(random->bounded(0, 100), Qt::Uninitialized);
        for (char &c : key)
            c = char(random->bounded(256));
        QByteArray message(length, Qt::Uninitialized);
        for (char &c : message)
            c = char(random->bounded(256));
        const QByteArray expected = QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha1);
        const HmacSha1 hmac(key);
        const auto digest = hmac.digest(message);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(digest.data()), 20), expected);
        QCOMPARE(hexOf(hmac, message), expected.toHex());
    }
}

QTEST_GUILESS_MAIN(TestHmacSha1)
#include "tst_hmacsha1.moc"
