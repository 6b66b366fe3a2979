#pragma once

#include "accounts/profile.h"

#include "session/session.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

namespace ikui {

class AccountRemover;
class AddAccountDialog;
class KeyStore;
class MainWindow;
class ProfileStore;
class Session;
class WelcomeWidget;

// What the desktop app shows: the main window with the open account (one window, its session
// swapped when the user switches accounts), or the welcome screen when no account is open. Opens
// saved profiles (key from the keychain), the offline demo (prepared off the UI thread), and
// serves the Profiles menu: switch, "Add account…", "Remove account…".
class AppController : public QObject
{
    Q_OBJECT

public:
    AppController(ProfileStore *profiles, KeyStore *keys, QObject *parent = nullptr);
    ~AppController() override;

    // Where the demo keeps its library (default DemoSession::defaultDataDir()).
    void setDemoDataDir(const QString &dir);

    // The welcome screen shows progress while the demo library is prepared, then the window opens.
    void openDemo();
    // Reads the key from the keychain; the window opens (or switches) when it answers, the welcome
    // screen says why when it cannot.
    void openProfile(const QString &name);
    // The welcome screen, with the form filled for `profile` when given, and a message.
    void showWelcome(const Profile &profile = {}, const QString &message = {});
    // The connect form in a dialog over the window; the new account opens when it is saved.
    void addAccount();
    // Asks which account (the open one preselected), then removes it after confirmation.
    void chooseAccountToRemove();
    // Confirms, then removes `name` and its key; removing the open account closes it.
    void removeAccount(const QString &name);

    MainWindow *window() const { return m_window.get(); }
    WelcomeWidget *welcome() const { return m_welcome.get(); }
    AddAccountDialog *addAccountDialog() const; // while "Add account…" is open
    Session *session() const { return m_session.get(); }

Q_SIGNALS:
    // A session is shown in the window (after a start, a switch, a new account or the demo).
    void sessionOpened(ikui::Session *session);

private:
    void showSession(Session *session);
    void closeSession();
    void onKeyRead(const QString &name, const QString &privateKey);
    WelcomeWidget *ensureWelcome();

    ProfileStore *m_profiles;
    KeyStore *m_keys;
    AccountRemover *m_remover;
    QString m_demoDataDir;
    QString m_openingProfile;
    QPointer<AddAccountDialog> m_addDialog;
    std::unique_ptr<WelcomeWidget> m_welcome;
    // The window goes before the session it shows.
    std::unique_ptr<Session> m_session;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace ikui
