#pragma once

#include "accounts/profile.h"

#include "session/session.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace ikui {

class AccountRemover;
class ConnectAccountForm;
class DemoStarter;
class KeyStore;
class ProfileStore;
class Session;
class StatusLabel;

// The first-run screen (and what shows when no profile can be opened): the saved accounts (open,
// remove), "Connect an ImageKit account" (ConnectAccountForm) and "Try the offline demo", which
// prepares the demo library off the UI thread with a progress bar. A new account or the demo is
// handed over with sessionReady(); opening a saved account is the owner's job (profileRequested).
class WelcomeWidget : public QWidget
{
    Q_OBJECT

public:
    WelcomeWidget(ProfileStore *profiles, KeyStore *keys, QWidget *parent = nullptr);
    ~WelcomeWidget() override;

    // Fills the form with a saved profile (whose key must be entered again) and says why.
    void editProfile(const Profile &profile, const QString &message);
    // Where the demo keeps its library (default DemoSession::defaultDataDir()).
    void setDemoDataDir(const QString &dir) { m_demoDataDir = dir; }

    // Shows why the app is here instead of in an account (a profile that could not be opened).
    void showError(const QString &message) { showStatus(message, true); }
    void showMessage(const QString &message) { showStatus(message, false); }
    QString statusText() const;

    // "Try the offline demo": returns at once; sessionReady() or an error in the status follows.
    void startDemo();
    bool isStartingDemo() const;

    // Asks for confirmation, then removes the account and its keychain entry.
    void removeProfile(const QString &name);

Q_SIGNALS:
    // The receiver owns the session.
    void sessionReady(ikui::Session *session);
    // The user chose a saved account to open.
    void profileRequested(const QString &name);

private:
    void rebuildProfileList();
    void openSelectedProfile();
    void setDemoBusy(bool busy);
    void showStatus(const QString &text, bool isError);

    ProfileStore *m_profiles;
    KeyStore *m_keys;
    QString m_demoDataDir;
    ConnectAccountForm *m_form;
    DemoStarter *m_demoStarter;
    AccountRemover *m_remover;

    QWidget *m_savedBox;
    QListWidget *m_savedList;
    QPushButton *m_openButton;
    QPushButton *m_removeButton;
    QPushButton *m_demoButton;
    QProgressBar *m_demoProgress;
    StatusLabel *m_status;
};

} // namespace ikui
