// ik::UrlBuilder against every section of tests/data/url_generation.json (recorded from the
// seed SDK 4.2.0), plus the places where Mediadesk deliberately differs from it.
#include "url/transformparameters.h"
#include "url/urlbuilder.h"
#include "url/urlencoding.h"
#include "url/urloptionsparser.h"
#include "url/urlsigner.h"
#include "util/clock.h"
#include "util/orderedjson.h"

#include <QFile>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QUrl>

using namespace ik;

namespace {

// How a vector's expected result is checked.
enum class Expect {
    Url,   // our URL must equal the expected one (see compareWithReference)
    Error, // our builder or parser must refuse with a message containing `expected`
};

struct Vector
{
    QString id;
    OrderedJsonValue client;
    OrderedJsonValue options;
    qint64 fixedNow = -1;      // -1: the system clock
    Expect expect = Expect::Url;
    QString expected;          // URL, or a fragment of the error message
    QString stringToSign;      // empty when the vector does not say
    QString why;               // for a deliberate difference from the seed: the reason
};

QString hmacHex(const QString &key, const QString &message)
{
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(message.toUtf8(), key.toUtf8(), QCryptographicHash::Sha1).toHex());
}

QString queryValue(const QString &url, const QString &key)
{
    const QRegularExpression re(QStringLiteral("[?&]%1=([^&#]*)").arg(QRegularExpression::escape(key)));
    const auto match = re.match(url);
    return match.hasMatch() ? match.captured(1) : QString();
}

QString percentDecoded(const QString &url)
{
    return QString::fromUtf8(QByteArray::fromPercentEncoding(url.toUtf8()));
}

// Removes the trailing ik-t/ik-s parameters, leaving the text the signature covers.
QString withoutSignature(const QString &url)
{
    QString out = url;
    out.remove(QRegularExpression(QStringLiteral("[?&]ik-t=[0-9]+")));
    out.remove(QRegularExpression(QStringLiteral("[?&]ik-s=[0-9a-f]{40}$")));
    return out;
}

} // namespace

class TestUrlBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void vectors_data();
    void vectors();

    void signatureCases_data();
    void signatureCases();
    void encodeCases_data();
    void encodeCases();

    void expiringSignatureUsesTheSystemClock();
    void everySectionIsCovered();

    void transformationTable();
    void valuesFromTheCppApi();
    void orderIsKept();
    void outputIsAlwaysAValidUrl_data();
    void outputIsAlwaysAValidUrl();
    void signatureCoversTheEncodedText();
    void srcFragmentStaysLastAndUnsigned();
    void alreadySignedSrcIsResigned();
    void builderErrors();
    void parserErrors_data();
    void parserErrors();
    void encoderDetails();

private:
    OrderedJsonValue m_root;
    QList<Vector> m_vectors;
    QSet<QString> m_sectionsSeen;
    int m_probeCount = 0;
};

