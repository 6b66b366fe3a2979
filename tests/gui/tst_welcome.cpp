// The welcome screen against an in-process emulator and the real keychain. One executable, two
// CTest entries (like tests/keychain): welcome_secret_service runs inside a private D-Bus session
// with gnome-keyring, welcome_no_keyring with no session bus at all (MEDIADESK_KEYCHAIN_EXPECT).
#include "accounts/session.h"
#include "accounts/storage/keystore.h"
#include "accounts/storage/profilestore.h"
#include "api/apiclient.h"
#include "api/imagekit.h"
#include "server/emulatorserver.h"
#include "welcome/welcomewidget.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace ikui;

class TestWelcome : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void badInputIsRejectedBeforeAnyRequest_data();
    void badInputIsRejectedBeforeAnyRequest();
    void wrongPrivateKeyIsExplained();
    void unreachableServerIsExplained();
    void rightKeysSaveProfileAndKeyInKeychain();
    void noKeyringOffersKeyForThisRunOnly();
    void demoButtonStartsSessionWithRunningEmulator();

private:
    bool expectSecretService() const { return m_expect == QLatin1String("secret-service"); }
    void fillForm(const QString &name, const QString &privateKey, const QString &publicKey,
                  const QString &endpoint, const QString &apiBase);
    void clickConnect();
    QString waitForStatusChange(const QString &before);
    QString settingsText() const;

    QString m_expect;
    QTemporaryDir m_dir;
    std::unique_ptr<ikemu::EmulatorServer> m_server;
    QString m_service = QStringLiteral("Mediadesk-test-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<KeyStore> m_keys;
    std::unique_ptr<WelcomeWidget> m_welcome;
    int m_run = 0;
};

void TestWelcome::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_expect = qEnvironmentVariable("MEDIADESK_KEYCHAIN_EXPECT");
    QVERIFY2(m_expect == QLatin1String("secret-service") || m_expect == QLatin1String("none"),
             "run through CTest (MEDIADESK_KEYCHAIN_EXPECT=secret-service or none)");
    QVERIFY(m_dir.isValid());
    ikemu::EmulatorConfig config;
    config.dataDir = m_dir.filePath(QStringLiteral("account-server"));
    config.privateKey = QStringLiteral("private_right_key_123");
    config.publicKey = QStringLiteral("public_right_key_123");
    config.urlEndpointId = QStringLiteral("acme");
    m_server = std::make_unique<ikemu::EmulatorServer>(config);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
}

void TestWelcome::init()
{
    ++m_run;
    m_profiles = std::make_unique<ProfileStore>(m_dir.filePath(QStringLiteral("settings-%1.ini").arg(m_run)));
    m_keys = std::make_unique<KeyStore>(m_service);
    m_welcome = std::make_unique<WelcomeWidget>(m_profiles.get(), m_keys.get());
    m_welcome->setDemoDataDir(m_dir.filePath(QStringLiteral("demo-%1").arg(m_run)));
    m_welcome->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_welcome.get()));
}

void TestWelcome::cleanup()
{
    m_welcome.reset();
    m_keys.reset();
    m_profiles.reset();
}

void TestWelcome::fillForm(const QString &name, const QString &privateKey, const QString &publicKey,
                           const QString &endpoint, const QString &apiBase)
{
    auto type = [this](const char *objectName, const QString &text) {
        auto *field = m_welcome->findChild<QLineEdit *>(QLatin1String(objectName));
        QVERIFY2(field, objectName);
        field->clear();
        QTest::keyClicks(field, text);
    };
    type("profileName", name);
    type("privateKey", privateKey);
    type("publicKey", publicKey);
    type("urlEndpoint", endpoint);
    type("apiBase", apiBase);
}

