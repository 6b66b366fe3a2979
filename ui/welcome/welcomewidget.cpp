#include "welcome/welcomewidget.h"

#include "accounts/session.h"
#include "accounts/storage/profilestore.h"
#include "demo/demosession.h"

#include <QApplication>
#include <QColor>
#include <QFormLayout>
#include <QGroupBox>
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

WelcomeWidget::WelcomeWidget(ProfileStore *profiles, KeyStore *keys, QWidget *parent)
    : QWidget(parent)
    , m_profiles(profiles)
    , m_keys(keys)
    , m_demoDataDir(DemoSession::defaultDataDir())
{
    setWindowTitle(QStringLiteral("Welcome to Mediadesk"));
    setObjectName(QStringLiteral("welcome"));

    auto *title = new QLabel(QStringLiteral("<h2>Welcome to Mediadesk</h2>"
                                            "<p>Browse and manage an ImageKit.io media library.</p>"),
                             this);
    title->setTextFormat(Qt::RichText);

    auto *accountBox = new QGroupBox(QStringLiteral("Connect an ImageKit account"), this);
    m_name = newField(QStringLiteral("profileName"), QStringLiteral("Account name"), QStringLiteral("e.g. work (default: your ImageKit id)"), accountBox);
    m_privateKey = newField(QStringLiteral("privateKey"), QStringLiteral("Private key"), QStringLiteral("private_..."), accountBox);
    m_privateKey->setEchoMode(QLineEdit::Password);
    m_publicKey = newField(QStringLiteral("publicKey"), QStringLiteral("Public key"), QStringLiteral("public_..."), accountBox);
    m_urlEndpoint = newField(QStringLiteral("urlEndpoint"), QStringLiteral("URL endpoint"), QStringLiteral("https://ik.imagekit.io/your_imagekit_id"), accountBox);
    m_apiBase = newField(QStringLiteral("apiBase"), QStringLiteral("API base (optional)"), QStringLiteral("optional, for custom servers: https://api.example.com"), accountBox);
    m_connectButton = new QPushButton(QStringLiteral("&Connect"), accountBox);
    m_connectButton->setObjectName(QStringLiteral("connectButton"));
    m_connectButton->setDefault(true);

    auto *form = new QFormLayout;
    form->addRow(QStringLiteral("Private &key:"), m_privateKey);
    form->addRow(QStringLiteral("&Public key:"), m_publicKey);
    form->addRow(QStringLiteral("URL &endpoint:"), m_urlEndpoint);
    form->addRow(QStringLiteral("&Name:"), m_name);
    form->addRow(QStringLiteral("&API base:"), m_apiBase);
    auto *keyNote = new QLabel(QStringLiteral("The private key is stored in the system keychain, never in a settings file."), accountBox);
    keyNote->setWordWrap(true);
    auto *accountLayout = new QVBoxLayout(accountBox);
    accountLayout->addLayout(form);
    accountLayout->addWidget(keyNote);
    accountLayout->addWidget(m_connectButton, 0, Qt::AlignRight);

    auto *demoBox = new QGroupBox(QStringLiteral("Try the offline demo"), this);
    auto *demoText = new QLabel(QStringLiteral("No account needed: a sample library served by a local ImageKit emulator. "
                                               "Changes stay on this computer."),
                                demoBox);
    demoText->setWordWrap(true);
    m_demoButton = new QPushButton(QStringLiteral("Try the &offline demo"), demoBox);
    m_demoButton->setObjectName(QStringLiteral("demoButton"));
    auto *demoLayout = new QVBoxLayout(demoBox);
    demoLayout->addWidget(demoText);
    demoLayout->addWidget(m_demoButton, 0, Qt::AlignRight);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setAccessibleName(QStringLiteral("Status"));

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
    layout->addWidget(title);
    layout->addWidget(accountBox);
    layout->addWidget(demoBox);
    layout->addWidget(m_status);
    layout->addWidget(m_keyringPanel);
    layout->addStretch();

    connect(m_connectButton, &QPushButton::clicked, this, &WelcomeWidget::connectAccount);
    for (QLineEdit *field : {m_name, m_privateKey, m_publicKey, m_urlEndpoint, m_apiBase})
        connect(field, &QLineEdit::returnPressed, this, &WelcomeWidget::connectAccount);
    connect(m_demoButton, &QPushButton::clicked, this, &WelcomeWidget::startDemo);
    connect(&m_check, &AccountCheck::failed, this, &WelcomeWidget::onCheckFailed);
    connect(&m_check, &AccountCheck::succeeded, this, &WelcomeWidget::onCheckSucceeded);
    connect(m_keys, &KeyStore::keyWritten, this, &WelcomeWidget::onKeyWritten);
    connect(m_keys, &KeyStore::failed, this, &WelcomeWidget::onKeyFailed);
    connect(m_keepForThisRunButton, &QPushButton::clicked, this, [this] { finishConnect(true); });
    connect(cancelRunOnly, &QPushButton::clicked, this, [this] {
        clearPending();
        setBusy(false);
        showStatus(QStringLiteral("Nothing was saved."), false);
    });
}

void WelcomeWidget::editProfile(const Profile &profile, const QString &message)
{
    m_replacingProfile = profile.name;
    m_name->setText(profile.name);
    m_publicKey->setText(profile.publicKey);
    m_urlEndpoint->setText(profile.urlEndpoint);
    m_apiBase->setText(profile.apiBase.toString());
    m_privateKey->clear();
    m_privateKey->setFocus();
    showStatus(message, true);
}

