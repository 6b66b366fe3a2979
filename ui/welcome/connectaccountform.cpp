#include "welcome/connectaccountform.h"

#include "session/session.h"
#include "accounts/profilestore.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ikui {

namespace {

QLineEdit *newField(const QString &objectName, const QString &accessibleName, const QString &placeholder, QWidget *parent)
{
    auto *field = new QLineEdit(parent);
    field->setObjectName(objectName);
    field->setAccessibleName(accessibleName);
    field->setPlaceholderText(placeholder);
    field->setClearButtonEnabled(true);
    return field;
}

// "https://ik.imagekit.io/acme" -> "acme": a sensible default account name.
QString nameFromEndpoint(const QString &endpoint)
{
    const QUrl url(endpoint.trimmed());
    const QStringList segments = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    return segments.isEmpty() ? url.host() : segments.last();
}

} // namespace

ConnectAccountForm::ConnectAccountForm(ProfileStore *profiles, KeyStore *keys, QWidget *parent)
    : QWidget(parent)
    , m_profiles(profiles)
    , m_keys(keys)
{
    setObjectName(QStringLiteral("connectAccountForm"));
    m_name = newField(QStringLiteral("profileName"), QStringLiteral("Account name"), QStringLiteral("e.g. work (default: your ImageKit id)"), this);
    m_privateKey = newField(QStringLiteral("privateKey"), QStringLiteral("Private key"), QStringLiteral("private_..."), this);
    m_privateKey->setEchoMode(QLineEdit::Password);
    m_publicKey = newField(QStringLiteral("publicKey"), QStringLiteral("Public key"), QStringLiteral("public_..."), this);
    m_urlEndpoint = newField(QStringLiteral("urlEndpoint"), QStringLiteral("URL endpoint"), QStringLiteral("https://ik.imagekit.io/your_imagekit_id"), this);
    m_apiBase = newField(QStringLiteral("apiBase"), QStringLiteral("API base (optional)"), QStringLiteral("optional, for custom servers: https://api.example.com"), this);
    m_connectButton = new QPushButton(QStringLiteral("&Connect"), this);
    m_connectButton->setObjectName(QStringLiteral("connectButton"));
    m_connectButton->setDefault(true);

    auto *form = new QFormLayout;
    form->addRow(QStringLiteral("Private &key:"), m_privateKey);
    form->addRow(QStringLiteral("&Public key:"), m_publicKey);
    form->addRow(QStringLiteral("URL &endpoint:"), m_urlEndpoint);
    form->addRow(QStringLiteral("&Name:"), m_name);
    form->addRow(QStringLiteral("&API base:"), m_apiBase);
    auto *keyNote = new QLabel(QStringLiteral("The private key is stored in the system keychain, never in a settings file."), this);
    keyNote->setWordWrap(true);

    // Shown when the keychain cannot take the key: say so and offer the in-memory fallback.
    m_keyringPanel = new QWidget(this);
    m_keyringPanel->setObjectName(QStringLiteral("keyringPanel"));
    m_keyringMessage = new QLabel(m_keyringPanel);
    m_keyringMessage->setWordWrap(true);
    m_keepForThisRunButton = new QPushButton(QStringLiteral("Keep the key for this run &only"), m_keyringPanel);
    m_keepForThisRunButton->setObjectName(QStringLiteral("keepForThisRunButton"));
    auto *cancelRunOnly = new QPushButton(QStringLiteral("Cancel"), m_keyringPanel);
    cancelRunOnly->setObjectName(QStringLiteral("cancelRunOnlyButton"));
    auto *keyringButtons = new QHBoxLayout;
    keyringButtons->addStretch();
    keyringButtons->addWidget(cancelRunOnly);
    keyringButtons->addWidget(m_keepForThisRunButton);
    auto *keyringLayout = new QVBoxLayout(m_keyringPanel);
    keyringLayout->setContentsMargins(0, 0, 0, 0);
    keyringLayout->addWidget(m_keyringMessage);
    keyringLayout->addLayout(keyringButtons);
    m_keyringPanel->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(keyNote);
    layout->addWidget(m_connectButton, 0, Qt::AlignRight);
    layout->addWidget(m_keyringPanel);

    connect(m_connectButton, &QPushButton::clicked, this, &ConnectAccountForm::connectAccount);
    for (QLineEdit *field : {m_name, m_privateKey, m_publicKey, m_urlEndpoint, m_apiBase})
        connect(field, &QLineEdit::returnPressed, this, &ConnectAccountForm::connectAccount);
    connect(&m_check, &AccountCheck::failed, this, &ConnectAccountForm::onCheckFailed);
    connect(&m_check, &AccountCheck::succeeded, this, &ConnectAccountForm::onCheckSucceeded);
    connect(m_keys, &KeyStore::keyWritten, this, &ConnectAccountForm::onKeyWritten);
    connect(m_keys, &KeyStore::failed, this, &ConnectAccountForm::onKeyFailed);
    connect(m_keepForThisRunButton, &QPushButton::clicked, this, [this] { finishConnect(true); });
    connect(cancelRunOnly, &QPushButton::clicked, this, [this] {
        clearPending();
        setBusy(false);
        Q_EMIT statusChanged(QStringLiteral("Nothing was saved."), false);
    });
}

