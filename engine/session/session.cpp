#include "session/session.h"

#include "session/demoserverthread.h"
#include "session/custommetadatafields.h"
#include "session/filestore.h"
#include "operations/operationmanager.h"

#include "api/apiclient.h"
#include "api/imagekit.h"
#include "server/emulatorserver.h"
#include "url/urlbuilder.h"

namespace ikui {

Session::Session(const Profile &profile, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_client(new ik::ApiClient(this))
    , m_imageKit(std::make_unique<ik::ImageKit>(m_client))
    , m_urlBuilder(std::make_unique<ik::UrlBuilder>())
    , m_files(new FileStore(this))
    , m_operations(new OperationManager(this))
    , m_metadataFields(new CustomMetadataFields(*m_imageKit, this))
{
}

Session::~Session()
{
    // Every operation is cancelled and has stopped before the client it uses goes: no watcher
    // polls, no batch retries and no download writes after this line.
    m_operations->shutdown();
    delete m_operations;
    m_operations = nullptr;
    // Jobs still running belong to the client: cancel them before the emulator they talk to goes.
    m_client->cancelAll();
}

Session *Session::create(const Profile &profile, const QString &privateKey, QString *error, QObject *parent)
{
    auto fail = [error](const QString &why) -> Session * {
        if (error)
            *error = why;
        return nullptr;
    };
    // An unsaved account (the welcome screen's check) has no name yet.
    Profile named = profile;
    if (named.name.isEmpty())
        named.name = QStringLiteral("unsaved");
    if (const QString problem = named.validationError(); !problem.isEmpty())
        return fail(problem);
    if (privateKey.trimmed().isEmpty())
        return fail(QStringLiteral("The private key is missing."));

    std::unique_ptr<Session> session(new Session(profile, parent));
    ik::ApiClient *client = session->m_client;
    client->setPrivateKey(privateKey);
    client->setPublicKey(profile.publicKey);
    client->setUrlEndpoint(profile.urlEndpoint);
    QString why;
    if (!profile.apiBase.isEmpty() && !client->setApiBase(profile.apiBase, &why))
        return fail(QStringLiteral("The API base is not usable: %1").arg(why));
    if (!profile.uploadBase.isEmpty() && !client->setUploadBase(profile.uploadBase, &why))
        return fail(QStringLiteral("The upload base is not usable: %1").arg(why));
    session->m_urlBuilder->setUrlEndpoint(profile.urlEndpoint);
    session->m_urlBuilder->setPrivateKey(privateKey);
    return session.release();
}

QString Session::displayName() const
{
    if (isDemo())
        return QStringLiteral("Offline demo");
    return m_profile.name;
}

void Session::adoptDemoServer(DemoServerThread *host)
{
    host->setParent(this);
    m_demoServer = host->server();
}

} // namespace ikui
