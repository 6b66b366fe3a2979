// Every case of tests/data/requests.json (recorded from the reference SDK's own test suite),
// driven through ik::ImageKit::call() against the recording loopback server:
//   1. the request the server sees is the reference's, by the vectors README's semantic rules
//      (method and path, query as a set, JSON equal after parsing, multipart fields equal,
//      Basic auth with the private key);
//   2. the recorded response gives the recorded result (field by field) or the error class of
//      the README's status mapping.
// Where the reference SDK is wrong (vectors README), the expectation is corrected here and the
// correction is named in a comment.

#include "seedshape.h"

#include "api/apiclient.h"
#include "api/imagekit.h"

#include "multipartparser.h"
#include "recordingserver.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <algorithm>

namespace {

// The reference's test image is not in the vectors (only its size and hash): a deterministic
// stand-in of the same size is uploaded and must arrive byte for byte.
QByteArray sampleBytes()
{
    QByteArray bytes(102117, Qt::Uninitialized);
    QRandomGenerator generator(20260101);
    for (char &byte : bytes)
        byte = char(generator.bounded(256));
    return bytes;
}

QString classForStatus(int status)
{
    // The seed README's mapping, which the vectors README makes the rule for every operation.
    switch (status) {
    case 400: return QStringLiteral("BadRequestException");
    case 401: return QStringLiteral("UnauthorizedException");
    case 403: return QStringLiteral("ForbiddenException");
    case 404: return QStringLiteral("NotFoundException");
    case 409: return QStringLiteral("ConflictException");
    case 429: return QStringLiteral("TooManyRequestsException");
    case 207: return QStringLiteral("PartialSuccessException");
    default:
        return status >= 500 && status <= 599 ? QStringLiteral("InternalServerException") : QStringLiteral("UnknownException");
    }
}

// Positional parameter names of the seed methods.
QStringList positionalNames(const QString &method)
{
    static const QHash<QString, QStringList> names{
        {QStringLiteral("get_file_details"), {QStringLiteral("file_id")}},
        {QStringLiteral("get_file_versions"), {QStringLiteral("file_id")}},
        {QStringLiteral("get_file_version_details"), {QStringLiteral("file_id"), QStringLiteral("version_id")}},
        {QStringLiteral("delete_file"), {QStringLiteral("file_id")}},
        {QStringLiteral("delete_file_version"), {QStringLiteral("file_id"), QStringLiteral("version_id")}},
        {QStringLiteral("restore_file_version"), {QStringLiteral("file_id"), QStringLiteral("version_id")}},
        {QStringLiteral("bulk_file_delete"), {QStringLiteral("file_ids")}},
        {QStringLiteral("get_bulk_job_status"), {QStringLiteral("job_id")}},
        {QStringLiteral("purge_file_cache"), {QStringLiteral("file_url")}},
        {QStringLiteral("get_purge_file_cache_status"), {QStringLiteral("purge_cache_id")}},
        {QStringLiteral("get_file_metadata"), {QStringLiteral("file_id")}},
        {QStringLiteral("get_metadata"), {QStringLiteral("file_id")}},
        {QStringLiteral("get_remote_file_url_metadata"), {QStringLiteral("remote_file_url")}},
        {QStringLiteral("get_custom_metadata_fields"), {QStringLiteral("include_deleted")}},
        {QStringLiteral("update_custom_metadata_fields"), {QStringLiteral("field_id"), QStringLiteral("options")}},
        {QStringLiteral("delete_custom_metadata_field"), {QStringLiteral("field_id")}},
        {QStringLiteral("update_file_details"), {QStringLiteral("file_id"), QStringLiteral("options")}},
        {QStringLiteral("add_tags"), {QStringLiteral("file_ids"), QStringLiteral("tags")}},
        {QStringLiteral("remove_tags"), {QStringLiteral("file_ids"), QStringLiteral("tags")}},
        {QStringLiteral("remove_ai_tags"), {QStringLiteral("file_ids"), QStringLiteral("ai_tags")}},
        {QStringLiteral("upload_file"), {QStringLiteral("file"), QStringLiteral("file_name"), QStringLiteral("options")}},
        {QStringLiteral("upload"), {QStringLiteral("file"), QStringLiteral("file_name"), QStringLiteral("options")}},
    };
    return names.value(method, {QStringLiteral("options")});
}

struct Outcome
{
    bool done = false;
    bool succeeded = false;
    QJsonObject result;
    ik::ResponseMetadata metadata;
    ik::ApiError error;
};

template<typename Job>
bool captureResult(ik::ApiJob *job, Outcome *outcome)
{
    auto *typed = qobject_cast<Job *>(job);
    if (!typed)
        return false;
    QObject::connect(typed, &Job::finished, typed, [outcome](const auto &result) {
        outcome->succeeded = true;
        outcome->result = seedshape::of(result);
        outcome->metadata = result.metadata;
    });
    return true;
}

} // namespace

class OperationVectorsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void vectors_data();
    void vectors();

private:
    QJsonValue resolve(const QJsonValue &value) const;
    QJsonObject arguments(const QJsonObject &call) const;
    void checkRequest(const QJsonObject &testCase, const iktest::RecordedRequest &request);
    void checkMultipart(const QJsonObject &body, const iktest::RecordedRequest &request);

    QTemporaryDir m_dir;
    QByteArray m_sample;
    QString m_samplePath;
    QJsonArray m_cases;
};

void OperationVectorsTest::initTestCase()
{
    QFile file(QStringLiteral(MEDIADESK_TEST_DATA "/requests.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    QVERIFY2(document.isObject(), qPrintable(parseError.errorString()));
    m_cases = document.object().value(QLatin1String("cases")).toArray();
    QCOMPARE(m_cases.size(), 97);

    QVERIFY(m_dir.isValid());
    m_sample = sampleBytes();
    m_samplePath = m_dir.filePath(QStringLiteral("sample.jpg"));
    QFile sample(m_samplePath);
    QVERIFY(sample.open(QIODevice::WriteOnly));
    QCOMPARE(sample.write(m_sample), qint64(m_sample.size()));
}

void OperationVectorsTest::vectors_data()
{
    QTest::addColumn<QJsonObject>("testCase");
    for (const QJsonValue &entry : std::as_const(m_cases)) {
        const QJsonObject testCase = entry.toObject();
        const QByteArray id = testCase.value(QLatin1String("id")).toString().toUtf8();
        QTest::newRow(id.constData()) << testCase;
    }
}

QJsonValue OperationVectorsTest::resolve(const QJsonValue &value) const
{
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &item : value.toArray())
            array.append(resolve(item));
        return array;
    }
    if (!value.isObject())
        return value;
    const QJsonObject object = value.toObject();
    if (object.contains(QLatin1String("__tuple__")))
        return resolve(object.value(QLatin1String("__tuple__")));
    if (object.contains(QLatin1String("__file__")))
        return QStringLiteral("@%1").arg(m_samplePath);   // an open file: streamed from disk
    if (object.contains(QLatin1String("__bytes__")))
        return QString::fromLatin1(m_sample.toBase64());  // base64 text of the file
    if (object.contains(QLatin1String("__bytes_utf8__")))
        return object.value(QLatin1String("__bytes_utf8__"));
    QJsonObject plain;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        if (it.key() != QLatin1String("__class__"))
            plain.insert(it.key(), resolve(it.value()));
    return plain;
}