void TestWelcome::clickConnect()
{
    auto *button = m_welcome->findChild<QPushButton *>(QStringLiteral("connectButton"));
    QVERIFY(button && button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
}

// The status line settles on a final message (not "Checking ..." / "Saving ...").
QString TestWelcome::waitForStatusChange(const QString &before)
{
    auto *button = m_welcome->findChild<QPushButton *>(QStringLiteral("connectButton"));
    auto *panel = m_welcome->findChild<QWidget *>(QStringLiteral("keyringPanel"));
    const bool settled = QTest::qWaitFor([&] {
        return m_welcome->statusText() != before && (button->isEnabled() || panel->isVisible());
    }, 20000);
    return settled ? m_welcome->statusText() : QStringLiteral("(still busy) ") + m_welcome->statusText();
}

QString TestWelcome::settingsText() const
{
    QFile file(m_profiles->fileName());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

void TestWelcome::badInputIsRejectedBeforeAnyRequest_data()
{
    QTest::addColumn<QString>("privateKey");
    QTest::addColumn<QString>("publicKey");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("apiBase");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("focused");
    QTest::newRow("no private key") << QString() << "public_x" << "https://ik.imagekit.io/acme" << QString()
                                    << "private key is missing" << "privateKey";
    QTest::newRow("public key as private") << "public_abc" << "public_x" << "https://ik.imagekit.io/acme" << QString()
                                           << "This is a public key" << "privateKey";
    QTest::newRow("private key as public") << "private_abc" << "private_abc" << "https://ik.imagekit.io/acme" << QString()
                                           << "This is a private key" << "publicKey";
    QTest::newRow("endpoint not a URL") << "private_abc" << "public_x" << "ik.imagekit.io acme" << QString()
                                        << "URL endpoint must look like" << "urlEndpoint";
    QTest::newRow("api base not http") << "private_abc" << "public_x" << "https://ik.imagekit.io/acme" << "ftp://example.com"
                                       << "API base must be an http(s) URL" << "apiBase";
    QTest::newRow("plain http to a remote host") << "private_abc" << "public_x" << "https://ik.imagekit.io/acme"
                                                 << "http://example.com" << "API base is not usable" << "apiBase";
}

void TestWelcome::badInputIsRejectedBeforeAnyRequest()
{
    QFETCH(QString, privateKey);
    QFETCH(QString, publicKey);
    QFETCH(QString, endpoint);
    QFETCH(QString, apiBase);
    QFETCH(QString, expected);
    QFETCH(QString, focused);
    QSignalSpy ready(m_welcome.get(), &WelcomeWidget::sessionReady);
    fillForm(QStringLiteral("acme"), privateKey, publicKey, endpoint, apiBase);
    clickConnect();
    // Input errors are reported at once, without a network round trip.
    QVERIFY2(m_welcome->statusText().contains(expected), qPrintable(m_welcome->statusText()));
    QCOMPARE(m_welcome->focusWidget() ? m_welcome->focusWidget()->objectName() : QString(), focused);
    QVERIFY(ready.isEmpty());
    QVERIFY(m_profiles->names().isEmpty());
}

void TestWelcome::wrongPrivateKeyIsExplained()
{
    QSignalSpy ready(m_welcome.get(), &WelcomeWidget::sessionReady);
    fillForm(QStringLiteral("acme"), QStringLiteral("private_wrong_key"), QStringLiteral("public_right_key_123"),
             m_server->urlEndpoint().toString(), m_server->baseUrl().toString());
    clickConnect();
    const QString status = waitForStatusChange(QStringLiteral("Checking the account…"));
    // The emulator answers 403 like ImageKit; 401 gets the same sentence.
    QVERIFY2(status.contains(QLatin1String("private key was refused (HTTP 403)")), qPrintable(status));
    QCOMPARE(m_welcome->focusWidget()->objectName(), QStringLiteral("privateKey"));
    QVERIFY(ready.isEmpty());
    QVERIFY(m_profiles->names().isEmpty());
    QVERIFY(!settingsText().contains(QLatin1String("private_wrong_key")));
}

void TestWelcome::unreachableServerIsExplained()
{
    // A loopback port nothing listens on.
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        closedPort = probe.serverPort();
    }
    QSignalSpy ready(m_welcome.get(), &WelcomeWidget::sessionReady);
    fillForm(QStringLiteral("acme"), QStringLiteral("private_right_key_123"), QStringLiteral("public_right_key_123"),
             m_server->urlEndpoint().toString(), QStringLiteral("http://127.0.0.1:%1").arg(closedPort));
    clickConnect();
    const QString status = waitForStatusChange(QStringLiteral("Checking the account…"));
    QVERIFY2(status.startsWith(QStringLiteral("Cannot reach http://127.0.0.1:%1: ").arg(closedPort)), qPrintable(status));
    QCOMPARE(m_welcome->focusWidget()->objectName(), QStringLiteral("apiBase"));
    QVERIFY(ready.isEmpty());
    QVERIFY(m_profiles->names().isEmpty());
}

void TestWelcome::rightKeysSaveProfileAndKeyInKeychain()
{
    if (!expectSecretService())
        QSKIP("needs the Secret Service (the welcome_secret_service entry)");
    QSignalSpy ready(m_welcome.get(), &WelcomeWidget::sessionReady);
    fillForm(QString(), QStringLiteral("private_right_key_123"), QStringLiteral("public_right_key_123"),
             m_server->urlEndpoint().toString(), m_server->baseUrl().toString());
    clickConnect();
    QVERIFY2(QTest::qWaitFor([&] { return !ready.isEmpty(); }, 20000), qPrintable(m_welcome->statusText()));
    std::unique_ptr<Session> session(ready.first().at(0).value<Session *>());
    QVERIFY(session);
    QVERIFY(!session->isDemo());

    // The name defaults to the endpoint's id; public parts in QSettings, last used remembered.
    QCOMPARE(m_profiles->names(), QStringList{QStringLiteral("acme")});
    QCOMPARE(m_profiles->lastUsed(), QStringLiteral("acme"));
    const Profile saved = *m_profiles->profile(QStringLiteral("acme"));
    QCOMPARE(saved.publicKey, QStringLiteral("public_right_key_123"));
    QCOMPARE(saved.urlEndpoint, m_server->urlEndpoint().toString());
    QCOMPARE(saved.apiBase, m_server->baseUrl());
    QCOMPARE(session->profile(), saved);

    // The private key: in the keychain, nowhere in the settings file.
    const QString text = settingsText();
    QVERIFY2(text.contains(QLatin1String("public_right_key_123")), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("private_right_key_123")), qPrintable(text));
    KeyStoreFailure failure;
    QCOMPARE(KeyStore::readKeyNow(QStringLiteral("acme"), &failure, m_service), std::optional<QString>(QStringLiteral("private_right_key_123")));
    QVERIFY(!m_keys->isKeptForThisRun(QStringLiteral("acme")));

    // The session works against the account.
    auto *job = session->imageKit().listFiles();
    bool listed = false;
    connect(job, &ik::FileListJob::finished, this, [&] { listed = true; });
    QVERIFY(QTest::qWaitFor([&] { return listed; }, 10000));

    // Saving a second account under the same name is refused.
    fillForm(QStringLiteral("acme"), QStringLiteral("private_right_key_123"), QStringLiteral("public_right_key_123"),
             m_server->urlEndpoint().toString(), m_server->baseUrl().toString());
    clickConnect();
    QVERIFY2(m_welcome->statusText().contains(QLatin1String("already saved")), qPrintable(m_welcome->statusText()));

    // Tidy the test keychain.
    QSignalSpy deleted(m_keys.get(), &KeyStore::keyDeleted);
    m_keys->deleteKey(QStringLiteral("acme"));
    QVERIFY(deleted.wait(10000));
}

