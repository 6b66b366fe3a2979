// The builder's document <-> URL: every parameter of the table (and of both layer tables) is
// built into an exact URL and parsed back into the same document, in both positions; chains,
// layers, options, signatures, src URLs and malformed URLs.
#include "transform/transformationdocument.h"
#include "transform/transformationurlparser.h"
#include "url/transformparameters.h"
#include "url/urlbuilder.h"
#include "util/clock.h"

#include <QSet>

#include <cmath>
#include <QTest>
#include <QUrl>

using namespace ik;

namespace {

const QString kEndpoint = QStringLiteral("https://ik.imagekit.io/demo");
const QString kPrivateKey = QStringLiteral("private_key_test");
constexpr qint64 kNow = 1700000000;

// Valid values of an entry, derived from its type, range and allowed values (not a hand-written
// list per parameter): a new entry or type without a generator leaves this empty and fails.
QStringList validValues(const TransformParameter &parameter)
{
    QStringList values;
    const auto number = [](double n) { return QString::number(n); };
    switch (parameter.valueType) {
    case TransformValueType::Dimension:
        values << QStringLiteral("300") << QStringLiteral("0.5") << QStringLiteral("ih_div_2");
        break;
    case TransformValueType::Integer:
    case TransformValueType::Number:
        if (parameter.hasRange()) {
            values << number(parameter.minimum);
            if (parameter.maximum > parameter.minimum)
                values << number(parameter.maximum) << number(std::floor((parameter.minimum + parameter.maximum) / 2));
        } else {
            values << QStringLiteral("10");
        }
        break;
    case TransformValueType::Boolean:
        values << QStringLiteral("true") << QStringLiteral("false");
        break;
    case TransformValueType::Choice:
        break; // the allowed values below
    case TransformValueType::Color:
        values << QStringLiteral("FF0000") << QStringLiteral("AAFF0010");
        break;
    case TransformValueType::Path:
        values << QStringLiteral("/folder/sub/image.jpg") << QStringLiteral("/top.png");
        break;
    case TransformValueType::Text:
        values << QStringLiteral("10_20");
        break;
    case TransformValueType::FlagOrValue:
        values << QStringLiteral("-") << QStringLiteral("10");
        break;
    case TransformValueType::Raw:
        break; // not a parameter: TransformationStepSpec::raw (tested on its own)
    }
    values << parameter.allowedValueList();
    values.removeDuplicates();
    return values;
}

// code-value as it must appear in the tr text (not URL-encoded): bare code for "-", library
// paths without their leading '/' and with '@@' for '/'.
QString expectedToken(const TransformParameter &parameter, const QString &value)
{
    if (value == QLatin1String("-"))
        return parameter.codeText();
    QString text = value;
    if (parameter.valueType == TransformValueType::Path) {
        text = text.mid(1);
        text.replace(QLatin1Char('/'), QLatin1String("@@"));
    }
    return parameter.codeText() + QLatin1Char('-') + text;
}

QString queryEncoded(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

QString buildUrl(const TransformationDocument &document, const Clock *clock = nullptr)
{
    UrlBuilder builder(kEndpoint, kPrivateKey);
    builder.setClock(clock);
    const UrlResult result = builder.build(document.toUrlOptions());
    if (!result.ok())
        qWarning() << result.errorMessage;
    return result.url;
}

TransformationDocument documentWith(const QList<TransformationStepSpec> &steps,
                                    TransformationPosition position = TransformationPosition::Path)
{
    TransformationDocument document;
    document.path = QStringLiteral("/folder/image.jpg");
    document.steps = steps;
    document.position = position;
    return document;
}

TransformationStepSpec stepWith(const TransformCodeValues &parameters)
{
    TransformationStepSpec step;
    step.parameters = parameters;
    return step;
}

QString describe(const TransformationDocument &document)
{
    QStringList steps;
    for (const auto &step : document.steps) {
        QStringList parts;
        for (const auto &[code, value] : step.parameters)
            parts << code + QLatin1Char('=') + value;
        for (const auto &layer : step.layers) {
            QStringList layerParts;
            for (const auto &[code, value] : layer.parameters)
                layerParts << code + QLatin1Char('=') + value;
            parts << QStringLiteral("layer[%1 %2 %3]")
                         .arg(layer.kind == LayerSpec::Kind::Text ? QStringLiteral("text") : QStringLiteral("image"),
                              layer.input, layerParts.join(QLatin1Char(' ')));
        }
        if (!step.raw.isEmpty())
            parts << QStringLiteral("raw=") + step.raw;
        steps << (step.enabled ? QString() : QStringLiteral("(off)")) + parts.join(QLatin1Char(','));
    }
    QStringList query;
    for (const auto &[key, value] : document.queryParameters)
        query << key + QLatin1Char('=') + value;
    return QStringLiteral("path=%1 src=%2 steps=[%3] pos=%4 query=[%5] sign=%6 expire=%7")
        .arg(document.path, document.src, steps.join(QLatin1String(" : ")))
        .arg(document.position == TransformationPosition::Path ? QStringLiteral("path") : QStringLiteral("query"),
             query.join(QLatin1Char('&')))
        .arg(document.sign)
        .arg(document.expireSeconds);
}

// Parses `url` and compares with `expected`, printing both documents on a mismatch.
bool parsesBackTo(const QString &url, const TransformationDocument &expected, const Clock &clock, QString &why)
{
    const TransformationUrlParse parsed = parseTransformationUrl(url, kEndpoint, clock);
    if (!parsed.ok()) {
        why = QStringLiteral("%1 did not parse: %2").arg(url, parsed.errorMessage);
        return false;
    }
    if (!(parsed.document == expected)) {
        why = QStringLiteral("%1\n   parsed: %2\n expected: %3").arg(url, describe(parsed.document), describe(expected));
        return false;
    }
    return true;
}

#define VERIFY_ROUND_TRIP(url, document, clock)                                     \
    do {                                                                            \
        QString why_;                                                               \
        QVERIFY2(parsesBackTo((url), (document), (clock), why_), qPrintable(why_)); \
    } while (false)

} // namespace

class TestTransformUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void codesDoubleAsNames();
    void everyParameterRoundTrips();
    void everyLayerParameterRoundTrips();
    void rawStep();
    void chains();
    void disabledAndEmptyStepsLeaveTheUrl();
    void textLayers();
    void imageLayers();
    void queryPositionAndExtraParameters();
    void signedWithExpiry();
    void signedWithoutExpiry();
    void expiredSignature();
    void srcUrls();
    void encodedPaths();
    void rawPassThrough();
    void otherLayersStayRaw();
    void malformedUrls_data();
    void malformedUrls();
    void warnings();
    void chainText();
    void fontFilesInLayers();
    void problems();
};

