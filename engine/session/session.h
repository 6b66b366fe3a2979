#pragma once

#include "accounts/profile.h"

#include <QObject>
#include <QString>

#include <memory>

namespace ik {
class ApiClient;
class ImageKit;
class UrlBuilder;
} // namespace ik

namespace ikemu {
class EmulatorServer;
} // namespace ikemu

namespace ikui {

class CustomMetadataFields;
class DemoServerThread;
class FileStore;
class OperationManager;

// The account the main window works with: an ApiClient with the account's keys and bases, the
// ImageKit operations on it and a UrlBuilder for delivery and signed URLs.
//
// For the main window (E3):
//     window.setSession(session);        // the window does not own it; main.cpp does
//     session->imageKit().listFiles(...) // every operation
//     session->urlBuilder().build(...)   // thumbnails, "copy URL", signed URLs
//     session->displayName()             // "work" or "Offline demo": title, profiles menu
//     session->isDemo()                  // show the DEMO badge
//     session->profile().name            // the saved profile ("" for the demo)
// A demo session (DemoSession::start) also owns the in-process emulator (demoServer()).
class Session : public QObject
{
    Q_OBJECT

public:
    // A session for `profile` and its private key; nullptr with `error` set when the profile is
    // invalid (see Profile::validationError, and ApiClient's rule: plain http only on loopback).
    static Session *create(const Profile &profile, const QString &privateKey, QString *error,
                           QObject *parent = nullptr);
    ~Session() override;

    ik::ApiClient *client() const { return m_client; }
    ik::ImageKit &imageKit() const { return *m_imageKit; }
    ik::UrlBuilder &urlBuilder() const { return *m_urlBuilder; }
    // What the session knows of its files; every view observes it.
    FileStore *files() const { return m_files; }
    // The user's actions on this account, side by side; cancelled (and waited for) when the
    // session goes, before the client they use.
    OperationManager *operations() const { return m_operations; }
    // The account's custom metadata fields, loaded once and shared.
    CustomMetadataFields *metadataFields() const { return m_metadataFields; }

    const Profile &profile() const { return m_profile; }
    QString displayName() const;
    bool isDemo() const { return m_demoServer != nullptr; }
    // The emulator serving a demo session; nullptr for a real account.
    ikemu::EmulatorServer *demoServer() const { return m_demoServer; }
    // Takes ownership of the emulator this session talks to and of the thread it serves on
    // (DemoSession): the server lives exactly as long as the session.
    void adoptDemoServer(DemoServerThread *host);

private:
    explicit Session(const Profile &profile, QObject *parent);

    Profile m_profile;
    ik::ApiClient *m_client = nullptr;
    std::unique_ptr<ik::ImageKit> m_imageKit;
    std::unique_ptr<ik::UrlBuilder> m_urlBuilder;
    FileStore *m_files = nullptr;
    OperationManager *m_operations = nullptr;
    CustomMetadataFields *m_metadataFields = nullptr;
    ikemu::EmulatorServer *m_demoServer = nullptr;
};

} // namespace ikui
