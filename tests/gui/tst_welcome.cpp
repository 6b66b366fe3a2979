// The welcome screen against an in-process emulator and the real keychain. One executable, two
// CTest entries (like tests/keychain): welcome_secret_service runs inside a private D-Bus session
// with gnome-keyring, welcome_no_keyring with no session bus at all (MEDIADESK_KEYCHAIN_EXPECT).
#include "modaldialogs.h"

#include "shell/appcontroller.h"
#include "session/session.h"
#include "accounts/keystore.h"
#include "accounts/profilestore.h"
#include "api/apiclient.h"
#include "api/imagekit.h"
#include "shell/mainwindow.h"
#include "server/emulatorserver.h"
#include "welcome/addaccountdialog.h"
#include "welcome/welcomewidget.h"

#include <QAbstractButton>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
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
    void demoThatCannotStartSaysWhatToDo();
    void savedProfilesAreListedOpenedAndRemoved();
    void addAccountFromTheProfilesMenu();

private:
    bool expectSecretService() const { return m_expect == QLatin1String("secret-service"); }
    void fillForm(const QString &name, const QString &privateKey, const QString &publicKey,
                  const QString &endpoint, const QString &apiBase, QWidget *form = nullptr);
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
                           const QString &endpoint, const QString &apiBase, QWidget *form)
{
    if (!form)
        form = m_welcome.get();
    auto type = [form](const char *objectName, const QString &text) {
        auto *field = form->findChild<QLineEdit *>(QLatin1String(objectName));
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
    auto *demoButton = m_welcome->findChild<QPushButton *>(QStringLiteral("demoButton"));
    auto *progress = m_welcome->findChild<QProgressBar *>(QStringLiteral("demoProgress"));
    QVERIFY(progress && !progress->isVisible());
    QTest::mouseClick(demoButton, Qt::LeftButton);
    // The click returns before the library is generated: the work runs off the UI thread while
    // the screen says what is happening and nothing else can be started.
    QVERIFY(ready.isEmpty());
    QVERIFY(m_welcome->isStartingDemo());
    QVERIFY(progress->isVisible());
    QVERIFY2(m_welcome->statusText().startsWith(QLatin1String("Preparing the offline demo")), qPrintable(m_welcome->statusText()));
    QVERIFY(!demoButton->isEnabled());
    QVERIFY(!m_welcome->findChild<QPushButton *>(QStringLiteral("connectButton"))->isEnabled());

    // The event loop keeps turning meanwhile: the longest pause between two ticks of a 10 ms timer.
    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = 0, longestPause = 0;
    QTimer ticker;
    ticker.setInterval(10);
    connect(&ticker, &QTimer::timeout, this, [&] {
        longestPause = qMax(longestPause, clock.elapsed() - lastTick);
        lastTick = clock.elapsed();
    });
    ticker.start();
    QVERIFY2(QTest::qWaitFor([&] { return !ready.isEmpty(); }, 60000), qPrintable(m_welcome->statusText()));
    ticker.stop();
    const qint64 took = clock.elapsed();
    qInfo("demo prepared and started in %lld ms; longest UI pause %lld ms", took, longestPause);
    // Generating the library takes seconds of CPU: on the UI thread it would be one pause nearly as
    // long as the whole start. Only the server start (opening the prepared library) stays there.
    QVERIFY2(longestPause * 2 < took, qPrintable(QStringLiteral("longest pause %1 ms of %2 ms").arg(longestPause).arg(took)));
    QVERIFY(!progress->isVisible());
    QVERIFY(demoButton->isEnabled());
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

void TestWelcome::demoThatCannotStartSaysWhatToDo()
{
    QFile blocker(m_dir.filePath(QStringLiteral("a-file-%1").arg(m_run)));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    m_welcome->setDemoDataDir(blocker.fileName() + QStringLiteral("/demo"));
    QSignalSpy ready(m_welcome.get(), &WelcomeWidget::sessionReady);
    auto *demoButton = m_welcome->findChild<QPushButton *>(QStringLiteral("demoButton"));
    QTest::mouseClick(demoButton, Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return !m_welcome->isStartingDemo(); }, 20000));
    const QString status = m_welcome->statusText();
    QVERIFY2(status.contains(QLatin1String("Could not create the demo folder")) && status.contains(QLatin1String("writable")),
             qPrintable(status));
    QVERIFY(ready.isEmpty());
    QVERIFY(demoButton->isEnabled());
    QVERIFY(!m_welcome->findChild<QProgressBar *>(QStringLiteral("demoProgress"))->isVisible());
}