void TestTransformUrl::codesDoubleAsNames()
{
    // toUrlOptions() passes codes where UrlBuilder expects names: that only works while no code
    // is the name of another entry.
    for (const auto &parameter : transformParameters()) {
        const TransformParameter *byName = findTransformParameter(QString(parameter.codeText()));
        if (byName)
            QCOMPARE(byName->codeText(), parameter.codeText());
        const TransformParameter *byCode = findTransformParameterByCode(QString(parameter.codeText()));
        QVERIFY2(byCode, parameter.code);
        QCOMPARE(byCode->codeText(), parameter.codeText());
    }
    // The one shared code reads back as overlay_alpha (documented).
    QCOMPARE(findTransformParameterByCode(u"oa")->nameText(), QLatin1String("overlay_alpha"));
    QVERIFY(!findTransformParameterByCode(u"height"));
    QVERIFY(!findTransformParameterByCode(u"e-upscale"));

    for (const auto table : {textLayerParameters(), imageLayerParameters()}) {
        QVERIFY(table.size() >= 10);
        QSet<QString> codes;
        for (const auto &parameter : table) {
            QVERIFY2(!codes.contains(parameter.codeText()), parameter.code);
            codes.insert(parameter.codeText());
            QVERIFY2(qstrlen(parameter.help) > 10, parameter.code);
            QVERIFY(!parameter.legacyOverlay);
            if (parameter.valueType == TransformValueType::Choice)
                QVERIFY2(!parameter.allowedValueList().isEmpty(), parameter.code);
        }
        for (const char *position : {"lx", "ly", "lfo"})
            QVERIFY2(codes.contains(QLatin1String(position)), position);
    }
    for (const char *code : {"fs", "ff", "co", "bg", "pa", "tg", "al", "w", "ia", "r", "rt"})
        QVERIFY2(findTextLayerParameter(QString::fromLatin1(code)), code);
    for (const char *code : {"w", "h", "c", "fo", "r", "bl"})
        QVERIFY2(findImageLayerParameter(QString::fromLatin1(code)), code);
    QVERIFY(!findTextLayerParameter(u"h"));
}

