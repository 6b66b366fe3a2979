// Documents built into URLs are served by a real mediadesk-emulator: chains, text layers with
// unsafe text (ie- base64), image layers with nested and unusual paths, both positions, and
// signed URLs of a private file; a URL parsed back and rebuilt is served the same.
#include "emulatorprocess.h"

#include "transform/transformationdocument.h"
#include "transform/transformationurlparser.h"
#include "url/urlbuilder.h"

#include <QBuffer>
#include <QImage>
#include <QImageReader>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace emutest;
using namespace ik;

namespace {

const QString kPrivateKey = QStringLiteral("private_builder_key");
const QString kEndpointId = QStringLiteral("builderid");

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

TransformationStepSpec stepWith(const TransformCodeValues &parameters)
{
    TransformationStepSpec step;
    step.parameters = parameters;
    return step;
}

} // namespace

class TestTransformEmulator : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dataDir;
    EmulatorProcess m_emulator;
    std::unique_ptr<HttpDriver> m_http;
    QString m_unusualPath; // a stored path with characters that need ie- in a layer

    QString endpoint() const { return m_emulator.origin() + QLatin1Char('/') + kEndpointId; }

    // Returns the stored file path (the emulator, like ImageKit, may change characters of the name).
    QString upload(const QString &fileName, const QString &folder, const QByteArray &bytes, bool isPrivate = false)
    {
        QList<TestPart> parts = {{QStringLiteral("file"), bytes, fileName},
                                 {QStringLiteral("fileName"), fileName.toUtf8(), {}},
                                 {QStringLiteral("folder"), folder.toUtf8(), {}},
                                 {QStringLiteral("useUniqueFileName"), "false", {}}};
        if (isPrivate)
            parts.append({QStringLiteral("isPrivateFile"), "true", {}});
        const HttpResult r = m_http->upload(parts);
        if (r.status != 200)
            qWarning("upload failed: %d %s", r.status, r.body.constData());
        return r.object().value(QStringLiteral("filePath")).toString();
    }

    QString build(const TransformationDocument &document)
    {
        const UrlBuilder builder(endpoint(), kPrivateKey);
        const UrlResult result = builder.build(document.toUrlOptions());
        return result.ok() ? result.url : QString();
    }

    // GET of a full URL of this emulator.
    HttpResult fetch(const QString &url)
    {
        if (!url.startsWith(m_emulator.origin()))
            return {};
        return m_http->send("GET", url.mid(m_emulator.origin().size()), {}, {}, false);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dataDir.isValid());
        QString error;
        QVERIFY2(m_emulator.start(m_dataDir.path(),
                                  {QStringLiteral("--private-key"), kPrivateKey, QStringLiteral("--url-endpoint-id"), kEndpointId}, &error),
                 qPrintable(error));
        m_http = std::make_unique<HttpDriver>(m_emulator.origin(), kPrivateKey);
        upload(QStringLiteral("base.png"), QStringLiteral("/builder"), makeImage(200, 100, "PNG"));
        upload(QStringLiteral("logo.png"), QStringLiteral("/builder/logos/brand 2024"), makeImage(40, 20, "PNG", 7));
        m_unusualPath = upload(QStringLiteral("logo+1 (ü).png"), QStringLiteral("/builder/logos"), makeImage(30, 30, "PNG", 9));
        QVERIFY(!m_unusualPath.isEmpty());
        upload(QStringLiteral("secret.png"), QStringLiteral("/builder/private"), makeImage(32, 32, "PNG"), true);
    }

    void cleanupTestCase()
    {
        m_http.reset();
        m_emulator.stop();
    }

    void chains_data()
    {
        QTest::addColumn<int>("position");
        QTest::newRow("path") << int(TransformationPosition::Path);
        QTest::newRow("query") << int(TransformationPosition::Query);
    }

    void chains()
    {
        QFETCH(int, position);
        TransformationDocument document;
        document.path = QStringLiteral("/builder/base.png");
        document.position = TransformationPosition(position);
        document.steps = {stepWith({{QStringLiteral("w"), QStringLiteral("120")}, {QStringLiteral("h"), QStringLiteral("60")},
                                    {QStringLiteral("f"), QStringLiteral("jpg")}}),
                          stepWith({{QStringLiteral("rt"), QStringLiteral("90")}})};
        const QString url = build(document);
        const HttpResult r = fetch(url);
        QVERIFY2(r.status == 200, qPrintable(url + QLatin1Char(' ') + QString::fromUtf8(r.body)));
        QByteArray format;
        QCOMPARE(decode(r.body, &format).size(), QSize(60, 120));
        QCOMPARE(format, QByteArray("jpeg"));
        QVERIFY2(r.header("X-IK-Ignored-Transformations").isEmpty(), r.header("X-IK-Ignored-Transformations").constData());
    }

    void layers_data() { chains_data(); }

    void layers()
    {
        QFETCH(int, position);
        TransformationDocument plain;
        plain.path = QStringLiteral("/builder/base.png");
        plain.position = TransformationPosition(position);
        plain.steps = {stepWith({{QStringLiteral("w"), QStringLiteral("150")}})};
        const HttpResult without = fetch(build(plain));
        QCOMPARE(without.status, 200);
        const QImage base = decode(without.body);
        QCOMPARE(base.width(), 150);

        LayerSpec caption;
        caption.input = QStringLiteral("Hello, World: 50% off/now? ✓");
        caption.parameters = {{QStringLiteral("fs"), QStringLiteral("14")}, {QStringLiteral("co"), QStringLiteral("FF0000")},
                              {QStringLiteral("lx"), QStringLiteral("5")}, {QStringLiteral("ly"), QStringLiteral("5")}};
        LayerSpec nested;
        nested.kind = LayerSpec::Kind::Image;
        nested.input = QStringLiteral("/builder/logos/brand 2024/logo.png");
        nested.parameters = {{QStringLiteral("w"), QStringLiteral("20")}, {QStringLiteral("lfo"), QStringLiteral("bottom_right")}};
        LayerSpec unusual;
        unusual.kind = LayerSpec::Kind::Image;
        unusual.input = m_unusualPath;
        unusual.parameters = {{QStringLiteral("lx"), QStringLiteral("0")}, {QStringLiteral("ly"), QStringLiteral("0")}};
        QVERIFY(layerText(caption).contains(QStringLiteral(",ie-")));
        QVERIFY(layerText(unusual).contains(QStringLiteral(",ie-")));

        for (const LayerSpec &layer : {caption, nested, unusual}) {
            TransformationDocument withLayer = plain;
            withLayer.steps.first().layers = {layer};
            const QString url = build(withLayer);
            const HttpResult r = fetch(url);
            QVERIFY2(r.status == 200, qPrintable(url + QLatin1Char(' ') + QString::fromUtf8(r.body)));
            QVERIFY2(r.header("X-IK-Ignored-Transformations").isEmpty(), r.header("X-IK-Ignored-Transformations").constData());
            const QImage image = decode(r.body);
            QCOMPARE(image.size(), base.size());
            QVERIFY2(image != base, qPrintable(QStringLiteral("the layer changed nothing: ") + url)); // it was drawn

            // Parsed back and rebuilt: the same URL, served the same.
            const TransformationUrlParse parsed = parseTransformationUrl(url, endpoint());
            QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage));
            QVERIFY(parsed.document == withLayer);
            QCOMPARE(build(parsed.document), url);
        }
    }

    void signedPrivateFile_data() { chains_data(); }

    void signedPrivateFile()
    {
        QFETCH(int, position);
        TransformationDocument document;
        document.path = QStringLiteral("/builder/private/secret.png");
        document.position = TransformationPosition(position);
        document.steps = {stepWith({{QStringLiteral("w"), QStringLiteral("16")}})};
        QCOMPARE(fetch(build(document)).status, 401);

        document.sign = true;
        for (const qint64 expiry : {qint64(0), qint64(600)}) {
            document.expireSeconds = expiry;
            const QString url = build(document);
            const HttpResult r = fetch(url);
            QVERIFY2(r.status == 200, qPrintable(url + QLatin1Char(' ') + QString::fromUtf8(r.body)));
            QCOMPARE(decode(r.body).width(), 16);
            const TransformationUrlParse parsed = parseTransformationUrl(url, endpoint());
            QVERIFY(parsed.ok());
            QVERIFY(parsed.document.sign);
            QCOMPARE(fetch(build(parsed.document)).status, 200);
        }
        // A tampered transformation is refused: the signature covers it.
        QString tampered = build(document);
        tampered.replace(QStringLiteral("w-16"), QStringLiteral("w-17"));
        QCOMPARE(fetch(tampered).status, 401);
    }
};

QTEST_MAIN(TestTransformEmulator)
#include "tst_transformemulator.moc"
