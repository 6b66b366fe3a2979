#include "shell/appcontroller.h"

#include "welcome/accountremover.h"
#include "session/session.h"
#include "accounts/keystore.h"
#include "accounts/profilestore.h"
#include "session/demosession.h"
#include "shell/mainwindow.h"
#include "welcome/addaccountdialog.h"
#include "welcome/welcomewidget.h"

#include <QInputDialog>
#include <QMessageBox>

namespace ikui {

AppController::AppController(ProfileStore *profiles, KeyStore *keys, QObject *parent)
    : QObject(parent)
    , m_profiles(profiles)
    , m_keys(keys)
    , m_remover(new AccountRemover(profiles, keys, this))
    , m_demoDataDir(DemoSession::defaultDataDir())
{
    connect(m_keys, &KeyStore::keyRead, this, &AppController::onKeyRead);
    connect(m_keys, &KeyStore::failed, this,
            [this](KeyStore::Operation operation, const QString &name, const KeyStoreFailure &failure) {
                if (operation != KeyStore::Operation::Read || name != m_openingProfile)
                    return;
                m_openingProfile.clear();
                showWelcome(m_profiles->profile(name).value_or(Profile{}),
                            QStringLiteral("%1 Enter the private key of \"%2\" again.").arg(failure.message, name));
            });
    connect(m_remover, &AccountRemover::removed, this, [this](const QString &name, const QString &keychainProblem) {
        if (keychainProblem.isEmpty())
            return;
        // Not modal: nothing waits for the user to read it.
        QWidget *parent = m_window && m_window->isVisible() ? static_cast<QWidget *>(m_window.get()) : m_welcome.get();
        auto *box = new QMessageBox(QMessageBox::Warning, QStringLiteral("Remove account"),
                                    QStringLiteral("The account \"%1\" was removed, but its private key may still be in "
                                                   "the keychain. %2").arg(name, keychainProblem),
                                    QMessageBox::Ok, parent);
        box->setObjectName(QStringLiteral("keychainProblem"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

AppController::~AppController()
{
    // The window (and the dialog it parents) goes before the session it shows.
    m_window.reset();
    m_session.reset();
}

void AppController::setDemoDataDir(const QString &dir)
{
    m_demoDataDir = dir;
    if (m_welcome)
        m_welcome->setDemoDataDir(dir);
}

void AppController::openDemo()
{
    WelcomeWidget *welcome = ensureWelcome();
    welcome->show();
    welcome->startDemo();
}

void AppController::openProfile(const QString &name)
{
    if (!m_profiles->contains(name)) {
        showWelcome({}, QStringLiteral("There is no saved account named \"%1\".").arg(name));
        return;
    }
    m_openingProfile = name;
    m_keys->readKey(name);
}

void AppController::onKeyRead(const QString &name, const QString &privateKey)
{
    if (name != m_openingProfile)
        return;
    m_openingProfile.clear();
    const auto profile = m_profiles->profile(name);
    QString error;
    Session *session = profile ? Session::create(*profile, privateKey, &error) : nullptr;
    if (!session) {
        showWelcome(profile.value_or(Profile{}), QStringLiteral("The account \"%1\" cannot be opened: %2").arg(name, error));
        return;
    }
    m_profiles->setLastUsed(name);
    showSession(session);
}

WelcomeWidget *AppController::ensureWelcome()
{
    if (!m_welcome) {
        m_welcome = std::make_unique<WelcomeWidget>(m_profiles, m_keys);
        m_welcome->setDemoDataDir(m_demoDataDir);
        connect(m_welcome.get(), &WelcomeWidget::sessionReady, this, &AppController::showSession);
        connect(m_welcome.get(), &WelcomeWidget::profileRequested, this, &AppController::openProfile);
    }
    return m_welcome.get();
}

void AppController::showWelcome(const Profile &profile, const QString &message)
{
    WelcomeWidget *welcome = ensureWelcome();
    if (!profile.name.isEmpty())
        welcome->editProfile(profile, message);
    else if (!message.isEmpty())
        welcome->showError(message);
    welcome->show();
    welcome->raise();
    welcome->activateWindow();
}

void AppController::showSession(Session *session)
{
    // Show the window before the welcome screen hides, so the app never has no window.
    const bool newWindow = !m_window;
    if (newWindow) {
        m_window = std::make_unique<MainWindow>();
        // Queued: the menu's signal returns before the window's session is replaced.
        connect(m_window.get(), &MainWindow::profileRequested, this, &AppController::openProfile, Qt::QueuedConnection);
        connect(m_window.get(), &MainWindow::addAccountRequested, this, &AppController::addAccount, Qt::QueuedConnection);
        connect(m_window.get(), &MainWindow::removeAccountRequested, this, &AppController::chooseAccountToRemove,
                Qt::QueuedConnection);
    }
    // The window lets go of the old session before it is deleted.
    m_window->setSession(session);
    m_session.reset(session);
    if (newWindow)
        m_window->setProfileStore(m_profiles); // after the session, so the menu checks the open account
    m_window->setWindowTitle(session->isDemo() ? QStringLiteral("Mediadesk — %1 [DEMO]").arg(session->displayName())
                                               : QStringLiteral("Mediadesk — %1").arg(session->displayName()));
    m_window->show();
    m_window->raise();
    if (m_welcome)
        m_welcome->hide();
    Q_EMIT sessionOpened(session);
}

void AppController::closeSession()
{
    if (m_welcome)
        m_welcome->show();
    if (m_window) {
        m_window->setSession(nullptr);
        m_window->hide();
    }
    m_session.reset();
}

AddAccountDialog *AppController::addAccountDialog() const
{
    return m_addDialog;
}

void AppController::addAccount()
{
    if (m_addDialog) {
        m_addDialog->raise();
        m_addDialog->activateWindow();
        return;
    }
    m_addDialog = new AddAccountDialog(m_profiles, m_keys, m_window.get());
    m_addDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_addDialog, &AddAccountDialog::sessionReady, this, &AppController::showSession);
    m_addDialog->open();
}

void AppController::chooseAccountToRemove()
{
    const QStringList names = m_profiles->names();
    if (names.isEmpty())
        return;
    const int current = m_session ? int(names.indexOf(m_session->profile().name)) : -1;
    bool ok = false;
    const QString name = QInputDialog::getItem(m_window.get(), QStringLiteral("Remove account"),
                                               QStringLiteral("Account to remove:"), names, qMax(0, current), false, &ok);
    if (ok && !name.isEmpty())
        removeAccount(name);
}

void AppController::removeAccount(const QString &name)
{
    if (!m_profiles->contains(name))
        return;
    QWidget *parent = m_window && m_window->isVisible() ? static_cast<QWidget *>(m_window.get()) : m_welcome.get();
    if (!AccountRemover::confirm(parent, name))
        return;
    const bool wasOpen = m_session && !m_session->isDemo() && m_session->profile().name == name;
    m_remover->remove(name);
    if (wasOpen) {
        ensureWelcome()->showMessage(QStringLiteral("The account \"%1\" was removed.").arg(name));
        closeSession();
    }
}

} // namespace ikui
