#include "accounts/keystore.h"

#include <qt6keychain/keychain.h>

#include <QEventLoop>
#include <QTimer>

namespace ikui {

namespace {

KeyStoreFailure failureFrom(const QKeychain::Job &job, KeyStore::Operation operation)
{
    KeyStoreFailure failure;
    failure.detail = job.errorString();
    switch (job.error()) {
    case QKeychain::EntryNotFound:
        failure.kind = KeyStoreFailure::Kind::NotFound;
        failure.message = QStringLiteral("No private key is stored in the keychain for this account.");
        return failure;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        failure.kind = KeyStoreFailure::Kind::AccessDenied;
        failure.message = QStringLiteral("The keychain refused access to the private key.");
        return failure;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        failure.kind = KeyStoreFailure::Kind::NoKeyring;
        break;
    default:
        // libsecret reports an unreachable session bus ("Cannot autolaunch D-Bus without X11
        // $DISPLAY", "Could not connect: No such file or directory") or a missing Secret
        // Service as OtherError.
        failure.kind = KeyStoreFailure::Kind::Other;
        for (const char *sign : {"D-Bus", "DBus", "Could not connect", "autolaunch", "org.freedesktop.secrets"}) {
            if (failure.detail.contains(QLatin1String(sign), Qt::CaseInsensitive))
                failure.kind = KeyStoreFailure::Kind::NoKeyring;
        }
        break;
    }
    const bool noKeyring = failure.kind == KeyStoreFailure::Kind::NoKeyring;
    switch (operation) {
    case KeyStore::Operation::Write:
        failure.message = noKeyring ? QStringLiteral("No system keychain is available, so the private key cannot be saved.")
                                    : QStringLiteral("The system keychain could not save the private key.");
        break;
    case KeyStore::Operation::Read:
        failure.message = noKeyring ? QStringLiteral("No system keychain is available, so the private key cannot be read.")
                                    : QStringLiteral("The system keychain could not read the private key.");
        break;
    case KeyStore::Operation::Delete:
        failure.message = noKeyring ? QStringLiteral("No system keychain is available, so the private key cannot be deleted.")
                                    : QStringLiteral("The system keychain could not delete the private key.");
        break;
    }
    return failure;
}

} // namespace

KeyStore::KeyStore(QObject *parent)
    : KeyStore(defaultService(), parent)
{
}

KeyStore::KeyStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
    qRegisterMetaType<ikui::KeyStoreFailure>();
}

void KeyStore::writeKey(const QString &profile, const QString &privateKey)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(profile);
    job->setTextData(privateKey);
    connect(job, &QKeychain::Job::finished, this, [this, profile](QKeychain::Job *finished) {
        if (finished->error() == QKeychain::NoError) {
            // The keychain has it now: drop any run-only copy.
            m_runOnlyKeys.remove(profile);
            Q_EMIT keyWritten(profile);
        } else {
            Q_EMIT failed(Operation::Write, profile, failureFrom(*finished, Operation::Write));
        }
    });
    job->start();
}

void KeyStore::readKey(const QString &profile)
{
    if (m_runOnlyKeys.contains(profile)) {
        // Answer later, as the keychain would, so callers see one code path.
        QTimer::singleShot(0, this, [this, profile] {
            if (m_runOnlyKeys.contains(profile))
                Q_EMIT keyRead(profile, m_runOnlyKeys.value(profile));
            else
                readKey(profile);
        });
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(profile);
    connect(job, &QKeychain::Job::finished, this, [this, profile](QKeychain::Job *finished) {
        if (finished->error() == QKeychain::NoError)
            Q_EMIT keyRead(profile, static_cast<QKeychain::ReadPasswordJob *>(finished)->textData());
        else
            Q_EMIT failed(Operation::Read, profile, failureFrom(*finished, Operation::Read));
    });
    job->start();
}

void KeyStore::deleteKey(const QString &profile)
{
    const bool hadRunOnlyKey = m_runOnlyKeys.remove(profile) > 0;
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(profile);
    connect(job, &QKeychain::Job::finished, this, [this, profile, hadRunOnlyKey](QKeychain::Job *finished) {
        const QKeychain::Error error = finished->error();
        if (error == QKeychain::NoError) {
            Q_EMIT keyDeleted(profile);
            return;
        }
        const KeyStoreFailure failure = failureFrom(*finished, Operation::Delete);
        // Nothing stored, or the only copy was the run-only one: the key is gone either way.
        if (failure.kind == KeyStoreFailure::Kind::NotFound || (hadRunOnlyKey && failure.keyringUnavailable()))
            Q_EMIT keyDeleted(profile);
        else
            Q_EMIT failed(Operation::Delete, profile, failure);
    });
    job->start();
}

void KeyStore::keepForThisRun(const QString &profile, const QString &privateKey)
{
    m_runOnlyKeys.insert(profile, privateKey);
}

std::optional<QString> KeyStore::readKeyNow(const QString &profile, KeyStoreFailure *failure, const QString &service)
{
    KeyStore store(service);
    std::optional<QString> key;
    bool answered = false; // a backend may answer before the loop runs
    QEventLoop loop;
    connect(&store, &KeyStore::keyRead, &loop, [&](const QString &, const QString &privateKey) {
        key = privateKey;
        answered = true;
        loop.quit();
    });
    connect(&store, &KeyStore::failed, &loop, [&](Operation, const QString &, const KeyStoreFailure &why) {
        if (failure)
            *failure = why;
        answered = true;
        loop.quit();
    });
    store.readKey(profile);
    if (!answered)
        loop.exec();
    return key;
}

} // namespace ikui
