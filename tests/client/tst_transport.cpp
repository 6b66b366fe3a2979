// Requests as the server sees them, and responses as the caller sees them: a real
// QNetworkAccessManager talking to the recording loopback server.
#include "api/apiclient.h"
#include "api/transport/formencoding.h"
#include "jobrecorder.h"
#include "multipartparser.h"
#include "rawjsonjob.h"
#include "recordingserver.h"
#include "testclient.h"

#include <QBuffer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QTemporaryDir>
#include <QTest>

using namespace iktest;
using ik::ApiClient;
using ik::ApiError;
using ik::ApiRequest;
using ik::ErrorKind;

namespace {

// A random-access buffer that claims to be sequential (like a pipe or a socket).
class SequentialBuffer : public QBuffer
{
public:
    using QBuffer::QBuffer;
    bool isSequential() const override { return true; }
};

QByteArray awkwardBytes()
{
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes.append(char(i));
    bytes += "\r\n--boundary_.oOo._ looks like a delimiter\r\n\r\n";
    return bytes.repeated(40);
}

} // namespace

class TestTransport : public QObject
{
    Q_OBJECT

private:
    RecordingServer *m_server = nullptr;
    ApiClient *m_client = nullptr;
    InstantDelays m_delays;

    // Runs one job to the end and returns what it emitted.
    JobRecord run(const ApiRequest &request, ApiError validationError = {})
    {
        JobRecord record;
        auto *job = new RawJsonJob(m_client, request, validationError);
        recordJob(job, &record, this);
        if (!QTest::qWaitFor([&] { return record.isDestroyed(); }, 20000))
            qWarning("job did not finish and delete itself in time");
        return record;
    }

private Q_SLOTS:
    void init()
    {
        m_server = new RecordingServer(this);
        QVERIFY(m_server->listen());
        m_client = new ApiClient(this);
        aimAt(*m_client, *m_server);
        m_delays = InstantDelays();
        m_client->setDelayScheduler(m_delays.scheduler());
        ik::RetryPolicy once;
        once.maxAttempts = 1;
        m_client->setRetryPolicy(once);
    }

    void cleanup()
    {
        delete m_client;
        delete m_server;
    }

