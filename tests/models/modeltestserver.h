#pragma once

// An in-process ikemu::EmulatorServer for the model tests, with an ik::ApiClient pointed at it
// and an independent count of the listing requests that reached the network.

#include "api/apiclient.h"
#include "api/imagekit.h"
#include "server/emulatorserver.h"

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace modeltest {

// A small JPEG (gradient) so thumbnails of generated records decode.
QByteArray sampleJpeg(int width = 64, int height = 48);

// Writes `count` image records named file-000000.jpg ... straight into the emulator's store
// (no HTTP uploads), all sharing one real JPEG blob. Call before the server starts.
bool fillFolder(const QString &dataDir, const QString &folder, int count, QString *error);
// Creates folders (and their parents) straight in the store. Call before the server starts.
bool createFolders(const QString &dataDir, const QStringList &folders, QString *error);

class ModelTestServer
{
public:
    ModelTestServer();
    ~ModelTestServer();

    QString dataDir() const { return m_dir.path(); }
    // seedDemo: the demo library (87 files in folders); otherwise an empty library (fill it first).
    bool start(bool seedDemo, QString *error);

    ikemu::EmulatorServer &server() { return *m_server; }
    ik::ApiClient &client() { return m_client; }
    const ik::ImageKit &imagekit() const { return m_imagekit; }

    // GET /v1/files requests answered since the last reset (counted at the client's network layer).
    int listRequests() const { return m_listRequests; }
    void resetCounters() { m_listRequests = 0; }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ikemu::EmulatorServer> m_server;
    ik::ApiClient m_client;
    ik::ImageKit m_imagekit;
    int m_listRequests = 0;
};

// Every entry of a listing via ik::FileListPager (the reference the models are compared with):
// ids in the server's order.
QStringList listAllIds(const ik::ImageKit &imagekit, const ik::ListFilesOptions &options);

} // namespace modeltest
