#pragma once

#include "server/emulatorconfig.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace ikemu {

struct ApiRequest;
struct ApiResponse;

// The ImageKit-compatible server, embeddable in any Qt program: the management API (/v1/...),
// the upload API (/api/v1/files/upload) and image delivery (/<url-endpoint-id>/...) on one
// loopback port, with fault injection. Everything runs on the thread that calls start(): a GUI
// that embeds it should move it to a worker QThread first and call start()/stop() there (both are
// invokable), so that transformations never block the interface.
//
//   ikemu::EmulatorConfig config;
//   config.dataDir = dir;
//   ikemu::EmulatorServer server(config);
//   if (!server.start(&error)) ...;
//   server.port();  // the port it listens on (a free one when config.port == 0)
class EmulatorServer : public QObject
{
    Q_OBJECT
public:
    explicit EmulatorServer(const EmulatorConfig &config, QObject *parent = nullptr);
    ~EmulatorServer() override;

    // Opens the data directory, seeds the demo library when asked (the data dir must then be
    // empty of files), and starts listening. False with `error` set on failure.
    Q_INVOKABLE bool start(QString *error);
    Q_INVOKABLE void stop();
    bool isRunning() const;

    quint16 port() const;
    // http://127.0.0.1:<port>: the API base and the upload base of SDKs pointed at the emulator.
    QUrl baseUrl() const;
    // http://127.0.0.1:<port>/<url-endpoint-id>: the urlEndpoint to build delivery URLs with.
    QUrl urlEndpoint() const;
    const EmulatorConfig &config() const;

    // Changes fault injection at run time (tests and the app's demo settings). Callable from any
    // thread: it waits until the server's thread has applied the change.
    void setFaultSettings(const FaultSettings &settings);

    // HTTP requests received so far (any thread): tests prove "no request after X" with it.
    quint64 requestCount() const;

    // Handles one request without the network (used by the HTTP layer and by in-process callers).
    ApiResponse dispatch(const ApiRequest &request);

Q_SIGNALS:
    void started(quint16 port);
    void stopped();

private:
    void onRequest(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    bool seedDemoLibrary(QString *error);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace ikemu