void TestTransformUrl::everyParameterRoundTrips()
{
    const FixedClock clock(kNow);
    int covered = 0;
    for (const auto &parameter : transformParameters()) {
        if (parameter.valueType == TransformValueType::Raw)
            continue;
        const QStringList values = validValues(parameter);
        QVERIFY2(!values.isEmpty(), parameter.name);
        for (const QString &value : values) {
            const TransformationDocument path = documentWith({stepWith({{parameter.codeText(), value}})});
            const QString token = expectedToken(parameter, value);
            QCOMPARE(buildUrl(path), QStringLiteral("%1/tr:%2/folder/image.jpg").arg(kEndpoint, token));
            VERIFY_ROUND_TRIP(buildUrl(path), path, clock);

            const TransformationDocument query = documentWith({stepWith({{parameter.codeText(), value}})}, TransformationPosition::Query);
            QCOMPARE(buildUrl(query), QStringLiteral("%1/folder/image.jpg?tr=%2").arg(kEndpoint, queryEncoded(token)));
            VERIFY_ROUND_TRIP(buildUrl(query), query, clock);
            ++covered;
        }
    }
    QVERIFY(covered > int(transformParameters().size()));

    // All parameters of the table in one step, in table order (minus the shared "oa" twin).
    TransformationStepSpec all;
    QSet<QString> codes;
    for (const auto &parameter : transformParameters()) {
        if (parameter.valueType == TransformValueType::Raw || codes.contains(parameter.codeText()))
            continue;
        codes.insert(parameter.codeText());
        all.parameters.append({parameter.codeText(), validValues(parameter).constLast()});
    }
    VERIFY_ROUND_TRIP(buildUrl(documentWith({all})), documentWith({all}), clock);
    VERIFY_ROUND_TRIP(buildUrl(documentWith({all}, TransformationPosition::Query)), documentWith({all}, TransformationPosition::Query), clock);
}

void TestTransformUrl::everyLayerParameterRoundTrips()
{
    const FixedClock clock(kNow);
    for (const auto kind : {LayerSpec::Kind::Text, LayerSpec::Kind::Image}) {
        const bool text = kind == LayerSpec::Kind::Text;
        const auto table = text ? textLayerParameters() : imageLayerParameters();
        for (const auto &parameter : table) {
            const QStringList values = validValues(parameter);
            QVERIFY2(!values.isEmpty(), parameter.name);
            for (const QString &value : values) {
                LayerSpec layer;
                layer.kind = kind;
                layer.input = text ? QStringLiteral("Hello") : QStringLiteral("/logos/logo.png");
                layer.parameters = {{parameter.codeText(), value}};
                TransformationStepSpec step;
                step.layers = {layer};
                const QString token = expectedToken(parameter, value);
                const QString layerText = text ? QStringLiteral("l-text,i-Hello,%1,l-end").arg(token)
                                               : QStringLiteral("l-image,i-logos@@logo.png,%1,l-end").arg(token);
                const TransformationDocument path = documentWith({step});
                QCOMPARE(buildUrl(path), QStringLiteral("%1/tr:%2/folder/image.jpg").arg(kEndpoint, layerText));
                VERIFY_ROUND_TRIP(buildUrl(path), path, clock);
                const TransformationDocument query = documentWith({step}, TransformationPosition::Query);
                QCOMPARE(buildUrl(query), QStringLiteral("%1/folder/image.jpg?tr=%2").arg(kEndpoint, queryEncoded(layerText)));
                VERIFY_ROUND_TRIP(buildUrl(query), query, clock);
            }
        }
    }
}

void TestTransformUrl::rawStep()
{
    const FixedClock clock(kNow);
    TransformationStepSpec step;
    step.raw = QStringLiteral("e-upscale,cr-FF0000");
    const TransformationDocument document = documentWith({step});
    QCOMPARE(buildUrl(document), kEndpoint + QStringLiteral("/tr:e-upscale,cr-FF0000/folder/image.jpg"));
    VERIFY_ROUND_TRIP(buildUrl(document), document, clock);
}

void TestTransformUrl::chains()
{
    const FixedClock clock(kNow);
    const TransformationDocument document = documentWith({
        stepWith({{QStringLiteral("w"), QStringLiteral("300")}, {QStringLiteral("h"), QStringLiteral("200")}, {QStringLiteral("c"), QStringLiteral("force")}}),
        stepWith({{QStringLiteral("rt"), QStringLiteral("90")}}),
        stepWith({{QStringLiteral("e-grayscale"), QStringLiteral("-")}, {QStringLiteral("q"), QStringLiteral("80")}}),
    });
    const QString url = buildUrl(document);
    QCOMPARE(url, kEndpoint + QStringLiteral("/tr:w-300,h-200,c-force:rt-90:e-grayscale,q-80/folder/image.jpg"));
    VERIFY_ROUND_TRIP(url, document, clock);

    // A URL typed by hand parses into the same steps.
    const TransformationUrlParse parsed = parseTransformationUrl(
        QStringLiteral("https://ik.imagekit.io/demo/tr:w-300,h-200:rt-90/default-image.jpg"), kEndpoint + QLatin1Char('/'), clock);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage));
    QCOMPARE(parsed.document.path, QStringLiteral("/default-image.jpg"));
    QCOMPARE(parsed.document.steps.size(), 2);
    QCOMPARE(parsed.document.steps.at(0).parameters,
             (TransformCodeValues{{QStringLiteral("w"), QStringLiteral("300")}, {QStringLiteral("h"), QStringLiteral("200")}}));
    QCOMPARE(parsed.document.steps.at(1).parameters, (TransformCodeValues{{QStringLiteral("rt"), QStringLiteral("90")}}));
    QCOMPARE(parsed.document.position, TransformationPosition::Path);
    QVERIFY(!parsed.document.sign);
}