void TestUrlBuilder::initTestCase()
{
    QFile file(QStringLiteral(MEDIADESK_TEST_DATA "/url_generation.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    const OrderedJsonParseResult parsed = parseOrderedJson(file.readAll());
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    m_root = parsed.value;

    auto add = [this](const QString &section, const OrderedJsonValue &entry, const QString &expectedKey) {
        Vector v;
        v.id = section + QLatin1Char('/') + entry.find(u"id")->toString();
        v.client = *entry.find(u"client");
        v.options = *entry.find(u"options");
        if (const auto *now = entry.find(u"fixed_now_unix"))
            v.fixedNow = now->toInteger();
        if (const auto *expected = entry.find(expectedKey); expected && expected->isString())
            v.expected = expected->toString();
        if (const auto *signing = entry.find(u"signing"))
            if (const auto *sts = signing->find(u"string_to_sign"))
                v.stringToSign = sts->toString();
        if (const auto *sts = entry.find(u"string_to_sign"))
            v.stringToSign = sts->toString();
        if (entry.find(u"expected_error")) {
            v.expect = Expect::Error;
            v.expected = QStringLiteral("Invalid transformationPosition parameter");
        }
        m_sectionsSeen.insert(section);
        m_vectors.append(v);
        return &m_vectors.last();
    };

    for (const auto &entry : m_root.find(u"cases")->items()) {
        const QString id = entry.find(u"id")->toString();
        if (id == QLatin1String("test_url_signed_with_expire_in_seconds"))
            continue; // time dependent: expiringSignatureUsesTheSystemClock
        Vector *v = add(QStringLiteral("cases"), entry, QStringLiteral("expected_url"));
        if (id == QLatin1String("test_url_without_path_and_src")) {
            v->expect = Expect::Error;
            v->expected = QStringLiteral("give \"path\"");
            v->why = QStringLiteral("the seed returns \"\"; issue 2 asks for a clear error");
        }
    }
    for (const auto &entry : m_root.find(u"derived_cases")->items())
        add(QStringLiteral("derived_cases"), entry, QStringLiteral("expected_url"));
    // README examples as the SDK really produces them (4 of the README's sample URLs are wrong).
    for (const auto &entry : m_root.find(u"readme_examples")->items())
        add(QStringLiteral("readme_examples"), entry, QStringLiteral("sdk_4.2.0_output"));
    // The 3.x overlay names are in the seed README's table, so they map as 3.2.0 did.
    for (const auto &entry : m_root.find(u"v3_only_cases")->items())
        add(QStringLiteral("v3_only_cases"), entry, QStringLiteral("expected_url"));

    const OrderedJsonValue &probes = *m_root.find(u"sdk_behavior_probes");
    const qint64 probeNow = probes.find(u"fixed_now_unix")->toInteger();
    for (const auto &entry : probes.find(u"cases")->items()) {
        Vector *v = add(QStringLiteral("sdk_behavior_probes"), entry, QStringLiteral("expected_url"));
        ++m_probeCount;
        if (v->fixedNow < 0)
            v->fixedNow = probeNow;
        const QString id = entry.find(u"id")->toString();
        if (entry.find(u"expected_error")) {
            v->expect = Expect::Error;
            v->expected = entry.find(u"args")->items().first().find(u"message")->toString();
        }
        // Where the seed's behaviour is a bug or a Python artefact, we do what issue 2 and the
        // developers' guide ask; each difference is stated here with its reason.
        if (id == QLatin1String("value_none_is_rendered_as_None")) {
            v->expect = Expect::Error;
            v->expected = QStringLiteral("transformation[0].height: null is not a valid value");
            v->why = QStringLiteral("\"h-None\" is Python's str(None), never a valid parameter");
        } else if (id == QLatin1String("float_value_python_str")) {
            v->expected = QStringLiteral("https://test-domain.com/test-endpoint/tr:dpr-1,q-0.5/a.jpg");
            v->why = QStringLiteral("issue 2: numbers in shortest round-trip form (1.0 -> 1)");
        } else if (id == QLatin1String("transformation_not_a_list_is_ignored")) {
            v->expect = Expect::Error;
            v->expected = QStringLiteral("\"transformation\" must be an array");
            v->why = QStringLiteral("silently dropping the user's transformation hides a mistake");
        } else if (id == QLatin1String("path_slash_only_returns_empty")) {
            v->expect = Expect::Error;
            v->expected = QStringLiteral("give \"path\"");
            v->why = QStringLiteral("the seed returns \"\"; issue 2 asks for a clear error");
        } else if (id == QLatin1String("query_param_value_encoding_quote_plus")) {
            v->expected = QStringLiteral("https://test-domain.com/test-endpoint/a.jpg?q=a+b%2Fc%3Ad%2Ce~f%2A%C3%A9&n=5&b=true");
            v->why = QStringLiteral("JSON true prints as true, as in transformations (Python's str(True) is \"True\")");
        } else if (id == QLatin1String("percent_in_path_with_unicode_double_encoded_in_signature_only")) {
            // The seed signs a%2520b while its URL says a%20b; issue 2 wants the signature over
            // exactly the URL's text, so the valid escape %20 is kept and signed as is.
            const QString signed_ = QStringLiteral("a%20b/%C3%A9.jpg9999999999");
            v->expected = QStringLiteral("https://test-domain.com/test-endpoint/a%20b/%C3%A9.jpg?ik-s=")
                + hmacHex(QStringLiteral("private_key_test"), signed_);
            v->stringToSign = signed_;
            v->why = QStringLiteral("signature over the URL's own text, not a double-encoded copy");
        }
    }
    QVERIFY(m_probeCount > 20);
}

void TestUrlBuilder::vectors_data()
{
    QTest::addColumn<int>("index");
    for (qsizetype i = 0; i < m_vectors.size(); ++i)
        QTest::newRow(qPrintable(m_vectors.at(i).id)) << int(i);
}

void TestUrlBuilder::vectors()
{
    QFETCH(int, index);
    const Vector &v = m_vectors.at(index);
    if (!v.why.isEmpty())
        qInfo("deliberate difference from the seed: %s", qPrintable(v.why));

    UrlBuilder builder;
    builder.setUrlEndpoint(v.client.find(u"url_endpoint")->toString());
    builder.setPrivateKey(v.client.find(u"private_key")->toString());
    if (const auto *position = v.client.find(u"transformation_position"))
        builder.setDefaultTransformationPosition(position->toString() == QLatin1String("query")
                                                     ? TransformationPosition::Query
                                                     : TransformationPosition::Path);
    FixedClock clock(v.fixedNow);
    if (v.fixedNow >= 0)
        builder.setClock(&clock);

    const UrlOptionsParseResult parsed = parseUrlOptions(v.options);
    if (v.expect == Expect::Error) {
        QString message = parsed.error;
        if (parsed.ok()) {
            const UrlResult result = builder.build(parsed.options);
            QVERIFY2(!result.ok(), qPrintable(QStringLiteral("expected an error, got URL ") + result.url));
            message = result.errorMessage;
        }
        QVERIFY2(message.contains(v.expected), qPrintable(message));
        return;
    }

    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    const UrlResult result = builder.build(parsed.options);
    QVERIFY2(result.ok(), qPrintable(result.errorMessage));
    const QString &url = result.url;

    // Always a valid URL, whatever the input.
    QVERIFY2(urlencoding::isUrlSafeAscii(url), qPrintable(url));
    QVERIFY2(QUrl(url, QUrl::StrictMode).isValid(), qPrintable(url));

    if (urlencoding::isUrlSafeAscii(v.expected)) {
        // Clean ASCII: byte-identical to the reference.
        QCOMPARE(url, v.expected);
    } else {
        // The reference printed characters raw that a URL may not contain: ours are
        // percent-encoded, the signature is identical and the decoded URLs are equal.
        QCOMPARE(percentDecoded(url), percentDecoded(v.expected));
        QCOMPARE(queryValue(url, QStringLiteral("ik-s")), queryValue(v.expected, QStringLiteral("ik-s")));
    }

    if (!v.stringToSign.isEmpty()) {
        // The signature is the HMAC of the recorded string to sign (computed here independently)...
        const QString privateKey = v.client.find(u"private_key")->toString();
        QCOMPARE(queryValue(url, QStringLiteral("ik-s")), hmacHex(privateKey, v.stringToSign));
        // ...and that string is exactly our URL's text after the endpoint, plus the expiry.
        const QString endpoint = v.options.find(u"url_endpoint") ? v.options.find(u"url_endpoint")->toString()
                                                                  : v.client.find(u"url_endpoint")->toString();
        const QString ikT = queryValue(url, QStringLiteral("ik-t"));
        const qint64 expiry = ikT.isEmpty() ? UrlSigner::kNeverExpires : ikT.toLongLong();
        QCOMPARE(UrlSigner::stringToSign(withoutSignature(url), endpoint, expiry), v.stringToSign);
    }
}

void TestUrlBuilder::signatureCases_data()
{
    QTest::addColumn<QString>("privateKey");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<qint64>("expiry");
    QTest::addColumn<QString>("stringToSign");
    QTest::addColumn<QString>("signature");
    for (const auto &entry : m_root.find(u"signature_cases")->items()) {
        QTest::newRow(qPrintable(entry.find(u"id")->toString()))
            << entry.find(u"private_key")->toString() << entry.find(u"url")->toString()
            << entry.find(u"url_endpoint")->toString() << entry.find(u"expiry_timestamp")->toInteger()
            << entry.find(u"string_to_sign")->toString() << entry.find(u"expected_signature")->toString();
    }
}

void TestUrlBuilder::signatureCases()
{
    QFETCH(QString, privateKey);
    QFETCH(QString, url);
    QFETCH(QString, endpoint);
    QFETCH(qint64, expiry);
    QFETCH(QString, stringToSign);
    QFETCH(QString, signature);
    // The URL as it appears in our output (encoded), then the seed's string-to-sign rule.
    const QString message = UrlSigner::stringToSign(urlencoding::percentEncodedUrl(url), endpoint, expiry);
    QCOMPARE(message, stringToSign);
    const UrlSigner signer(privateKey);
    QCOMPARE(signer.signature(message), signature);
    QCOMPARE(signer.signature(message), signature); // the reused HMAC state gives the same again
    // The builder's path: the same signature without building the string.
    QCOMPARE(QString::fromLatin1(signer.signatureHexForUrl(urlencoding::percentEncodedUrl(url), endpoint, expiry)), signature);
}

void TestUrlBuilder::encodeCases_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    for (const auto &entry : m_root.find(u"encode_string_if_required_cases")->items()) {
        QTest::newRow(qPrintable(entry.find(u"id")->toString()))
            << entry.find(u"input")->toString() << entry.find(u"expected")->toString();
    }
}

void TestUrlBuilder::encodeCases()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(urlencoding::percentEncodedUrl(input), expected);
    QCOMPARE(urlencoding::percentEncodedUrl(expected), expected); // idempotent
}

