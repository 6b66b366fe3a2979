#pragma once

#include <QMetaType>
#include <QString>
#include <QUrl>

namespace ikui {

// One saved ImageKit account. Everything here lives in QSettings; the private key never does:
// it is kept by KeyStore (the OS keychain) under the profile's name.
struct Profile
{
    QString name;          // what the profiles menu shows; also the keychain entry's key
    QString publicKey;
    QString urlEndpoint;   // e.g. https://ik.imagekit.io/your_id
    QUrl apiBase;          // empty = ImageKit's own API (custom servers, the emulator...)
    QUrl uploadBase;       // empty = ImageKit's own upload API

    // One sentence naming the first problem, or empty when the profile can be saved.
    QString validationError() const;
    // Checks a profile name alone (the welcome screen validates as the user types).
    static QString nameError(const QString &name);

    friend bool operator==(const Profile &, const Profile &) = default;
};

} // namespace ikui

Q_DECLARE_METATYPE(ikui::Profile)
