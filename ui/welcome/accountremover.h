#pragma once

#include <QObject>
#include <QSet>
#include <QString>

class QWidget;

namespace ikui {

class KeyStore;
class ProfileStore;

// Removes a saved account: its settings at once, its private key from the keychain (asynchronous).
// The welcome screen and the Profiles menu both use it, after confirm().
class AccountRemover : public QObject
{
    Q_OBJECT

public:
    AccountRemover(ProfileStore *profiles, KeyStore *keys, QObject *parent = nullptr);

    // Asks "Remove the account …?" naming what goes (the settings and the keychain entry) and what
    // stays (the files on ImageKit). Modal; true when the user chose Remove.
    static bool confirm(QWidget *parent, const QString &name);

    // Answers with removed() once the keychain has answered; false (and no signal) when there is no
    // such account.
    bool remove(const QString &name);

Q_SIGNALS:
    // keychainProblem is empty when the key is gone (or there was none), else a sentence saying
    // what to do by hand.
    void removed(const QString &name, const QString &keychainProblem);

private:
    ProfileStore *m_profiles;
    KeyStore *m_keys;
    QSet<QString> m_waitingForKeychain;
};

} // namespace ikui