void TestTransformUrl::disabledAndEmptyStepsLeaveTheUrl()
{
    const FixedClock clock(kNow);
    TransformationStepSpec off = stepWith({{QStringLiteral("bl"), QStringLiteral("10")}});
    off.enabled = false;
    TransformationDocument document = documentWith({stepWith({{QStringLiteral("w"), QStringLiteral("300")}}), off,
                                                    TransformationStepSpec(), stepWith({{QStringLiteral("rt"), QStringLiteral("90")}})});
    const QString url = buildUrl(document);
    QCOMPARE(url, kEndpoint + QStringLiteral("/tr:w-300:rt-90/folder/image.jpg"));
    QCOMPARE(document.effectiveSteps().size(), 2);
    const TransformationDocument visible = documentWith(document.effectiveSteps());
    VERIFY_ROUND_TRIP(url, visible, clock);

    // Only disabled steps: no tr at all.
    document.steps = {off};
    QCOMPARE(buildUrl(document), kEndpoint + QStringLiteral("/folder/image.jpg"));
    VERIFY_ROUND_TRIP(buildUrl(document), documentWith({}), clock);
}

void TestTransformUrl::textLayers()
{
    const FixedClock clock(kNow);
    LayerSpec plain;
    plain.input = QStringLiteral("Hello World");
    plain.parameters = {{QStringLiteral("fs"), QStringLiteral("40")}, {QStringLiteral("co"), QStringLiteral("FFFFFF")},
                        {QStringLiteral("lx"), QStringLiteral("10")}};
    TransformationStepSpec step = stepWith({{QStringLiteral("w"), QStringLiteral("400")}});
    step.layers = {plain};
    TransformationDocument document = documentWith({step});
    QCOMPARE(layerText(plain), QStringLiteral("l-text,i-Hello World,fs-40,co-FFFFFF,lx-10,l-end"));
    QCOMPARE(buildUrl(document), kEndpoint + QStringLiteral("/tr:w-400,l-text,i-Hello%20World,fs-40,co-FFFFFF,lx-10,l-end/folder/image.jpg"));
    VERIFY_ROUND_TRIP(buildUrl(document), document, clock);
    document.position = TransformationPosition::Query;
    VERIFY_ROUND_TRIP(buildUrl(document), document, clock);

    // Text that would break the URL's structure (',' ':' '/' '%' '?', non-ASCII) goes as base64
    // whose '+', '/' and '=' are escaped.
    const QStringList unsafeTexts = {QStringLiteral("Hello, World: 50% off/now?"), QStringLiteral("Grüße ✓ ~>>>"),
                                     QStringLiteral("a+b=c"), QStringLiteral("#1 & \"quotes\"")};
    for (const QString &text : unsafeTexts) {
        QVERIFY(!isPlainLayerInput(text));
        LayerSpec unsafe;
        unsafe.input = text;
        unsafe.parameters = {{QStringLiteral("fs"), QStringLiteral("20")}};
        QString base64 = QString::fromLatin1(text.toUtf8().toBase64());
        base64.replace(QLatin1String("+"), QLatin1String("%2B")).replace(QLatin1String("/"), QLatin1String("%2F")).replace(QLatin1String("="), QLatin1String("%3D"));
        QCOMPARE(layerText(unsafe), QStringLiteral("l-text,ie-%1,fs-20,l-end").arg(base64));
        TransformationStepSpec layerStep;
        layerStep.layers = {unsafe, plain};
        for (const auto position : {TransformationPosition::Path, TransformationPosition::Query}) {
            document = documentWith({layerStep}, position);
            const QString url = buildUrl(document);
            QVERIFY2(url.contains(QStringLiteral("ie-")), qPrintable(url));
            QVERIFY2(QUrl(url, QUrl::StrictMode).isValid(), qPrintable(url));
            VERIFY_ROUND_TRIP(url, document, clock);
        }
    }
}

