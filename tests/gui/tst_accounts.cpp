// Profiles in QSettings, Session set-up and the demo session's emulator, without the keychain.
#include "modaldialogs.h"
#include "serverprofile.h"

#include "shell/appcontroller.h"
#include "session/session.h"
#include "accounts/keystore.h"
#include "accounts/profilestore.h"
#include "api/apiclient.h"
#include "api/imagekit.h"
#include "demo/demolibrary.h"
#include "session/demosession.h"
#include "shell/mainwindow.h"
#include "models/filelistmodel.h"
#include "server/emulatorserver.h"
#include "url/urlbuilder.h"
#include "welcome/welcomewidget.h"

#include <QAbstractButton>
#include <QApplication>
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QTimer>
#include <QUuid>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace ikui;

class TestAccounts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void profilesRoundTripSortedAndRemoved();
    void invalidProfilesAreRefused_data();
    void invalidProfilesAreRefused();
    void lastUsedForgetsRemovedProfile();
    void sessionCarriesTheAccount();
    void sessionRefusesPlainHttpToRemoteHost();
    void demoSessionSeedsOnceAndKeepsChanges();
    void demoDefaultDataDirIsUnderAppData();
    void demoPreparedOnceThenStartsQuickly();
    void profilesMenuSwitchesToTheOtherAccount();
    void removeAccountFromMenuClosesTheOpenAccount();
    void helpAndVersionNeedNoDisplay_data();
    void helpAndVersionNeedNoDisplay();
    void windowNeedsADisplay();

private:
    struct Account
    {
        std::unique_ptr<ikemu::EmulatorServer> server;
        Profile profile;
        QString privateKey;
    };
    // An emulator of its own with one file only this account has.
    Account startAccount(const QString &name, const QString &onlyFile);
    static QProcessEnvironment headlessEnvironment();

    QTemporaryDir m_dir;
    int m_file = 0;
    QString newSettingsFile() { return m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_file)); }
    static Profile sample(const QString &name)
    {
        Profile p;
        p.name = name;
        p.publicKey = QStringLiteral("public_%1").arg(name);
        p.urlEndpoint = QStringLiteral("https://ik.imagekit.io/%1").arg(QString(name).replace(QLatin1Char(' '), QLatin1Char('_')));
        return p;
    }
};

void TestAccounts::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestAccounts::profilesRoundTripSortedAndRemoved()
{
    const QString file = newSettingsFile();
    {
        ProfileStore store(file);
        QSignalSpy changed(&store, &ProfileStore::profilesChanged);
        QVERIFY(store.isEmpty());
        Profile custom = sample(QStringLiteral("Work"));
        custom.apiBase = QUrl(QStringLiteral("http://127.0.0.1:9000"));
        custom.uploadBase = QUrl(QStringLiteral("http://127.0.0.1:9001"));
        QString error;
        QVERIFY2(store.save(custom, &error), qPrintable(error));
        QVERIFY(store.save(sample(QStringLiteral("agency"))));
        QVERIFY(store.save(sample(QStringLiteral("my shop"))));
        QCOMPARE(changed.size(), 3);
    }
    // Another store on the same file (the next start, or mediadesk-cli) sees the same profiles.
    ProfileStore store(file);
    QCOMPARE(store.names(), (QStringList{QStringLiteral("agency"), QStringLiteral("my shop"), QStringLiteral("Work")}));
    const auto work = store.profile(QStringLiteral("Work"));
    QVERIFY(work);
    QCOMPARE(work->publicKey, QStringLiteral("public_Work"));
    QCOMPARE(work->apiBase, QUrl(QStringLiteral("http://127.0.0.1:9000")));
    QCOMPARE(work->uploadBase, QUrl(QStringLiteral("http://127.0.0.1:9001")));
    QVERIFY(store.profile(QStringLiteral("agency"))->apiBase.isEmpty());
    QCOMPARE(store.profiles().size(), 3);

    // Saving again replaces, and a cleared base is gone.
    Profile replaced = *work;
    replaced.apiBase.clear();
    replaced.publicKey = QStringLiteral("public_new");
    QVERIFY(store.save(replaced));
    QCOMPARE(store.profile(QStringLiteral("Work"))->publicKey, QStringLiteral("public_new"));
    QVERIFY(store.profile(QStringLiteral("Work"))->apiBase.isEmpty());

    QVERIFY(store.remove(QStringLiteral("my shop")));
    QVERIFY(!store.remove(QStringLiteral("my shop")));
    QCOMPARE(store.names(), (QStringList{QStringLiteral("agency"), QStringLiteral("Work")}));
    QVERIFY(!store.profile(QStringLiteral("my shop")));
}