void TestUrlBuilder::expiringSignatureUsesTheSystemClock()
{
    // cases/test_url_signed_with_expire_in_seconds: only a pattern, because the clock is real.
    const OrderedJsonValue *entry = nullptr;
    for (const auto &c : m_root.find(u"cases")->items())
        if (c.find(u"id")->toString() == QLatin1String("test_url_signed_with_expire_in_seconds"))
            entry = &c;
    QVERIFY(entry);
    m_sectionsSeen.insert(QStringLiteral("cases"));
    UrlBuilder builder(QStringLiteral("https://test-domain.com/test-endpoint"), QStringLiteral("private_key_test"));
    const UrlOptionsParseResult parsed = parseUrlOptions(*entry->find(u"options"));
    QVERIFY(parsed.ok());
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    const UrlResult result = builder.build(parsed.options);
    const qint64 after = QDateTime::currentSecsSinceEpoch();
    QVERIFY(result.ok());
    const QRegularExpression pattern(entry->find(u"expected_url_pattern")->toString());
    QVERIFY2(pattern.match(result.url).hasMatch(), qPrintable(result.url));
    const qint64 expiry = queryValue(result.url, QStringLiteral("ik-t")).toLongLong();
    QVERIFY(expiry >= before + 100 && expiry <= after + 100);
    QCOMPARE(queryValue(result.url, QStringLiteral("ik-s")),
             hmacHex(QStringLiteral("private_key_test"), QStringLiteral("tr:w-400/default-image.jpg%1").arg(expiry)));
}

