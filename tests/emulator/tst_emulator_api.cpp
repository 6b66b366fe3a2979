// Drives a real mediadesk-emulator process over HTTP: every endpoint, its errors, partial
// success, folder jobs, versions, search, delivery, authentication and restart persistence.
#include "emulatorprocess.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDateTime>
#include <QEventLoop>
#include <QImage>
#include <QImageReader>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QFile>
#include <QSet>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

using namespace emutest;

namespace {

const QString kPrivateKey = QStringLiteral("private_test_key");
const QString kPublicKey = QStringLiteral("public_test_key");
const QString kEndpoint = QStringLiteral("testid");

QImage decode(const QByteArray &bytes, QByteArray *format = nullptr)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    if (format)
        *format = reader.format();
    return reader.read();
}

QString signedSuffix(const QString &pathAfterEndpoint, const QString &query, qint64 expiry, bool withExpiry)
{
    const QString message = pathAfterEndpoint + (query.isEmpty() ? QString() : QLatin1Char('?') + query)
        + QString::number(withExpiry ? expiry : 9999999999LL);
    const QByteArray signature = QMessageAuthenticationCode::hash(message.toUtf8(), kPrivateKey.toUtf8(),
                                                                  QCryptographicHash::Sha1).toHex();
    QString params;
    if (withExpiry)
        params += QStringLiteral("ik-t=%1&").arg(expiry);
    params += QStringLiteral("ik-s=") + QString::fromLatin1(signature);
    return (query.isEmpty() ? QStringLiteral("?") : QLatin1Char('?') + query + QLatin1Char('&')) + params;
}

} // namespace