void TestAccounts::invalidProfilesAreRefused_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<QString>("expected");
    Profile p = sample(QStringLiteral("ok"));
    Profile noName = p;
    noName.name.clear();
    QTest::newRow("no name") << noName << "Give the account a name";
    Profile slash = p;
    slash.name = QStringLiteral("a/b");
    QTest::newRow("slash in name") << slash << "cannot contain /";
    Profile spaces = p;
    spaces.name = QStringLiteral(" padded ");
    QTest::newRow("padded name") << spaces << "cannot start or end with spaces";
    Profile noPublic = p;
    noPublic.publicKey.clear();
    QTest::newRow("no public key") << noPublic << "public key is missing";
    Profile badEndpoint = p;
    badEndpoint.urlEndpoint = QStringLiteral("ik.imagekit.io/acme");
    QTest::newRow("endpoint without scheme") << badEndpoint << "URL endpoint must look like";
    Profile spaceInEndpoint = p;
    spaceInEndpoint.urlEndpoint = QStringLiteral("https://ik.imagekit.io/my shop");
    QTest::newRow("space in endpoint") << spaceInEndpoint << "URL endpoint must look like";
    Profile badBase = p;
    badBase.apiBase = QUrl(QStringLiteral("file:///tmp"));
    QTest::newRow("file api base") << badBase << "API base must be an http(s) URL";
}

