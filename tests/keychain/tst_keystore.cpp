// ikui::KeyStore against the real keychain. One executable, two CTest entries:
//   keychain_secret_service  runs inside a private D-Bus session with an unlocked gnome-keyring
//                            (with-secret-service.sh): store, read, overwrite and delete a key;
//   keychain_no_keyring      runs with DBUS_SESSION_BUS_ADDRESS pointing nowhere: every operation
//                            reports "no keyring", and the run-only key path works.
// MEDIADESK_KEYCHAIN_EXPECT (set by CTest) says which one this run is, so a run in the wrong
// environment fails instead of quietly testing the other path.
#include "accounts/keystore.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <functional>

using ikui::KeyStore;
using ikui::KeyStoreFailure;

class TestKeyStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void storeReadOverwriteDelete();
    void readMissingKeyIsNotFound();
    void profilesAreSeparate();
    void noKeyringIsReportedPlainly();
    void runOnlyKeyWithoutKeyring();
    void readKeyNowBlocksUntilAnswered();

private:
    bool expectSecretService() const { return m_expect == QLatin1String("secret-service"); }
    // A service name of its own per run, so the user's real "Mediadesk" entries are never touched.
    QString m_service = QStringLiteral("Mediadesk-test-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    QString m_expect;
};

namespace {

// Waits for the one answer a KeyStore call gives.
struct Answer
{
    QString signal;   // "written", "read", "deleted" or "failed"
    QString key;
    KeyStoreFailure failure;
};

template<typename Call>
Answer answerOf(KeyStore &store, Call call)
{
    QSignalSpy written(&store, &KeyStore::keyWritten);
    QSignalSpy read(&store, &KeyStore::keyRead);
    QSignalSpy deleted(&store, &KeyStore::keyDeleted);
    QSignalSpy failed(&store, &KeyStore::failed);
    call();
    const bool answered = QTest::qWaitFor([&] {
        return written.size() + read.size() + deleted.size() + failed.size() > 0;
    }, 20000);
    Answer answer;
    if (!answered)
        return answer;
    if (!written.isEmpty())
        answer.signal = QStringLiteral("written");
    if (!deleted.isEmpty())
        answer.signal = QStringLiteral("deleted");
    if (!read.isEmpty()) {
        answer.signal = QStringLiteral("read");
        answer.key = read.first().at(1).toString();
    }
    if (!failed.isEmpty()) {
        answer.signal = QStringLiteral("failed");
        answer.failure = failed.first().at(2).value<KeyStoreFailure>();
    }
    // Exactly one answer per call.
    QTest::qWait(50);
    if (written.size() + read.size() + deleted.size() + failed.size() != 1)
        answer.signal = QStringLiteral("more than one answer");
    return answer;
}

} // namespace

void TestKeyStore::initTestCase()
{
    m_expect = qEnvironmentVariable("MEDIADESK_KEYCHAIN_EXPECT");
    QVERIFY2(m_expect == QLatin1String("secret-service") || m_expect == QLatin1String("none"),
             "run through CTest (MEDIADESK_KEYCHAIN_EXPECT=secret-service or none)");
}

void TestKeyStore::storeReadOverwriteDelete()
{
    if (!expectSecretService())
        QSKIP("needs the Secret Service (the keychain_secret_service entry)");
    KeyStore store(m_service);
    const QString profile = QStringLiteral("work account");

    Answer answer = answerOf(store, [&] { store.writeKey(profile, QStringLiteral("private_first")); });
    QVERIFY2(answer.signal == QLatin1String("written"),
             qPrintable(answer.signal + QLatin1Char(' ') + answer.failure.message + QLatin1Char(' ') + answer.failure.detail));

    answer = answerOf(store, [&] { store.readKey(profile); });
    QCOMPARE(answer.signal, QStringLiteral("read"));
    QCOMPARE(answer.key, QStringLiteral("private_first"));

    // A fresh store (as after a restart) reads what the keychain holds, not a copy in memory.
    KeyStore restarted(m_service);
    answer = answerOf(restarted, [&] { restarted.writeKey(profile, QStringLiteral("private_second")); });
    QCOMPARE(answer.signal, QStringLiteral("written"));
    answer = answerOf(store, [&] { store.readKey(profile); });
    QCOMPARE(answer.key, QStringLiteral("private_second"));

    answer = answerOf(store, [&] { store.deleteKey(profile); });
    QCOMPARE(answer.signal, QStringLiteral("deleted"));
    answer = answerOf(restarted, [&] { restarted.readKey(profile); });
    QCOMPARE(answer.signal, QStringLiteral("failed"));
    QCOMPARE(answer.failure.kind, KeyStoreFailure::Kind::NotFound);

    // Deleting what is not there is not an error: the key is gone either way.
    answer = answerOf(store, [&] { store.deleteKey(profile); });
    QCOMPARE(answer.signal, QStringLiteral("deleted"));
}