void TestUrlBuilder::everySectionIsCovered()
{
    // Each section of the vector file is exercised by one of the tests above.
    m_sectionsSeen.insert(QStringLiteral("signature_cases"));
    m_sectionsSeen.insert(QStringLiteral("encode_string_if_required_cases"));
    QVERIFY(!m_root.find(u"signature_cases")->items().isEmpty());
    QVERIFY(!m_root.find(u"encode_string_if_required_cases")->items().isEmpty());
    for (const auto &[key, value] : m_root.members()) {
        if (value.isArray() && key != QLatin1String("notes"))
            QVERIFY2(m_sectionsSeen.contains(key), qPrintable(key));
    }
    QVERIFY(m_sectionsSeen.contains(QStringLiteral("sdk_behavior_probes")));
}

void TestUrlBuilder::transformationTable()
{
    // Every name of the seed README's table, plus the 4.x effects, with its code.
    const QList<std::pair<const char *, const char *>> readme = {
        {"height", "h"}, {"width", "w"}, {"aspect_ratio", "ar"}, {"quality", "q"}, {"crop", "c"},
        {"crop_mode", "cm"}, {"x", "x"}, {"y", "y"}, {"focus", "fo"}, {"format", "f"}, {"radius", "r"},
        {"background", "bg"}, {"border", "b"}, {"rotation", "rt"}, {"blur", "bl"}, {"named", "n"},
        {"overlay_x", "ox"}, {"overlay_y", "oy"}, {"overlay_focus", "ofo"}, {"overlay_height", "oh"},
        {"overlay_width", "ow"}, {"overlay_image", "oi"}, {"overlay_image_trim", "oit"},
        {"overlay_image_aspect_ratio", "oiar"}, {"overlay_image_background", "oibg"},
        {"overlay_image_border", "oib"}, {"overlay_image_dpr", "oidpr"}, {"overlay_image_quality", "oiq"},
        {"overlay_image_cropping", "oic"}, {"overlay_image_focus", "oifo"}, {"overlay_text", "ot"},
        {"overlay_text_font_size", "ots"}, {"overlay_text_font_family", "otf"}, {"overlay_text_color", "otc"},
        {"overlay_text_transparency", "oa"}, {"overlay_alpha", "oa"}, {"overlay_text_typography", "ott"},
        {"overlay_background", "obg"}, {"overlay_text_encoded", "ote"}, {"overlay_text_width", "otw"},
        {"overlay_text_background", "otbg"}, {"overlay_text_padding", "otp"},
        {"overlay_text_inner_alignment", "otia"}, {"overlay_radius", "or"}, {"progressive", "pr"},
        {"lossless", "lo"}, {"trim", "t"}, {"metadata", "md"}, {"color_profile", "cp"},
        {"default_image", "di"}, {"dpr", "dpr"}, {"effect_sharpen", "e-sharpen"}, {"effect_usm", "e-usm"},
        {"effect_contrast", "e-contrast"}, {"effect_gray", "e-grayscale"}, {"effect_shadow", "e-shadow"},
        {"effect_gradient", "e-gradient"}, {"original", "orig"}, {"raw", "raw"},
    };
    QCOMPARE(qsizetype(transformParameters().size()), readme.size());
    QSet<QString> names;
    for (const auto &parameter : transformParameters()) {
        QVERIFY2(!names.contains(parameter.nameText()), parameter.name);
        names.insert(parameter.nameText());
        QVERIFY2(qstrlen(parameter.help) > 10, parameter.name);
        QCOMPARE(findTransformParameter(QString(parameter.nameText())), &parameter);
        if (parameter.valueType == TransformValueType::Choice)
            QVERIFY2(!parameter.allowedValueList().isEmpty(), parameter.name);
        QCOMPARE(parameter.legacyOverlay, QByteArray(parameter.name).startsWith("overlay_"));
    }
    for (const auto &[name, code] : readme) {
        const TransformParameter *parameter = findTransformParameter(QString::fromLatin1(name));
        QVERIFY2(parameter, name);
        QCOMPARE(parameter->codeText(), QLatin1String(code));
    }
    QVERIFY(!findTransformParameter(u"e-upscale"));
    QVERIFY(!findTransformParameter(u"Height")); // names are case-sensitive, as in the seed
}