class TestEmulatorApi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dataDir;
    EmulatorProcess m_emulator;
    std::unique_ptr<HttpDriver> m_http;

    QStringList arguments() const
    {
        return {QStringLiteral("--private-key"), kPrivateKey, QStringLiteral("--public-key"), kPublicKey,
                QStringLiteral("--url-endpoint-id"), kEndpoint, QStringLiteral("--job-delay"), QStringLiteral("600")};
    }

    QJsonObject uploadImage(const QString &fileName, const QString &folder, const QByteArray &bytes,
                            QList<TestPart> extra = {})
    {
        QList<TestPart> parts = {{QStringLiteral("file"), bytes, fileName},
                                 {QStringLiteral("fileName"), fileName.toUtf8(), {}},
                                 {QStringLiteral("folder"), folder.toUtf8(), {}},
                                 {QStringLiteral("useUniqueFileName"), "false", {}}};
        parts += extra;
        const HttpResult r = m_http->upload(parts);
        if (r.status != 200)
            qWarning("upload failed: %d %s", r.status, r.body.constData());
        return r.object();
    }

    QString waitForJob(const QString &jobId)
    {
        for (int i = 0; i < 100; ++i) {
            const HttpResult r = m_http->get(QStringLiteral("/v1/bulkJobs/") + jobId);
            const QString status = r.object().value(QStringLiteral("status")).toString();
            if (status != QLatin1String("Pending"))
                return status;
            QTest::qWait(100);
        }
        return QStringLiteral("timeout");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dataDir.isValid());
        QString error;
        QVERIFY2(m_emulator.start(m_dataDir.path(), arguments(), &error), qPrintable(error));
        m_http = std::make_unique<HttpDriver>(m_emulator.origin(), kPrivateKey);
    }

    void cleanupTestCase()
    {
        m_http.reset();
        m_emulator.stop();
    }

    void authenticationIsRequired()
    {
        const HttpResult none = m_http->send("GET", QStringLiteral("/v1/files"), {}, {}, false);
        QCOMPARE(none.status, 401);
        QVERIFY(none.object().contains(QStringLiteral("message")));
        QVERIFY(none.object().contains(QStringLiteral("help")));

        HttpDriver wrong(m_emulator.origin(), QStringLiteral("not_the_key"));
        QCOMPARE(wrong.get(QStringLiteral("/v1/files")).status, 403);

        // Any password is accepted (the Stainless SDKs send "do_not_set").
        const QByteArray withPassword = "Basic " + (kPrivateKey + QStringLiteral(":do_not_set")).toUtf8().toBase64();
        QCOMPARE(m_http->send("GET", QStringLiteral("/v1/files"), {}, {}, false, {{"Authorization", withPassword}}).status, 200);

        // Upload without credentials is refused too.
        QCOMPARE(m_http->upload({{QStringLiteral("file"), makeImage(8, 8, "PNG"), QStringLiteral("a.png")},
                                 {QStringLiteral("fileName"), "a.png", {}}}, false).status, 401);
    }

    void uploadStoresFileAndCreatesFolders()
    {
        const QJsonObject file = uploadImage(QStringLiteral("photo one.png"), QStringLiteral("/albums/2024/"),
                                             makeImage(64, 48, "PNG"),
                                             {{QStringLiteral("tags"), "sea, sky", {}},
                                              {QStringLiteral("customCoordinates"), "1,2,30,40", {}}});
        QCOMPARE(file.value(QStringLiteral("name")).toString(), QStringLiteral("photo_one.png"));
        QCOMPARE(file.value(QStringLiteral("filePath")).toString(), QStringLiteral("/albums/2024/photo_one.png"));
        QCOMPARE(file.value(QStringLiteral("width")).toInt(), 64);
        QCOMPARE(file.value(QStringLiteral("height")).toInt(), 48);
        QCOMPARE(file.value(QStringLiteral("fileType")).toString(), QStringLiteral("image"));
        QCOMPARE(file.value(QStringLiteral("tags")).toArray(), (QJsonArray{QStringLiteral("sea"), QStringLiteral("sky")}));
        QCOMPARE(file.value(QStringLiteral("versionInfo")).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Version 1"));
        QVERIFY(file.value(QStringLiteral("url")).toString().startsWith(m_emulator.origin() + QLatin1Char('/') + kEndpoint + QStringLiteral("/albums/2024/")));

        const QString fileId = file.value(QStringLiteral("fileId")).toString();
        const HttpResult details = m_http->get(QStringLiteral("/v1/files/%1/details").arg(fileId));
        QCOMPARE(details.status, 200);
        QCOMPARE(details.object().value(QStringLiteral("customCoordinates")).toString(), QStringLiteral("1,2,30,40"));
        QCOMPARE(details.object().value(QStringLiteral("mime")).toString(), QStringLiteral("image/png"));
        QCOMPARE(m_http->get(QStringLiteral("/v1/files/nope/details")).status, 404);

        const HttpResult folders = m_http->get(QStringLiteral("/v1/files?type=folder&path=/albums"));
        QCOMPARE(folders.status, 200);
        QCOMPARE(folders.array().size(), 1);
        QCOMPARE(folders.array().at(0).toObject().value(QStringLiteral("folderPath")).toString(), QStringLiteral("/albums/2024"));
    }

    void uploadErrors()
    {
        QCOMPARE(m_http->upload({{QStringLiteral("fileName"), "a.png", {}}}).status, 400);
        QCOMPARE(m_http->upload({{QStringLiteral("file"), makeImage(8, 8, "PNG"), QStringLiteral("a.png")}}).status, 400);
        const HttpResult badMeta = m_http->upload({{QStringLiteral("file"), makeImage(8, 8, "PNG"), QStringLiteral("a.png")},
                                                   {QStringLiteral("fileName"), "a.png", {}},
                                                   {QStringLiteral("customMetadata"), "{not json", {}}});
        QCOMPARE(badMeta.status, 400);
        const HttpResult badBool = m_http->upload({{QStringLiteral("file"), makeImage(8, 8, "PNG"), QStringLiteral("a.png")},
                                                   {QStringLiteral("fileName"), "a.png", {}},
                                                   {QStringLiteral("isPrivateFile"), "maybe", {}}});
        QCOMPARE(badBool.status, 400);
        QVERIFY(badBool.object().value(QStringLiteral("message")).toString().contains(QStringLiteral("isPrivateFile")));
        // Not a multipart body at all.
        QCOMPARE(m_http->send("POST", QStringLiteral("/api/v1/files/upload"), "{}", "application/json").status, 400);
    }

    void uploadFromAUrl()
    {
        uploadImage(QStringLiteral("source.png"), QStringLiteral("/byurl"), makeImage(60, 40, "PNG"));
        const QString ownUrl = m_emulator.origin() + QLatin1Char('/') + kEndpoint + QStringLiteral("/byurl/source.png?tr=w-30");
        const HttpResult fromOwn = m_http->upload({{QStringLiteral("file"), ownUrl.toUtf8(), {}},
                                                   {QStringLiteral("fileName"), "fetched.png", {}},
                                                   {QStringLiteral("folder"), "/byurl", {}}});
        QCOMPARE(fromOwn.status, 200);
        QCOMPARE(fromOwn.object().value(QStringLiteral("width")).toInt(), 30);
        const HttpResult fromBase64 = m_http->upload({{QStringLiteral("file"), makeImage(7, 5, "PNG").toBase64(), {}},
                                                      {QStringLiteral("fileName"), "b64.png", {}},
                                                      {QStringLiteral("folder"), "/byurl", {}}});
        QCOMPARE(fromBase64.status, 200);
        QCOMPARE(fromBase64.object().value(QStringLiteral("width")).toInt(), 7);
        const HttpResult elsewhere = m_http->upload({{QStringLiteral("file"), "https://example.com/cat.jpg", {}},
                                                     {QStringLiteral("fileName"), "cat.jpg", {}}});
        QCOMPARE(elsewhere.status, 400);
        QVERIFY(elsewhere.object().value(QStringLiteral("message")).toString().contains(QStringLiteral("internet")));
    }

    void interruptedUploadLeavesNothing()
    {
        const qsizetype before = m_http->get(QStringLiteral("/v1/files?path=/interrupted")).array().size();
        QByteArray contentType;
        const QByteArray body = HttpDriver::multipartBody({{QStringLiteral("file"), makeImage(50, 50, "PNG"), QStringLiteral("cut.png")},
                                                           {QStringLiteral("fileName"), "cut.png", {}},
                                                           {QStringLiteral("folder"), "/interrupted", {}}}, &contentType);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_emulator.port());
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray head = "POST /api/v1/files/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
            + m_http->authorization() + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n";
        socket.write(head + body.left(body.size() / 2));
        QVERIFY(socket.waitForBytesWritten(5000));
        socket.abort();
        QTest::qWait(200);
        QCOMPARE(m_http->get(QStringLiteral("/v1/files?path=/interrupted")).array().size(), before);
        // Not even the folder was created.
        const QJsonArray rootFolders = m_http->get(QStringLiteral("/v1/files?type=folder&path=/")).array();
        for (const QJsonValue &f : rootFolders)
            QVERIFY(f.toObject().value(QStringLiteral("folderPath")).toString() != QLatin1String("/interrupted"));
    }

    void uniqueFileNamesGetASuffix()
    {
        const QList<TestPart> parts = {{QStringLiteral("file"), makeImage(10, 10, "PNG"), QStringLiteral("dup.png")},
                                       {QStringLiteral("fileName"), "dup.png", {}},
                                       {QStringLiteral("folder"), "/unique", {}}};
        const QJsonObject a = m_http->upload(parts).object();
        const QJsonObject b = m_http->upload(parts).object();
        const QRegularExpression pattern(QStringLiteral("^dup_[A-Za-z0-9]{9}\\.png$"));
        QVERIFY2(pattern.match(a.value(QStringLiteral("name")).toString()).hasMatch(), qPrintable(a.value(QStringLiteral("name")).toString()));
        QVERIFY(pattern.match(b.value(QStringLiteral("name")).toString()).hasMatch());
        QVERIFY(a.value(QStringLiteral("name")) != b.value(QStringLiteral("name")));
    }

    void overwriteMakesVersions()
    {
        const QJsonObject v1 = uploadImage(QStringLiteral("v.png"), QStringLiteral("/versions"), makeImage(20, 10, "PNG"),
                                           {{QStringLiteral("tags"), "first", {}}});
        const QJsonObject v2 = uploadImage(QStringLiteral("v.png"), QStringLiteral("/versions"), makeImage(30, 15, "PNG", 1));
        const QString fileId = v1.value(QStringLiteral("fileId")).toString();
        QCOMPARE(v2.value(QStringLiteral("fileId")).toString(), fileId);
        QCOMPARE(v2.value(QStringLiteral("versionInfo")).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Version 2"));
        QCOMPARE(v2.value(QStringLiteral("width")).toInt(), 30);
        // overwriteTags defaults to true: the new version has no tags.
        QVERIFY(v2.value(QStringLiteral("tags")).isNull());

        const HttpResult refused = m_http->upload({{QStringLiteral("file"), makeImage(5, 5, "PNG"), QStringLiteral("v.png")},
                                                   {QStringLiteral("fileName"), "v.png", {}},
                                                   {QStringLiteral("folder"), "/versions", {}},
                                                   {QStringLiteral("useUniqueFileName"), "false", {}},
                                                   {QStringLiteral("overwriteFile"), "false", {}}});
        QCOMPARE(refused.status, 400);

        const QJsonArray versions = m_http->get(QStringLiteral("/v1/files/%1/versions").arg(fileId)).array();
        QCOMPARE(versions.size(), 2);
        const QString oldVersion = v1.value(QStringLiteral("versionInfo")).toObject().value(QStringLiteral("id")).toString();
        const QString currentVersion = v2.value(QStringLiteral("versionInfo")).toObject().value(QStringLiteral("id")).toString();

        const HttpResult old = m_http->get(QStringLiteral("/v1/files/%1/versions/%2").arg(fileId, oldVersion));
        QCOMPARE(old.status, 200);
        QCOMPARE(old.object().value(QStringLiteral("type")).toString(), QStringLiteral("file-version"));
        QCOMPARE(old.object().value(QStringLiteral("width")).toInt(), 20);
        QVERIFY(old.object().value(QStringLiteral("url")).toString().contains(QStringLiteral("ik-obj-version=") + oldVersion));
        // The old version is still delivered through its versioned URL.
        const QImage oldPixels = decode(m_http->send("GET", QUrl(old.object().value(QStringLiteral("url")).toString()).toString(QUrl::RemoveScheme | QUrl::RemoveAuthority), {}, {}, false).body);
        QCOMPARE(oldPixels.width(), 20);

        QCOMPARE(m_http->send("DELETE", QStringLiteral("/v1/files/%1/versions/%2").arg(fileId, currentVersion)).status, 400);
        QCOMPARE(m_http->get(QStringLiteral("/v1/files/%1/versions/nope").arg(fileId)).status, 404);

        const HttpResult restored = m_http->send("PUT", QStringLiteral("/v1/files/%1/versions/%2/restore").arg(fileId, oldVersion));
        QCOMPARE(restored.status, 200);
        QCOMPARE(restored.object().value(QStringLiteral("width")).toInt(), 20);
        QCOMPARE(m_http->get(QStringLiteral("/v1/files/%1/details").arg(fileId)).object().value(QStringLiteral("width")).toInt(), 20);

        // The former current version is now an old one and can be deleted.
        QCOMPARE(m_http->send("DELETE", QStringLiteral("/v1/files/%1/versions/%2").arg(fileId, currentVersion)).status, 204);
        QCOMPARE(m_http->get(QStringLiteral("/v1/files/%1/versions").arg(fileId)).array().size(), 1);
    }

    void listingPathTypeSortAndPaging()
    {
        for (int i = 0; i < 5; ++i)
            uploadImage(QStringLiteral("item%1.png").arg(i), QStringLiteral("/listing"), makeImage(10 + i * 10, 10, "PNG", i));
        uploadImage(QStringLiteral("notes.txt"), QStringLiteral("/listing"), "plain text, not an image");
        m_http->sendJson("POST", QStringLiteral("/v1/folder"),
                         {{QStringLiteral("folderName"), QStringLiteral("sub")}, {QStringLiteral("parentFolderPath"), QStringLiteral("/listing")}});

        const QJsonArray all = m_http->get(QStringLiteral("/v1/files?path=/listing")).array();
        QCOMPARE(all.size(), 6);
        const QJsonArray images = m_http->get(QStringLiteral("/v1/files?path=/listing&fileType=image")).array();
        QCOMPARE(images.size(), 5);
        const QJsonArray nonImages = m_http->get(QStringLiteral("/v1/files?path=/listing&fileType=non-image")).array();
        QCOMPARE(nonImages.size(), 1);
        QCOMPARE(nonImages.at(0).toObject().value(QStringLiteral("fileType")).toString(), QStringLiteral("non-image"));

        const QJsonArray byWidth = m_http->get(QStringLiteral("/v1/files?path=/listing&fileType=image&sort=DESC_WIDTH")).array();
        QCOMPARE(byWidth.at(0).toObject().value(QStringLiteral("width")).toInt(), 50);
        QCOMPARE(byWidth.at(4).toObject().value(QStringLiteral("width")).toInt(), 10);
        const QJsonArray byName = m_http->get(QStringLiteral("/v1/files?path=/listing&sort=ASC_NAME&skip=1&limit=2")).array();
        QCOMPARE(byName.size(), 2);
        QCOMPARE(byName.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("item1.png"));
        QCOMPARE(byName.at(1).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("item2.png"));

        const QJsonArray mixed = m_http->get(QStringLiteral("/v1/files?path=/listing&type=all&sort=ASC_NAME")).array();
        QCOMPARE(mixed.size(), 7);
        QCOMPARE(mixed.at(0).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("folder"));

        QCOMPARE(m_http->get(QStringLiteral("/v1/files?limit=0")).status, 400);
        QCOMPARE(m_http->get(QStringLiteral("/v1/files?limit=1001")).status, 400);
        QCOMPARE(m_http->get(QStringLiteral("/v1/files?skip=-1")).status, 400);
        QCOMPARE(m_http->get(QStringLiteral("/v1/files?sort=SIDEWAYS")).status, 400);
        QCOMPARE(m_http->get(QStringLiteral("/v1/files?type=thing")).status, 400);
        QCOMPARE(m_http->get(QStringLiteral("/v1/files?fileType=video")).status, 400);
    }

    void searchQueries()
    {
        uploadImage(QStringLiteral("big-banner.png"), QStringLiteral("/search"), makeImage(300, 100, "PNG"),
                    {{QStringLiteral("tags"), "summer,banner", {}}});
        uploadImage(QStringLiteral("small-icon.png"), QStringLiteral("/search"), makeImage(16, 16, "PNG"),
                    {{QStringLiteral("tags"), "icon", {}}});
        const auto search = [this](const QString &query) {
            QUrlQuery q;
            q.addQueryItem(QStringLiteral("path"), QStringLiteral("/search"));
            q.addQueryItem(QStringLiteral("searchQuery"), QString::fromUtf8(QUrl::toPercentEncoding(query)));
            return m_http->get(QStringLiteral("/v1/files?") + q.toString(QUrl::FullyEncoded));
        };
        HttpResult r = search(QStringLiteral("width > 100"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.array().size(), 1);
        QCOMPARE(r.array().at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("big-banner.png"));
        r = search(QStringLiteral("tags IN [\"icon\", \"nothing\"] OR name = \"big-banner.png\""));
        QCOMPARE(r.array().size(), 2);
        r = search(QStringLiteral("(width > 100 AND height < 50)"));
        QCOMPARE(r.array().size(), 0);
        r = search(QStringLiteral("width >"));
        QCOMPARE(r.status, 400);
        QVERIFY(!r.object().value(QStringLiteral("message")).toString().isEmpty());
    }

    void updateFileDetails()
    {
        const QJsonObject file = uploadImage(QStringLiteral("edit.png"), QStringLiteral("/edit"), makeImage(12, 12, "PNG"));
        const QString id = file.value(QStringLiteral("fileId")).toString();
        const QString path = QStringLiteral("/v1/files/%1/details/").arg(id);
        HttpResult r = m_http->sendJson("PATCH", path, {{QStringLiteral("tags"), QJsonArray{QStringLiteral("a"), QStringLiteral("b")}},
                                                        {QStringLiteral("customCoordinates"), QStringLiteral("0,0,5,5")},
                                                        {QStringLiteral("description"), QStringLiteral("a red square")}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("tags")).toArray().size(), 2);
        QCOMPARE(r.object().value(QStringLiteral("description")).toString(), QStringLiteral("a red square"));
        r = m_http->sendJson("PATCH", path, {{QStringLiteral("tags"), QJsonValue::Null}, {QStringLiteral("customCoordinates"), QJsonValue::Null}});
        QCOMPARE(r.status, 200);
        QVERIFY(r.object().value(QStringLiteral("tags")).isNull());
        QVERIFY(r.object().value(QStringLiteral("customCoordinates")).isNull());
        r = m_http->sendJson("PATCH", path, {{QStringLiteral("publish"), QJsonObject{{QStringLiteral("isPublished"), false}}}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("isPublished")).toBool(), false);
        // An unpublished file is not delivered.
        QCOMPARE(m_http->send("GET", QLatin1Char('/') + kEndpoint + QStringLiteral("/edit/edit.png"), {}, {}, false).status, 404);
        QCOMPARE(m_http->sendJson("PATCH", path, {{QStringLiteral("tags"), QStringLiteral("not-an-array")}}).status, 400);
        QCOMPARE(m_http->sendJson("PATCH", path, {{QStringLiteral("customCoordinates"), QStringLiteral("1,2")}}).status, 400);
        QCOMPARE(m_http->sendJson("PATCH", path, {{QStringLiteral("publish"), QJsonObject{{QStringLiteral("isPublished"), true}}},
                                                  {QStringLiteral("tags"), QJsonArray{}}}).status, 400);
        QCOMPARE(m_http->send("PATCH", path, "{broken", "application/json").status, 400);
        QCOMPARE(m_http->sendJson("PATCH", QStringLiteral("/v1/files/missing/details"), {{QStringLiteral("tags"), QJsonArray{}}}).status, 404);
    }

    void bulkTagsWithPartialSuccess()
    {
        const QString a = uploadImage(QStringLiteral("t1.png"), QStringLiteral("/tags"), makeImage(8, 8, "PNG")).value(QStringLiteral("fileId")).toString();
        const QString b = uploadImage(QStringLiteral("t2.png"), QStringLiteral("/tags"), makeImage(8, 8, "PNG", 2)).value(QStringLiteral("fileId")).toString();
        HttpResult r = m_http->sendJson("POST", QStringLiteral("/v1/files/addTags"),
                                        {{QStringLiteral("fileIds"), QJsonArray{a, b}}, {QStringLiteral("tags"), QJsonArray{QStringLiteral("x"), QStringLiteral("y")}}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("successfullyUpdatedFileIds")).toArray().size(), 2);
        r = m_http->sendJson("POST", QStringLiteral("/v1/files/removeTags"),
                             {{QStringLiteral("fileIds"), QJsonArray{a, QStringLiteral("ghost")}}, {QStringLiteral("tags"), QJsonArray{QStringLiteral("x")}}});
        QCOMPARE(r.status, 207);
        QCOMPARE(r.object().value(QStringLiteral("successfullyUpdatedFileIds")).toArray(), QJsonArray{a});
        QCOMPARE(r.object().value(QStringLiteral("errors")).toArray().at(0).toObject().value(QStringLiteral("fileId")).toString(), QStringLiteral("ghost"));
        QCOMPARE(m_http->get(QStringLiteral("/v1/files/%1/details").arg(a)).object().value(QStringLiteral("tags")).toArray(), QJsonArray{QStringLiteral("y")});
        r = m_http->sendJson("POST", QStringLiteral("/v1/files/removeAITags"),
                             {{QStringLiteral("fileIds"), QJsonArray{QStringLiteral("ghost1"), QStringLiteral("ghost2")}}, {QStringLiteral("AITags"), QJsonArray{QStringLiteral("Car")}}});
        QCOMPARE(r.status, 404);
        QCOMPARE(r.object().value(QStringLiteral("missingFileIds")).toArray().size(), 2);
        r = m_http->sendJson("POST", QStringLiteral("/v1/files/removeAITags"),
                             {{QStringLiteral("fileIds"), QJsonArray{b}}, {QStringLiteral("AITags"), QJsonArray{QStringLiteral("Car")}}});
        QCOMPARE(r.status, 200);
        QCOMPARE(m_http->sendJson("POST", QStringLiteral("/v1/files/addTags"), {{QStringLiteral("fileIds"), QJsonArray{a}}}).status, 400);
        QCOMPARE(m_http->sendJson("POST", QStringLiteral("/v1/files/addTags"), {{QStringLiteral("fileIds"), QJsonArray{}}, {QStringLiteral("tags"), QJsonArray{QStringLiteral("x")}}}).status, 400);
    }

    void deleteAndBulkDelete()
    {
        const QString a = uploadImage(QStringLiteral("d1.png"), QStringLiteral("/del"), makeImage(8, 8, "PNG")).value(QStringLiteral("fileId")).toString();
        const QString b = uploadImage(QStringLiteral("d2.png"), QStringLiteral("/del"), makeImage(8, 8, "PNG", 3)).value(QStringLiteral("fileId")).toString();
        const QString c = uploadImage(QStringLiteral("d3.png"), QStringLiteral("/del"), makeImage(8, 8, "PNG", 4)).value(QStringLiteral("fileId")).toString();
        QCOMPARE(m_http->send("DELETE", QStringLiteral("/v1/files/") + a).status, 204);
        QCOMPARE(m_http->send("DELETE", QStringLiteral("/v1/files/") + a).status, 404);
        HttpResult r = m_http->sendJson("POST", QStringLiteral("/v1/files/batch/deleteByFileIds"), {{QStringLiteral("fileIds"), QJsonArray{b, QStringLiteral("ghost")}}});
        QCOMPARE(r.status, 207);
        QCOMPARE(r.object().value(QStringLiteral("successfullyDeletedFileIds")).toArray(), QJsonArray{b});
        r = m_http->sendJson("POST", QStringLiteral("/v1/files/batch/deleteByFileIds"), {{QStringLiteral("fileIds"), QJsonArray{QStringLiteral("ghost")}}});
        QCOMPARE(r.status, 404);
        QCOMPARE(r.object().value(QStringLiteral("missingFileIds")).toArray(), QJsonArray{QStringLiteral("ghost")});
        r = m_http->sendJson("POST", QStringLiteral("/v1/files/batch/deleteByFileIds"), {{QStringLiteral("fileIds"), QJsonArray{c}}});
        QCOMPARE(r.status, 200);
        QCOMPARE(m_http->get(QStringLiteral("/v1/files?path=/del")).array().size(), 0);
        QCOMPARE(m_http->sendJson("POST", QStringLiteral("/v1/files/batch/deleteByFileIds"), {}).status, 400);

        // The bytes go with the last record that names them; shared bytes stay.
        const QByteArray unique = makeImage(11, 13, "PNG", 9);
        const QString blob = m_dataDir.filePath(QStringLiteral("blobs/")
                                                + QString::fromLatin1(QCryptographicHash::hash(unique, QCryptographicHash::Sha1).toHex()));
        const QString first = uploadImage(QStringLiteral("u1.png"), QStringLiteral("/del"), unique).value(QStringLiteral("fileId")).toString();
        const QString second = uploadImage(QStringLiteral("u2.png"), QStringLiteral("/del"), unique).value(QStringLiteral("fileId")).toString();
        QVERIFY(QFile::exists(blob));
        QCOMPARE(m_http->send("DELETE", QStringLiteral("/v1/files/") + first).status, 204);
        QVERIFY(QFile::exists(blob));
        QCOMPARE(m_http->send("DELETE", QStringLiteral("/v1/files/") + second).status, 204);
        QVERIFY(!QFile::exists(blob));
    }

    void copyMoveAndRenameFiles()
    {
        uploadImage(QStringLiteral("c.png"), QStringLiteral("/cm/src"), makeImage(8, 8, "PNG"));
        uploadImage(QStringLiteral("c.png"), QStringLiteral("/cm/src"), makeImage(9, 9, "PNG", 5));
        HttpResult r = m_http->sendJson("POST", QStringLiteral("/v1/files/copy"),
                                        {{QStringLiteral("sourceFilePath"), QStringLiteral("/cm/src/c.png")},
                                         {QStringLiteral("destinationPath"), QStringLiteral("/cm/copy/")},
                                         {QStringLiteral("includeFileVersions"), true}});
        QCOMPARE(r.status, 204);
        QJsonArray copied = m_http->get(QStringLiteral("/v1/files?path=/cm/copy")).array();
        QCOMPARE(copied.size(), 1);
        const QString copyId = copied.at(0).toObject().value(QStringLiteral("fileId")).toString();
        QCOMPARE(m_http->get(QStringLiteral("/v1/files/%1/versions").arg(copyId)).array().size(), 2);

        // Copy again without versions: appended as a new version of the same-named file.
        r = m_http->sendJson("POST", QStringLiteral("/v1/files/copy"),
                             {{QStringLiteral("sourceFilePath"), QStringLiteral("/cm/src/c.png")}, {QStringLiteral("destinationPath"), QStringLiteral("/cm/copy")}});
        QCOMPARE(r.status, 204);
        QCOMPARE(m_http->get(QStringLiteral("/v1/files/%1/versions").arg(copyId)).array().size(), 3);

        r = m_http->sendJson("POST", QStringLiteral("/v1/files/move"),
                             {{QStringLiteral("sourceFilePath"), QStringLiteral("/cm/src/c.png")}, {QStringLiteral("destinationPath"), QStringLiteral("/cm/moved")}});
        QCOMPARE(r.status, 204);
        QCOMPARE(m_http->get(QStringLiteral("/v1/files?path=/cm/src")).array().size(), 0);
        QCOMPARE(m_http->get(QStringLiteral("/v1/files?path=/cm/moved")).array().size(), 1);
        QCOMPARE(m_http->sendJson("POST", QStringLiteral("/v1/files/move"),
                                  {{QStringLiteral("sourceFilePath"), QStringLiteral("/cm/src/c.png")}, {QStringLiteral("destinationPath"), QStringLiteral("/x")}}).status, 404);
        QCOMPARE(m_http->sendJson("POST", QStringLiteral("/v1/files/copy"), {{QStringLiteral("sourceFilePath"), QStringLiteral("/cm/moved/c.png")}}).status, 400);

        uploadImage(QStringLiteral("other.png"), QStringLiteral("/cm/moved"), makeImage(8, 8, "PNG"));
        r = m_http->sendJson("PUT", QStringLiteral("/v1/files/rename"),
                             {{QStringLiteral("filePath"), QStringLiteral("/cm/moved/c.png")}, {QStringLiteral("newFileName"), QStringLiteral("other.png")}});
        QCOMPARE(r.status, 409);
        r = m_http->sendJson("PUT", QStringLiteral("/v1/files/rename"),
                             {{QStringLiteral("filePath"), QStringLiteral("/cm/moved/c.png")}, {QStringLiteral("newFileName"), QStringLiteral("renamed c.png")},
                              {QStringLiteral("purgeCache"), true}});
        QCOMPARE(r.status, 200);
        QVERIFY(!r.object().value(QStringLiteral("purgeRequestId")).toString().isEmpty());
        QVERIFY(m_http->send("GET", QLatin1Char('/') + kEndpoint + QStringLiteral("/cm/moved/renamed_c.png"), {}, {}, false).status == 200);
        QCOMPARE(m_http->sendJson("PUT", QStringLiteral("/v1/files/rename"),
                                  {{QStringLiteral("filePath"), QStringLiteral("/cm/moved/none.png")}, {QStringLiteral("newFileName"), QStringLiteral("n.png")}}).status, 404);
    }

    void folderJobsRunInTheBackground()
    {
        uploadImage(QStringLiteral("f1.png"), QStringLiteral("/jobs/src/inner"), makeImage(8, 8, "PNG"));
        uploadImage(QStringLiteral("f2.png"), QStringLiteral("/jobs/src"), makeImage(8, 8, "PNG", 1));
        QCOMPARE(m_http->sendJson("POST", QStringLiteral("/v1/folder"),
                                  {{QStringLiteral("folderName"), QStringLiteral("dest")}, {QStringLiteral("parentFolderPath"), QStringLiteral("/jobs")}}).status, 201);

        HttpResult r = m_http->sendJson("POST", QStringLiteral("/v1/bulkJobs/copyFolder"),
                                        {{QStringLiteral("sourceFolderPath"), QStringLiteral("/jobs/src")},
                                         {QStringLiteral("destinationPath"), QStringLiteral("/jobs/dest")},
                                         {QStringLiteral("includeVersions"), true}});
        QCOMPARE(r.status, 200);
        const QString jobId = r.object().value(QStringLiteral("jobId")).toString();
        QVERIFY(!jobId.isEmpty());
        const QJsonObject pending = m_http->get(QStringLiteral("/v1/bulkJobs/") + jobId).object();
        QCOMPARE(pending.value(QStringLiteral("status")).toString(), QStringLiteral("Pending"));
        QCOMPARE(pending.value(QStringLiteral("type")).toString(), QStringLiteral("COPY_FOLDER"));
        // While the job runs, the folders are locked.
        r = m_http->sendJson("DELETE", QStringLiteral("/v1/folder"), {{QStringLiteral("folderPath"), QStringLiteral("/jobs/src")}});
        QCOMPARE(r.status, 423);
        QCOMPARE(m_http->upload({{QStringLiteral("file"), makeImage(8, 8, "PNG"), QStringLiteral("l.png")},
                                 {QStringLiteral("fileName"), "l.png", {}}, {QStringLiteral("folder"), "/jobs/dest", {}}}).status, 423);
        QCOMPARE(waitForJob(jobId), QStringLiteral("Completed"));
        QCOMPARE(m_http->get(QStringLiteral("/v1/files?path=/jobs/dest/src")).array().size(), 1);
        QCOMPARE(m_http->get(QStringLiteral("/v1/files?path=/jobs/dest/src/inner")).array().size(), 1);
        QCOMPARE(m_http->get(QStringLiteral("/v1/files?path=/jobs/src")).array().size(), 1);

        r = m_http->sendJson("POST", QStringLiteral("/v1/bulkJobs/moveFolder"),
                             {{QStringLiteral("sourceFolderPath"), QStringLiteral("/jobs/src")}, {QStringLiteral("destinationPath"), QStringLiteral("/jobs/moved")}});
        QCOMPARE(r.status, 200);
        QCOMPARE(waitForJob(r.object().value(QStringLiteral("jobId")).toString()), QStringLiteral("Completed"));
        QCOMPARE(m_http->get(QStringLiteral("/v1/files?path=/jobs/src")).array().size(), 0);
        QCOMPARE(m_http->get(QStringLiteral("/v1/files?path=/jobs/moved/src/inner")).array().size(), 1);

        r = m_http->sendJson("POST", QStringLiteral("/v1/bulkJobs/renameFolder"),
                             {{QStringLiteral("folderPath"), QStringLiteral("/jobs/moved/src")}, {QStringLiteral("newFolderName"), QStringLiteral("renamed-src")}});
        QCOMPARE(r.status, 202);
        QCOMPARE(waitForJob(r.object().value(QStringLiteral("jobId")).toString()), QStringLiteral("Completed"));
        QCOMPARE(m_http->get(QStringLiteral("/v1/files?path=/jobs/moved/renamed-src/inner")).array().size(), 1);
        QCOMPARE(m_http->send("GET", QLatin1Char('/') + kEndpoint + QStringLiteral("/jobs/moved/renamed-src/inner/f1.png"), {}, {}, false).status, 200);

        // Errors: conflict, missing folder, moving into a child, root.
        QCOMPARE(m_http->sendJson("POST", QStringLiteral("/v1/bulkJobs/renameFolder"),
                                  {{QStringLiteral("folderPath"), QStringLiteral("/jobs/dest")}, {QStringLiteral("newFolderName"), QStringLiteral("moved")}}).status, 409);
        QCOMPARE(m_http->sendJson("POST", QStringLiteral("/v1/bulkJobs/copyFolder"),
                                  {{QStringLiteral("sourceFolderPath"), QStringLiteral("/jobs/none")}, {QStringLiteral("destinationPath"), QStringLiteral("/jobs")}}).status, 404);
        QCOMPARE(m_http->sendJson("POST", QStringLiteral("/v1/bulkJobs/moveFolder"),
                                  {{QStringLiteral("sourceFolderPath"), QStringLiteral("/jobs/dest")}, {QStringLiteral("destinationPath"), QStringLiteral("/jobs/dest/src")}}).status, 400);
        QCOMPARE(m_http->sendJson("POST", QStringLiteral("/v1/bulkJobs/copyFolder"),
                                  {{QStringLiteral("sourceFolderPath"), QStringLiteral("/")}, {QStringLiteral("destinationPath"), QStringLiteral("/jobs")}}).status, 400);
        QCOMPARE(m_http->get(QStringLiteral("/v1/bulkJobs/nope")).status, 404);

        QCOMPARE(m_http->sendJson("DELETE", QStringLiteral("/v1/folder"), {{QStringLiteral("folderPath"), QStringLiteral("/jobs/dest")}}).status, 204);
        QCOMPARE(m_http->get(QStringLiteral("/v1/files?path=/jobs/dest/src")).array().size(), 0);
        QCOMPARE(m_http->sendJson("DELETE", QStringLiteral("/v1/folder"), {{QStringLiteral("folderPath"), QStringLiteral("/jobs/dest")}}).status, 404);
        QCOMPARE(m_http->sendJson("POST", QStringLiteral("/v1/folder"), {{QStringLiteral("folderName"), QStringLiteral("..")}, {QStringLiteral("parentFolderPath"), QStringLiteral("/")}}).status, 400);
    }

    void purgeRequests()
    {
        HttpResult r = m_http->sendJson("POST", QStringLiteral("/v1/files/purge"), {{QStringLiteral("url"), m_emulator.origin() + QStringLiteral("/testid/a.png")}});
        QCOMPARE(r.status, 201);
        const QString id = r.object().value(QStringLiteral("requestId")).toString();
        QCOMPARE(m_http->get(QStringLiteral("/v1/files/purge/") + id).object().value(QStringLiteral("status")).toString(), QStringLiteral("Pending"));
        QTest::qWait(800);
        QCOMPARE(m_http->get(QStringLiteral("/v1/files/purge/") + id).object().value(QStringLiteral("status")).toString(), QStringLiteral("Completed"));
        QCOMPARE(m_http->get(QStringLiteral("/v1/files/purge/unknown")).status, 404);
        QCOMPARE(m_http->sendJson("POST", QStringLiteral("/v1/files/purge"), {{QStringLiteral("url"), QStringLiteral("not a url")}}).status, 400);
    }

    void customMetadataFields()
    {
        HttpResult r = m_http->sendJson("POST", QStringLiteral("/v1/customMetadataFields"),
                                        {{QStringLiteral("name"), QStringLiteral("price")}, {QStringLiteral("label"), QStringLiteral("Price")},
                                         {QStringLiteral("schema"), QJsonObject{{QStringLiteral("type"), QStringLiteral("Number")},
                                                                                {QStringLiteral("minValue"), 1}, {QStringLiteral("maxValue"), 100}}}});
        QCOMPARE(r.status, 201);
        const QString fieldId = r.object().value(QStringLiteral("id")).toString();
        QCOMPARE(r.object().value(QStringLiteral("schema")).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("Number"));
        QCOMPARE(m_http->sendJson("POST", QStringLiteral("/v1/customMetadataFields"),
                                  {{QStringLiteral("name"), QStringLiteral("price")}, {QStringLiteral("label"), QStringLiteral("Other")},
                                   {QStringLiteral("schema"), QJsonObject{{QStringLiteral("type"), QStringLiteral("Number")}}}}).status, 400);
        QCOMPARE(m_http->sendJson("POST", QStringLiteral("/v1/customMetadataFields"),
                                  {{QStringLiteral("name"), QStringLiteral("bad")}, {QStringLiteral("label"), QStringLiteral("Bad")},
                                   {QStringLiteral("schema"), QJsonObject{{QStringLiteral("type"), QStringLiteral("Colour")}}}}).status, 400);

        // Values on files are validated against the schema.
        const HttpResult tooBig = m_http->upload({{QStringLiteral("file"), makeImage(8, 8, "PNG"), QStringLiteral("m.png")},
                                                  {QStringLiteral("fileName"), "m.png", {}}, {QStringLiteral("folder"), "/meta", {}},
                                                  {QStringLiteral("customMetadata"), "{\"price\": 500}", {}}});
        QCOMPARE(tooBig.status, 400);
        const QJsonObject ok = uploadImage(QStringLiteral("m.png"), QStringLiteral("/meta"), makeImage(8, 8, "PNG"),
                                           {{QStringLiteral("customMetadata"), "{\"price\": 50}", {}}});
        QCOMPARE(ok.value(QStringLiteral("customMetadata")).toObject().value(QStringLiteral("price")).toInt(), 50);
        const QString fileId = ok.value(QStringLiteral("fileId")).toString();
        QCOMPARE(m_http->sendJson("PATCH", QStringLiteral("/v1/files/%1/details").arg(fileId),
                                  {{QStringLiteral("customMetadata"), QJsonObject{{QStringLiteral("price"), QStringLiteral("cheap")}}}}).status, 400);
        r = m_http->sendJson("PATCH", QStringLiteral("/v1/files/%1/details").arg(fileId),
                             {{QStringLiteral("customMetadata"), QJsonObject{{QStringLiteral("price"), 75}}}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("customMetadata")).toObject().value(QStringLiteral("price")).toInt(), 75);

        // A required field (ImageKit insists on a default for it): uploads get the default and
        // cannot unset it.
        r = m_http->sendJson("POST", QStringLiteral("/v1/customMetadataFields"),
                             {{QStringLiteral("name"), QStringLiteral("sku")}, {QStringLiteral("label"), QStringLiteral("SKU")},
                              {QStringLiteral("schema"), QJsonObject{{QStringLiteral("type"), QStringLiteral("Text")},
                                                                     {QStringLiteral("isValueRequired"), true},
                                                                     {QStringLiteral("defaultValue"), QStringLiteral("none")}}}});
        QCOMPARE(r.status, 201);
        const QString skuId = r.object().value(QStringLiteral("id")).toString();
        QCOMPARE(m_http->upload({{QStringLiteral("file"), makeImage(8, 8, "PNG"), QStringLiteral("n.png")},
                                 {QStringLiteral("fileName"), "n.png", {}}, {QStringLiteral("folder"), "/meta", {}},
                                 {QStringLiteral("customMetadata"), "{\"sku\": null}", {}}}).status, 400);
        QCOMPARE(uploadImage(QStringLiteral("n.png"), QStringLiteral("/meta"), makeImage(8, 8, "PNG"))
                     .value(QStringLiteral("customMetadata")).toObject().value(QStringLiteral("sku")).toString(),
                 QStringLiteral("none"));
        QCOMPARE(m_http->send("DELETE", QStringLiteral("/v1/customMetadataFields/") + skuId).status, 204);

        r = m_http->sendJson("PATCH", QStringLiteral("/v1/customMetadataFields/") + fieldId,
                             {{QStringLiteral("label"), QStringLiteral("Price (EUR)")}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("label")).toString(), QStringLiteral("Price (EUR)"));
        QCOMPARE(m_http->get(QStringLiteral("/v1/customMetadataFields")).array().size(), 1);
        QCOMPARE(m_http->send("DELETE", QStringLiteral("/v1/customMetadataFields/") + fieldId).status, 204);
        QCOMPARE(m_http->send("DELETE", QStringLiteral("/v1/customMetadataFields/") + fieldId).status, 404);
        QCOMPARE(m_http->get(QStringLiteral("/v1/customMetadataFields")).array().size(), 0);
        QCOMPARE(m_http->get(QStringLiteral("/v1/customMetadataFields?includeDeleted=true")).array().size(), 2);
        QCOMPARE(m_http->sendJson("PATCH", QStringLiteral("/v1/customMetadataFields/nope"), {{QStringLiteral("label"), QStringLiteral("x")}}).status, 404);
    }

    void metadataFromPixels()
    {
        const QJsonObject file = uploadImage(QStringLiteral("meta.png"), QStringLiteral("/metadata"), makeImage(40, 30, "PNG"));
        const HttpResult r = m_http->get(QStringLiteral("/v1/files/%1/metadata").arg(file.value(QStringLiteral("fileId")).toString()));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("width")).toInt(), 40);
        QCOMPARE(r.object().value(QStringLiteral("height")).toInt(), 30);
        QCOMPARE(r.object().value(QStringLiteral("format")).toString(), QStringLiteral("png"));
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{16}$")).match(r.object().value(QStringLiteral("pHash")).toString()).hasMatch());

        // By URL: a transformed URL of this emulator is inspected after the transformation.
        const QString url = m_emulator.origin() + QLatin1Char('/') + kEndpoint + QStringLiteral("/metadata/meta.png?tr=w-20,h-15");
        const HttpResult byUrl = m_http->get(QStringLiteral("/v1/metadata?url=") + QString::fromLatin1(QUrl::toPercentEncoding(url)));
        QCOMPARE(byUrl.status, 200);
        QCOMPARE(byUrl.object().value(QStringLiteral("width")).toInt(), 20);
        const HttpResult elsewhere = m_http->get(QStringLiteral("/v1/metadata?url=") + QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("https://example.com/a.jpg"))));
        QCOMPARE(elsewhere.status, 400);
        QCOMPARE(m_http->get(QStringLiteral("/v1/metadata")).status, 400);
        QCOMPARE(m_http->get(QStringLiteral("/v1/files/nope/metadata")).status, 404);
    }

    void deliveryTransformsPixels()
    {
        uploadImage(QStringLiteral("deliver.png"), QStringLiteral("/delivery"), makeImage(200, 100, "PNG"));
        const QString base = QLatin1Char('/') + kEndpoint;
        HttpResult r = m_http->send("GET", base + QStringLiteral("/delivery/deliver.png"), {}, {}, false);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArray("image/png"));
        QVERIFY(!r.header("ETag").isEmpty());
        QVERIFY(r.header("Cache-Control").contains("max-age"));

        r = m_http->send("GET", base + QStringLiteral("/tr:w-100,h-50,f-jpg/delivery/deliver.png"), {}, {}, false);
        QCOMPARE(r.status, 200);
        QByteArray format;
        QImage image = decode(r.body, &format);
        QCOMPARE(image.size(), QSize(100, 50));
        QCOMPARE(format, QByteArray("jpeg"));
        QCOMPARE(r.header("Content-Type"), QByteArray("image/jpeg"));

        r = m_http->send("GET", base + QStringLiteral("/delivery/deliver.png?tr=w-50:rt-90"), {}, {}, false);
        QCOMPARE(r.status, 200);
        image = decode(r.body);
        QCOMPARE(image.size(), QSize(25, 50));

        // Unknown parameters are ignored and named in a header.
        r = m_http->send("GET", base + QStringLiteral("/tr:w-40,zz-5/delivery/deliver.png"), {}, {}, false);
        QCOMPARE(r.status, 200);
        QVERIFY2(r.header("X-IK-Ignored-Transformations").contains("zz-5"), r.header("X-IK-Ignored-Transformations").constData());
        QCOMPARE(decode(r.body).width(), 40);

        // Conditional GET.
        const QByteArray etag = r.header("ETag");
        r = m_http->send("GET", base + QStringLiteral("/tr:w-40,zz-5/delivery/deliver.png"), {}, {}, false, {{"If-None-Match", etag}});
        QCOMPARE(r.status, 304);

        QCOMPARE(m_http->send("GET", base + QStringLiteral("/delivery/missing.png"), {}, {}, false).status, 404);
        // di- serves a default image when the file is missing.
        r = m_http->send("GET", base + QStringLiteral("/tr:w-30,di-delivery@@deliver.png/delivery/missing.png"), {}, {}, false);
        QCOMPARE(r.status, 200);
        QCOMPARE(decode(r.body).width(), 30);

        // A percent-encoded comma stays inside the text of a layer: the chain is split before decoding.
        r = m_http->send("GET", base + QStringLiteral("/tr:w-120:l-text,i-Hi%2C%20there,fs-12,l-end/delivery/deliver.png"),
                         {}, {}, false);
        QCOMPARE(r.status, 200);
        QVERIFY2(r.header("X-IK-Ignored-Transformations").isEmpty(), r.header("X-IK-Ignored-Transformations").constData());
        QCOMPARE(decode(r.body).width(), 120);

        // fo-custom crops around the file's custom coordinates. The red channel grows with x, so
        // a box centred on x = 170 is far redder than one at the centre (x = 100).
        uploadImage(QStringLiteral("custom.png"), QStringLiteral("/delivery"), makeImage(200, 100, "PNG"),
                    {{QStringLiteral("customCoordinates"), "150,30,40,40", {}}});
        r = m_http->send("GET", base + QStringLiteral("/tr:w-20,h-20,cm-extract,fo-custom/delivery/custom.png"), {}, {}, false);
        QCOMPARE(r.status, 200);
        image = decode(r.body);
        QCOMPARE(image.size(), QSize(20, 20));
        QVERIFY2(image.pixelColor(10, 10).red() > 190, qPrintable(QString::number(image.pixelColor(10, 10).red())));
        r = m_http->send("GET", base + QStringLiteral("/tr:w-20,h-20,cm-extract,fo-center/delivery/custom.png"), {}, {}, false);
        QVERIFY(decode(r.body).pixelColor(10, 10).red() < 150);
    }

    void privateFilesNeedSignedUrls()
    {
        uploadImage(QStringLiteral("secret.png"), QStringLiteral("/private"), makeImage(32, 32, "PNG"),
                    {{QStringLiteral("isPrivateFile"), "true", {}}});
        const QString base = QLatin1Char('/') + kEndpoint + QLatin1Char('/');
        const QString path = QStringLiteral("tr:w-16/private/secret.png");
        QCOMPARE(m_http->send("GET", base + path, {}, {}, false).status, 401);

        const QString forever = base + path + signedSuffix(path, QString(), 0, false);
        HttpResult r = m_http->send("GET", forever, {}, {}, false);
        QCOMPARE(r.status, 200);
        QCOMPARE(decode(r.body).width(), 16);

        const qint64 future = QDateTime::currentSecsSinceEpoch() + 600;
        QCOMPARE(m_http->send("GET", base + path + signedSuffix(path, QString(), future, true), {}, {}, false).status, 200);
        const qint64 past = QDateTime::currentSecsSinceEpoch() - 10;
        QCOMPARE(m_http->send("GET", base + path + signedSuffix(path, QString(), past, true), {}, {}, false).status, 401);
        // A tampered URL (different transformation, same signature) is refused.
        QString tampered = forever;
        tampered.replace(QStringLiteral("w-16"), QStringLiteral("w-17"));
        QCOMPARE(m_http->send("GET", tampered, {}, {}, false).status, 401);

        // Query-form transformation, signed as the Python SDK does (query included).
        const QString plain = QStringLiteral("private/secret.png");
        const QString query = QStringLiteral("tr=w-8");
        r = m_http->send("GET", base + plain + signedSuffix(plain, query, 0, false), {}, {}, false);
        QCOMPARE(r.status, 200);
        QCOMPARE(decode(r.body).width(), 8);
    }

    void clientSideUploadSignature()
    {
        const auto sign = [](const QString &token, const QString &expire) {
            return QString::fromLatin1(QMessageAuthenticationCode::hash((token + expire).toUtf8(), kPrivateKey.toUtf8(),
                                                                        QCryptographicHash::Sha1).toHex());
        };
        const QString expire = QString::number(QDateTime::currentSecsSinceEpoch() + 1200);
        const QString token = QStringLiteral("token-%1").arg(QDateTime::currentMSecsSinceEpoch());
        const auto parts = [&](const QString &tok, const QString &exp, const QString &signature, const QString &publicKey) {
            return QList<TestPart>{{QStringLiteral("file"), makeImage(8, 8, "PNG"), QStringLiteral("client.png")},
                                   {QStringLiteral("fileName"), "client.png", {}},
                                   {QStringLiteral("folder"), "/client", {}},
                                   {QStringLiteral("publicKey"), publicKey.toUtf8(), {}},
                                   {QStringLiteral("signature"), signature.toUtf8(), {}},
                                   {QStringLiteral("expire"), exp.toUtf8(), {}},
                                   {QStringLiteral("token"), tok.toUtf8(), {}}};
        };
        QCOMPARE(m_http->upload(parts(token, expire, sign(token, expire), kPublicKey), false).status, 200);
        // The same token again: refused.
        QCOMPARE(m_http->upload(parts(token, expire, sign(token, expire), kPublicKey), false).status, 400);
        const QString token2 = token + QStringLiteral("-b");
        QCOMPARE(m_http->upload(parts(token2, expire, QStringLiteral("0000"), kPublicKey), false).status, 403);
        QCOMPARE(m_http->upload(parts(token2, expire, sign(token2, expire), QStringLiteral("wrong_public")), false).status, 403);
        const QString tooFar = QString::number(QDateTime::currentSecsSinceEpoch() + 7200);
        QCOMPARE(m_http->upload(parts(token2, tooFar, sign(token2, tooFar), kPublicKey), false).status, 400);
        const QString past = QString::number(QDateTime::currentSecsSinceEpoch() - 60);
        QCOMPARE(m_http->upload(parts(token2, past, sign(token2, past), kPublicKey), false).status, 400);
        // Both Basic auth and a signature: refused as ImageKit does.
        QCOMPARE(m_http->upload(parts(token2, expire, sign(token2, expire), kPublicKey), true).status, 400);
    }

    void sixteenConcurrentUploadsLoseNothing()
    {
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 16; ++i) {
            replies.append(m_http->startUpload({{QStringLiteral("file"), makeImage(64 + i, 64, "PNG", i), QStringLiteral("c%1.png").arg(i)},
                                                {QStringLiteral("fileName"), QStringLiteral("c%1.png").arg(i).toUtf8(), {}},
                                                {QStringLiteral("folder"), "/concurrent", {}},
                                                {QStringLiteral("useUniqueFileName"), "false", {}}}));
        }
        QEventLoop loop;
        int finished = 0;
        for (QNetworkReply *reply : std::as_const(replies)) {
            connect(reply, &QNetworkReply::finished, &loop, [&finished, &loop] {
                if (++finished == 16)
                    loop.quit();
            });
        }
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(finished, 16);
        for (QNetworkReply *reply : std::as_const(replies)) {
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            reply->deleteLater();
        }
        const QJsonArray listed = m_http->get(QStringLiteral("/v1/files?path=/concurrent&sort=ASC_WIDTH")).array();
        QCOMPARE(listed.size(), 16);
        for (int i = 0; i < 16; ++i)
            QCOMPARE(listed.at(i).toObject().value(QStringLiteral("width")).toInt(), 64 + i);
    }

    void sixteenConcurrentOverwritesBecomeSixteenVersions()
    {
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 16; ++i) {
            replies.append(m_http->startUpload({{QStringLiteral("file"), makeImage(20 + i, 20, "PNG", i), QStringLiteral("same.png")},
                                                {QStringLiteral("fileName"), "same.png", {}},
                                                {QStringLiteral("folder"), "/overwrites", {}},
                                                {QStringLiteral("useUniqueFileName"), "false", {}}}));
        }
        QEventLoop loop;
        int finished = 0;
        for (QNetworkReply *reply : std::as_const(replies)) {
            connect(reply, &QNetworkReply::finished, &loop, [&finished, &loop] {
                if (++finished == 16)
                    loop.quit();
            });
        }
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(finished, 16);
        QString fileId;
        for (QNetworkReply *reply : std::as_const(replies)) {
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            const QString id = QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("fileId")).toString();
            QVERIFY(fileId.isEmpty() || fileId == id);
            fileId = id;
            reply->deleteLater();
        }
        const QJsonArray versions = m_http->get(QStringLiteral("/v1/files/%1/versions").arg(fileId)).array();
        QCOMPARE(versions.size(), 16);
        QSet<int> widths;
        for (const QJsonValue &v : versions)
            widths.insert(v.toObject().value(QStringLiteral("width")).toInt());
        QCOMPARE(widths.size(), 16);
    }

    void restartKeepsEverything()
    {
        const QJsonObject file = uploadImage(QStringLiteral("persist.png"), QStringLiteral("/persist"), makeImage(33, 22, "PNG"),
                                             {{QStringLiteral("tags"), "keep", {}}});
        const QString id = file.value(QStringLiteral("fileId")).toString();
        m_emulator.stop();
        // Bytes without a record (what a crash between the two writes leaves) are swept at start.
        QFile orphan(m_dataDir.filePath(QStringLiteral("blobs/0123456789abcdef0123456789abcdef01234567")));
        QVERIFY(orphan.open(QIODevice::WriteOnly));
        orphan.write("left over by a crash");
        orphan.close();
        QString error;
        QVERIFY2(m_emulator.start(m_dataDir.path(), arguments(), &error), qPrintable(error));
        QVERIFY(!orphan.exists());
        m_http = std::make_unique<HttpDriver>(m_emulator.origin(), kPrivateKey);
        const HttpResult details = m_http->get(QStringLiteral("/v1/files/%1/details").arg(id));
        QCOMPARE(details.status, 200);
        QCOMPARE(details.object().value(QStringLiteral("tags")).toArray(), QJsonArray{QStringLiteral("keep")});
        const HttpResult bytes = m_http->send("GET", QLatin1Char('/') + kEndpoint + QStringLiteral("/persist/persist.png"), {}, {}, false);
        QCOMPARE(bytes.status, 200);
        QCOMPARE(decode(bytes.body).size(), QSize(33, 22));
        QCOMPARE(m_http->get(QStringLiteral("/v1/files?path=/concurrent")).array().size(), 16);
    }

    void unknownEndpoints()
    {
        QCOMPARE(m_http->get(QStringLiteral("/v1/nothing")).status, 404);
        QCOMPARE(m_http->get(QStringLiteral("/elsewhere")).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorApi)
#include "tst_emulator_api.moc"
