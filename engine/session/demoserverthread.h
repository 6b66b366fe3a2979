#pragma once

#include <QObject>
#include <QString>
#include <QThread>

#include <functional>

namespace ikemu {
class EmulatorServer;
struct EmulatorConfig;
} // namespace ikemu

namespace ikui {

// The demo's emulator on a thread of its own, so that image transformations (thumbnails, the
// builder preview) never stall the window. Lives on the UI thread; the EmulatorServer and
// everything it creates (QHttpServer, sockets, the SQLite store, job timers) live and die on
// the worker thread.
//
//   auto *host = new DemoServerThread(config);
//   if (!host->startServer(&error)) ...;   // blocks until the server listens (or failed)
//   host->server()->baseUrl();             // port and URLs are fixed once it listens
//   delete host;                           // stops the server on its thread, then joins it
class DemoServerThread : public QObject
{
    Q_OBJECT

public:
    explicit DemoServerThread(const ikemu::EmulatorConfig &config, QObject *parent = nullptr);
    // Stops and deletes the server on its own thread (closing connections still open, so requests
    // in flight end with a network error on the client side), then waits for the thread to end.
    ~DemoServerThread() override;

    // Starts the server on the worker thread and waits for the outcome. Seeds the demo library when
    // the config asks for it and the data folder holds none (seconds of CPU: prepare it before).
    bool startServer(QString *error);
    // Valid until this object is deleted. Its thread() is the worker from construction on.
    ikemu::EmulatorServer *server() const { return m_server; }

private:
    void runOnWorker(const std::function<void()> &work);

    QThread m_thread;
    QObject *m_workerContext = nullptr; // lives on m_thread: the target of calls made there
    ikemu::EmulatorServer *m_server = nullptr;
};

} // namespace ikui