void TestUrlBuilder::valuesFromTheCppApi()
{
    UrlBuilder builder(QStringLiteral("https://ik.imagekit.io/demo"), QString());
    UrlOptions options;
    options.path = QStringLiteral("a.jpg");
    options.transformation = {
        {{QStringLiteral("width"), UrlValue(qint64(300))}, {QStringLiteral("dpr"), UrlValue(0.5)},
         {QStringLiteral("quality"), UrlValue(80.0)}, {QStringLiteral("original"), UrlValue(false)},
         {QStringLiteral("x"), UrlValue(1e21)}, {QStringLiteral("y"), UrlValue(qint64(-7))}},
        {{QStringLiteral("raw"), UrlValue(QStringLiteral("l-text,i-Hi,l-end"))}},
        {{QStringLiteral("effect_sharpen"), UrlValue(QStringLiteral("-"))}, {QStringLiteral("e-upscale"), UrlValue(QStringLiteral("-"))},
         {QStringLiteral("default_image"), UrlValue(QStringLiteral("/a/b/c.jpg/"))}},
    };
    UrlResult result = builder.build(options);
    QVERIFY(result.ok());
    QCOMPARE(result.url, QStringLiteral("https://ik.imagekit.io/demo/tr:w-300,dpr-0.5,q-80,orig-false,x-1e+21,y--7"
                                        ":l-text,i-Hi,l-end:e-sharpen,e-upscale,di-a@@b@@c.jpg/a.jpg"));

    options.transformationPosition = TransformationPosition::Query;
    options.transformation = {{{QStringLiteral("width"), UrlValue(qint64(300))}}};
    options.queryParameters = {{QStringLiteral("v"), UrlValue(qint64(2))}, {QStringLiteral("ik-attachment"), UrlValue(QStringLiteral("TRUE"))}};
    result = builder.build(options);
    QVERIFY(result.ok());
    QCOMPARE(result.url, QStringLiteral("https://ik.imagekit.io/demo/a.jpg?v=2&ik-attachment=true&tr=w-300"));

    // The builder's default position applies when the options leave it unset.
    options.transformationPosition.reset();
    builder.setDefaultTransformationPosition(TransformationPosition::Query);
    QCOMPARE(builder.build(options).url, result.url);
}

