#pragma once

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace ik {
class ImageKit;
}
namespace ikemu {
class EmulatorServer;
}
namespace ikui {
class MainWindow;
class Session;
}

namespace guitest {

// The offline demo as the GUI tests use it: the in-process emulator with the demo library in a
// temporary folder of its own, the demo session on it, and main windows shown on that session.
//   guitest::DemoFixture m_demo{WaitMs};                  // a member of the test class
//   initTestCase: QVERIFY2(m_demo.start(), qPrintable(m_demo.errorText()));
//   a test:       ikui::MainWindow window;
//                 QVERIFY2(m_demo.showWindow(window), qPrintable(m_demo.errorText()));
// The fixture owns the session: windows on it must be gone before the fixture is.
class DemoFixture
{
public:
    enum class Activation {
        Exposed, // shown and exposed
        Active,  // also the active window: window shortcuts (Backspace, F2, ...) need it
    };

    // `waitMs`: how long showWindow() waits for each step.
    explicit DemoFixture(int waitMs = 15000);
    ~DemoFixture();
    DemoFixture(const DemoFixture &) = delete;
    DemoFixture &operator=(const DemoFixture &) = delete;

    // Puts QStandardPaths in test mode (no user settings are touched), then starts the emulator
    // with the demo library and a session on it. False with errorText() set on failure.
    bool start();
    QString errorText() const { return m_error; }

    ikui::Session *session() const { return m_session.get(); }
    ik::ImageKit &imageKit() const;
    ikemu::EmulatorServer *server() const;
    // A path in the fixture's temporary folder, for the test's own files (the demo data is in "demo").
    QString filePath(const QString &relative) const;

    // Puts `window` on the demo session, shows it, waits until it is exposed (or active) and its
    // root folder is listed. Set the window up (size, view mode, queue folder) before: setting
    // the session starts the listing. False with errorText() set when a wait timed out.
    bool showWindow(ikui::MainWindow &window, Activation activation = Activation::Exposed);

private:
    int m_waitMs;
    QTemporaryDir m_dir;
    std::unique_ptr<ikui::Session> m_session;
    QString m_error;
};

} // namespace guitest