QJsonObject OperationVectorsTest::arguments(const QJsonObject &call) const
{
    const QString method = call.value(QLatin1String("method")).toString();
    QJsonObject named = call.value(QLatin1String("kwargs")).toObject();
    const QJsonArray positional = call.value(QLatin1String("args")).toArray();
    const QStringList names = positionalNames(method);
    for (qsizetype i = 0; i < positional.size() && i < names.size(); ++i)
        named.insert(names.at(i), positional.at(i));
    // An options object's fields are arguments of their own (as in mediadesk-cli).
    QJsonObject flat;
    for (auto it = named.constBegin(); it != named.constEnd(); ++it) {
        const QJsonValue value = resolve(it.value());
        if (it.key() == QLatin1String("options")) {
            const QJsonObject options = value.toObject();
            for (auto option = options.constBegin(); option != options.constEnd(); ++option)
                flat.insert(option.key(), option.value());
        } else {
            flat.insert(it.key(), value);
        }
    }
    return flat;
}

void OperationVectorsTest::checkMultipart(const QJsonObject &body, const iktest::RecordedRequest &request)
{
    QString error;
    const auto parts = iktest::MultipartParser::parse(request.body, request.header("content-type"), &error);
    QVERIFY2(parts, qPrintable(error));
    const QJsonArray expectedParts = body.value(QLatin1String("parts")).toArray();
    QStringList expectedNames, actualNames;
    for (const QJsonValue &part : expectedParts)
        expectedNames.append(part.toObject().value(QLatin1String("name")).toString());
    for (const iktest::MultipartPart &part : *parts)
        actualNames.append(QString::fromUtf8(part.name));
    QCOMPARE(actualNames, expectedNames);

    static const QStringList jsonFields{QStringLiteral("extensions"), QStringLiteral("customMetadata"),
                                        QStringLiteral("transformation")};
    for (qsizetype i = 0; i < expectedParts.size(); ++i) {
        const QJsonObject want = expectedParts.at(i).toObject();
        const iktest::MultipartPart &have = parts->at(i);
        const QString name = want.value(QLatin1String("name")).toString();
        const QJsonValue value = want.value(QLatin1String("value"));
        if (want.contains(QLatin1String("filename"))) {
            QVERIFY2(have.hasFileName, qPrintable(name));
            QCOMPARE(QString::fromUtf8(have.fileName), want.value(QLatin1String("filename")).toString());
        } else {
            QVERIFY2(!have.hasFileName, qPrintable(name + QStringLiteral(" must be a plain field")));
        }
        if (value.isObject() && value.toObject().value(QLatin1String("raw_bytes")).toBool()) {
            QVERIFY2(have.data == m_sample, "the file part must carry the file's bytes unchanged");
        } else if (value.isObject()) {
            QVERIFY2(value.toObject().value(QLatin1String("encoding")).toString().startsWith(QLatin1String("base64")), qPrintable(name));
            QVERIFY2(have.data == m_sample.toBase64(), "the file field must carry the base64 text unchanged");
        } else if (jsonFields.contains(name)) {
            // Objects go as JSON text: equal after parsing (the SDK's spacing is Python's).
            const QJsonDocument wantJson = QJsonDocument::fromJson(value.toString().toUtf8());
            const QJsonDocument haveJson = QJsonDocument::fromJson(have.data);
            QVERIFY2(!haveJson.isNull(), qPrintable(name + QStringLiteral(" is not JSON: ") + QString::fromUtf8(have.data)));
            QCOMPARE(haveJson, wantJson);
        } else {
            QCOMPARE(QString::fromUtf8(have.data), value.toString());
        }
    }
}