void TestUrlBuilder::orderIsKept()
{
    // Keys in an order no sorted map would keep: the URL must follow the JSON text exactly.
    const UrlOptionsParseResult parsed = parseUrlOptions(QByteArrayView(
        R"({"transformation":[{"width":1,"height":2,"quality":3,"aspect_ratio":"4-3"},{"rotation":90,"blur":5}],)"
        R"("query_parameters":{"zeta":"1","alpha":"2","mid":"3"},"path":"/p.jpg","urlEndpoint":"https://e.io/x"})"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    const UrlResult result = UrlBuilder().build(parsed.options);
    QVERIFY(result.ok());
    QCOMPARE(result.url, QStringLiteral("https://e.io/x/tr:w-1,h-2,q-3,ar-4-3:rt-90,bl-5/p.jpg?zeta=1&alpha=2&mid=3"));
}

void TestUrlBuilder::outputIsAlwaysAValidUrl_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    const QString e = QStringLiteral("https://ik.imagekit.io/demo/");
    QTest::newRow("space") << QStringLiteral("/my photo.jpg") << e + QStringLiteral("my%20photo.jpg");
    QTest::newRow("hash") << QStringLiteral("/a#1.jpg") << e + QStringLiteral("a%231.jpg");
    QTest::newRow("stray percent") << QStringLiteral("/100%.jpg") << e + QStringLiteral("100%25.jpg");
    QTest::newRow("percent then one hex") << QStringLiteral("/a%2.jpg") << e + QStringLiteral("a%252.jpg");
    QTest::newRow("valid escape kept") << QStringLiteral("/a%2Fb.jpg") << e + QStringLiteral("a%2Fb.jpg");
    QTest::newRow("non-ASCII") << QStringLiteral("/café/ü.jpg") << e + QStringLiteral("caf%C3%A9/%C3%BC.jpg");
    QTest::newRow("emoji") << QStringLiteral("/😀.png") << e + QStringLiteral("%F0%9F%98%80.png");
    QTest::newRow("quotes and brackets") << QStringLiteral("/\"<a>\"{b}`.jpg") << e + QStringLiteral("%22%3Ca%3E%22%7Bb%7D%60.jpg");
    QTest::newRow("backslash and caret") << QStringLiteral("/a\\b^c.jpg") << e + QStringLiteral("a%5Cb%5Ec.jpg");
    QTest::newRow("sub-delims kept") << QStringLiteral("/a(1)!*'$,;=+@:&.jpg") << e + QStringLiteral("a(1)!*'$,;=+@:&.jpg");
    QTest::newRow("control character") << QStringLiteral("/a\tb.jpg") << e + QStringLiteral("a%09b.jpg");
    QTest::newRow("query in path re-encoded") << QStringLiteral("/a.jpg?x=a b&y=é#z")
                                              << e + QStringLiteral("a.jpg?x=a+b&y=%C3%A9%23z");
}

void TestUrlBuilder::outputIsAlwaysAValidUrl()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    UrlBuilder builder(QStringLiteral("https://ik.imagekit.io/demo"), QStringLiteral("key"));
    UrlOptions options;
    options.path = path;
    UrlResult result = builder.build(options);
    QVERIFY2(result.ok(), qPrintable(result.errorMessage));
    QCOMPARE(result.url, expected);
    QVERIFY(QUrl(result.url, QUrl::StrictMode).isValid());

    // Transformations in the path segment are encoded the same way (raw spaces in text overlays).
    options.transformation = {{{QStringLiteral("overlay_text"), UrlValue(QStringLiteral("two words #1"))}}};
    result = builder.build(options);
    QVERIFY(result.ok());
    QVERIFY2(result.url.contains(QLatin1String("/tr:ot-two%20words%20%231/")), qPrintable(result.url));
    QVERIFY(urlencoding::isUrlSafeAscii(result.url));
}

