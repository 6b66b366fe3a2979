// Profiles in QSettings, Session set-up and the demo session's emulator, without the keychain.
#include "accounts/session.h"
#include "accounts/storage/profilestore.h"
#include "api/apiclient.h"
#include "api/imagekit.h"
#include "demo/demosession.h"
#include "server/emulatorserver.h"
#include "url/urlbuilder.h"

#include <QDir>
#include <QFile>
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

private:
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

// A QApplication: the demo library renders SVG text, which needs fonts.
QTEST_MAIN(TestAccounts)
#include "tst_accounts.moc"