void TestAccounts::invalidProfilesAreRefused()
{
    QFETCH(Profile, profile);
    QFETCH(QString, expected);
    ProfileStore store(newSettingsFile());
    QString error;
    QVERIFY(!store.save(profile, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(store.isEmpty());
}

void TestAccounts::lastUsedForgetsRemovedProfile()
{
    ProfileStore store(newSettingsFile());
    QVERIFY(store.lastUsed().isEmpty());
    QVERIFY(store.save(sample(QStringLiteral("one"))));
    QVERIFY(store.save(sample(QStringLiteral("two"))));
    store.setLastUsed(QStringLiteral("two"));
    QCOMPARE(store.lastUsed(), QStringLiteral("two"));
    QVERIFY(store.remove(QStringLiteral("two")));
    QVERIFY(store.lastUsed().isEmpty());
    // A name that is not saved is never reported as last used.
    store.setLastUsed(QStringLiteral("ghost"));
    QVERIFY(store.lastUsed().isEmpty());
}

void TestAccounts::sessionCarriesTheAccount()
{
    Profile profile = sample(QStringLiteral("acme"));
    profile.apiBase = QUrl(QStringLiteral("http://127.0.0.1:9000"));
    QString error;
    std::unique_ptr<Session> session(Session::create(profile, QStringLiteral("private_acme"), &error));
    QVERIFY2(session, qPrintable(error));
    QVERIFY(!session->isDemo());
    QVERIFY(!session->demoServer());
    QCOMPARE(session->displayName(), QStringLiteral("acme"));
    QCOMPARE(session->client()->privateKey(), QStringLiteral("private_acme"));
    QCOMPARE(session->client()->publicKey(), QStringLiteral("public_acme"));
    QCOMPARE(session->client()->apiBase(), QUrl(QStringLiteral("http://127.0.0.1:9000")));
    QCOMPARE(session->client()->uploadBase(), ik::ApiClient::defaultUploadBase());
    QCOMPARE(session->urlBuilder().urlEndpoint(), QStringLiteral("https://ik.imagekit.io/acme"));
    ik::UrlOptions options;
    options.path = QStringLiteral("/cat.jpg");
    QCOMPARE(session->urlBuilder().build(options).url, QStringLiteral("https://ik.imagekit.io/acme/cat.jpg"));

    QVERIFY(!Session::create(profile, QStringLiteral("  "), &error));
    QVERIFY2(error.contains(QLatin1String("private key is missing")), qPrintable(error));
}

void TestAccounts::sessionRefusesPlainHttpToRemoteHost()
{
    Profile profile = sample(QStringLiteral("acme"));
    profile.apiBase = QUrl(QStringLiteral("http://api.example.com"));
    QString error;
    QVERIFY(!Session::create(profile, QStringLiteral("private_acme"), &error));
    QVERIFY2(error.startsWith(QLatin1String("The API base is not usable")), qPrintable(error));
}

void TestAccounts::demoSessionSeedsOnceAndKeepsChanges()
{
    const QString dataDir = m_dir.filePath(QStringLiteral("demo"));
    QString error;
    int seededCount = 0;
    auto countFiles = [](Session &session) {
        ik::ListFilesOptions options;
        options.type = QStringLiteral("file");
        options.limit = 1000;
        auto *job = session.imageKit().listFiles(options);
        int count = -1;
        QObject::connect(job, &ik::FileListJob::finished, &session, [&](const ik::FileList &list) { count = int(list.files.size()); });
        QObject::connect(job, &ik::ApiJob::failed, &session, [&](const ik::ApiError &) { count = -2; });
        if (!QTest::qWaitFor([&] { return count != -1; }, 20000))
            return -3; // no answer in time
        return count;
    };
    QString deletedId;
    quint16 firstPort = 0;
    {
        std::unique_ptr<Session> demo(DemoSession::start(&error, nullptr, dataDir));
        QVERIFY2(demo, qPrintable(error));
        QVERIFY(demo->isDemo());
        QVERIFY(demo->demoServer()->isRunning());
        firstPort = demo->demoServer()->port();
        QVERIFY(firstPort != 0);
        QVERIFY(demo->client()->urlEndpoint().startsWith(QStringLiteral("http://127.0.0.1:%1/").arg(firstPort)));
        seededCount = countFiles(*demo);
        QVERIFY2(seededCount > 0, "the demo library is seeded");

        // A change the user makes in the demo...
        ik::ListFilesOptions one;
        one.type = QStringLiteral("file");
        one.limit = 1;
        auto *list = demo->imageKit().listFiles(one);
        connect(list, &ik::FileListJob::finished, this, [&](const ik::FileList &l) { deletedId = l.files.value(0).fileId; });
        QVERIFY(QTest::qWaitFor([&] { return !deletedId.isEmpty(); }, 20000));
        auto *remove = demo->imageKit().deleteFile(deletedId);
        bool removed = false;
        connect(remove, &ik::EmptyResultJob::finished, this, [&] { removed = true; });
        QVERIFY(QTest::qWaitFor([&] { return removed; }, 20000));
    }
    // ...survives the next start: the data dir is reused, not seeded again.
    std::unique_ptr<Session> again(DemoSession::start(&error, nullptr, dataDir));
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(countFiles(*again), seededCount - 1);
}

void TestAccounts::demoDefaultDataDirIsUnderAppData()
{
    const QString dir = DemoSession::defaultDataDir();
    QVERIFY(dir.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)));
    QVERIFY(dir.endsWith(QLatin1String("/demo")));
}

