// `mediadesk-cli --profile NAME` as a process: public key and endpoint from the desktop app's
// settings file (under a temporary XDG_CONFIG_HOME), the private key from the keychain. Runs in
// the same two environments as tst_keystore (MEDIADESK_KEYCHAIN_EXPECT).
#include "accounts/keystore.h"
#include "accounts/profilestore.h"
#include "url/urlbuilder.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ikui;

class TestCliProfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void signsWithTheSavedProfile();
    void unknownProfileIsNamed();
    void optionsWinOverTheProfile();

private:
    struct Result { int exitCode = -1; QString out; QString err; };
    Result runCli(const QStringList &arguments) const;
    QString expectedSignedUrl(const QString &privateKey) const;

    QString m_expect;
    QTemporaryDir m_config;
    const QString m_profileName = QStringLiteral("cli-test-%1").arg(QCoreApplication::applicationPid());
    const QString m_endpoint = QStringLiteral("https://ik.imagekit.io/cli_profile");
    const QString m_privateKey = QStringLiteral("private_cli_profile_key");
};

void TestCliProfile::initTestCase()
{
    m_expect = qEnvironmentVariable("MEDIADESK_KEYCHAIN_EXPECT");
    QVERIFY2(m_expect == QLatin1String("secret-service") || m_expect == QLatin1String("none"),
             "run through CTest (MEDIADESK_KEYCHAIN_EXPECT=secret-service or none)");
    QVERIFY(m_config.isValid());
    // Where QSettings puts organisation "Mediadesk", application "Mediadesk" under XDG_CONFIG_HOME.
    ProfileStore store(m_config.filePath(QStringLiteral("Mediadesk/Mediadesk.ini")));
    Profile profile;
    profile.name = m_profileName;
    profile.publicKey = QStringLiteral("public_cli_profile_key");
    profile.urlEndpoint = m_endpoint;
    QString error;
    QVERIFY2(store.save(profile, &error), qPrintable(error));

    if (m_expect == QLatin1String("secret-service")) {
        // The app's own service name: the CLI reads exactly what the app stores. The keyring
        // is a throw-away one (with-secret-service.sh).
        KeyStore keys;
        QSignalSpy written(&keys, &KeyStore::keyWritten);
        keys.writeKey(m_profileName, m_privateKey);
        QVERIFY(written.wait(20000));
    }
}

void TestCliProfile::cleanupTestCase()
{
    if (m_expect != QLatin1String("secret-service"))
        return;
    KeyStore keys;
    QSignalSpy deleted(&keys, &KeyStore::keyDeleted);
    keys.deleteKey(m_profileName);
    QVERIFY(deleted.wait(20000));
}

TestCliProfile::Result TestCliProfile::runCli(const QStringList &arguments) const
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
    env.remove(QStringLiteral("IMAGEKIT_PRIVATE_KEY"));
    env.remove(QStringLiteral("IMAGEKIT_PUBLIC_KEY"));
    env.remove(QStringLiteral("IMAGEKIT_URL_ENDPOINT"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(MEDIADESK_CLI), arguments);
    Result result;
    if (!process.waitForFinished(60000))
        return result;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    result.err = QString::fromUtf8(process.readAllStandardError()).trimmed();
    return result;
}

QString TestCliProfile::expectedSignedUrl(const QString &privateKey) const
{
    ik::UrlBuilder builder(m_endpoint, privateKey);
    ik::UrlOptions options;
    options.path = QStringLiteral("/cat.jpg");
    options.sign = true;
    return builder.build(options).url;
}

void TestCliProfile::signsWithTheSavedProfile()
{
    const Result result = runCli({QStringLiteral("--profile"), m_profileName, QStringLiteral("url"),
                                  QStringLiteral(R"({"path":"/cat.jpg","signed":true})")});
    if (m_expect == QLatin1String("secret-service")) {
        QCOMPARE(result.err, QString());
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, expectedSignedUrl(m_privateKey));
        QVERIFY(result.out.startsWith(m_endpoint + QStringLiteral("/cat.jpg?")));
    } else {
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("the private key of profile \"%1\" could not be read: No system keychain is available").arg(m_profileName)),
                 qPrintable(result.err));
        QVERIFY(result.out.isEmpty());
    }
}

void TestCliProfile::unknownProfileIsNamed()
{
    const Result result = runCli({QStringLiteral("--profile"), QStringLiteral("nope"), QStringLiteral("url"),
                                  QStringLiteral(R"({"path":"/cat.jpg"})")});
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.err, QStringLiteral("error: no saved profile named \"nope\" (saved: %1)").arg(m_profileName));
}

void TestCliProfile::optionsWinOverTheProfile()
{
    // An explicit --private-key means the keychain is not asked at all: works without a keyring too.
    const Result result = runCli({QStringLiteral("--profile"), m_profileName, QStringLiteral("--private-key"),
                                  QStringLiteral("private_given"), QStringLiteral("url"),
                                  QStringLiteral(R"({"path":"/cat.jpg","signed":true})")});
    QCOMPARE(result.err, QString());
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, expectedSignedUrl(QStringLiteral("private_given")));
}

QTEST_GUILESS_MAIN(TestCliProfile)
#include "tst_cliprofile.moc"