QString WelcomeWidget::statusText() const
{
    return m_status->text();
}

Profile WelcomeWidget::profileFromForm() const
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

void WelcomeWidget::connectAccount()
{
    if (m_check.isRunning() || m_keyringPanel->isVisible())
        return;
    const Profile profile = profileFromForm();
    if (profile.name != m_replacingProfile && m_profiles->contains(profile.name)) {
        onCheckFailed(QStringLiteral("An account named \"%1\" is already saved: choose another name.").arg(profile.name),
                      AccountCheck::Field::Name);
        return;
    }
    setBusy(true);
    showStatus(QStringLiteral("Checking the account…"), false);
    m_check.start(profile, m_privateKey->text());
}

void WelcomeWidget::onCheckFailed(const QString &message, AccountCheck::Field field)
{
    setBusy(false);
    showStatus(message, true);
    switch (field) {
    case AccountCheck::Field::Name: m_name->setFocus(); break;
    case AccountCheck::Field::PrivateKey: m_privateKey->setFocus(); m_privateKey->selectAll(); break;
    case AccountCheck::Field::PublicKey: m_publicKey->setFocus(); break;
    case AccountCheck::Field::UrlEndpoint: m_urlEndpoint->setFocus(); break;
    case AccountCheck::Field::ApiBase: m_apiBase->setFocus(); break;
    case AccountCheck::Field::None: break;
    }
}

void WelcomeWidget::onCheckSucceeded(const Profile &profile)
{
    m_pendingProfile = profile;
    m_pendingKey = m_privateKey->text().trimmed();
    showStatus(QStringLiteral("The keys work. Saving the private key in the system keychain…"), false);
    m_keys->writeKey(profile.name, m_pendingKey);
}

void WelcomeWidget::onKeyWritten(const QString &profileName)
{
    if (m_pendingKey.isEmpty() || profileName != m_pendingProfile.name)
        return; // someone else's write
    finishConnect(false);
}

void WelcomeWidget::onKeyFailed(KeyStore::Operation operation, const QString &profileName, const KeyStoreFailure &failure)
{
    if (operation != KeyStore::Operation::Write || m_pendingKey.isEmpty() || profileName != m_pendingProfile.name)
        return;
    if (failure.keyringUnavailable()) {
        m_keyringMessage->setText(QStringLiteral("%1 You can keep the key for this run only: Mediadesk will ask for it "
                                                 "again next time. It is never written to disk.")
                                      .arg(failure.message));
        m_keyringPanel->show();
        m_keepForThisRunButton->setFocus();
        showStatus(failure.detail.isEmpty() ? QString() : QStringLiteral("Keychain: %1").arg(failure.detail), true);
        return;
    }
    clearPending();
    setBusy(false);
    showStatus(QStringLiteral("%1 Nothing was saved.").arg(failure.message), true);
}

void WelcomeWidget::finishConnect(bool keyForThisRunOnly)
{
    const Profile profile = m_pendingProfile;
    const QString key = m_pendingKey;
    clearPending();
    QString error;
    if (!m_profiles->save(profile, &error)) {
        setBusy(false);
        showStatus(error, true);
        return;
    }
    if (keyForThisRunOnly)
        m_keys->keepForThisRun(profile.name, key);
    m_profiles->setLastUsed(profile.name);
    Session *session = Session::create(profile, key, &error);
    setBusy(false);
    if (!session) {
        showStatus(error, true);
        return;
    }
    m_privateKey->clear();
    m_replacingProfile.clear();
    showStatus(keyForThisRunOnly ? QStringLiteral("Connected to %1 (key kept for this run only).").arg(profile.name)
                                 : QStringLiteral("Connected to %1.").arg(profile.name),
               false);
    Q_EMIT sessionReady(session);
}

void WelcomeWidget::startDemo()
{
    setBusy(true);
    showStatus(QStringLiteral("Starting the offline demo…"), false);
    // Seeding the library the first time takes a moment: let the status paint first.
    QApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
    QString error;
    Session *session = DemoSession::start(&error, nullptr, m_demoDataDir);
    setBusy(false);
    if (!session) {
        showStatus(error, true);
        return;
    }
    showStatus(QStringLiteral("The offline demo is running."), false);
    Q_EMIT sessionReady(session);
}

void WelcomeWidget::setBusy(bool busy)
{
    for (QWidget *widget : std::initializer_list<QWidget *>{m_name, m_privateKey, m_publicKey, m_urlEndpoint, m_apiBase, m_connectButton, m_demoButton})
        widget->setEnabled(!busy);
}

void WelcomeWidget::showStatus(const QString &text, bool isError)
{
    m_status->setText(text);
    m_status->setProperty("error", isError);
    // Errors in a red that reads on light and dark windows; everything else in the normal colour.
    QPalette palette = this->palette();
    if (isError)
        palette.setColor(QPalette::WindowText, QColor(0xd0, 0x30, 0x30));
    m_status->setPalette(palette);
}

void WelcomeWidget::clearPending()
{
    m_pendingProfile = {};
    m_pendingKey.clear();
    m_keyringPanel->hide();
}

} // namespace ikui
