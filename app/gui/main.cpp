// mediadesk: the desktop app. Opens, in this order: the offline demo (--demo), the profile named
// by --profile, the last used profile; and the welcome screen when none of them can be opened.
#include "accounts/session.h"
#include "accounts/storage/keystore.h"
#include "accounts/storage/profilestore.h"
#include "demo/demosession.h"
#include "mainwindow.h"
#include "resources.h"
#include "welcome/welcomewidget.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>

#include <cstdio>
#include <memory>

namespace {

// Owns the session and the window that shows it; the welcome screen fills in for a missing one.
class AppController : public QObject
{
public:
    AppController(ikui::ProfileStore *profiles, ikui::KeyStore *keys)
        : m_profiles(profiles)
        , m_keys(keys)
    {
        connect(m_keys, &ikui::KeyStore::keyRead, this, [this](const QString &name, const QString &privateKey) {
            if (name != m_openingProfile)
                return;
            m_openingProfile.clear();
            const auto profile = m_profiles->profile(name);
            QString error;
            ikui::Session *session = profile ? ikui::Session::create(*profile, privateKey, &error) : nullptr;
            if (!session) {
                showWelcome(profile.value_or(ikui::Profile{}), QStringLiteral("The account \"%1\" cannot be opened: %2").arg(name, error));
                return;
            }
            m_profiles->setLastUsed(name);
            showSession(session);
        });
        connect(m_keys, &ikui::KeyStore::failed, this,
                [this](ikui::KeyStore::Operation operation, const QString &name, const ikui::KeyStoreFailure &failure) {
                    if (operation != ikui::KeyStore::Operation::Read || name != m_openingProfile)
                        return;
                    m_openingProfile.clear();
                    showWelcome(m_profiles->profile(name).value_or(ikui::Profile{}),
                                QStringLiteral("%1 Enter the private key of \"%2\" again.").arg(failure.message, name));
                });
    }

    void openDemo()
    {
        QString error;
        ikui::Session *session = ikui::DemoSession::start(&error);
        if (!session) {
            QMessageBox::critical(nullptr, QStringLiteral("Mediadesk"), error);
            showWelcome({}, error);
            return;
        }
        showSession(session);
    }

    // Reads the key from the keychain; the window opens when it answers.
    void openProfile(const QString &name)
    {
        if (!m_profiles->contains(name)) {
            showWelcome({}, QStringLiteral("There is no saved account named \"%1\".").arg(name));
            return;
        }
        m_openingProfile = name;
        m_keys->readKey(name);
    }

    void showWelcome(const ikui::Profile &profile, const QString &message)
    {
        if (!m_welcome) {
            m_welcome = std::make_unique<ikui::WelcomeWidget>(m_profiles, m_keys);
            connect(m_welcome.get(), &ikui::WelcomeWidget::sessionReady, this, [this](ikui::Session *session) {
                m_welcome->hide();
                showSession(session);
            });
        }
        if (!profile.name.isEmpty())
            m_welcome->editProfile(profile, message);
        else if (!message.isEmpty())
            m_welcome->showError(message);
        m_welcome->show();
    }

private:
    void showSession(ikui::Session *session)
    {
        m_window.reset();
        m_session.reset(session);
        m_window = std::make_unique<ikui::MainWindow>();
        m_window->setSession(session);
        m_window->setProfileStore(m_profiles);
        // Choosing another account replaces this window: queued, so it happens after the menu's
        // signal has returned and not while the window is still emitting it.
        connect(m_window.get(), &ikui::MainWindow::profileRequested, this,
                [this](const QString &name) { openProfile(name); }, Qt::QueuedConnection);
        m_window->setWindowTitle(session->isDemo() ? QStringLiteral("Mediadesk — %1 [DEMO]").arg(session->displayName())
                                                   : QStringLiteral("Mediadesk — %1").arg(session->displayName()));
        m_window->show();
    }

    ikui::ProfileStore *m_profiles;
    ikui::KeyStore *m_keys;
    QString m_openingProfile;
    std::unique_ptr<ikui::WelcomeWidget> m_welcome;
    // The window goes before the session it shows.
    std::unique_ptr<ikui::Session> m_session;
    std::unique_ptr<ikui::MainWindow> m_window;
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    ikui::initResources(); // icons live in the static ikui library
    QApplication::setApplicationName(QStringLiteral("Mediadesk"));
    QApplication::setOrganizationName(QStringLiteral("Mediadesk"));
    QApplication::setApplicationVersion(QStringLiteral(MEDIADESK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.mediadesk.Mediadesk"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/mediadesk.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Desktop media manager for ImageKit.io"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        QStringLiteral("Start in the offline demo (a local emulator with a sample library)."));
    const QCommandLineOption profileOption(QStringLiteral("profile"), QStringLiteral("Open the saved account <name>."),
                                           QStringLiteral("name"));
    parser.addOption(demoOption);
    parser.addOption(profileOption);
    parser.process(app);
    if (parser.isSet(demoOption) && parser.isSet(profileOption)) {
        std::fputs("mediadesk: --demo and --profile cannot be used together\n", stderr);
        return 2;
    }

    ikui::ProfileStore profiles;
    ikui::KeyStore keys;
    AppController controller(&profiles, &keys);
    if (parser.isSet(demoOption))
        controller.openDemo();
    else if (parser.isSet(profileOption))
        controller.openProfile(parser.value(profileOption));
    else if (const QString last = profiles.lastUsed(); !last.isEmpty())
        controller.openProfile(last);
    else
        controller.showWelcome({}, {});
    return app.exec();
}