void TestKeyStore::readMissingKeyIsNotFound()
{
    if (!expectSecretService())
        QSKIP("needs the Secret Service (the keychain_secret_service entry)");
    KeyStore store(m_service);
    const Answer answer = answerOf(store, [&] { store.readKey(QStringLiteral("never saved")); });
    QCOMPARE(answer.signal, QStringLiteral("failed"));
    QCOMPARE(answer.failure.kind, KeyStoreFailure::Kind::NotFound);
    QVERIFY(!answer.failure.message.isEmpty());
    QVERIFY(!answer.failure.keyringUnavailable());
}

void TestKeyStore::profilesAreSeparate()
{
    if (!expectSecretService())
        QSKIP("needs the Secret Service (the keychain_secret_service entry)");
    KeyStore store(m_service);
    QCOMPARE(answerOf(store, [&] { store.writeKey(QStringLiteral("a"), QStringLiteral("key of a")); }).signal, QStringLiteral("written"));
    QCOMPARE(answerOf(store, [&] { store.writeKey(QStringLiteral("b"), QStringLiteral("key of b")); }).signal, QStringLiteral("written"));
    QCOMPARE(answerOf(store, [&] { store.readKey(QStringLiteral("a")); }).key, QStringLiteral("key of a"));
    QCOMPARE(answerOf(store, [&] { store.readKey(QStringLiteral("b")); }).key, QStringLiteral("key of b"));
    // Another service never sees them.
    KeyStore other(m_service + QStringLiteral("-other"));
    QCOMPARE(answerOf(other, [&] { other.readKey(QStringLiteral("a")); }).failure.kind, KeyStoreFailure::Kind::NotFound);
    QCOMPARE(answerOf(store, [&] { store.deleteKey(QStringLiteral("a")); }).signal, QStringLiteral("deleted"));
    QCOMPARE(answerOf(store, [&] { store.readKey(QStringLiteral("b")); }).key, QStringLiteral("key of b"));
    QCOMPARE(answerOf(store, [&] { store.deleteKey(QStringLiteral("b")); }).signal, QStringLiteral("deleted"));
}

void TestKeyStore::noKeyringIsReportedPlainly()
{
    if (expectSecretService())
        QSKIP("needs no keyring (the keychain_no_keyring entry)");
    KeyStore store(m_service);
    const QString profile = QStringLiteral("offline");
    for (auto call : {std::function<void()>([&] { store.writeKey(profile, QStringLiteral("secret")); }),
                      std::function<void()>([&] { store.readKey(profile); }),
                      std::function<void()>([&] { store.deleteKey(profile); })}) {
        const Answer answer = answerOf(store, call);
        QCOMPARE(answer.signal, QStringLiteral("failed"));
        QVERIFY2(answer.failure.kind == KeyStoreFailure::Kind::NoKeyring, qPrintable(answer.failure.detail));
        QVERIFY2(answer.failure.message.contains(QLatin1String("keychain")), qPrintable(answer.failure.message));
        QVERIFY(!answer.failure.message.contains(QLatin1String("secret")));
    }
}

void TestKeyStore::runOnlyKeyWithoutKeyring()
{
    if (expectSecretService())
        QSKIP("needs no keyring (the keychain_no_keyring entry)");
    KeyStore store(m_service);
    const QString profile = QStringLiteral("offline");
    store.keepForThisRun(profile, QStringLiteral("kept in memory"));
    QVERIFY(store.isKeptForThisRun(profile));
    Answer answer = answerOf(store, [&] { store.readKey(profile); });
    QCOMPARE(answer.signal, QStringLiteral("read"));
    QCOMPARE(answer.key, QStringLiteral("kept in memory"));

    // Only this store (this run) knows it.
    KeyStore nextRun(m_service);
    QCOMPARE(answerOf(nextRun, [&] { nextRun.readKey(profile); }).signal, QStringLiteral("failed"));

    answer = answerOf(store, [&] { store.deleteKey(profile); });
    QCOMPARE(answer.signal, QStringLiteral("deleted"));
    QVERIFY(!store.isKeptForThisRun(profile));
    answer = answerOf(store, [&] { store.readKey(profile); });
    QCOMPARE(answer.signal, QStringLiteral("failed"));
    QVERIFY(answer.failure.keyringUnavailable());
}

void TestKeyStore::readKeyNowBlocksUntilAnswered()
{
    const QString profile = QStringLiteral("cli profile");
    KeyStoreFailure failure;
    if (expectSecretService()) {
        KeyStore store(m_service);
        QCOMPARE(answerOf(store, [&] { store.writeKey(profile, QStringLiteral("for the cli")); }).signal, QStringLiteral("written"));
        QCOMPARE(KeyStore::readKeyNow(profile, &failure, m_service), std::optional<QString>(QStringLiteral("for the cli")));
        QCOMPARE(answerOf(store, [&] { store.deleteKey(profile); }).signal, QStringLiteral("deleted"));
        QCOMPARE(KeyStore::readKeyNow(profile, &failure, m_service), std::nullopt);
        QCOMPARE(failure.kind, KeyStoreFailure::Kind::NotFound);
    } else {
        QCOMPARE(KeyStore::readKeyNow(profile, &failure, m_service), std::nullopt);
        QVERIFY(failure.keyringUnavailable());
    }
}

QTEST_GUILESS_MAIN(TestKeyStore)
#include "tst_keystore.moc"
