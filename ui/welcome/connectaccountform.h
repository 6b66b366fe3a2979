#pragma once

#include "accounts/keystore.h"
#include "accounts/profile.h"
#include "welcome/accountcheck.h"

#include "session/session.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace ikui {

class ProfileStore;
class Session;

// "Connect an ImageKit account": the form (keys, endpoint, name, optional API base). Connect
// checks the keys with one API call, stores the private key in the keychain (or, with no keyring,
// for this run only when the user agrees), saves the profile and hands over a Session. Used by the
// welcome screen and by the "Add account…" dialog; the host shows statusChanged() to the user.
class ConnectAccountForm : public QWidget
{
    Q_OBJECT

public:
    ConnectAccountForm(ProfileStore *profiles, KeyStore *keys, QWidget *parent = nullptr);

    // Fills the form with a saved profile (whose key must be entered again); it may be overwritten.
    void editProfile(const Profile &profile);
    // Disables the form while something else (the demo) is starting.
    void setLocked(bool locked);
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    // A checked and saved account; the receiver owns the session.
    void connected(ikui::Session *session);
    void statusChanged(const QString &text, bool isError);
    void busyChanged(bool busy);

private:
    void connectAccount();
    void onCheckFailed(const QString &message, AccountCheck::Field field);
    void onCheckSucceeded(const Profile &profile);
    void onKeyWritten(const QString &profileName);
    void onKeyFailed(KeyStore::Operation operation, const QString &profileName, const KeyStoreFailure &failure);
    void finishConnect(bool keyForThisRunOnly);
    Profile profileFromForm() const;
    void setBusy(bool busy);
    void updateEnabled();
    void clearPending();

    ProfileStore *m_profiles;
    KeyStore *m_keys;
    AccountCheck m_check;
    QString m_replacingProfile;   // the saved profile editProfile() opened: may be overwritten
    bool m_busy = false;
    bool m_locked = false;

    // The checked account waiting for the keychain.
    Profile m_pendingProfile;
    QString m_pendingKey;

    QLineEdit *m_name;
    QLineEdit *m_privateKey;
    QLineEdit *m_publicKey;
    QLineEdit *m_urlEndpoint;
    QLineEdit *m_apiBase;
    QPushButton *m_connectButton;
    QWidget *m_keyringPanel;
    QLabel *m_keyringMessage;
    QPushButton *m_keepForThisRunButton;
};

} // namespace ikui