void OperationVectorsTest::checkRequest(const QJsonObject &testCase, const iktest::RecordedRequest &request)
{
    const QJsonObject expected = testCase.value(QLatin1String("request")).toObject();
    const QString method = testCase.value(QLatin1String("call")).toObject().value(QLatin1String("method")).toString();
    QCOMPARE(QString::fromLatin1(request.method), expected.value(QLatin1String("method")).toString());

    const QUrl url(expected.value(QLatin1String("url")).toString());
    QString expectedPath = url.path();
    // Correction: the SDK's trailing slash on PATCH /v1/files/{id}/details/ is a quirk.
    if (method == QLatin1String("update_file_details") && expectedPath.endsWith(QLatin1Char('/')))
        expectedPath.chop(1);
    QCOMPARE(QUrl::fromPercentEncoding(request.path), expectedPath);

    // Query parameters as a set of name/value pairs.
    // Parsed by the same form decoding as the recorded request's query.
    iktest::RecordedRequest reference;
    reference.rawQuery = url.query(QUrl::FullyEncoded).toLatin1();
    auto expectedQuery = reference.queryItems();
    for (auto &pair : expectedQuery) {
        // Correction: list tags are joined with ',' (the SDK writes ", ").
        if (pair.first == QLatin1String("tags")) {
            QStringList tags = pair.second.split(QLatin1Char(','));
            for (QString &tag : tags)
                tag = tag.trimmed();
            pair.second = tags.join(QLatin1Char(','));
        }
    }
    auto actualQuery = request.queryItems();
    std::sort(expectedQuery.begin(), expectedQuery.end());
    std::sort(actualQuery.begin(), actualQuery.end());
    QCOMPARE(actualQuery, expectedQuery);

    QCOMPARE(request.header("authorization"), QByteArray("Basic ZmFrZTEyMjo="));

    const QJsonObject body = expected.value(QLatin1String("body")).toObject();
    const QString kind = body.value(QLatin1String("kind")).toString();
    if (kind == QLatin1String("json")) {
        QVERIFY2(request.header("content-type").startsWith("application/json"), request.header("content-type").constData());
        QJsonParseError parseError;
        const QJsonDocument actual = QJsonDocument::fromJson(request.body, &parseError);
        QVERIFY2(!actual.isNull(), qPrintable(parseError.errorString()));
        QJsonObject want = body.value(QLatin1String("json")).toObject();
        // Correction: copy folder's flag is includeVersions in the API (the SDK sends
        // includeFileVersions).
        if (method == QLatin1String("copy_folder") && want.contains(QLatin1String("includeFileVersions")))
            want.insert(QLatin1String("includeVersions"), want.take(QLatin1String("includeFileVersions")));
        QCOMPARE(actual.object(), want);
    } else if (kind == QLatin1String("multipart")) {
        QVERIFY2(request.header("content-type").startsWith("multipart/form-data"), request.header("content-type").constData());
        checkMultipart(body, request);
    } else {
        QVERIFY2(request.body.isEmpty(), request.body.constData());
    }
}

