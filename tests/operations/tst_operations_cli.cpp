// mediadesk-cli's API commands run as a real process against the recording loopback server:
// output is the server's body on stdout with exit 0; errors are "<ErrorClass>: <message>" on
// stderr with exit 1; JSON comes from the argument or stdin; '@path' uploads stream a file;
// --progress reports upload progress; list-all walks every page; every command has --help.

#include "multipartparser.h"
#include "recordingserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

const QStringList &allCommands()
{
    static const QStringList commands{
        QStringLiteral("upload-file"), QStringLiteral("list-files"), QStringLiteral("get-file-details"),
        QStringLiteral("get-file-versions"), QStringLiteral("get-file-version-details"), QStringLiteral("update-file-details"),
        QStringLiteral("add-tags"), QStringLiteral("remove-tags"), QStringLiteral("remove-ai-tags"), QStringLiteral("delete-file"),
        QStringLiteral("delete-file-version"), QStringLiteral("bulk-file-delete"), QStringLiteral("copy-file"),
        QStringLiteral("move-file"), QStringLiteral("rename-file"), QStringLiteral("restore-file-version"),
        QStringLiteral("create-folder"), QStringLiteral("delete-folder"), QStringLiteral("copy-folder"),
        QStringLiteral("move-folder"), QStringLiteral("get-bulk-job-status"), QStringLiteral("purge-file-cache"),
        QStringLiteral("get-purge-file-cache-status"), QStringLiteral("get-file-metadata"),
        QStringLiteral("get-remote-file-url-metadata"), QStringLiteral("create-custom-metadata-fields"),
        QStringLiteral("get-custom-metadata-fields"), QStringLiteral("update-custom-metadata-fields"),
        QStringLiteral("delete-custom-metadata-field"), QStringLiteral("rename-folder"), QStringLiteral("list-all")};
    return commands;
}

} // namespace

class OperationCliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void printsServerBody();
    void queryFromSnakeAndCamelKeys();
    void httpErrorGoesToStderr();
    void invalidJsonIsRejectedBeforeSending();
    void unknownKeyIsRejected();
    void argumentsFromStdin();
    void noContentPrintsNothing();
    void uploadStreamsFileWithProgress();
    void listAllWalksEveryPage();
    void everyCommandHasHelp();

private:
    CliRun run(const QStringList &commandLine, const QByteArray &stdinData = {});

    iktest::RecordingServer *m_server = nullptr;
};

void OperationCliTest::init()
{
    m_server = new iktest::RecordingServer(this);
    QVERIFY(m_server->listen());
}

void OperationCliTest::cleanup()
{
    delete m_server;
    m_server = nullptr;
}

