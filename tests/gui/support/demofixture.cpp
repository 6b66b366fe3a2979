#include "demofixture.h"

#include "browserwaits.h"

#include "session/session.h"
#include "session/demosession.h"
#include "shell/mainwindow.h"

#include <QStandardPaths>
#include <QTest>

namespace guitest {

DemoFixture::DemoFixture(int waitMs)
    : m_waitMs(waitMs)
{
}

// Out of line: Session is complete here.
DemoFixture::~DemoFixture() = default;

bool DemoFixture::start()
{
    QStandardPaths::setTestModeEnabled(true);
    m_error.clear();
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary folder for the demo: %1").arg(m_dir.errorString());
        return false;
    }
    QString error;
    m_session.reset(ikui::DemoSession::start(&error, nullptr, m_dir.filePath(QStringLiteral("demo"))));
    if (!m_session) {
        m_error = QStringLiteral("the demo session did not start: %1").arg(error);
        return false;
    }
    if (!m_session->isDemo()) {
        m_error = QStringLiteral("DemoSession::start gave a session without its emulator");
        m_session.reset();
        return false;
    }
    return true;
}

ik::ImageKit &DemoFixture::imageKit() const
{
    Q_ASSERT(m_session); // start() first
    return m_session->imageKit();
}

ikemu::EmulatorServer *DemoFixture::server() const
{
    return m_session ? m_session->demoServer() : nullptr;
}

QString DemoFixture::filePath(const QString &relative) const
{
    return m_dir.filePath(relative);
}

bool DemoFixture::showWindow(ikui::MainWindow &window, Activation activation)
{
    m_error.clear();
    if (!m_session) {
        m_error = QStringLiteral("showWindow before start()");
        return false;
    }
    window.setSession(m_session.get());
    window.show();
    if (activation == Activation::Active) {
        window.activateWindow();
        if (!QTest::qWaitForWindowActive(&window, m_waitMs)) {
            m_error = QStringLiteral("the window did not become active within %1 ms").arg(m_waitMs);
            return false;
        }
    } else if (!QTest::qWaitForWindowExposed(&window, m_waitMs)) {
        m_error = QStringLiteral("the window was not exposed within %1 ms").arg(m_waitMs);
        return false;
    }
    if (!waitForListing(window, m_waitMs)) {
        m_error = QStringLiteral("the window's folder %1 was not listed within %2 ms").arg(window.currentFolder()).arg(m_waitMs);
        return false;
    }
    return true;
}

} // namespace guitest
