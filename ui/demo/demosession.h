#pragma once

#include <QObject>
#include <QString>

namespace ikui {

class Session;

// The offline demo: the emulator runs in this process on a free loopback port with the demo
// library, and a Session talks to it like to any account (Session::isDemo() is true).
class DemoSession
{
public:
    // <AppLocalDataLocation>/demo: seeded on first use, reused (with the user's changes) after.
    static QString defaultDataDir();

    // Starts the emulator and returns a session that owns it; nullptr with `error` set when the
    // data folder cannot be created or the server cannot start.
    static Session *start(QString *error, QObject *parent = nullptr, const QString &dataDir = defaultDataDir());
};

} // namespace ikui
