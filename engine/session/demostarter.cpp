#include "session/demostarter.h"

#include "session/session.h"
#include "session/demosession.h"

#include <QtConcurrent/QtConcurrentRun>

namespace ikui {

DemoStarter::DemoStarter(QObject *parent)
    : QObject(parent)
{
    connect(&m_preparation, &QFutureWatcher<QString>::finished, this, &DemoStarter::onPrepared);
}

DemoStarter::~DemoStarter()
{
    // The worker cannot be interrupted: let it finish writing the library before the app goes on.
    m_preparation.waitForFinished();
}

void DemoStarter::start(const QString &dataDir)
{
    if (m_running)
        return;
    m_running = true;
    m_dataDir = dataDir;
    m_preparation.setFuture(QtConcurrent::run([dataDir] {
        QString error;
        return DemoSession::prepare(dataDir, &error) ? QString() : error;
    }));
}

void DemoStarter::onPrepared()
{
    m_running = false;
    const QString preparationError = m_preparation.result();
    if (!preparationError.isEmpty()) {
        Q_EMIT failed(preparationError);
        return;
    }
    QString error;
    Session *session = DemoSession::start(&error, nullptr, m_dataDir);
    if (!session) {
        Q_EMIT failed(error);
        return;
    }
    Q_EMIT finished(session);
}

} // namespace ikui
