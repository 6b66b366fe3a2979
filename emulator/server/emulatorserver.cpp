#include "server/emulatorserver.h"

#include <atomic>

#include "custommetadata/custommetadataschema.h"
#include "demo/demolibrary.h"
#include "faults/faultinjector.h"
#include "server/bulkjobrunner.h"
#include "server/deliveryhandler.h"
#include "server/emulatorcontext.h"
#include "server/httpexchange.h"
#include "server/managementapi.h"
#include "server/requestauthenticator.h"
#include "server/uploadservice.h"
#include "store/mediastore.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

namespace ikemu {

struct EmulatorServer::Private {
    EmulatorContext context;
    std::atomic<quint64> requests{0};
    std::unique_ptr<MediaStore> store;
    std::unique_ptr<BulkJobRunner> jobs;
    std::unique_ptr<RequestAuthenticator> authenticator;
    std::unique_ptr<DeliveryHandler> delivery;
    std::unique_ptr<ManagementApi> management;
    std::unique_ptr<UploadService> uploads;
    std::unique_ptr<QHttpServer> http;
    FaultInjector faults;
};

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 207: return "Multi-Status";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 423: return "Locked";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

ApiRequest toApiRequest(const QHttpServerRequest &request)
{
    ApiRequest r;
    switch (request.method()) {
    case QHttpServerRequest::Method::Get: r.method = "GET"; break;
    case QHttpServerRequest::Method::Put: r.method = "PUT"; break;
    case QHttpServerRequest::Method::Delete: r.method = "DELETE"; break;
    case QHttpServerRequest::Method::Post: r.method = "POST"; break;
    case QHttpServerRequest::Method::Head: r.method = "HEAD"; break;
    case QHttpServerRequest::Method::Options: r.method = "OPTIONS"; break;
    case QHttpServerRequest::Method::Patch: r.method = "PATCH"; break;
    default: r.method = "UNKNOWN"; break;
    }
    const QUrl url = request.url();
    r.rawPath = url.path(QUrl::FullyEncoded).toUtf8();
    r.path = url.path(QUrl::FullyDecoded);
    r.rawQuery = url.query(QUrl::FullyEncoded).toUtf8();
    r.query = QUrlQuery(url);
    r.headers = request.headers();
    r.body = request.body();
    return r;
}

} // namespace

EmulatorServer::EmulatorServer(const EmulatorConfig &config, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->context.config = config;
    d->faults.setSettings(config.faults);
}

EmulatorServer::~EmulatorServer()
{
    stop();
}

const EmulatorConfig &EmulatorServer::config() const
{
    return d->context.config;
}

void EmulatorServer::setFaultSettings(const FaultSettings &settings)
{
    // The fault injector is read by every request on the server's thread: a caller on another
    // thread (the app's UI with the demo server on a worker) hands the change over to it.
    if (QThread::currentThread() != thread() && thread()->isRunning()) {
        QMetaObject::invokeMethod(this, [this, settings] { setFaultSettings(settings); }, Qt::BlockingQueuedConnection);
        return;
    }
    d->context.config.faults = settings;
    d->faults.setSettings(settings);
}

bool EmulatorServer::isRunning() const
{
    return d->http != nullptr;
}

quint16 EmulatorServer::port() const
{
    return d->context.port;
}

QUrl EmulatorServer::baseUrl() const
{
    return QUrl(d->context.origin());
}

QUrl EmulatorServer::urlEndpoint() const
{
    return QUrl(d->context.deliveryBase());
}

bool EmulatorServer::start(QString *error)
{
    if (isRunning())
        return true;
    EmulatorConfig &config = d->context.config;
    if (config.dataDir.isEmpty()) {
        *error = QStringLiteral("no data directory given (--data-dir)");
        return false;
    }
    if (config.privateKey.isEmpty() || config.urlEndpointId.isEmpty() || config.urlEndpointId.contains(QLatin1Char('/'))) {
        *error = QStringLiteral("the private key and the URL endpoint id must be non-empty (and the id without '/')");
        return false;
    }
    d->store = std::make_unique<MediaStore>(config.dataDir);
    if (!d->store->open(error)) {
        d->store.reset();
        return false;
    }
    d->context.store = d->store.get();
    d->jobs = std::make_unique<BulkJobRunner>(d->context);
    d->context.jobs = d->jobs.get();
    d->authenticator = std::make_unique<RequestAuthenticator>(config.privateKey, config.publicKey);
    d->delivery = std::make_unique<DeliveryHandler>(d->context);
    d->management = std::make_unique<ManagementApi>(d->context, *d->delivery);
    DeliveryHandler *delivery = d->delivery.get();
    d->uploads = std::make_unique<UploadService>(d->context, *d->authenticator, [delivery](const QString &url) -> std::optional<QByteArray> {
        const std::optional<ApiResponse> rendered = delivery->renderOwnUrl(url);
        if (!rendered || rendered->status != 200)
            return std::nullopt;
        return rendered->body;
    });

    d->http = std::make_unique<QHttpServer>();
    d->http->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        onRequest(request, std::move(responder));
    });
    const quint16 port = d->http->listen(config.address, config.port);
    if (port == 0) {
        *error = QStringLiteral("cannot listen on %1:%2").arg(config.address.toString()).arg(config.port);
        stop();
        return false;
    }
    d->context.port = port;
    if (config.seedDemo && !seedDemoLibrary(error)) {
        stop();
        return false;
    }
    d->jobs->resumePendingJobs();
    Q_EMIT started(port);
    return true;
}