TestAccounts::Account TestAccounts::startAccount(const QString &name, const QString &onlyFile)
{
    Account account;
    ikemu::EmulatorConfig config;
    config.dataDir = m_dir.filePath(QStringLiteral("server-%1").arg(name));
    config.privateKey = QStringLiteral("private_%1_key").arg(name);
    config.publicKey = QStringLiteral("public_%1_key").arg(name);
    config.urlEndpointId = name;
    account.server = std::make_unique<ikemu::EmulatorServer>(config);
    QString error;
    if (!account.server->start(&error)) {
        qWarning("emulator for %s: %s", qPrintable(name), qPrintable(error));
        return {};
    }
    account.privateKey = config.privateKey;
    account.profile = guitest::profileFor(name, *account.server);

    std::unique_ptr<Session> session(Session::create(account.profile, account.privateKey, &error));
    if (!session)
        return {};
    QImage image(32, 32, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    ik::UploadOptions options;
    options.file = ik::UploadSource::fromBytes(png);
    options.fileName = onlyFile;
    options.folder = QStringLiteral("/");
    options.useUniqueFileName = false;
    auto *job = session->imageKit().uploadFile(options);
    int outcome = 0;
    connect(job, &ik::UploadJob::finished, this, [&] { outcome = 1; });
    connect(job, &ik::ApiJob::failed, this, [&](const ik::ApiError &failure) {
        qWarning("upload to %s: %s", qPrintable(name), qPrintable(failure.message()));
        outcome = -1;
    });
    if (!QTest::qWaitFor([&] { return outcome != 0; }, 20000) || outcome != 1)
        return {};
    return account;
}

namespace {

// What the account's server lists at its root, asked through the window's session. (The window's
// file model is not used here: it is the browser tests' subject.)
QStringList rootNames(Session &session)
{
    ik::ListFilesOptions options;
    options.type = QStringLiteral("all");
    options.path = QStringLiteral("/");
    auto *job = session.imageKit().listFiles(options);
    QStringList names;
    bool answered = false;
    QObject::connect(job, &ik::FileListJob::finished, &session, [&](const ik::FileList &list) {
        for (const auto &file : list.files)
            names.append(file.name);
        answered = true;
    });
    QObject::connect(job, &ik::ApiJob::failed, &session, [&](const ik::ApiError &error) {
        names = QStringList{QStringLiteral("failed: ") + error.message()};
        answered = true;
    });
    if (!QTest::qWaitFor([&] { return answered; }, 20000))
        return {QStringLiteral("no answer")};
    return names;
}

QAction *profileAction(const MainWindow &window, const QString &text)
{
    auto *menu = window.findChild<QMenu *>(QStringLiteral("profilesMenu"));
    if (!menu)
        return nullptr;
    for (QAction *action : menu->actions()) {
        if (action->text() == text || action->objectName() == text)
            return action;
    }
    return nullptr;
}

// Answers the next modal dialog: the account chooser with `choice`, a message box with the
// button whose text is `button`.
void answerNextDialog(QObject *context, const QString &choice, const QString &button, QString *seen)
{
    auto *timer = new QTimer(context);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, context, [timer, choice, button, seen] {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *input = qobject_cast<QInputDialog *>(modal)) {
            input->setTextValue(choice);
            input->accept();
            return; // a message box follows
        }
        auto *box = qobject_cast<QMessageBox *>(modal);
        if (!box)
            return;
        *seen = guitest::messageText(box);
        guitest::clickButtonLabelled(box, button);
        timer->stop();
        timer->deleteLater();
    });
    timer->start();
}

} // namespace

