#pragma once

#include <QHash>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <optional>

namespace ikui {

// Why a keychain operation failed, in words for the user.
struct KeyStoreFailure
{
    enum class Kind {
        NotFound,      // no key stored for this profile
        NoKeyring,     // no Secret Service / keyring reachable (no D-Bus, no daemon, locked out...)
        AccessDenied,  // the user or the keyring refused
        Other,
    };
    Kind kind = Kind::Other;
    QString message;   // one plain sentence for the user
    QString detail;    // the backend's own text (never contains the key)

    // When true the app offers to keep the key for this run only (keepForThisRun).
    bool keyringUnavailable() const { return kind == Kind::NoKeyring || kind == Kind::Other; }
};

// Private keys in the OS keychain through QtKeychain: service "Mediadesk", key = profile name.
// Asynchronous: every call answers later with exactly one signal (keyWritten / keyRead /
// keyDeleted, or failed). Keys are never logged and never written anywhere but the keychain.
//
// Without a working keyring the caller may keep a key in memory for this run only
// (keepForThisRun): readKey() answers from memory first, so the rest of the app does not care.
class KeyStore : public QObject
{
    Q_OBJECT

public:
    enum class Operation { Write, Read, Delete };
    Q_ENUM(Operation)

    static QString defaultService() { return QStringLiteral("Mediadesk"); }

    explicit KeyStore(QObject *parent = nullptr);
    // Another keychain service name (tests use their own so they never touch the app's keys).
    explicit KeyStore(const QString &service, QObject *parent = nullptr);

    QString service() const { return m_service; }

    void writeKey(const QString &profile, const QString &privateKey);
    void readKey(const QString &profile);
    void deleteKey(const QString &profile);

    // In memory only, gone when the app quits. deleteKey() forgets it too.
    void keepForThisRun(const QString &profile, const QString &privateKey);
    bool isKeptForThisRun(const QString &profile) const { return m_runOnlyKeys.contains(profile); }

    // Blocks (running a local event loop) until the keychain answers. For mediadesk-cli, which
    // has nothing else to do meanwhile; the app uses readKey().
    static std::optional<QString> readKeyNow(const QString &profile, KeyStoreFailure *failure,
                                             const QString &service = defaultService());

Q_SIGNALS:
    void keyWritten(const QString &profile);
    void keyRead(const QString &profile, const QString &privateKey);
    void keyDeleted(const QString &profile);
    void failed(ikui::KeyStore::Operation operation, const QString &profile, const ikui::KeyStoreFailure &failure);

private:
    QString m_service;
    QHash<QString, QString> m_runOnlyKeys;
};

} // namespace ikui

Q_DECLARE_METATYPE(ikui::KeyStoreFailure)