void TestTransformUrl::imageLayers()
{
    const FixedClock clock(kNow);
    LayerSpec logo;
    logo.kind = LayerSpec::Kind::Image;
    logo.input = QStringLiteral("/brand/logos/2024/logo-dark.png");
    logo.parameters = {{QStringLiteral("w"), QStringLiteral("bw_mul_0.2")}, {QStringLiteral("lfo"), QStringLiteral("bottom_right")},
                       {QStringLiteral("e-grayscale"), QStringLiteral("-")}};
    QCOMPARE(layerText(logo), QStringLiteral("l-image,i-brand@@logos@@2024@@logo-dark.png,w-bw_mul_0.2,lfo-bottom_right,e-grayscale,l-end"));
    TransformationStepSpec step;
    step.layers = {logo};
    for (const auto position : {TransformationPosition::Path, TransformationPosition::Query})
        VERIFY_ROUND_TRIP(buildUrl(documentWith({step}, position)), documentWith({step}, position), clock);

    // A path with characters outside [A-Za-z0-9 ._-/] goes as base64 of the path.
    logo.input = QStringLiteral("/brand/logo (1)+ü.png");
    QCOMPARE(layerText(logo).left(15), QStringLiteral("l-image,ie-YnJh"));
    step.layers = {logo};
    for (const auto position : {TransformationPosition::Path, TransformationPosition::Query})
        VERIFY_ROUND_TRIP(buildUrl(documentWith({step}, position)), documentWith({step}, position), clock);

    // Two layers and parameters in one step, then another step.
    LayerSpec caption;
    caption.input = QStringLiteral("Summer sale");
    step = stepWith({{QStringLiteral("w"), QStringLiteral("600")}});
    step.layers = {logo, caption};
    const TransformationDocument document = documentWith({step, stepWith({{QStringLiteral("f"), QStringLiteral("webp")}})});
    VERIFY_ROUND_TRIP(buildUrl(document), document, clock);
}

void TestTransformUrl::queryPositionAndExtraParameters()
{
    const FixedClock clock(kNow);
    TransformationDocument document = documentWith({stepWith({{QStringLiteral("w"), QStringLiteral("300")}}),
                                                    stepWith({{QStringLiteral("rt"), QStringLiteral("90")}})},
                                                   TransformationPosition::Query);
    document.queryParameters = {{QStringLiteral("v"), QStringLiteral("2")}, {QStringLiteral("utm source"), QStringLiteral("a b&c=d")},
                                {QStringLiteral("ik-attachment"), QStringLiteral("true")}};
    const QString url = buildUrl(document);
    QCOMPARE(url, kEndpoint + QStringLiteral("/folder/image.jpg?v=2&utm+source=a+b%26c%3Dd&ik-attachment=true&tr=w-300%3Art-90"));
    VERIFY_ROUND_TRIP(url, document, clock);

    document.position = TransformationPosition::Path;
    QCOMPARE(buildUrl(document), kEndpoint + QStringLiteral("/tr:w-300:rt-90/folder/image.jpg?v=2&utm+source=a+b%26c%3Dd&ik-attachment=true"));
    VERIFY_ROUND_TRIP(buildUrl(document), document, clock);

    // ik-sdk-version is an SDK's signature, not the user's: dropped.
    const TransformationUrlParse parsed = parseTransformationUrl(
        kEndpoint + QStringLiteral("/a.jpg?ik-sdk-version=python-4.2.0&tr=w-100&v=1"), kEndpoint, clock);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.document.queryParameters, (QList<std::pair<QString, QString>>{{QStringLiteral("v"), QStringLiteral("1")}}));
    QCOMPARE(parsed.document.position, TransformationPosition::Query);
}

void TestTransformUrl::signedWithExpiry()
{
    const FixedClock clock(kNow);
    TransformationDocument document = documentWith({stepWith({{QStringLiteral("w"), QStringLiteral("300")}})});
    document.sign = true;
    document.expireSeconds = 300;
    const QString url = buildUrl(document, &clock);
    QVERIFY2(url.startsWith(kEndpoint + QStringLiteral("/tr:w-300/folder/image.jpg?ik-t=1700000300&ik-s=")), qPrintable(url));
    VERIFY_ROUND_TRIP(url, document, clock);

    // Later, the same URL has less time left.
    const FixedClock later(kNow + 100);
    const TransformationUrlParse parsed = parseTransformationUrl(url, kEndpoint, later);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.document.expireSeconds, 200);
    QVERIFY(parsed.warnings.isEmpty());

    document.position = TransformationPosition::Query;
    document.queryParameters = {{QStringLiteral("v"), QStringLiteral("3")}};
    VERIFY_ROUND_TRIP(buildUrl(document, &clock), document, clock);
}

