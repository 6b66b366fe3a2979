// mediadesk-emulator: a local ImageKit-compatible server (management API, upload API and image
// delivery on one loopback port), for the offline demo and the integration tests.
#include "server/emulatorserver.h"

#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QHostAddress>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    // A server has no window: the offscreen platform is enough for QImage text and fonts.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("mediadesk-emulator"));
    QGuiApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A local ImageKit-compatible server: /v1/... (management API), /api/v1/files/upload (upload API) and "
        "/<url-endpoint-id>/<path> (delivery with transformations) on one port. Point an ImageKit SDK's base URL "
        "(and upload base URL) at the printed address."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("Port to listen on; 0 picks a free one (default 0)."),
                                        QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption bindOption(QStringLiteral("bind"), QStringLiteral("Address to bind (default 127.0.0.1)."),
                                        QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"), QStringLiteral("Directory for the database and file bytes (created if missing)."),
                                           QStringLiteral("dir"));
    const QCommandLineOption privateKeyOption(QStringLiteral("private-key"), QStringLiteral("Private API key (default private_emulator_key)."),
                                              QStringLiteral("key"), QStringLiteral("private_emulator_key"));
    const QCommandLineOption publicKeyOption(QStringLiteral("public-key"), QStringLiteral("Public API key (default public_emulator_key)."),
                                             QStringLiteral("key"), QStringLiteral("public_emulator_key"));
    const QCommandLineOption endpointOption(QStringLiteral("url-endpoint-id"), QStringLiteral("The id in delivery URLs http://127.0.0.1:<port>/<id>/... (default emulator)."),
                                            QStringLiteral("id"), QStringLiteral("emulator"));
    const QCommandLineOption demoOption(QStringLiteral("demo"), QStringLiteral("Seed the generated demo library into an empty data directory."));
    const QCommandLineOption latencyOption(QStringLiteral("latency"), QStringLiteral("Delay every response by MS milliseconds."),
                                           QStringLiteral("ms"), QStringLiteral("0"));
    const QCommandLineOption failRateOption(QStringLiteral("fail-rate"), QStringLiteral("Answer this fraction (0-1) of requests with 500/503."),
                                            QStringLiteral("p"), QStringLiteral("0"));
    const QCommandLineOption rateLimitOption(QStringLiteral("rate-limit"), QStringLiteral("Allow N management API requests per S seconds, then 429 (e.g. 10/1, 20/s)."),
                                             QStringLiteral("N/S"));
    const QCommandLineOption dropRateOption(QStringLiteral("drop-rate"), QStringLiteral("Close the connection mid-response for this fraction (0-1) of requests."),
                                            QStringLiteral("p"), QStringLiteral("0"));
    const QCommandLineOption seedOption(QStringLiteral("fault-seed"), QStringLiteral("Seed for repeatable fault decisions (default: random)."),
                                        QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption jobDelayOption(QStringLiteral("job-delay"), QStringLiteral("Milliseconds folder bulk jobs and purges stay Pending (default 400)."),
                                            QStringLiteral("ms"), QStringLiteral("400"));
    parser.addOptions({portOption, bindOption, dataDirOption, privateKeyOption, publicKeyOption, endpointOption, demoOption,
                       latencyOption, failRateOption, rateLimitOption, dropRateOption, seedOption, jobDelayOption});
    parser.process(app);

    QTextStream err(stderr);
    const auto fail = [&err](const QString &message) {
        err << "mediadesk-emulator: " << message << Qt::endl;
        return 2;
    };

    ikemu::EmulatorConfig config;
    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535)
        return fail(QStringLiteral("--port must be a number from 0 to 65535, not \"%1\"").arg(parser.value(portOption)));
    config.port = quint16(port);
    if (!config.address.setAddress(parser.value(bindOption)))
        return fail(QStringLiteral("--bind must be an IP address, not \"%1\"").arg(parser.value(bindOption)));
    if (!parser.isSet(dataDirOption) || parser.value(dataDirOption).trimmed().isEmpty())
        return fail(QStringLiteral("--data-dir is required (where records and file bytes are kept)"));
    config.dataDir = QDir(parser.value(dataDirOption)).absolutePath();
    config.privateKey = parser.value(privateKeyOption);
    config.publicKey = parser.value(publicKeyOption);
    config.urlEndpointId = parser.value(endpointOption);
    config.seedDemo = parser.isSet(demoOption);
    config.faults.latencyMs = parser.value(latencyOption).toInt(&ok);
    if (!ok || config.faults.latencyMs < 0)
        return fail(QStringLiteral("--latency must be a non-negative number of milliseconds"));
    config.faults.failRate = parser.value(failRateOption).toDouble(&ok);
    if (!ok || config.faults.failRate < 0 || config.faults.failRate > 1)
        return fail(QStringLiteral("--fail-rate must be a probability from 0 to 1"));
    config.faults.dropRate = parser.value(dropRateOption).toDouble(&ok);
    if (!ok || config.faults.dropRate < 0 || config.faults.dropRate > 1)
        return fail(QStringLiteral("--drop-rate must be a probability from 0 to 1"));
    if (parser.isSet(rateLimitOption) && !config.faults.parseRateLimit(parser.value(rateLimitOption)))
        return fail(QStringLiteral("--rate-limit must look like N/S (N requests per S seconds), e.g. 10/1"));
    config.faults.seed = parser.value(seedOption).toUInt(&ok);
    if (!ok)
        return fail(QStringLiteral("--fault-seed must be a non-negative integer"));
    config.jobDelayMs = parser.value(jobDelayOption).toInt(&ok);
    if (!ok || config.jobDelayMs < 0)
        return fail(QStringLiteral("--job-delay must be a non-negative number of milliseconds"));
    config.purgeDelayMs = config.jobDelayMs;

    ikemu::EmulatorServer server(config);
    QString error;
    if (!server.start(&error))
        return fail(error);
    QTextStream out(stdout);
    out << "listening on http://" << config.address.toString() << ':' << server.port() << Qt::endl;
    out << "url endpoint " << server.urlEndpoint().toString() << Qt::endl;
    return app.exec();
}
