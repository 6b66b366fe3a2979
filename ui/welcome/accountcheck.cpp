#include "welcome/accountcheck.h"

#include "session/session.h"
#include "api/apiclient.h"
#include "api/imagekit.h"

namespace ikui {

AccountCheck::AccountCheck(QObject *parent)
    : QObject(parent)
{
}

AccountCheck::~AccountCheck()
{
    cancel();
}

QString AccountCheck::inputError(const Profile &profile, const QString &privateKey, Field *field)
{
    auto problem = [field](Field where, const QString &message) {
        if (field)
            *field = where;
        return message;
    };
    if (const QString error = Profile::nameError(profile.name); !error.isEmpty())
        return problem(Field::Name, error);
    const QString key = privateKey.trimmed();
    if (key.isEmpty())
        return problem(Field::PrivateKey, QStringLiteral("The private key is missing. Find it in the ImageKit dashboard under Developer options."));
    if (key.startsWith(QLatin1String("public_")))
        return problem(Field::PrivateKey, QStringLiteral("This is a public key (it starts with public_): paste the private key here."));
    if (key.contains(QLatin1Char(' ')))
        return problem(Field::PrivateKey, QStringLiteral("The private key contains a space: copy it again without extra text."));
    if (profile.publicKey.trimmed().isEmpty())
        return problem(Field::PublicKey, QStringLiteral("The public key is missing. Find it next to the private key in the ImageKit dashboard."));
    if (profile.publicKey.trimmed().startsWith(QLatin1String("private_")))
        return problem(Field::PublicKey, QStringLiteral("This is a private key (it starts with private_): paste the public key here."));
    Profile withoutBases = profile;
    withoutBases.apiBase.clear();
    withoutBases.uploadBase.clear();
    if (const QString error = withoutBases.validationError(); !error.isEmpty())
        return problem(Field::UrlEndpoint, error);
    if (const QString error = profile.validationError(); !error.isEmpty())
        return problem(Field::ApiBase, error);
    if (field)
        *field = Field::None;
    return {};
}

QString AccountCheck::explain(const ik::ApiError &error, const QUrl &apiBase, Field *field)
{
    auto problem = [field](Field where, const QString &message) {
        if (field)
            *field = where;
        return message;
    };
    const QString server = apiBase.isEmpty() ? ik::ApiClient::defaultApiBase().host() : apiBase.toDisplayString();
    const QString said = error.message().isEmpty() ? QString() : QStringLiteral(" (the server said: %1)").arg(error.message());
    switch (error.kind()) {
    case ik::ErrorKind::Unauthorized:
    case ik::ErrorKind::Forbidden:
        return problem(Field::PrivateKey,
                       QStringLiteral("The private key was refused (HTTP %1)%2. Check that it is this account's private key, copied whole.")
                           .arg(error.metadata().httpStatus)
                           .arg(said));
    case ik::ErrorKind::Network:
        return problem(apiBase.isEmpty() ? Field::None : Field::ApiBase,
                       QStringLiteral("Cannot reach %1: %2. Check the internet connection%3.")
                           .arg(server, error.message(), apiBase.isEmpty() ? QString() : QStringLiteral(" and the API base")));
    case ik::ErrorKind::Timeout:
        return problem(apiBase.isEmpty() ? Field::None : Field::ApiBase,
                       QStringLiteral("%1 did not answer in time. Check the internet connection and try again.").arg(server));
    case ik::ErrorKind::NotFound:
    case ik::ErrorKind::UnparseableResponse:
        return problem(Field::ApiBase,
                       QStringLiteral("%1 does not answer like the ImageKit API%2. Check the API base.").arg(server, said));
    case ik::ErrorKind::TooManyRequests:
        return problem(Field::None, QStringLiteral("ImageKit is limiting requests right now%1. Wait a minute and try again.").arg(said));
    case ik::ErrorKind::InternalServer:
        return problem(Field::None, QStringLiteral("%1 has a server error%2. Try again later.").arg(server, said));
    case ik::ErrorKind::InvalidArgument:
        return problem(Field::None, QStringLiteral("The account details are not usable: %1").arg(error.message()));
    default:
        return problem(Field::None, QStringLiteral("The check failed: %1").arg(error.message()));
    }
}

void AccountCheck::start(const Profile &profile, const QString &privateKey)
{
    cancel();
    Field field = Field::None;
    if (const QString error = inputError(profile, privateKey, &field); !error.isEmpty()) {
        Q_EMIT failed(error, field);
        return;
    }
    QString why;
    m_session = Session::create(profile, privateKey.trimmed(), &why, this);
    if (!m_session) {
        Q_EMIT failed(why, Field::ApiBase);
        return;
    }
    // A wrong key must be reported, not retried; a dead network should not keep the user waiting.
    ik::RetryPolicy noRetries;
    noRetries.maxAttempts = 1;
    m_session->client()->setRetryPolicy(noRetries);
    m_session->client()->setTransferTimeoutMs(15000);

    ik::ListFilesOptions options;
    options.limit = 1;
    m_job = m_session->imageKit().listFiles(options);
    const QUrl apiBase = profile.apiBase;
    connect(m_job, &ik::FileListJob::finished, this, [this, profile] {
        m_session->deleteLater();
        m_session = nullptr;
        Q_EMIT succeeded(profile);
    });
    connect(m_job, &ik::ApiJob::failed, this, [this, apiBase](const ik::ApiError &error) {
        if (error.kind() == ik::ErrorKind::Cancelled)
            return;
        m_session->deleteLater();
        m_session = nullptr;
        Field where = Field::None;
        const QString message = explain(error, apiBase, &where);
        Q_EMIT failed(message, where);
    });
}

void AccountCheck::cancel()
{
    if (!m_session)
        return;
    Session *session = m_session;
    m_session = nullptr;
    if (m_job)
        m_job->cancel();
    session->deleteLater();
}

} // namespace ikui