void EmulatorServer::stop()
{
    if (!d->http && !d->store)
        return;
    const bool wasRunning = d->http != nullptr;
    d->http.reset(); // closes the listening socket and every connection
    d->uploads.reset();
    d->management.reset();
    d->delivery.reset();
    d->authenticator.reset();
    d->jobs.reset();
    d->context.jobs = nullptr;
    d->store.reset();
    d->context.store = nullptr;
    if (wasRunning)
        Q_EMIT stopped();
}

ApiResponse EmulatorServer::dispatch(const ApiRequest &request)
{
    if (d->delivery->accepts(request))
        return d->delivery->handle(request);
    if (request.path == QLatin1String("/api/v1/files/upload") || request.path == QLatin1String("/api/v1/files/upload/")) {
        if (request.method != "POST")
            return ApiResponse::error(404, QStringLiteral("The upload API accepts POST only."));
        return d->uploads->handle(request);
    }
    if (request.path == QLatin1String("/v1") || request.path.startsWith(QLatin1String("/v1/"))) {
        if (auto refused = d->authenticator->checkBasic(request))
            return *refused;
        return d->management->handle(request);
    }
    return ApiResponse::error(404, QStringLiteral("Nothing is served at %1. The management API is under /v1/, uploads "
                                                  "go to /api/v1/files/upload and files are delivered under /%2/.")
                                       .arg(request.path, d->context.config.urlEndpointId));
}

quint64 EmulatorServer::requestCount() const
{
    return d->requests.load();
}

void EmulatorServer::onRequest(const QHttpServerRequest &httpRequest, QHttpServerResponder &&responder)
{
    ++d->requests;
    const ApiRequest request = toApiRequest(httpRequest);
    const bool managementApi = request.path.startsWith(QLatin1String("/v1/"));
    ApiResponse response;
    if (std::optional<ApiResponse> injected = d->faults.interceptBeforeHandling(managementApi))
        response = std::move(*injected);
    else
        response = dispatch(request);

    const bool drop = d->faults.shouldDrop();
    const bool headOnly = request.method == "HEAD";
    // Written by hand so every status (207, 423, 429...) and header goes out exactly as built,
    // and so a dropped response can stop half-way through the body.
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    for (const auto &h : std::as_const(response.headers))
        head += h.first + ": " + h.second + "\r\n";
    const bool bodyAllowed = response.status != 204 && response.status != 304;
    head += "Content-Length: " + QByteArray::number(bodyAllowed ? response.body.size() : 0) + "\r\n";
    head += "Server: mediadesk-emulator\r\n\r\n";
    QByteArray wire = head;
    if (bodyAllowed && !headOnly)
        wire += drop ? response.body.left(response.body.size() / 2) : response.body;

    QPointer<QTcpSocket> socket(responder.socket());
    const auto send = [socket, wire, drop]() {
        if (!socket)
            return;
        socket->write(wire);
        if (drop) {
            // --drop-rate: the connection is closed before the announced Content-Length arrives.
            socket->flush();
            socket->abort();
        }
    };
    const int latency = d->faults.settings().latencyMs;
    if (latency > 0)
        QTimer::singleShot(latency, socket.data(), send);
    else
        send();
}

bool EmulatorServer::seedDemoLibrary(QString *error)
{
    MediaStore &store = *d->store;
    if (store.fileCount() > 0)
        return true; // only an empty library is seeded; a restart keeps what is there
    const DemoLibrary demo = generateDemoLibrary();
    for (const QJsonObject &fieldBody : demo.customMetadataFields) {
        const ValidationResult validation = CustomMetadataSchema::validateFieldDefinition(fieldBody, false);
        if (!validation.ok) {
            *error = QStringLiteral("demo custom metadata field rejected: %1").arg(validation.message);
            return false;
        }
        const CustomMetadataField field = CustomMetadataField::fromCreateBody(newObjectId(), fieldBody);
        if (!store.customFieldByName(field.name))
            store.saveCustomField(CustomFieldRecord{field.id, field.name, field.label, field.schema.toJson(), false});
    }
    for (const QString &folder : demo.folders)
        store.ensureFolder(folder, d->context.nowMs());
    for (const DemoFile &file : demo.files) {
        QList<QByteArray> versions = file.olderVersions;
        versions.append(file.bytes);
        for (qsizetype i = 0; i < versions.size(); ++i) {
            UploadParameters p;
            p.bytes = versions.at(i);
            p.fileName = file.fileName;
            p.folder = file.folderPath;
            p.useUniqueFileName = false;
            p.overwriteFile = true;
            p.tags = file.tags;
            p.customMetadata = file.customMetadata;
            p.description = file.description;
            p.isPrivateFile = file.isPrivate;
            const std::variant<FileRecord, ApiResponse> stored = d->uploads->store(p);
            if (std::holds_alternative<ApiResponse>(stored)) {
                *error = QStringLiteral("demo file %1/%2 rejected: %3")
                             .arg(file.folderPath, file.fileName, QString::fromUtf8(std::get<ApiResponse>(stored).body));
                return false;
            }
        }
    }
    return true;
}

} // namespace ikemu