void ConnectAccountForm::editProfile(const Profile &profile)
{
    m_replacingProfile = profile.name;
    m_name->setText(profile.name);
    m_publicKey->setText(profile.publicKey);
    m_urlEndpoint->setText(profile.urlEndpoint);
    m_apiBase->setText(profile.apiBase.toString());
    m_privateKey->clear();
    m_privateKey->setFocus();
}

void ConnectAccountForm::setLocked(bool locked)
{
    m_locked = locked;
    updateEnabled();
}

Profile ConnectAccountForm::profileFromForm() const
{
    Profile profile;
    profile.name = m_name->text().trimmed();
    if (profile.name.isEmpty())
        profile.name = nameFromEndpoint(m_urlEndpoint->text());
    profile.publicKey = m_publicKey->text().trimmed();
    profile.urlEndpoint = m_urlEndpoint->text().trimmed();
    const QString apiBase = m_apiBase->text().trimmed();
    if (!apiBase.isEmpty()) {
        // One base for both APIs: custom servers (and the emulator) serve upload and management together.
        profile.apiBase = QUrl(apiBase);
        profile.uploadBase = QUrl(apiBase);
    }
    return profile;
}

void ConnectAccountForm::connectAccount()
{
    if (m_locked || m_check.isRunning() || m_keyringPanel->isVisible())
        return;
    const Profile profile = profileFromForm();
    if (profile.name != m_replacingProfile && m_profiles->contains(profile.name)) {
        onCheckFailed(QStringLiteral("An account named \"%1\" is already saved: choose another name.").arg(profile.name),
                      AccountCheck::Field::Name);
        return;
    }
    setBusy(true);
    Q_EMIT statusChanged(QStringLiteral("Checking the account…"), false);
    m_check.start(profile, m_privateKey->text());
}

void ConnectAccountForm::onCheckFailed(const QString &message, AccountCheck::Field field)
{
    setBusy(false);
    Q_EMIT statusChanged(message, true);
    switch (field) {
    case AccountCheck::Field::Name: m_name->setFocus(); break;
    case AccountCheck::Field::PrivateKey: m_privateKey->setFocus(); m_privateKey->selectAll(); break;
    case AccountCheck::Field::PublicKey: m_publicKey->setFocus(); break;
    case AccountCheck::Field::UrlEndpoint: m_urlEndpoint->setFocus(); break;
    case AccountCheck::Field::ApiBase: m_apiBase->setFocus(); break;
    case AccountCheck::Field::None: break;
    }
}

void ConnectAccountForm::onCheckSucceeded(const Profile &profile)
{
    m_pendingProfile = profile;
    m_pendingKey = m_privateKey->text().trimmed();
    Q_EMIT statusChanged(QStringLiteral("The keys work. Saving the private key in the system keychain…"), false);
    m_keys->writeKey(profile.name, m_pendingKey);
}

void ConnectAccountForm::onKeyWritten(const QString &profileName)
{
    if (m_pendingKey.isEmpty() || profileName != m_pendingProfile.name)
        return; // someone else's write
    finishConnect(false);
}

void ConnectAccountForm::onKeyFailed(KeyStore::Operation operation, const QString &profileName, const KeyStoreFailure &failure)
{
    if (operation != KeyStore::Operation::Write || m_pendingKey.isEmpty() || profileName != m_pendingProfile.name)
        return;
    if (failure.keyringUnavailable()) {
        m_keyringMessage->setText(QStringLiteral("%1 You can keep the key for this run only: Mediadesk will ask for it "
                                                 "again next time. It is never written to disk.")
                                      .arg(failure.message));
        m_keyringPanel->show();
        m_keepForThisRunButton->setFocus();
        Q_EMIT statusChanged(failure.detail.isEmpty() ? QString() : QStringLiteral("Keychain: %1").arg(failure.detail), true);
        return;
    }
    clearPending();
    setBusy(false);
    Q_EMIT statusChanged(QStringLiteral("%1 Nothing was saved.").arg(failure.message), true);
}

void ConnectAccountForm::finishConnect(bool keyForThisRunOnly)
{
    const Profile profile = m_pendingProfile;
    const QString key = m_pendingKey;
    clearPending();
    QString error;
    if (!m_profiles->save(profile, &error)) {
        setBusy(false);
        Q_EMIT statusChanged(error, true);
        return;
    }
    if (keyForThisRunOnly)
        m_keys->keepForThisRun(profile.name, key);
    m_profiles->setLastUsed(profile.name);
    Session *session = Session::create(profile, key, &error);
    setBusy(false);
    if (!session) {
        Q_EMIT statusChanged(error, true);
        return;
    }
    m_privateKey->clear();
    m_replacingProfile.clear();
    Q_EMIT statusChanged(keyForThisRunOnly ? QStringLiteral("Connected to %1 (key kept for this run only).").arg(profile.name)
                                           : QStringLiteral("Connected to %1.").arg(profile.name),
                         false);
    Q_EMIT connected(session);
}

void ConnectAccountForm::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    updateEnabled();
    Q_EMIT busyChanged(busy);
}

void ConnectAccountForm::updateEnabled()
{
    const bool enabled = !m_busy && !m_locked;
    for (QWidget *widget : std::initializer_list<QWidget *>{m_name, m_privateKey, m_publicKey, m_urlEndpoint, m_apiBase, m_connectButton})
        widget->setEnabled(enabled);
}

void ConnectAccountForm::clearPending()
{
    m_pendingProfile = {};
    m_pendingKey.clear();
    m_keyringPanel->hide();
}

} // namespace ikui
