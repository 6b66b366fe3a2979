#pragma once

#include "accounts/profile.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <memory>
#include <optional>

class QSettings;

namespace ikui {

// The saved accounts, in QSettings under "profiles/<name>/" (publicKey, urlEndpoint, apiBase,
// uploadBase) plus "lastUsedProfile". Private keys are NOT here: see KeyStore.
//
// The desktop app and mediadesk-cli share one file (organisation "Mediadesk", application
// "Mediadesk"), whatever their own application names.
//
// For the main window (profiles menu):
//     store->names();                 // sorted, for the menu
//     store->lastUsed();              // the one to open on start ("" when none)
//     store->profile(name);           // std::optional<Profile>
//     store->save(profile, &error);   // add or replace; false + error when invalid
//     store->remove(name);            // the caller also deletes the key: KeyStore::deleteKey
//     connect(store, &ProfileStore::profilesChanged, ...);
class ProfileStore : public QObject
{
    Q_OBJECT

public:
    // The application's own settings.
    explicit ProfileStore(QObject *parent = nullptr);
    // An INI file of the caller's choice (tests).
    explicit ProfileStore(const QString &settingsFile, QObject *parent = nullptr);
    ~ProfileStore() override;

    QStringList names() const;
    QList<Profile> profiles() const;
    std::optional<Profile> profile(const QString &name) const;
    bool contains(const QString &name) const;
    bool isEmpty() const { return names().isEmpty(); }

    bool save(const Profile &profile, QString *error = nullptr);
    bool remove(const QString &name);

    QString lastUsed() const;
    void setLastUsed(const QString &name);

    // The file the profiles are written to.
    QString fileName() const;

Q_SIGNALS:
    void profilesChanged();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace ikui