void TestWelcome::noKeyringOffersKeyForThisRunOnly()
{
    if (expectSecretService())
        QSKIP("needs no keyring (the welcome_no_keyring entry)");
    QSignalSpy ready(m_welcome.get(), &WelcomeWidget::sessionReady);
    fillForm(QStringLiteral("offline"), QStringLiteral("private_right_key_123"), QStringLiteral("public_right_key_123"),
             m_server->urlEndpoint().toString(), m_server->baseUrl().toString());
    clickConnect();
    auto *panel = m_welcome->findChild<QWidget *>(QStringLiteral("keyringPanel"));
    QVERIFY2(QTest::qWaitFor([&] { return panel->isVisible(); }, 20000), qPrintable(m_welcome->statusText()));
    QVERIFY(ready.isEmpty());
    QVERIFY(m_profiles->names().isEmpty()); // nothing saved until the user decides
    QString panelText;
    for (auto *label : panel->findChildren<QLabel *>())
        panelText += label->text();
    QVERIFY2(panelText.contains(QLatin1String("No system keychain is available")), qPrintable(panelText));
    QVERIFY(!panelText.contains(QLatin1String("private_right_key_123")));

    QTest::mouseClick(m_welcome->findChild<QPushButton *>(QStringLiteral("keepForThisRunButton")), Qt::LeftButton);
    QCOMPARE(ready.size(), 1);
    std::unique_ptr<Session> session(ready.first().at(0).value<Session *>());
    QCOMPARE(session->client()->privateKey(), QStringLiteral("private_right_key_123"));
    QVERIFY(m_keys->isKeptForThisRun(QStringLiteral("offline")));
    QCOMPARE(m_profiles->names(), QStringList{QStringLiteral("offline")});
    QVERIFY(!settingsText().contains(QLatin1String("private_right_key_123")));
    QVERIFY(m_welcome->statusText().contains(QLatin1String("for this run only")));
}

void TestWelcome::demoButtonStartsSessionWithRunningEmulator()
{
    QSignalSpy ready(m_welcome.get(), &WelcomeWidget::sessionReady);
    QTest::mouseClick(m_welcome->findChild<QPushButton *>(QStringLiteral("demoButton")), Qt::LeftButton);
    QVERIFY2(QTest::qWaitFor([&] { return !ready.isEmpty(); }, 60000), qPrintable(m_welcome->statusText()));
    std::unique_ptr<Session> session(ready.first().at(0).value<Session *>());
    QVERIFY(session->isDemo());
    QCOMPARE(session->displayName(), QStringLiteral("Offline demo"));
    QVERIFY(session->demoServer() && session->demoServer()->isRunning());
    QCOMPARE(session->client()->apiBase(), session->demoServer()->baseUrl());
    QVERIFY(m_profiles->names().isEmpty()); // the demo is not a saved account

    // The demo library is there, over real HTTP.
    ik::ListFilesOptions options;
    options.type = QStringLiteral("all");
    auto *job = session->imageKit().listFiles(options);
    qsizetype entries = -1;
    QString failure;
    connect(job, &ik::FileListJob::finished, this, [&](const ik::FileList &list) { entries = list.entryCount(); });
    connect(job, &ik::ApiJob::failed, this, [&](const ik::ApiError &error) { failure = error.message(); });
    QVERIFY(QTest::qWaitFor([&] { return entries >= 0 || !failure.isEmpty(); }, 20000));
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY(entries > 0);
}

QTEST_MAIN(TestWelcome)
#include "tst_welcome.moc"