void TestAccounts::demoPreparedOnceThenStartsQuickly()
{
    // A folder that cannot be created: the error says what to check.
    QFile blocker(m_dir.filePath(QStringLiteral("not-a-folder")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QString error;
    QVERIFY(!DemoSession::prepare(blocker.fileName() + QStringLiteral("/demo"), &error));
    QVERIFY2(error.contains(QLatin1String("Could not create the demo folder")) && error.contains(QLatin1String("writable")),
             qPrintable(error));

    // Prepared once, the library is there for the server the session starts (no second seeding:
    // the file ids stay the same).
    const QString dataDir = m_dir.filePath(QStringLiteral("prepared-demo"));
    QVERIFY2(DemoSession::prepare(dataDir, &error), qPrintable(error));
    QVERIFY2(DemoSession::prepare(dataDir, &error), qPrintable(error));
    std::unique_ptr<Session> demo(DemoSession::start(&error, nullptr, dataDir));
    QVERIFY2(demo, qPrintable(error));
    ik::ListFilesOptions options;
    options.type = QStringLiteral("file");
    options.limit = 1000;
    auto *job = demo->imageKit().listFiles(options);
    qsizetype files = -1;
    connect(job, &ik::FileListJob::finished, this, [&](const ik::FileList &list) { files = list.files.size(); });
    QVERIFY(QTest::qWaitFor([&] { return files >= 0; }, 20000));
    QCOMPARE(files, ikemu::generateDemoLibrary().files.size()); // the demo library, once
}

void TestAccounts::profilesMenuSwitchesToTheOtherAccount()
{
    Account alpha = startAccount(QStringLiteral("alpha"), QStringLiteral("alpha-only.png"));
    Account beta = startAccount(QStringLiteral("beta"), QStringLiteral("beta-only.png"));
    QVERIFY(alpha.server && beta.server);
    ProfileStore profiles(newSettingsFile());
    QVERIFY(profiles.save(alpha.profile));
    QVERIFY(profiles.save(beta.profile));
    // Keys for this run only: the switch reads them through the same KeyStore path as keychain keys.
    KeyStore keys(QStringLiteral("Mediadesk-test-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces)));
    keys.keepForThisRun(QStringLiteral("alpha"), alpha.privateKey);
    keys.keepForThisRun(QStringLiteral("beta"), beta.privateKey);

    AppController controller(&profiles, &keys);
    QSignalSpy opened(&controller, &AppController::sessionOpened);
    controller.openProfile(QStringLiteral("alpha"));
    QVERIFY(opened.wait(10000));
    MainWindow *window = controller.window();
    QVERIFY(window && window->isVisible());
    QCOMPARE(window->session()->profile().name, QStringLiteral("alpha"));
    QCOMPARE(rootNames(*window->session()), QStringList{QStringLiteral("alpha-only.png")});
    QCOMPARE(profiles.lastUsed(), QStringLiteral("alpha"));

    // The Profiles menu: both accounts, the open one checked, then Add and Remove.
    QAction *toBeta = profileAction(*window, QStringLiteral("beta"));
    QVERIFY(toBeta);
    QVERIFY(profileAction(*window, QStringLiteral("alpha"))->isChecked());
    QVERIFY(!toBeta->isChecked());
    QVERIFY(profileAction(*window, QStringLiteral("actionAddAccount")));
    QVERIFY(profileAction(*window, QStringLiteral("actionRemoveAccount")));

    toBeta->trigger();
    QVERIFY(opened.wait(10000));
    // The same window now shows the other account.
    QCOMPARE(controller.window(), window);
    QCOMPARE(window->session()->profile().name, QStringLiteral("beta"));
    QVERIFY2(window->windowTitle().contains(QLatin1String("beta")), qPrintable(window->windowTitle()));
    QCOMPARE(rootNames(*window->session()), QStringList{QStringLiteral("beta-only.png")});
    QVERIFY(window->fileModel()); // the browser was rebound to the new session
    QCOMPARE(profiles.lastUsed(), QStringLiteral("beta"));
    QVERIFY(!controller.welcome() || !controller.welcome()->isVisible());

    // The check mark follows the session when the menu opens again.
    auto *menu = window->findChild<QMenu *>(QStringLiteral("profilesMenu"));
    Q_EMIT menu->aboutToShow();
    QVERIFY(profileAction(*window, QStringLiteral("beta"))->isChecked());
    QVERIFY(!profileAction(*window, QStringLiteral("alpha"))->isChecked());

    // A profile whose key is gone: the welcome screen asks for it, the window keeps its account.
    Profile gamma = alpha.profile;
    gamma.name = QStringLiteral("gamma");
    QVERIFY(profiles.save(gamma));
    keys.keepForThisRun(QStringLiteral("gamma"), QStringLiteral(" "));
    profileAction(*window, QStringLiteral("gamma"))->trigger();
    QVERIFY(QTest::qWaitFor([&] { return controller.welcome() && controller.welcome()->isVisible(); }, 10000));
    QVERIFY2(controller.welcome()->statusText().contains(QLatin1String("\"gamma\" cannot be opened")),
             qPrintable(controller.welcome()->statusText()));
    QCOMPARE(window->session()->profile().name, QStringLiteral("beta"));
}

void TestAccounts::removeAccountFromMenuClosesTheOpenAccount()
{
    Account delta = startAccount(QStringLiteral("delta"), QStringLiteral("delta.png"));
    QVERIFY(delta.server);
    ProfileStore profiles(newSettingsFile());
    QVERIFY(profiles.save(delta.profile));
    Profile other = delta.profile;
    other.name = QStringLiteral("other");
    QVERIFY(profiles.save(other));
    KeyStore keys(QStringLiteral("Mediadesk-test-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces)));
    keys.keepForThisRun(QStringLiteral("delta"), delta.privateKey);
    AppController controller(&profiles, &keys);
    QSignalSpy opened(&controller, &AppController::sessionOpened);
    controller.openProfile(QStringLiteral("delta"));
    QVERIFY(opened.wait(10000));
    MainWindow *window = controller.window();

    // Cancel keeps everything.
    QString question;
    answerNextDialog(this, QStringLiteral("delta"), QStringLiteral("Cancel"), &question);
    profileAction(*window, QStringLiteral("actionRemoveAccount"))->trigger();
    QVERIFY(QTest::qWaitFor([&] { return !question.isEmpty(); }, 10000));
    QVERIFY2(question.contains(QLatin1String("\"delta\"")) && question.contains(QLatin1String("keychain"))
                 && question.contains(QLatin1String("not touched")),
             qPrintable(question));
    QVERIFY(profiles.contains(QStringLiteral("delta")));
    QCOMPARE(controller.session()->profile().name, QStringLiteral("delta"));

    // Remove: the account, its run-only key and its window are gone; the welcome screen says so.
    question.clear();
    answerNextDialog(this, QStringLiteral("delta"), QStringLiteral("Remove"), &question);
    profileAction(*window, QStringLiteral("actionRemoveAccount"))->trigger();
    QVERIFY(QTest::qWaitFor([&] { return !profiles.contains(QStringLiteral("delta")); }, 10000));
    QCOMPARE(profiles.names(), QStringList{QStringLiteral("other")});
    QVERIFY(!keys.isKeptForThisRun(QStringLiteral("delta")));
    QVERIFY(!controller.session());
    QVERIFY(!window->isVisible());
    QVERIFY(controller.welcome() && controller.welcome()->isVisible());
    QVERIFY2(controller.welcome()->statusText().contains(QLatin1String("\"delta\" was removed")),
             qPrintable(controller.welcome()->statusText()));
}

QProcessEnvironment TestAccounts::headlessEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.insert(QStringLiteral("DISPLAY"), QString());
    return environment;
}

void TestAccounts::helpAndVersionNeedNoDisplay_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("expected");
    const QStringList helpText{QStringLiteral("Usage:"), QStringLiteral("--demo"), QStringLiteral("--profile <name>"),
                               QStringLiteral("--help"), QStringLiteral("--version")};
    QTest::newRow("--help") << QStringList{QStringLiteral("--help")} << helpText;
    QTest::newRow("-h") << QStringList{QStringLiteral("-h")} << helpText;
    // A Qt option in front ("-platformtheme" holds an h) does not change the answer.
    QTest::newRow("-platformtheme x --help") << QStringList{QStringLiteral("-platformtheme"), QStringLiteral("x"), QStringLiteral("--help")}
                                             << helpText;
    QTest::newRow("--version") << QStringList{QStringLiteral("--version")}
                               << QStringList{QStringLiteral("Mediadesk %1").arg(QStringLiteral(MEDIADESK_VERSION))};
}

void TestAccounts::helpAndVersionNeedNoDisplay()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, expected);
    QProcess app;
    app.setProcessEnvironment(headlessEnvironment());
    app.start(QStringLiteral(MEDIADESK_GUI), arguments);
    QVERIFY2(app.waitForFinished(30000), "mediadesk did not exit");
    const QString out = QString::fromLocal8Bit(app.readAllStandardOutput());
    const QString err = QString::fromLocal8Bit(app.readAllStandardError());
    QCOMPARE(app.exitStatus(), QProcess::NormalExit);
    QVERIFY2(app.exitCode() == 0, qPrintable(err));
    for (const QString &text : expected)
        QVERIFY2(out.contains(text), qPrintable(QStringLiteral("missing %1 in:\n%2").arg(text, out)));
}

// The other side of the test above: in the same environment the app itself cannot start (there
// really is no display), so the answers above did not need one.
void TestAccounts::windowNeedsADisplay()
{
    QProcess app;
    QProcessEnvironment environment = headlessEnvironment();
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("headless-config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("headless-data")));
    app.setProcessEnvironment(environment);
    app.start(QStringLiteral(MEDIADESK_GUI), QStringList{QStringLiteral("--profile"), QStringLiteral("nobody")});
    const bool exited = app.waitForFinished(30000);
    if (!exited) {
        app.kill();
        app.waitForFinished();
        QFAIL("mediadesk started without a display: the headless test environment is not headless");
    }
    QVERIFY(app.exitStatus() == QProcess::CrashExit || app.exitCode() != 0);
}

// A QApplication: the demo library renders SVG text, which needs fonts.
QTEST_MAIN(TestAccounts)
#include "tst_accounts.moc"