namespace {

// Clicks the button whose text (without '&') is `button` in the next modal message box; its text
// goes to *seen.
void answerNextMessageBox(QObject *context, const QString &button, QString *seen)
{
    guitest::onNextModal<QMessageBox>(context, [button, seen](QMessageBox *box) {
        *seen = guitest::messageText(box);
        guitest::clickButtonLabelled(box, button);
    });
}

QStringList listed(const QListWidget *list)
{
    QStringList names;
    for (int row = 0; row < list->count(); ++row)
        names.append(list->item(row)->text());
    return names;
}

} // namespace

void TestWelcome::savedProfilesAreListedOpenedAndRemoved()
{
    auto *list = m_welcome->findChild<QListWidget *>(QStringLiteral("savedProfiles"));
    QVERIFY(list);
    QVERIFY(!list->isVisible()); // no saved accounts yet: only the two paths
    Profile work;
    work.name = QStringLiteral("work");
    work.publicKey = QStringLiteral("public_right_key_123");
    work.urlEndpoint = m_server->urlEndpoint().toString();
    work.apiBase = m_server->baseUrl();
    Profile agency = work;
    agency.name = QStringLiteral("agency");
    QVERIFY(m_profiles->save(work));
    QVERIFY(m_profiles->save(agency));
    QCOMPARE(listed(list), (QStringList{QStringLiteral("agency"), QStringLiteral("work")}));
    QVERIFY(list->isVisible());

    // Open: the owner (AppController) is asked to open the chosen account.
    QSignalSpy requested(m_welcome.get(), &WelcomeWidget::profileRequested);
    list->setCurrentRow(1);
    QTest::mouseClick(m_welcome->findChild<QPushButton *>(QStringLiteral("openProfileButton")), Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().at(0).toString(), QStringLiteral("work"));

    // A key for "work": in the keychain (Secret Service) or for this run only (no keyring).
    if (expectSecretService()) {
        QSignalSpy written(m_keys.get(), &KeyStore::keyWritten);
        m_keys->writeKey(QStringLiteral("work"), QStringLiteral("private_right_key_123"));
        QVERIFY(written.wait(10000));
    } else {
        m_keys->keepForThisRun(QStringLiteral("work"), QStringLiteral("private_right_key_123"));
    }

    // Remove asks first; Cancel keeps the account.
    auto *removeButton = m_welcome->findChild<QPushButton *>(QStringLiteral("removeProfileButton"));
    QString question;
    answerNextMessageBox(this, QStringLiteral("Cancel"), &question);
    QTest::mouseClick(removeButton, Qt::LeftButton);
    QVERIFY2(question.contains(QLatin1String("\"work\"")) && question.contains(QLatin1String("keychain"))
                 && question.contains(QLatin1String("not touched")),
             qPrintable(question));
    QCOMPARE(m_profiles->names(), (QStringList{QStringLiteral("agency"), QStringLiteral("work")}));

    // Remove for real: the settings and the key go.
    answerNextMessageBox(this, QStringLiteral("Remove"), &question);
    QTest::mouseClick(removeButton, Qt::LeftButton);
    QCOMPARE(m_profiles->names(), QStringList{QStringLiteral("agency")});
    QCOMPARE(listed(list), QStringList{QStringLiteral("agency")});
    QVERIFY(QTest::qWaitFor([&] { return m_welcome->statusText().contains(QLatin1String("was removed")); }, 10000));
    QVERIFY2(m_welcome->statusText() == QLatin1String("The account \"work\" was removed."), qPrintable(m_welcome->statusText()));
    QVERIFY(!m_keys->isKeptForThisRun(QStringLiteral("work")));
    if (expectSecretService()) {
        KeyStoreFailure failure;
        QVERIFY(!KeyStore::readKeyNow(QStringLiteral("work"), &failure, m_service));
        QCOMPARE(failure.kind, KeyStoreFailure::Kind::NotFound);
    }

    // The last one: removed without a run-only key and, in the no-keyring run, the status says the
    // keychain could not be asked and what to do.
    list->setCurrentRow(0);
    answerNextMessageBox(this, QStringLiteral("Remove"), &question);
    QTest::mouseClick(removeButton, Qt::LeftButton);
    QVERIFY(m_profiles->isEmpty());
    QVERIFY(!list->isVisible());
    QVERIFY(QTest::qWaitFor([&] { return m_welcome->statusText().contains(QLatin1String("\"agency\" was removed")); }, 10000));
    if (expectSecretService())
        QCOMPARE(m_welcome->statusText(), QStringLiteral("The account \"agency\" was removed."));
    else
        QVERIFY2(m_welcome->statusText().contains(QLatin1String("No system keychain is available"))
                     && m_welcome->statusText().contains(QLatin1String("keyring manager")),
                 qPrintable(m_welcome->statusText()));
}