CliRun OperationCliTest::run(const QStringList &commandLine, const QByteArray &stdinData)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("IMAGEKIT_PRIVATE_KEY"));
    process.setProcessEnvironment(environment);
    const QString base = m_server->baseUrl().toString();
    QStringList arguments{QStringLiteral("--private-key"), QStringLiteral("cli_key"),
                          QStringLiteral("--api-base"), base, QStringLiteral("--upload-base"), base};
    arguments += commandLine;
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(MEDIADESK_CLI_PATH), arguments);
    CliRun result;
    if (!process.waitForStarted(10000))
        return result;
    process.write(stdinData);
    process.closeWriteChannel();
    // Wait with the event loop running: the server lives in this process.
    if (!finished.wait(30000)) {
        process.kill();
        process.waitForFinished(5000);
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

void OperationCliTest::printsServerBody()
{
    const QByteArray body = R"({"fileId":"abc","name":"shoe.jpg","AITags":null})";
    m_server->enqueue(iktest::ScriptedResponse::json(200, body));
    const CliRun result = run({QStringLiteral("get-file-details"), QStringLiteral(R"({"file_id":"abc"})")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out.trimmed(), body);
    QVERIFY2(result.err.isEmpty(), result.err.constData());
    QCOMPARE(m_server->requestCount(), 1);
    const iktest::RecordedRequest &request = m_server->requests().at(0);
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.path, QByteArray("/v1/files/abc/details"));
    QCOMPARE(request.header("authorization"), "Basic " + QByteArray("cli_key:").toBase64());
}

void OperationCliTest::queryFromSnakeAndCamelKeys()
{
    m_server->enqueue(iktest::ScriptedResponse::json(200, "[]"));
    const CliRun result = run({QStringLiteral("list-files"),
                               QStringLiteral(R"({"path":"/","limit":5,"search_query":"size > 10","fileType":"image","tags":["a","b"]})")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out.trimmed(), QByteArray("[]"));
    auto query = m_server->requests().at(0).queryItems();
    std::sort(query.begin(), query.end());
    const QList<QPair<QString, QString>> expected{
        {QStringLiteral("fileType"), QStringLiteral("image")}, {QStringLiteral("limit"), QStringLiteral("5")},
        {QStringLiteral("path"), QStringLiteral("/")}, {QStringLiteral("searchQuery"), QStringLiteral("size > 10")},
        {QStringLiteral("tags"), QStringLiteral("a,b")}};
    QCOMPARE(query, expected);
}

void OperationCliTest::httpErrorGoesToStderr()
{
    m_server->enqueue(iktest::ScriptedResponse::json(404, R"({"message":"The requested file does not exist.","help":"h"})"));
    const CliRun result = run({QStringLiteral("get-file-details"), QStringLiteral(R"({"file_id":"missing"})")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.out.isEmpty(), result.out.constData());
    QCOMPARE(result.err.trimmed(), QByteArray("NotFoundException: The requested file does not exist."));

    // A proxy's HTML page, every time (the CLI retries a GET after a 5xx, then gives up).
    m_server->setDefaultResponse(iktest::ScriptedResponse::text(502, "text/html", "<html>Bad gateway</html>"));
    const CliRun proxy = run({QStringLiteral("list-files"), QStringLiteral("{}")});
    QCOMPARE(proxy.exitCode, 1);
    QVERIFY2(proxy.err.startsWith("InternalServerException: "), proxy.err.constData());
}

void OperationCliTest::invalidJsonIsRejectedBeforeSending()
{
    const CliRun notJson = run({QStringLiteral("get-file-details"), QStringLiteral("{file_id: abc")});
    QCOMPARE(notJson.exitCode, 1);
    QVERIFY2(notJson.err.startsWith("InvalidArgumentError: "), notJson.err.constData());

    const CliRun tooMany = run({QStringLiteral("bulk-file-delete"),
                                QStringLiteral(R"({"file_ids":%1})").arg(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(QStringList(101, QStringLiteral("x")))).toJson(QJsonDocument::Compact)))});
    QCOMPARE(tooMany.exitCode, 1);
    QVERIFY2(tooMany.err.startsWith("InvalidArgumentError: ") && tooMany.err.contains("100"), tooMany.err.constData());

    const CliRun missing = run({QStringLiteral("get-file-details"), QStringLiteral("{}")});
    QCOMPARE(missing.exitCode, 1);
    QCOMPARE(missing.err.trimmed(), QByteArray("InvalidArgumentError: Missing File ID parameter for this request"));
    QCOMPARE(m_server->requestCount(), 0);
}

void OperationCliTest::unknownKeyIsRejected()
{
    const CliRun result = run({QStringLiteral("delete-file"), QStringLiteral(R"({"file_id":"a","fileid":"b"})")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("fileid"), result.err.constData());
    QCOMPARE(m_server->requestCount(), 0);
}

void OperationCliTest::argumentsFromStdin()
{
    m_server->enqueue(iktest::ScriptedResponse::json(200, R"({"successfullyUpdatedFileIds":["a","b"]})"));
    const CliRun result = run({QStringLiteral("add-tags")}, R"({"fileIds":["a","b"],"tags":["summer","sale"]})");
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out.trimmed(), QByteArray(R"({"successfullyUpdatedFileIds":["a","b"]})"));
    const iktest::RecordedRequest &request = m_server->requests().at(0);
    QCOMPARE(request.path, QByteArray("/v1/files/addTags"));
    QCOMPARE(QJsonDocument::fromJson(request.body).object(),
             (QJsonObject{{QStringLiteral("fileIds"), QJsonArray{QStringLiteral("a"), QStringLiteral("b")}},
                          {QStringLiteral("tags"), QJsonArray{QStringLiteral("summer"), QStringLiteral("sale")}}}));
}

void OperationCliTest::noContentPrintsNothing()
{
    m_server->enqueue(iktest::ScriptedResponse::empty(204));
    const CliRun result = run({QStringLiteral("delete-folder"), QStringLiteral(R"({"folder_path":"/old"})")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.isEmpty());
    QCOMPARE(m_server->requests().at(0).method, QByteArray("DELETE"));
    QCOMPARE(QJsonDocument::fromJson(m_server->requests().at(0).body).object(),
             (QJsonObject{{QStringLiteral("folderPath"), QStringLiteral("/old")}}));
}

void OperationCliTest::uploadStreamsFileWithProgress()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("photo.jpg"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray contents(2 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < contents.size(); ++i)
        contents[i] = char(i * 31 % 251);
    file.write(contents);
    file.close();
    m_server->enqueue(iktest::ScriptedResponse::json(200, R"({"fileId":"new","name":"photo.jpg"})"));
    const CliRun result = run({QStringLiteral("--progress"), QStringLiteral("upload-file"),
                               QStringLiteral(R"({"file":"@%1","file_name":"photo.jpg","tags":["a","b"],"use_unique_file_name":false})").arg(path)});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out.trimmed(), QByteArray(R"({"fileId":"new","name":"photo.jpg"})"));
    QVERIFY2(result.err.contains("upload: ") && result.err.contains("(100%)"), result.err.constData());
    // At most one line per percent.
    QVERIFY2(result.err.count("upload: ") <= 101, result.err.constData());
    QCOMPARE(result.err.count("(100%)"), qsizetype(1));
    const iktest::RecordedRequest &request = m_server->requests().at(0);
    QCOMPARE(request.path, QByteArray("/api/v1/files/upload"));
    QString error;
    const auto parts = iktest::MultipartParser::parse(request.body, request.header("content-type"), &error);
    QVERIFY2(parts, qPrintable(error));
    QCOMPARE(parts->size(), 4);
    QCOMPARE(parts->at(0).fileName, QByteArray("photo.jpg"));
    QVERIFY(parts->at(0).data == contents);
    QCOMPARE(parts->at(1).data, QByteArray("photo.jpg"));
    QCOMPARE(parts->at(2).name, QByteArray("useUniqueFileName"));
    QCOMPARE(parts->at(3).data, QByteArray("a,b"));
}

void OperationCliTest::listAllWalksEveryPage()
{
    m_server->setResponder([](const iktest::RecordedRequest &request) -> std::optional<iktest::ScriptedResponse> {
        qint64 skip = 0;
        for (const auto &[name, value] : request.queryItems())
            if (name == QLatin1String("skip"))
                skip = value.toLongLong();
        QJsonArray page;
        for (qint64 i = skip; i < qMin<qint64>(skip + 2, 5); ++i)
            page.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("file")}, {QStringLiteral("fileId"), QStringLiteral("id%1").arg(i)}});
        return iktest::ScriptedResponse::json(200, QJsonDocument(page).toJson(QJsonDocument::Compact));
    });
    const CliRun result = run({QStringLiteral("list-all"), QStringLiteral(R"({"limit":2,"path":"/"})")});
    QCOMPARE(result.exitCode, 0);
    const QJsonArray all = QJsonDocument::fromJson(result.out).array();
    QCOMPARE(all.size(), 5);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(all.at(i).toObject().value(QLatin1String("fileId")).toString(), QStringLiteral("id%1").arg(i));
    QCOMPARE(m_server->requestCount(), 3);
}

void OperationCliTest::everyCommandHasHelp()
{
    for (const QString &command : allCommands()) {
        const CliRun result = run({command, QStringLiteral("--help")});
        QVERIFY2(result.exitCode == 0, qPrintable(command));
        QVERIFY2(result.out.contains("Usage: mediadesk-cli [OPTIONS] " + command.toUtf8()), qPrintable(command));
        QVERIFY2(result.out.contains("Example:\n  mediadesk-cli " + command.toUtf8() + " '{"), qPrintable(command));
    }
    const CliRun usage = run({QStringLiteral("--help")});
    for (const QString &command : allCommands())
        QVERIFY2(usage.out.contains("  " + command.toUtf8() + ' '), qPrintable(command));
    QCOMPARE(m_server->requestCount(), 0);
}

QTEST_GUILESS_MAIN(OperationCliTest)
#include "tst_operations_cli.moc"