void TestTransformUrl::signedWithoutExpiry()
{
    const FixedClock clock(kNow);
    TransformationDocument document = documentWith({stepWith({{QStringLiteral("h"), QStringLiteral("100")}})});
    document.sign = true;
    const QString url = buildUrl(document, &clock);
    QVERIFY(url.contains(QStringLiteral("?ik-s=")));
    QVERIFY(!url.contains(QStringLiteral("ik-t=")));
    VERIFY_ROUND_TRIP(url, document, clock);
}

void TestTransformUrl::expiredSignature()
{
    const FixedClock clock(kNow);
    TransformationDocument document = documentWith({stepWith({{QStringLiteral("h"), QStringLiteral("100")}})});
    document.sign = true;
    document.expireSeconds = 60;
    const QString url = buildUrl(document, &clock);
    const FixedClock muchLater(kNow + 3600);
    const TransformationUrlParse parsed = parseTransformationUrl(url, kEndpoint, muchLater);
    QVERIFY(parsed.ok());
    QVERIFY(parsed.document.sign);
    QVERIFY(parsed.document.expireSeconds > 0); // signed again with a fresh expiry
    QCOMPARE(parsed.warnings.size(), 1);
    QVERIFY2(parsed.warnings.first().contains(QStringLiteral("expired")), qPrintable(parsed.warnings.first()));
}

void TestTransformUrl::srcUrls()
{
    const FixedClock clock(kNow);
    TransformationDocument document;
    document.src = QStringLiteral("https://cdn.example.com/photos/cat.jpg");
    document.position = TransformationPosition::Query;
    document.steps = {stepWith({{QStringLiteral("w"), QStringLiteral("300")}}), stepWith({{QStringLiteral("f"), QStringLiteral("avif")}})};
    QCOMPARE(buildUrl(document), QStringLiteral("https://cdn.example.com/photos/cat.jpg?tr=w-300%3Af-avif"));
    VERIFY_ROUND_TRIP(buildUrl(document), document, clock);

    document.queryParameters = {{QStringLiteral("v"), QStringLiteral("1")}};
    document.sign = true;
    document.expireSeconds = 600;
    VERIFY_ROUND_TRIP(buildUrl(document, &clock), document, clock);

    // The endpoint's own URL with ?tr= is a path document, not a src one.
    const TransformationUrlParse own = parseTransformationUrl(kEndpoint + QStringLiteral("/cat.jpg?tr=w-300"), kEndpoint, clock);
    QVERIFY(own.ok());
    QCOMPARE(own.document.path, QStringLiteral("/cat.jpg"));
    QVERIFY(own.document.src.isEmpty());
}

void TestTransformUrl::encodedPaths()
{
    const FixedClock clock(kNow);
    TransformationDocument document = documentWith({stepWith({{QStringLiteral("w"), QStringLiteral("300")}})});
    document.path = QStringLiteral("/my photos/Grüße 100%.jpg");
    const QString url = buildUrl(document);
    QCOMPARE(url, kEndpoint + QStringLiteral("/tr:w-300/my%20photos/Gr%C3%BC%C3%9Fe%20100%25.jpg"));
    VERIFY_ROUND_TRIP(url, document, clock);
    document.position = TransformationPosition::Query;
    VERIFY_ROUND_TRIP(buildUrl(document), document, clock);

    // Values with spaces and '%' survive the path encoding too.
    document = documentWith({stepWith({{QStringLiteral("n"), QStringLiteral("my named 50%")}})});
    VERIFY_ROUND_TRIP(buildUrl(document), document, clock);
}

void TestTransformUrl::rawPassThrough()
{
    const FixedClock clock(kNow);
    // Codes outside the table go to raw as written; a conditional block keeps its order even
    // though it holds table codes.
    const QString url = kEndpoint + QStringLiteral("/tr:w-300,e-upscale,if-ar_gt_1,w-200,if-else,w-100,if-end,q-80:e-bgremove/a.jpg");
    const TransformationUrlParse parsed = parseTransformationUrl(url, kEndpoint, clock);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage));
    QCOMPARE(parsed.document.steps.size(), 2);
    QCOMPARE(parsed.document.steps.at(0).parameters,
             (TransformCodeValues{{QStringLiteral("w"), QStringLiteral("300")}, {QStringLiteral("q"), QStringLiteral("80")}}));
    QCOMPARE(parsed.document.steps.at(0).raw, QStringLiteral("e-upscale,if-ar_gt_1,w-200,if-else,w-100,if-end"));
    QCOMPARE(parsed.document.steps.at(1).raw, QStringLiteral("e-bgremove"));
    QCOMPARE(buildUrl(parsed.document),
             kEndpoint + QStringLiteral("/tr:w-300,q-80,e-upscale,if-ar_gt_1,w-200,if-else,w-100,if-end:e-bgremove/a.jpg"));
}