void TestWelcome::addAccountFromTheProfilesMenu()
{
    m_welcome->hide();
    // An open account to add another to.
    Profile first;
    first.name = QStringLiteral("first");
    first.publicKey = QStringLiteral("public_right_key_123");
    first.urlEndpoint = m_server->urlEndpoint().toString();
    first.apiBase = m_server->baseUrl();
    QVERIFY(m_profiles->save(first));
    m_keys->keepForThisRun(QStringLiteral("first"), QStringLiteral("private_right_key_123"));
    AppController controller(m_profiles.get(), m_keys.get());
    QSignalSpy opened(&controller, &AppController::sessionOpened);
    controller.openProfile(QStringLiteral("first"));
    QVERIFY(opened.wait(10000));
    MainWindow *window = controller.window();
    QVERIFY(window);

    QAction *add = window->findChild<QMenu *>(QStringLiteral("profilesMenu"))->findChild<QAction *>(QStringLiteral("actionAddAccount"));
    QVERIFY(add);
    add->trigger();
    QVERIFY(QTest::qWaitFor([&] { return controller.addAccountDialog() && controller.addAccountDialog()->isVisible(); }, 5000));
    AddAccountDialog *dialog = controller.addAccountDialog();
    // The name of the open account is taken.
    fillForm(QStringLiteral("first"), QStringLiteral("private_right_key_123"), QStringLiteral("public_right_key_123"),
             m_server->urlEndpoint().toString(), m_server->baseUrl().toString(), dialog);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("connectButton")), Qt::LeftButton);
    QVERIFY2(dialog->statusText().contains(QLatin1String("already saved")), qPrintable(dialog->statusText()));

    fillForm(QStringLiteral("second"), QStringLiteral("private_right_key_123"), QStringLiteral("public_right_key_123"),
             m_server->urlEndpoint().toString(), m_server->baseUrl().toString(), dialog);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("connectButton")), Qt::LeftButton);
    if (!expectSecretService()) {
        auto *panel = dialog->findChild<QWidget *>(QStringLiteral("keyringPanel"));
        QVERIFY2(QTest::qWaitFor([&] { return panel->isVisible(); }, 20000), qPrintable(dialog->statusText()));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("keepForThisRunButton")), Qt::LeftButton);
    }
    QVERIFY2(QTest::qWaitFor([&] { return opened.size() == 2; }, 20000), qPrintable(dialog ? dialog->statusText() : QString()));
    // Saved, opened in the same window, remembered as the last one.
    QCOMPARE(controller.window(), window);
    QCOMPARE(window->session()->profile().name, QStringLiteral("second"));
    QCOMPARE(m_profiles->names(), (QStringList{QStringLiteral("first"), QStringLiteral("second")}));
    QCOMPARE(m_profiles->lastUsed(), QStringLiteral("second"));
    QVERIFY(QTest::qWaitFor([&] { return !controller.addAccountDialog(); }, 5000)); // closed and gone
    QVERIFY(!settingsText().contains(QLatin1String("private_right_key_123")));

    if (expectSecretService()) {
        QSignalSpy deleted(m_keys.get(), &KeyStore::keyDeleted);
        m_keys->deleteKey(QStringLiteral("second"));
        QVERIFY(deleted.wait(10000));
    }
}

QTEST_MAIN(TestWelcome)
#include "tst_welcome.moc"
