#pragma once

#include <QObject>
#include <QString>

namespace ikui {

class Session;

// The offline demo: the emulator runs in this process on a free loopback port with the demo
// library, and a Session talks to it like to any account (Session::isDemo() is true).
// The app starts it through DemoStarter, which prepares the library off the UI thread.
class DemoSession
{
public:
    // <AppLocalDataLocation>/demo: seeded on first use, reused (with the user's changes) after.
    static QString defaultDataDir();

    // Generates the demo library into `dataDir` when it holds none yet (a few seconds of CPU the
    // first time, quick after). Blocking; safe to call from a worker thread. False with `error`
    // set (a sentence that says what to do) when the folder cannot be created or written.
    static bool prepare(const QString &dataDir, QString *error);

    // Starts the emulator on a thread of its own (DemoServerThread: demoServer()->thread() is not
    // the caller's) and returns a session that owns it; nullptr with `error` set when the
    // data folder cannot be created or the server cannot start. Seeds the library first when
    // prepare() has not (blocking the calling thread meanwhile).
    static Session *start(QString *error, QObject *parent = nullptr, const QString &dataDir = defaultDataDir());
};

} // namespace ikui