    void queryOrderEncodingAndAuthorization()
    {
        m_server->enqueue(ScriptedResponse::json(200, "[{\"fileId\": \"f1\"}]"));
        ApiRequest request = getRequest(QStringLiteral("/v1/files"));
        request.query = {{QStringLiteral("type"), QStringLiteral("file")},
                         {QStringLiteral("searchQuery"), QStringLiteral("created_at >= '2d' OR size < '2mb'")},
                         {QStringLiteral("tags"), QStringLiteral("a,b")},
                         {QStringLiteral("path"), QStringLiteral("/\u00e9t\u00e9 + plus")},
                         {QStringLiteral("limit"), QStringLiteral("5")}};
        const JobRecord record = run(request);
        QCOMPARE(record.events, (QStringList{QStringLiteral("finished"), QStringLiteral("done"), QStringLiteral("destroyed")}));
        QCOMPARE(record.result.toArray().at(0).toObject().value(QLatin1String("fileId")).toString(), QStringLiteral("f1"));
        QCOMPARE(m_server->requestCount(), 1);
        const RecordedRequest &r = m_server->requests().at(0);
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.path, QByteArray("/v1/files"));
        QCOMPARE(r.rawQuery, QByteArray("type=file&searchQuery=created_at+%3E%3D+%272d%27+OR+size+%3C+%272mb%27"
                                        "&tags=a%2Cb&path=%2F%C3%A9t%C3%A9+%2B+plus&limit=5"));
        QCOMPARE(r.queryItems(), request.query);
        QCOMPARE(r.header("Authorization"), QByteArray("Basic ZmFrZTEyMjo="));
        QVERIFY(!r.hasHeader("Content-Type"));
        QVERIFY(r.body.isEmpty());
    }

    void pathIsSentAsGiven()
    {
        const JobRecord record = run(getRequest(QStringLiteral("/v1/files/a%20b%2Fc/versions/v~1")));
        QCOMPARE(record.events.first(), QStringLiteral("finished"));
        QCOMPARE(m_server->requests().at(0).path, QByteArray("/v1/files/a%20b%2Fc/versions/v~1"));
    }

    void jsonBodies_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::newRow("POST") << QByteArray("POST");
        QTest::newRow("PATCH") << QByteArray("PATCH");
        QTest::newRow("PUT") << QByteArray("PUT");
        QTest::newRow("DELETE with a body") << QByteArray("DELETE");
    }

    void jsonBodies()
    {
        QFETCH(QByteArray, method);
        m_server->enqueue(ScriptedResponse::empty(204));
        ApiRequest request = postJson(QStringLiteral("/v1/folder"), "{\"folderPath\": \"/a \\u00e9\"}");
        request.method = method;
        request.successStatuses = {204};
        const JobRecord record = run(request);
        QCOMPARE(record.events.first(), QStringLiteral("finished"));
        const RecordedRequest &r = m_server->requests().at(0);
        QCOMPARE(r.method, method);
        QCOMPARE(r.header("content-type"), QByteArray("application/json"));
        QCOMPARE(r.body, request.json);
        QCOMPARE(r.header("content-length"), QByteArray::number(request.json.size()));
    }

    void bodylessPostSendsZeroLength()
    {
        ApiRequest request;
        request.method = "PUT";
        request.path = QStringLiteral("/v1/files/f/versions/v/restore");
        run(request);
        const RecordedRequest &r = m_server->requests().at(0);
        QCOMPARE(r.method, QByteArray("PUT"));
        QCOMPARE(r.header("content-length"), QByteArray("0"));
    }

    void noAuthorizationWithoutPrivateKey()
    {
        m_client->setPrivateKey(QString());
        run(getRequest(QStringLiteral("/v1/files")));
        QVERIFY(!m_server->requests().at(0).hasHeader("authorization"));
    }

    void uploadHostAndBasePath()
    {
        RecordingServer uploads;
        QVERIFY(uploads.listen());
        QVERIFY(m_client->setUploadBase(QUrl(uploads.baseUrl().toString() + QStringLiteral("/prefix/"))));
        ApiRequest request = postJson(QStringLiteral("/api/v1/files/upload"), "{}");
        request.host = ik::ApiHost::Upload;
        const JobRecord record = run(request);
        QCOMPARE(record.events.first(), QStringLiteral("finished"));
        QCOMPARE(m_server->requestCount(), 0);
        QCOMPARE(uploads.requestCount(), 1);
        QCOMPARE(uploads.requests().at(0).path, QByteArray("/prefix/api/v1/files/upload"));
    }

    void baseUrlRules_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("https") << QStringLiteral("https://api.example.com") << true;
        QTest::newRow("https with path") << QStringLiteral("https://example.com/imagekit/") << true;
        QTest::newRow("http localhost") << QStringLiteral("http://localhost:8080") << true;
        QTest::newRow("http LOCALHOST") << QStringLiteral("http://LOCALHOST") << true;
        QTest::newRow("http 127.0.0.1") << QStringLiteral("http://127.0.0.1:1") << true;
        QTest::newRow("http 127.8.9.10") << QStringLiteral("http://127.8.9.10") << true;
        QTest::newRow("http ::1") << QStringLiteral("http://[::1]:9000") << true;
        QTest::newRow("http remote") << QStringLiteral("http://api.imagekit.io") << false;
        QTest::newRow("http lan") << QStringLiteral("http://192.168.1.2") << false;
        QTest::newRow("http 128.0.0.1") << QStringLiteral("http://128.0.0.1") << false;
        QTest::newRow("http localhost.evil") << QStringLiteral("http://localhost.evil.com") << false;
        QTest::newRow("ftp") << QStringLiteral("ftp://localhost") << false;
        QTest::newRow("relative") << QStringLiteral("/v1") << false;
        QTest::newRow("query") << QStringLiteral("https://example.com/?a=1") << false;
        QTest::newRow("empty") << QString() << false;
    }

    void baseUrlRules()
    {
        QFETCH(QString, url);
        QFETCH(bool, accepted);
        ApiClient client;
        QString why;
        QCOMPARE(client.setApiBase(QUrl(url), &why), accepted);
        QCOMPARE(client.setUploadBase(QUrl(url), &why), accepted);
        if (accepted) {
            QCOMPARE(client.apiBase(), QUrl(url));
        } else {
            QVERIFY(!why.isEmpty());
            QCOMPARE(client.apiBase(), ApiClient::defaultApiBase());
            QCOMPARE(client.uploadBase(), ApiClient::defaultUploadBase());
        }
        if (url == QLatin1String("http://api.imagekit.io"))
            QVERIFY2(why.contains(QStringLiteral("loopback")), qPrintable(why));
    }

    void multipartFramingAndStreaming()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("photo.bin"));
        const QByteArray content = awkwardBytes();
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        QBuffer device;
        device.setData("device bytes");
        QVERIFY(device.open(QIODevice::ReadOnly));
        device.seek(3); // sent from its start whatever the position

        ApiRequest request;
        request.method = "POST";
        request.host = ik::ApiHost::Upload;
        request.path = QStringLiteral("/api/v1/files/upload");
        request.body = ApiRequest::Body::Multipart;
        ik::MultipartField file;
        file.name = "file";
        file.isFile = true;
        file.filePath = path;
        file.fileName = "my \"photo\".jpg";
        ik::MultipartField name;
        name.name = "fileName";
        name.value = "my photo \xc3\xa9.jpg";
        ik::MultipartField tags;
        tags.name = "tags";
        tags.value = "a,b";
        ik::MultipartField metadata;
        metadata.name = "customMetadata";
        metadata.value = "{\"price\": 10}";
        ik::MultipartField fromDevice;
        fromDevice.name = "second";
        fromDevice.isFile = true;
        fromDevice.device = &device;
        fromDevice.fileName = "d.txt";
        fromDevice.contentType = "text/plain";
        ik::MultipartField bytesAsFile;
        bytesAsFile.name = "third";
        bytesAsFile.isFile = true;
        bytesAsFile.value = "raw bytes";
        bytesAsFile.fileName = "r.bin";
        request.multipart = {file, name, tags, metadata, fromDevice, bytesAsFile};

        const JobRecord record = run(request);
        QCOMPARE(record.events.first(), QStringLiteral("finished"));
        const RecordedRequest &r = m_server->requests().at(0);
        QCOMPARE(r.method, QByteArray("POST"));
        QVERIFY(r.header("content-type").startsWith("multipart/form-data; boundary="));
        QCOMPARE(r.header("content-length"), QByteArray::number(r.body.size()));
        QString error;
        const auto parts = MultipartParser::parse(r.body, r.header("content-type"), &error);
        QVERIFY2(parts, qPrintable(error));
        QCOMPARE(parts->size(), 6);
        QCOMPARE(parts->at(0).name, QByteArray("file"));
        QVERIFY(parts->at(0).hasFileName);
        QCOMPARE(parts->at(0).fileName, QByteArray("my %22photo%22.jpg"));
        QCOMPARE(parts->at(0).contentType, QByteArray("application/octet-stream"));
        QCOMPARE(parts->at(0).data, content);
        QCOMPARE(parts->at(1).name, QByteArray("fileName"));
        QVERIFY(!parts->at(1).hasFileName);
        QVERIFY(parts->at(1).contentType.isEmpty());
        QCOMPARE(parts->at(1).data, QByteArray("my photo \xc3\xa9.jpg"));
        QCOMPARE(parts->at(2).data, QByteArray("a,b"));
        QCOMPARE(parts->at(3).data, QByteArray("{\"price\": 10}"));
        QCOMPARE(parts->at(4).fileName, QByteArray("d.txt"));
        QCOMPARE(parts->at(4).contentType, QByteArray("text/plain"));
        QCOMPARE(parts->at(4).data, QByteArray("device bytes"));
        QCOMPARE(parts->at(5).fileName, QByteArray("r.bin"));
        QCOMPARE(parts->at(5).data, QByteArray("raw bytes"));
        QCOMPARE(record.lastUploadSent, r.bodySize);
        QCOMPARE(record.lastUploadTotal, r.bodySize);
    }

    void unusableUploadSourcesFailWithoutARequest_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("missing file") << QStringLiteral("missing") << QStringLiteral("Cannot read");
        QTest::newRow("folder") << QStringLiteral("folder") << QStringLiteral("folder");
        QTest::newRow("sequential device") << QStringLiteral("sequential") << QStringLiteral("sequential");
    }

    void unusableUploadSourcesFailWithoutARequest()
    {
        QFETCH(QString, source);
        QFETCH(QString, messagePart);
        QTemporaryDir dir;
        SequentialBuffer sequential;
        sequential.setData("abc");
        sequential.open(QIODevice::ReadOnly);
        ik::MultipartField file;
        file.name = "file";
        file.isFile = true;
        file.fileName = "x";
        if (source == QLatin1String("missing"))
            file.filePath = dir.filePath(QStringLiteral("nope.jpg"));
        else if (source == QLatin1String("folder"))
            file.filePath = dir.path();
        else
            file.device = &sequential;
        ApiRequest request;
        request.method = "POST";
        request.path = QStringLiteral("/api/v1/files/upload");
        request.body = ApiRequest::Body::Multipart;
        request.multipart = {file};
        const JobRecord record = run(request);
        QCOMPARE(record.events, (QStringList{QStringLiteral("failed"), QStringLiteral("done"), QStringLiteral("destroyed")}));
        QCOMPARE(record.error.kind(), ErrorKind::InvalidArgument);
        QVERIFY2(record.error.message().contains(messagePart), qPrintable(record.error.message()));
        QCOMPARE(m_server->requestCount(), 0);
    }

    void validationErrorSendsNothing()
    {
        const JobRecord record = run(getRequest(QStringLiteral("/v1/files")),
                                     ApiError(ErrorKind::InvalidArgument, QStringLiteral("limit must be 1-1000")));
        QCOMPARE(record.events, (QStringList{QStringLiteral("failed"), QStringLiteral("done"), QStringLiteral("destroyed")}));
        QCOMPARE(record.error.className(), QStringLiteral("InvalidArgumentError"));
        QCOMPARE(record.error.message(), QStringLiteral("limit must be 1-1000"));
        QTest::qWait(50);
        QCOMPARE(m_server->requestCount(), 0);
    }

    void startsOnTheNextTurnOrWhenStarted()
    {
        auto *later = new RawJsonJob(m_client, getRequest(QStringLiteral("/later")));
        QPointer<RawJsonJob> laterGuard(later);
        QCOMPARE(later->attempts(), 0);
        QCOMPARE(m_client->runningCount() + m_client->queuedCount(), 0);
        QTRY_VERIFY(!laterGuard);
        QCOMPARE(m_server->requestCount(), 1);

        auto *now = new RawJsonJob(m_client, getRequest(QStringLiteral("/now")));
        QPointer<RawJsonJob> nowGuard(now);
        now->start();
        QCOMPARE(now->attempts(), 1);
        QCOMPARE(m_client->runningCount(), 1);
        now->start(); // no second send
        QCOMPARE(now->attempts(), 1);
        QTRY_VERIFY(!nowGuard && !laterGuard);
        QCOMPARE(m_server->requestCount(), 2);
    }

    void errorStatusesOverTheWire_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("className");
        QTest::addColumn<QString>("message");
        const QByteArray json = "{\"message\": \"Server said no\", \"help\": \"Ask support\"}";
        QTest::newRow("400") << 400 << QByteArray("application/json") << json << QStringLiteral("BadRequestException") << QStringLiteral("Server said no");
        QTest::newRow("401") << 401 << QByteArray("application/json") << json << QStringLiteral("UnauthorizedException") << QStringLiteral("Server said no");
        QTest::newRow("403 python literal") << 403 << QByteArray("text/plain")
                                            << QByteArray("{'message': 'Your account cannot be authenticated.'\n , 'help': 'Ask support'}")
                                            << QStringLiteral("ForbiddenException") << QStringLiteral("Your account cannot be authenticated.");
        QTest::newRow("404") << 404 << QByteArray("application/json") << json << QStringLiteral("NotFoundException") << QStringLiteral("Server said no");
        QTest::newRow("409") << 409 << QByteArray("application/json") << json << QStringLiteral("ConflictException") << QStringLiteral("Server said no");
        QTest::newRow("429") << 429 << QByteArray("application/json") << json << QStringLiteral("TooManyRequestsException") << QStringLiteral("Server said no");
        QTest::newRow("500") << 500 << QByteArray("application/json") << json << QStringLiteral("InternalServerException") << QStringLiteral("Server said no");
        QTest::newRow("502 html") << 502 << QByteArray("text/html") << QByteArray("<html><h1>Bad gateway</h1></html>")
                                  << QStringLiteral("InternalServerException")
                                  << QStringLiteral("HTTP 502 with a non-JSON body (text/html): <html><h1>Bad gateway</h1></html>");
        QTest::newRow("503 empty") << 503 << QByteArray() << QByteArray() << QStringLiteral("InternalServerException")
                                   << QStringLiteral("HTTP 503 with an empty body");
        QTest::newRow("207") << 207 << QByteArray("application/json")
                             << QByteArray("{\"message\": \"partial\", \"help\": \"\", \"successfullyUpdatedFileIds\": [\"a\"]}")
                             << QStringLiteral("PartialSuccessException") << QStringLiteral("partial");
        QTest::newRow("418") << 418 << QByteArray("application/json") << json << QStringLiteral("UnknownException") << QStringLiteral("Server said no");
    }

    void errorStatusesOverTheWire()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QString, className);
        QFETCH(QString, message);
        m_server->enqueue(ScriptedResponse::text(status, contentType, body).withHeader("X-Request-Id", "r-1"));
        const JobRecord record = run(postJson(QStringLiteral("/v1/files/addTags"), "{}"));
        QCOMPARE(record.events, (QStringList{QStringLiteral("failed"), QStringLiteral("done"), QStringLiteral("destroyed")}));
        QCOMPARE(record.error.className(), className);
        QCOMPARE(record.error.message(), message);
        QCOMPARE(record.error.metadata().httpStatus, status);
        QCOMPARE(record.error.metadata().raw, body);
        QCOMPARE(record.error.metadata().header("x-request-id"), QByteArray("r-1"));
        if (body.contains("help"))
            QCOMPARE(record.error.help(), body.contains("Ask support") ? QStringLiteral("Ask support") : QString());
        if (status == 207)
            QCOMPARE(record.error.body().toObject().value(QLatin1String("successfullyUpdatedFileIds")).toArray(), QJsonArray{QStringLiteral("a")});
    }

    void unexpectedSuccessStatusIsUnknown()
    {
        m_server->enqueue(ScriptedResponse::json(200, "{\"message\": \"ok?\"}"));
        ApiRequest request = getRequest(QStringLiteral("/v1/files/f1"));
        request.method = "DELETE";
        request.successStatuses = {204};
        const JobRecord record = run(request);
        QCOMPARE(record.error.className(), QStringLiteral("UnknownException"));
        QCOMPARE(record.error.message(), QStringLiteral("ok?"));
    }

    void badSuccessBodiesAreUnparseable_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("html") << QByteArray("<html>maintenance</html>");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("truncated") << QByteArray("{\"fileId\": \"abc\", \"na");
        QTest::newRow("python literal") << QByteArray("{'fileId': 'abc'}");
    }

    void badSuccessBodiesAreUnparseable()
    {
        QFETCH(QByteArray, body);
        m_server->enqueue(ScriptedResponse::json(200, body));
        const JobRecord record = run(getRequest(QStringLiteral("/v1/files/f/details")));
        QCOMPARE(record.events.first(), QStringLiteral("failed"));
        QCOMPARE(record.error.className(), QStringLiteral("UnparseableResponseError"));
        QCOMPARE(record.error.metadata().raw, body);
    }

    void hugeBodies()
    {
        QByteArray bigJson = "[";
        for (int i = 0; i < 300000; ++i)
            bigJson += "{\"fileId\": \"" + QByteArray::number(i) + "\"},";
        bigJson.chop(1);
        bigJson += "]";
        QVERIFY(bigJson.size() > 4 * 1024 * 1024);
        m_server->enqueue(ScriptedResponse::json(200, bigJson));
        JobRecord record = run(getRequest(QStringLiteral("/v1/files")));
        QCOMPARE(record.events.first(), QStringLiteral("finished"));
        QCOMPARE(record.result.toArray().size(), 300000);

        const QByteArray bigHtml = "<html>" + QByteArray(8 * 1024 * 1024, 'h') + "</html>";
        m_server->enqueue(ScriptedResponse::text(500, "text/html", bigHtml));
        record = run(getRequest(QStringLiteral("/v1/files")));
        QCOMPARE(record.error.className(), QStringLiteral("InternalServerException"));
        QCOMPARE(record.error.metadata().raw.size(), bigHtml.size());
        QVERIFY(record.error.message().size() < 300);
    }

    void connectionRefusedIsANetworkError()
    {
        // A port that was just free: nothing listens there any more.
        quint16 port = 0;
        {
            RecordingServer gone;
            QVERIFY(gone.listen());
            port = gone.port();
        }
        QVERIFY(m_client->setApiBase(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port))));
        const JobRecord record = run(getRequest(QStringLiteral("/v1/files")));
        QCOMPARE(record.error.className(), QStringLiteral("NetworkError"));
        QVERIFY(record.error.message().startsWith(QStringLiteral("GET /v1/files: ")));
        QCOMPARE(m_server->requestCount(), 0);
    }

    void tlsFailureIsANetworkErrorNotIgnored()
    {
        // Something that is not a TLS server: the handshake fails and the job must not fall
        // back to anything.
        QTcpServer plain;
        QVERIFY(plain.listen(QHostAddress::LocalHost));
        connect(&plain, &QTcpServer::newConnection, this, [&plain] {
            while (QTcpSocket *socket = plain.nextPendingConnection()) {
                socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
                socket->disconnectFromHost();
            }
        });
        QVERIFY(m_client->setApiBase(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(plain.serverPort()))));
        const JobRecord record = run(getRequest(QStringLiteral("/v1/files")));
        QCOMPARE(record.events, (QStringList{QStringLiteral("failed"), QStringLiteral("done"), QStringLiteral("destroyed")}));
        QCOMPARE(record.error.className(), QStringLiteral("NetworkError"));
        QCOMPARE(record.error.metadata().httpStatus, 0);
        qInfo("TLS failure reported as: %s", qPrintable(record.error.message()));
    }

    void connectionDroppedMidBodyIsANetworkError()
    {
        m_server->enqueue(ScriptedResponse::dropMidBody(200, QByteArray(20000, ' ') + "{}"));
        const JobRecord record = run(postJson(QStringLiteral("/v1/files/addTags"), "{}"));
        QCOMPARE(record.error.className(), QStringLiteral("NetworkError"));
    }

    void downloadProgressIsReported()
    {
        m_server->enqueue(ScriptedResponse::json(200, "[" + QByteArray(2 * 1024 * 1024, ' ') + "]"));
        auto *job = new RawJsonJob(m_client, getRequest(QStringLiteral("/v1/files")));
        qint64 lastReceived = -1;
        qint64 lastTotal = -1;
        connect(job, &ik::ApiJob::downloadProgress, this, [&](qint64 received, qint64 total) {
            lastReceived = received;
            lastTotal = total;
        });
        QPointer<RawJsonJob> guard(job);
        QTRY_VERIFY_WITH_TIMEOUT(!guard, 20000);
        QCOMPARE(lastTotal, 2 * 1024 * 1024 + 2);
        QCOMPARE(lastReceived, lastTotal);
    }
};

QTEST_GUILESS_MAIN(TestTransport)
#include "tst_transport.moc"