void TestUrlBuilder::signatureCoversTheEncodedText()
{
    UrlBuilder builder(QStringLiteral("https://ik.imagekit.io/demo/"), QStringLiteral("secret"));
    UrlOptions options;
    options.path = QStringLiteral("/dir with space/ä#1.jpg");
    options.sign = true;
    const UrlResult result = builder.build(options);
    QVERIFY(result.ok());
    const QString base = QStringLiteral("https://ik.imagekit.io/demo/dir%20with%20space/%C3%A4%231.jpg");
    QCOMPARE(result.url, base + QStringLiteral("?ik-s=") + hmacHex(QStringLiteral("secret"),
                                  QStringLiteral("dir%20with%20space/%C3%A4%231.jpg9999999999")));
}

void TestUrlBuilder::srcFragmentStaysLastAndUnsigned()
{
    UrlBuilder builder(QStringLiteral("https://ik.imagekit.io/demo"), QStringLiteral("secret"));
    UrlOptions options;
    options.src = QStringLiteral("https://ik.imagekit.io/demo/a.jpg?v=1#top part");
    options.transformation = {{{QStringLiteral("width"), UrlValue(qint64(10))}}};
    options.sign = true;
    const UrlResult result = builder.build(options);
    QVERIFY(result.ok());
    QCOMPARE(result.url, QStringLiteral("https://ik.imagekit.io/demo/a.jpg?v=1&tr=w-10&ik-s=")
                             + hmacHex(QStringLiteral("secret"), QStringLiteral("a.jpg?v=1&tr=w-109999999999"))
                             + QStringLiteral("#top%20part"));
}

void TestUrlBuilder::alreadySignedSrcIsResigned()
{
    // Re-signing a signed URL replaces ik-t/ik-s in place, as the seed's ordered dict does.
    FixedClock clock(1000);
    UrlBuilder builder(QStringLiteral("https://e.io/x"), QStringLiteral("k"));
    builder.setClock(&clock);
    UrlOptions options;
    options.src = QStringLiteral("https://e.io/x/a.jpg?ik-t=5&ik-s=old&v=1");
    options.sign = true;
    options.expireSeconds = 60;
    const UrlResult result = builder.build(options);
    QVERIFY(result.ok());
    QCOMPARE(result.url, QStringLiteral("https://e.io/x/a.jpg?ik-t=1060&ik-s=")
                             + hmacHex(QStringLiteral("k"), QStringLiteral("a.jpg?ik-t=5&ik-s=old&v=11060"))
                             + QStringLiteral("&v=1"));
}

void TestUrlBuilder::builderErrors()
{
    UrlBuilder builder;
    UrlOptions options;
    QCOMPARE(builder.build(options).error, UrlError::MissingPathAndSrc);
    options.path = QStringLiteral("//");
    QCOMPARE(builder.build(options).error, UrlError::MissingPathAndSrc);

    options.path = QStringLiteral("a.jpg");
    QCOMPARE(builder.build(options).error, UrlError::MissingUrlEndpoint);
    options.urlEndpoint = QStringLiteral("ik.imagekit.io/demo");
    UrlResult result = builder.build(options);
    QCOMPARE(result.error, UrlError::InvalidUrlEndpoint);
    QVERIFY2(result.errorMessage.contains(QLatin1String("https://")), qPrintable(result.errorMessage));
    options.urlEndpoint = QStringLiteral("https://ik.imagekit.io/demo?x=1");
    QCOMPARE(builder.build(options).error, UrlError::InvalidUrlEndpoint);
    options.urlEndpoint = QStringLiteral("https://bücher.example/demo");
    QCOMPARE(builder.build(options).error, UrlError::InvalidUrlEndpoint);
    options.urlEndpoint = QStringLiteral("https://ik.imagekit.io/demo");
    QVERIFY(builder.build(options).ok());

    options.sign = true;
    result = builder.build(options);
    QCOMPARE(result.error, UrlError::MissingPrivateKey);
    QVERIFY(result.url.isEmpty());
    builder.setPrivateKey(QStringLiteral("k"));
    QVERIFY(builder.build(options).ok());
    options.expireSeconds = -1;
    QCOMPARE(builder.build(options).error, UrlError::InvalidExpiry);

    options = UrlOptions();
    options.src = QStringLiteral("/relative/a.jpg");
    QCOMPARE(builder.build(options).error, UrlError::InvalidSrc);
    options.src = QStringLiteral("https:///a.jpg");
    QCOMPARE(builder.build(options).error, UrlError::InvalidSrc);
    options.src = QStringLiteral("1http://x.io/a.jpg");
    QCOMPARE(builder.build(options).error, UrlError::InvalidSrc);
}

