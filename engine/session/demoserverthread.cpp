#include "session/demoserverthread.h"

#include "server/emulatorserver.h"

namespace ikui {

DemoServerThread::DemoServerThread(const ikemu::EmulatorConfig &config, QObject *parent)
    : QObject(parent)
    , m_workerContext(new QObject)
    , m_server(new ikemu::EmulatorServer(config))
{
    m_thread.setObjectName(QStringLiteral("mediadesk-demo-emulator"));
    m_workerContext->moveToThread(&m_thread);
    m_server->moveToThread(&m_thread); // everything it creates in start() belongs there too
    connect(&m_thread, &QThread::finished, m_workerContext, &QObject::deleteLater);
    m_thread.start();
}

DemoServerThread::~DemoServerThread()
{
    ikemu::EmulatorServer *server = m_server;
    m_server = nullptr;
    runOnWorker([server] { delete server; }); // stop(): listening socket, connections, store, jobs
    m_thread.quit();
    m_thread.wait();
}

bool DemoServerThread::startServer(QString *error)
{
    bool started = false;
    QString why;
    // start() creates the QHttpServer, the store's database connection and the job timers on the
    // calling thread: the worker, so they are used only there.
    ikemu::EmulatorServer *server = m_server;
    runOnWorker([server, &started, &why] { started = server->start(&why); });
    if (!started && error)
        *error = why;
    return started;
}

void DemoServerThread::runOnWorker(const std::function<void()> &work)
{
    QMetaObject::invokeMethod(m_workerContext, work, Qt::BlockingQueuedConnection);
}

} // namespace ikui
