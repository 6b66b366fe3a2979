#include "demo/demosession.h"

#include "accounts/session.h"
#include "server/emulatorserver.h"

#include <QDir>
#include <QStandardPaths>

#include <memory>

namespace ikui {

QString DemoSession::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/demo");
}

Session *DemoSession::start(QString *error, QObject *parent, const QString &dataDir)
{
    auto fail = [error](const QString &why) -> Session * {
        if (error)
            *error = why;
        return nullptr;
    };
    if (dataDir.isEmpty() || !QDir().mkpath(dataDir))
        return fail(QStringLiteral("Could not create the demo folder %1.").arg(QDir::toNativeSeparators(dataDir)));

    ikemu::EmulatorConfig config;
    config.dataDir = dataDir;
    config.port = 0;          // any free loopback port
    config.seedDemo = true;   // only an empty library is seeded; a restart keeps the user's changes
    auto server = std::make_unique<ikemu::EmulatorServer>(config);
    QString why;
    if (!server->start(&why))
        return fail(QStringLiteral("The offline demo could not start: %1").arg(why));

    Profile profile;
    profile.publicKey = config.publicKey;
    profile.urlEndpoint = server->urlEndpoint().toString();
    profile.apiBase = server->baseUrl();
    profile.uploadBase = server->baseUrl();
    Session *session = Session::create(profile, config.privateKey, &why, parent);
    if (!session)
        return fail(QStringLiteral("The offline demo could not start: %1").arg(why));
    session->adoptDemoServer(server.release());
    return session;
}

} // namespace ikui