void TestUrlBuilder::parserErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("not JSON") << QByteArray("path=/a.jpg") << QStringLiteral("invalid JSON");
    QTest::newRow("truncated") << QByteArray(R"({"path":"/a.jpg")") << QStringLiteral("invalid JSON");
    QTest::newRow("array") << QByteArray(R"(["path"])") << QStringLiteral("expected a JSON object");
    QTest::newRow("unknown option") << QByteArray(R"({"path":"/a","transfromation":[]})") << QStringLiteral("unknown option \"transfromation\"");
    QTest::newRow("path number") << QByteArray(R"({"path":5})") << QStringLiteral("\"path\" must be a string, not a number");
    QTest::newRow("position") << QByteArray(R"({"path":"/a","transformation_position":"fake"})") << QStringLiteral("Invalid transformationPosition parameter: \"fake\"");
    QTest::newRow("position type") << QByteArray(R"({"path":"/a","transformationPosition":1})") << QStringLiteral("Invalid transformationPosition parameter: a number");
    QTest::newRow("step not object") << QByteArray(R"({"path":"/a","transformation":["w-100"]})") << QStringLiteral("transformation[0] must be an object");
    QTest::newRow("nested value") << QByteArray(R"({"path":"/a","transformation":[{"w":[1]}]})") << QStringLiteral("transformation[0].w: an array");
    QTest::newRow("query not object") << QByteArray(R"({"path":"/a","query_parameters":"v=1"})") << QStringLiteral("\"query_parameters\" must be an object");
    QTest::newRow("query null value") << QByteArray(R"({"path":"/a","query_parameters":{"v":null}})") << QStringLiteral("query_parameters.v: null");
    QTest::newRow("signed string") << QByteArray(R"({"path":"/a","signed":"yes"})") << QStringLiteral("\"signed\" must be true or false");
    QTest::newRow("expire negative") << QByteArray(R"({"path":"/a","expire_seconds":-5})") << QStringLiteral("\"expire_seconds\" must be a whole number");
    QTest::newRow("expire fraction") << QByteArray(R"({"path":"/a","expire_seconds":1.5})") << QStringLiteral("\"expire_seconds\" must be a whole number");
    QTest::newRow("expire text") << QByteArray(R"({"path":"/a","expireSeconds":"60"})") << QStringLiteral("\"expire_seconds\" must be a whole number");
}

void TestUrlBuilder::parserErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    const UrlOptionsParseResult parsed = parseUrlOptions(json);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error.contains(message), qPrintable(parsed.error));
}

void TestUrlBuilder::encoderDetails()
{
    QString out;
    urlencoding::appendFormEncoded(out, QStringLiteral("a b+c&d=e/é~_.-*"));
    QCOMPARE(out, QStringLiteral("a+b%2Bc%26d%3De%2F%C3%A9~_.-%2A"));
    QCOMPARE(urlencoding::formDecoded(out), QStringLiteral("a b+c&d=e/é~_.-*"));
    QCOMPARE(urlencoding::formDecoded(u"100%"), QStringLiteral("100%"));
    QCOMPARE(urlencoding::formDecoded(u"%zz%4"), QStringLiteral("%zz%4"));
    QCOMPARE(urlencoding::formDecoded(u"%FF"), QString(QChar(0xFFFD))); // invalid UTF-8
    out.clear();
    urlencoding::appendPathEncoded(out, QStringView(u"a\xD800" "b")); // lone surrogate
    QCOMPARE(out, QStringLiteral("a%EF%BF%BDb"));
    QVERIFY(!urlencoding::isUrlSafeAscii(u"a b"));
    QVERIFY(!urlencoding::isUrlSafeAscii(u"100%"));
    QVERIFY(urlencoding::isUrlSafeAscii(u"https://a.io/x%20y?q=1&r=a+b"));
}

QTEST_GUILESS_MAIN(TestUrlBuilder)
#include "tst_urlbuilder.moc"