void OperationVectorsTest::vectors()
{
    QFETCH(QJsonObject, testCase);
    const QJsonObject call = testCase.value(QLatin1String("call")).toObject();
    const QJsonObject expected = testCase.value(QLatin1String("expected")).toObject();
    const QString expectedKind = expected.value(QLatin1String("kind")).toString();

    iktest::RecordingServer server;
    QVERIFY(server.listen());
    const QJsonObject mock = testCase.value(QLatin1String("mock_response")).toObject();
    const int mockStatus = mock.value(QLatin1String("status")).toInt();
    if (!mock.isEmpty()) {
        const QJsonObject headers = mock.value(QLatin1String("response_headers")).toObject();
        server.enqueue(iktest::ScriptedResponse::text(
            mockStatus, headers.value(QLatin1String("Content-Type")).toString(QStringLiteral("application/json")).toUtf8(),
            mock.value(QLatin1String("body")).toString().toUtf8()));
    }

    ik::ApiClient client;
    client.setPrivateKey(QStringLiteral("fake122"));
    client.setPublicKey(QStringLiteral("fake122"));
    QVERIFY(client.setApiBase(server.baseUrl()));
    QVERIFY(client.setUploadBase(server.baseUrl()));
    ik::RetryPolicy noRetries;
    noRetries.maxAttempts = 1;
    client.setRetryPolicy(noRetries);
    ik::ImageKit imagekit(&client);

    const QString method = call.value(QLatin1String("method")).toString();
    ik::ApiJob *job = imagekit.call(method, arguments(call));
    QVERIFY(job);
    Outcome outcome;
    const bool typed = captureResult<ik::UploadJob>(job, &outcome) || captureResult<ik::FileListJob>(job, &outcome)
        || captureResult<ik::FileJob>(job, &outcome) || captureResult<ik::EmptyResultJob>(job, &outcome)
        || captureResult<ik::TagsJob>(job, &outcome) || captureResult<ik::BulkDeleteJob>(job, &outcome)
        || captureResult<ik::RenameFileJob>(job, &outcome) || captureResult<ik::BulkJobStartJob>(job, &outcome)
        || captureResult<ik::BulkJobStatusJob>(job, &outcome) || captureResult<ik::PurgeCacheJob>(job, &outcome)
        || captureResult<ik::PurgeStatusJob>(job, &outcome) || captureResult<ik::FileMetadataJob>(job, &outcome)
        || captureResult<ik::CustomMetadataFieldJob>(job, &outcome)
        || captureResult<ik::CustomMetadataFieldListJob>(job, &outcome);
    QVERIFY2(typed, job->metaObject()->className());
    connect(job, &ik::ApiJob::failed, this, [&outcome](const ik::ApiError &error) { outcome.error = error; });
    connect(job, &ik::ApiJob::done, this, [&outcome] { outcome.done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(outcome.done, 15000);

    if (expectedKind == QLatin1String("client_side_error")) {
        QVERIFY(!outcome.succeeded);
        QCOMPARE(outcome.error.kind(), ik::ErrorKind::InvalidArgument);
        const QJsonArray args = expected.value(QLatin1String("args")).toObject().value(QLatin1String("__tuple__")).toArray();
        QCOMPARE(outcome.error.message(), args.at(0).toObject().value(QLatin1String("message")).toString());
        QCOMPARE(server.requestCount(), 0);
        return;
    }

    QCOMPARE(server.requestCount(), 1);
    checkRequest(testCase, server.requests().at(0));
    if (QTest::currentTestFailed())
        return;

    if (expectedKind == QLatin1String("exception")) {
        QVERIFY2(!outcome.succeeded, "the job must fail");
        const QString sdkClass = expected.value(QLatin1String("exception_class")).toString();
        const QString readmeClass = classForStatus(mockStatus);
        if (sdkClass != readmeClass)
            qInfo("correction: the SDK raises %s for HTTP %d; the README mapping gives %s",
                  qPrintable(sdkClass), mockStatus, qPrintable(readmeClass));
        QCOMPARE(outcome.error.className(), readmeClass);
        QCOMPARE(outcome.error.message(), expected.value(QLatin1String("message")).toString());
        QCOMPARE(outcome.error.help(), expected.value(QLatin1String("response_help")).toString());
        QCOMPARE(outcome.error.metadata().httpStatus, mockStatus);
        return;
    }

    QCOMPARE(expectedKind, QStringLiteral("result"));
    QVERIFY2(outcome.succeeded, qPrintable(outcome.error.className() + QStringLiteral(": ") + outcome.error.message()));
    const QJsonObject result = expected.value(QLatin1String("result")).toObject();
    QString where;
    QVERIFY2(seedshape::matches(result, outcome.result, QStringLiteral("result"), &where), qPrintable(where));

    const QJsonObject metadata = result.value(QLatin1String("response_metadata")).toObject();
    QCOMPARE(outcome.metadata.httpStatus, metadata.value(QLatin1String("http_status_code")).toInt());
    const QJsonValue raw = metadata.value(QLatin1String("raw"));
    if (!raw.isNull())
        QVERIFY2(outcome.metadata.json() == raw,
                 qPrintable(QStringLiteral("raw body: ") + QString::fromUtf8(outcome.metadata.raw) + QStringLiteral(" vs ") + seedshape::toText(raw)));
    const QString contentType = mock.value(QLatin1String("response_headers")).toObject().value(QLatin1String("Content-Type")).toString();
    if (!contentType.isEmpty())
        QCOMPARE(QString::fromUtf8(outcome.metadata.header("content-type")), contentType);
}

QTEST_GUILESS_MAIN(OperationVectorsTest)
#include "tst_operations_vectors.moc"
