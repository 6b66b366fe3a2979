#pragma once

#include "accounts/storage/keystore.h"
#include "accounts/storage/profile.h"
#include "welcome/accountcheck.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace ikui {

class ProfileStore;
class Session;

// The first-run screen (and what shows when no profile can be opened): "Connect an ImageKit
// account" checks the keys with one API call, stores the private key in the keychain (or, with
// no keyring, for this run only when the user agrees) and saves the profile; "Try the offline
// demo" starts the in-process emulator. Either way sessionReady() hands over a new Session.
class WelcomeWidget : public QWidget
{
    Q_OBJECT

public:
    WelcomeWidget(ProfileStore *profiles, KeyStore *keys, QWidget *parent = nullptr);

    // Fills the form with a saved profile (whose key must be entered again) and says why.
    void editProfile(const Profile &profile, const QString &message);
    // Where the demo keeps its library (default DemoSession::defaultDataDir()).
    void setDemoDataDir(const QString &dir) { m_demoDataDir = dir; }

    // Shows why the app is here instead of in an account (a profile that could not be opened).
    void showError(const QString &message) { showStatus(message, true); }
    QString statusText() const;

Q_SIGNALS:
    // The receiver owns the session.
    void sessionReady(ikui::Session *session);

private:
    void connectAccount();
    void startDemo();
    void onCheckFailed(const QString &message, AccountCheck::Field field);
    void onCheckSucceeded(const Profile &profile);
    void onKeyWritten(const QString &profileName);
    void onKeyFailed(KeyStore::Operation operation, const QString &profileName, const KeyStoreFailure &failure);
    void finishConnect(bool keyForThisRunOnly);
    Profile profileFromForm() const;
    void setBusy(bool busy);
    void showStatus(const QString &text, bool isError);
    void clearPending();

    ProfileStore *m_profiles;
    KeyStore *m_keys;
    AccountCheck m_check;
    QString m_demoDataDir;
    QString m_replacingProfile;   // the saved profile editProfile() opened: may be overwritten

    // The checked account waiting for the keychain.
    Profile m_pendingProfile;
    QString m_pendingKey;

    QLineEdit *m_name;
    QLineEdit *m_privateKey;
    QLineEdit *m_publicKey;
    QLineEdit *m_urlEndpoint;
    QLineEdit *m_apiBase;
    QPushButton *m_connectButton;
    QPushButton *m_demoButton;
    QLabel *m_status;
    QWidget *m_keyringPanel;
    QLabel *m_keyringMessage;
    QPushButton *m_keepForThisRunButton;
};

} // namespace ikui