void TestTransformUrl::otherLayersStayRaw()
{
    const FixedClock clock(kNow);
    const QString url = kEndpoint + QStringLiteral("/tr:l-video,i-clip.mp4,lso-2,l-end,l-image,i-a.png,l-text,i-Hi,l-end,l-end,w-10/a.jpg");
    const TransformationUrlParse parsed = parseTransformationUrl(url, kEndpoint, clock);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage));
    QCOMPARE(parsed.document.steps.size(), 1);
    const TransformationStepSpec &step = parsed.document.steps.first();
    QVERIFY(step.layers.isEmpty());
    QCOMPARE(step.raw, QStringLiteral("l-video,i-clip.mp4,lso-2,l-end,l-image,i-a.png,l-text,i-Hi,l-end,l-end"));
    QCOMPARE(step.parameters, (TransformCodeValues{{QStringLiteral("w"), QStringLiteral("10")}}));
    QVERIFY2(parsed.warnings.join(QLatin1Char(' ')).contains(QStringLiteral("layer inside a layer")), qPrintable(parsed.warnings.join(QLatin1Char(' '))));

    // A layer left open closes at the end of its step (as ImageKit and the emulator read it).
    const TransformationUrlParse open = parseTransformationUrl(kEndpoint + QStringLiteral("/tr:l-text,i-Hi,fs-20:w-5/a.jpg"), kEndpoint, clock);
    QVERIFY(open.ok());
    QCOMPARE(open.document.steps.first().layers.size(), 1);
    QCOMPARE(open.document.steps.first().layers.first().parameters, (TransformCodeValues{{QStringLiteral("fs"), QStringLiteral("20")}}));
    QCOMPARE(open.warnings.size(), 1);
}

void TestTransformUrl::malformedUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("messagePart");
    const auto row = [](const char *name, const QString &url, TransformationUrlError error, const char *part) {
        QTest::newRow(name) << url << int(error) << QString::fromLatin1(part);
    };
    row("empty", QStringLiteral("   "), TransformationUrlError::Empty, "Paste");
    row("words", QStringLiteral("not a url"), TransformationUrlError::NotAUrl, "https://");
    row("ftp", QStringLiteral("ftp://ik.imagekit.io/demo/a.jpg"), TransformationUrlError::NotAUrl, "https://");
    row("scheme only", QStringLiteral("https://"), TransformationUrlError::NotAUrl, "https://");
    row("other site", QStringLiteral("https://example.com/a.jpg"), TransformationUrlError::OtherEndpoint, "https://ik.imagekit.io/demo");
    row("other account", QStringLiteral("https://ik.imagekit.io/other/tr:w-10/a.jpg"), TransformationUrlError::OtherEndpoint, "not under");
    row("endpoint only", kEndpoint, TransformationUrlError::MissingPath, "no file path");
    row("tr without file", kEndpoint + QStringLiteral("/tr:w-300/"), TransformationUrlError::MissingPath, "no file path");
    row("empty parameter", kEndpoint + QStringLiteral("/tr:w-300,,h-200/a.jpg"), TransformationUrlError::MalformedTransformation, "empty parameter");
    row("trailing comma", kEndpoint + QStringLiteral("/a.jpg?tr=w-300,"), TransformationUrlError::MalformedTransformation, "empty parameter");
    row("no code", kEndpoint + QStringLiteral("/tr:-300/a.jpg"), TransformationUrlError::MalformedTransformation, "without a code");
    row("lone l-end", kEndpoint + QStringLiteral("/tr:w-1,l-end/a.jpg"), TransformationUrlError::MalformedTransformation, "l-end");
    row("twice", kEndpoint + QStringLiteral("/tr:w-1/a.jpg?tr=h-2"), TransformationUrlError::TransformationTwice, "both");
}

void TestTransformUrl::malformedUrls()
{
    QFETCH(QString, url);
    QFETCH(int, error);
    QFETCH(QString, messagePart);
    const FixedClock clock(kNow);
    const TransformationUrlParse parsed = parseTransformationUrl(url, kEndpoint, clock);
    QVERIFY(!parsed.ok());
    QCOMPARE(int(parsed.error), error);
    QVERIFY2(parsed.errorMessage.contains(messagePart), qPrintable(parsed.errorMessage));
}

void TestTransformUrl::warnings()
{
    const FixedClock clock(kNow);
    const TransformationUrlParse parsed = parseTransformationUrl(kEndpoint + QStringLiteral("/a.jpg?tr=w-1#section"), kEndpoint, clock);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.warnings.size(), 1);
    QVERIFY(parsed.warnings.first().contains(QStringLiteral("section")));

    // A layer's ie- that is not base64 stays raw (nothing lost) with a warning.
    const TransformationUrlParse bad = parseTransformationUrl(kEndpoint + QStringLiteral("/tr:l-text,ie-***,l-end/a.jpg"), kEndpoint, clock);
    QVERIFY(bad.ok());
    QCOMPARE(bad.document.steps.first().raw, QStringLiteral("l-text,ie-***,l-end"));
    QCOMPARE(bad.warnings.size(), 1);
}

