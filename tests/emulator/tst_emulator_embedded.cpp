// ikemu::EmulatorServer embedded in the test process, as the desktop app runs it for the demo:
// start on a free port, serve, change faults at run time, stop; demo seeding of an empty library.
#include "emulatorprocess.h"

#include "server/emulatorserver.h"
#include "server/httpexchange.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QTest>

using namespace emutest;

class TestEmulatorEmbedded : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsOnAFreePortAndStops()
    {
        QTemporaryDir dir;
        ikemu::EmulatorConfig config;
        config.dataDir = dir.path();
        ikemu::EmulatorServer server(config);
        QSignalSpy started(&server, &ikemu::EmulatorServer::started);
        QSignalSpy stopped(&server, &ikemu::EmulatorServer::stopped);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        QVERIFY(server.isRunning());
        QVERIFY(server.port() != 0);
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.at(0).at(0).value<quint16>(), server.port());
        QCOMPARE(server.baseUrl(), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())));
        QCOMPARE(server.urlEndpoint().path(), QStringLiteral("/emulator"));

        HttpDriver http(server.baseUrl().toString(), config.privateKey);
        QCOMPARE(http.get(QStringLiteral("/v1/files")).status, 200);

        // Faults can be switched on while running.
        ikemu::FaultSettings faults;
        faults.failRate = 1.0;
        server.setFaultSettings(faults);
        QVERIFY(http.get(QStringLiteral("/v1/files")).status >= 500);
        server.setFaultSettings({});
        QCOMPARE(http.get(QStringLiteral("/v1/files")).status, 200);

        const QString origin = server.baseUrl().toString();
        server.stop();
        QVERIFY(!server.isRunning());
        QCOMPARE(stopped.size(), 1);
        HttpDriver after(origin, config.privateKey);
        QCOMPARE(after.get(QStringLiteral("/v1/files")).error, QNetworkReply::ConnectionRefusedError);
    }

    void runsInAWorkerThread()
    {
        QTemporaryDir dir;
        ikemu::EmulatorConfig config;
        config.dataDir = dir.path();
        QThread worker;
        worker.start();
        auto *server = new ikemu::EmulatorServer(config);
        server->moveToThread(&worker);
        bool started = false;
        QString error;
        QMetaObject::invokeMethod(server, [&] { started = server->start(&error); }, Qt::BlockingQueuedConnection);
        QVERIFY2(started, qPrintable(error));
        HttpDriver http(server->baseUrl().toString(), config.privateKey);
        QCOMPARE(http.upload({{QStringLiteral("file"), makeImage(16, 16, "PNG"), QStringLiteral("t.png")},
                              {QStringLiteral("fileName"), "t.png", {}}}).status, 200);
        QCOMPARE(http.get(QStringLiteral("/v1/files")).array().size(), 1);
        QMetaObject::invokeMethod(server, [server] { server->stop(); delete server; }, Qt::BlockingQueuedConnection);
        worker.quit();
        QVERIFY(worker.wait(5000));
    }

    void dispatchWorksWithoutTheNetwork()
    {
        QTemporaryDir dir;
        ikemu::EmulatorConfig config;
        config.dataDir = dir.path();
        ikemu::EmulatorServer server(config);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        ikemu::ApiRequest request;
        request.method = "GET";
        request.path = QStringLiteral("/v1/files");
        request.rawPath = "/v1/files";
        QCOMPARE(server.dispatch(request).status, 401);
        request.headers.append({"Authorization", "Basic " + (config.privateKey + QStringLiteral(":")).toUtf8().toBase64()});
        const ikemu::ApiResponse ok = server.dispatch(request);
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.body, QByteArray("[]"));
    }

    void refusesBadConfigurations()
    {
        ikemu::EmulatorConfig noDir;
        ikemu::EmulatorServer a(noDir);
        QString error;
        QVERIFY(!a.start(&error));
        QVERIFY(error.contains(QStringLiteral("data")));

        QTemporaryDir dir;
        ikemu::EmulatorConfig badEndpoint;
        badEndpoint.dataDir = dir.path();
        badEndpoint.urlEndpointId = QStringLiteral("a/b");
        ikemu::EmulatorServer b(badEndpoint);
        QVERIFY(!b.start(&error));
        QVERIFY(!b.isRunning());

        ikemu::EmulatorConfig unwritable;
        unwritable.dataDir = QStringLiteral("/proc/mediadesk-cannot-create-this");
        ikemu::EmulatorServer c(unwritable);
        QVERIFY(!c.start(&error));
        QVERIFY(!error.isEmpty());
    }

    void demoSeedsAnEmptyLibraryOnce()
    {
        QTemporaryDir dir;
        ikemu::EmulatorConfig config;
        config.dataDir = dir.path();
        config.seedDemo = true;
        qint64 firstCount = 0;
        {
            ikemu::EmulatorServer server(config);
            QString error;
            QVERIFY2(server.start(&error), qPrintable(error));
            HttpDriver http(server.baseUrl().toString(), config.privateKey);
            const QJsonArray files = http.get(QStringLiteral("/v1/files?limit=1000")).array();
            firstCount = files.size();
            QVERIFY2(firstCount >= 50, qPrintable(QString::number(firstCount)));
            QVERIFY(http.get(QStringLiteral("/v1/files?type=folder")).array().size() >= 3);
            QVERIFY(http.get(QStringLiteral("/v1/files?type=file-version")).array().size() >= 1);
            QVERIFY(!http.get(QStringLiteral("/v1/customMetadataFields")).array().isEmpty());
            // Every seeded image is delivered and decodable.
            const QJsonObject first = files.at(0).toObject();
            const HttpResult bytes = http.send("GET", QUrl(first.value(QStringLiteral("thumbnail")).toString()).path(QUrl::FullyEncoded), {}, {}, false);
            QCOMPARE(bytes.status, 200);
        }
        ikemu::EmulatorServer again(config);
        QString error;
        QVERIFY2(again.start(&error), qPrintable(error));
        HttpDriver http(again.baseUrl().toString(), config.privateKey);
        QCOMPARE(http.get(QStringLiteral("/v1/files?limit=1000")).array().size(), firstCount);
    }
};

QTEST_MAIN(TestEmulatorEmbedded)
#include "tst_emulator_embedded.moc"
