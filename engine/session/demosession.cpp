#include "session/demosession.h"

#include "session/session.h"
#include "session/demoserverthread.h"
#include "server/emulatorserver.h"

#include <QDir>
#include <QStandardPaths>

#include <memory>

namespace ikui {

namespace {

bool makeDataDir(const QString &dataDir, QString *error)
{
    if (!dataDir.isEmpty() && QDir().mkpath(dataDir))
        return true;
    if (error)
        *error = QStringLiteral("Could not create the demo folder %1. Check that its parent folder exists and is writable.")
                     .arg(QDir::toNativeSeparators(dataDir));
    return false;
}

ikemu::EmulatorConfig demoConfig(const QString &dataDir)
{
    ikemu::EmulatorConfig config;
    config.dataDir = dataDir;
    config.port = 0;          // any free loopback port
    config.seedDemo = true;   // only an empty library is seeded; a restart keeps the user's changes
    return config;
}

} // namespace

QString DemoSession::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/demo");
}

bool DemoSession::prepare(const QString &dataDir, QString *error)
{
    if (!makeDataDir(dataDir, error))
        return false;
    // The emulator seeds an empty library when it starts; it has no other entry point for seeding,
    // so a short-lived server on this thread does it (it listens on a free loopback port for the
    // moment) and stops again. The server the session uses then finds the library ready.
    ikemu::EmulatorServer seeder(demoConfig(dataDir));
    QString why;
    const bool seeded = seeder.start(&why);
    seeder.stop();
    if (!seeded && error)
        *error = QStringLiteral("The demo library could not be prepared in %1: %2. Check that the folder is writable and "
                                "the disk has free space, or delete the folder to start the demo afresh.")
                     .arg(QDir::toNativeSeparators(dataDir), why);
    return seeded;
}

Session *DemoSession::start(QString *error, QObject *parent, const QString &dataDir)
{
    auto fail = [error](const QString &why) -> Session * {
        if (error)
            *error = why;
        return nullptr;
    };
    QString why;
    if (!makeDataDir(dataDir, &why))
        return fail(why);

    const ikemu::EmulatorConfig config = demoConfig(dataDir);
    // The server answers on a thread of its own: rendering transformations must not stall the window.
    auto host = std::make_unique<DemoServerThread>(config);
    if (!host->startServer(&why))
        return fail(QStringLiteral("The offline demo could not start: %1. Check that %2 is writable, or delete it to start "
                                   "the demo afresh.")
                        .arg(why, QDir::toNativeSeparators(dataDir)));

    const ikemu::EmulatorServer *server = host->server();
    Profile profile;
    profile.publicKey = config.publicKey;
    profile.urlEndpoint = server->urlEndpoint().toString();
    profile.apiBase = server->baseUrl();
    profile.uploadBase = server->baseUrl();
    Session *session = Session::create(profile, config.privateKey, &why, parent);
    if (!session)
        return fail(QStringLiteral("The offline demo could not start: %1").arg(why));
    session->adoptDemoServer(host.release()); // the session owns it from now on
    return session;
}

} // namespace ikui