void TestTransformUrl::chainText()
{
    LayerSpec layer;
    layer.input = QStringLiteral("Hi");
    TransformationStepSpec first = stepWith({{QStringLiteral("di"), QStringLiteral("/fallback/img.jpg")}});
    first.layers = {layer};
    first.raw = QStringLiteral("e-upscale");
    TransformationStepSpec off = stepWith({{QStringLiteral("w"), QStringLiteral("1")}});
    off.enabled = false;
    QCOMPARE(transformationChainText({first, off, stepWith({{QStringLiteral("e-sharpen"), QStringLiteral("-")}})}),
             QStringLiteral("di-fallback@@img.jpg,l-text,i-Hi,l-end,e-upscale:e-sharpen"));

    QList<TransformationStepSpec> steps;
    QString error;
    QVERIFY(parseTransformationChain(u"w-300,l-text,i-Hi,l-end:e-sharpen", steps, error));
    QCOMPARE(steps.size(), 2);
    QCOMPARE(steps.first().layers.first().input, QStringLiteral("Hi"));
    QVERIFY(!parseTransformationChain(u"w-300,,h-1", steps, error));
    QVERIFY(error.contains(QStringLiteral("empty parameter")));
}

void TestTransformUrl::fontFilesInLayers()
{
    const FixedClock clock(kNow);
    LayerSpec layer;
    layer.input = QStringLiteral("Hi");
    layer.parameters = {{QStringLiteral("ff"), QStringLiteral("/fonts/Brand Sans.ttf")}, {QStringLiteral("fs"), QStringLiteral("30")}};
    QCOMPARE(layerText(layer), QStringLiteral("l-text,i-Hi,ff-fonts@@Brand Sans.ttf,fs-30,l-end"));
    TransformationStepSpec step;
    step.layers = {layer};
    for (const auto position : {TransformationPosition::Path, TransformationPosition::Query})
        VERIFY_ROUND_TRIP(buildUrl(documentWith({step}, position)), documentWith({step}, position), clock);
    QVERIFY(transformationProblems(documentWith({step})).isEmpty());
}

void TestTransformUrl::problems()
{
    TransformationDocument good = documentWith({stepWith({{QStringLiteral("w"), QStringLiteral("300")},
                                                          {QStringLiteral("di"), QStringLiteral("/a/b.jpg")}})});
    QVERIFY(transformationProblems(good).isEmpty());

    TransformationStepSpec bad = stepWith({{QStringLiteral("w"), QStringLiteral("300,h-2")}, {QString(), QStringLiteral("1")},
                                           {QStringLiteral("n"), QStringLiteral("a/b")}});
    LayerSpec empty;
    empty.kind = LayerSpec::Kind::Image;
    empty.parameters = {{QStringLiteral("w"), QStringLiteral("1:2")}};
    bad.layers = {empty};
    bad.raw = QStringLiteral("e-upscale/x");
    TransformationStepSpec disabled = stepWith({{QStringLiteral("w"), QStringLiteral("a,b")}});
    disabled.enabled = false;
    TransformationDocument document = documentWith({disabled, bad});
    document.path.clear();
    document.expireSeconds = -5;
    const QStringList problems = transformationProblems(document);
    const QString all = problems.join(QLatin1Char('\n'));
    QCOMPARE(problems.size(), 8);
    QVERIFY2(problems.at(0).contains(QStringLiteral("Choose a file")), qPrintable(all));
    QVERIFY2(problems.at(1).contains(QStringLiteral("expiry")), qPrintable(all));
    QVERIFY2(problems.at(2).startsWith(QStringLiteral("Step 2: the value of w (\"300,h-2\") contains ','")), qPrintable(all));
    QVERIFY2(problems.at(3).contains(QStringLiteral("is not a parameter code")), qPrintable(all));
    QVERIFY2(problems.at(4).contains(QStringLiteral("contains '/'")), qPrintable(all));
    QVERIFY2(problems.at(5).contains(QStringLiteral("image layer 1 needs the path")), qPrintable(all));
    QVERIFY2(problems.at(6).contains(QStringLiteral("image layer 1: the value of w")), qPrintable(all));
    QVERIFY2(problems.at(7).contains(QStringLiteral("raw text")), qPrintable(all));
}

QTEST_GUILESS_MAIN(TestTransformUrl)
#include "tst_transformurl.moc"
