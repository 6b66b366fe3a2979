#include "transform/transformationurlparser.h"

#include "url/transformparameters.h"
#include "url/urlencoding.h"
#include "util/clock.h"

#include <QByteArray>
#include <QDateTime>

namespace ik {

namespace {

// A stored expiry for a re-signed expired URL: a short, useful lifetime the user can change.
constexpr qint64 kExpiredResignSeconds = 300;

// %XX escapes decoded as UTF-8 (a '%' without two hex digits stays: the builder writes such a
// '%' as %25). Unlike form data, '+' is a plus here.
QString percentDecoded(QStringView text)
{
    if (!text.contains(QLatin1Char('%')))
        return text.toString();
    return urlencoding::formDecoded(text.toString().replace(QLatin1Char('+'), QLatin1String("%2B")));
}

// ie-<base64>: percent-decoded, then standard or URL-safe base64 of UTF-8 text.
bool decodeBase64Input(QStringView encoded, QString &out)
{
    const QByteArray base64 = percentDecoded(encoded).toLatin1();
    for (const auto options : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding}) {
        const auto decoded = QByteArray::fromBase64Encoding(base64, options | QByteArray::AbortOnBase64DecodingErrors);
        if (decoded) {
            out = QString::fromUtf8(*decoded);
            return true;
        }
    }
    return false;
}

// A library path from a URL value: '@@' stands for '/', and paths are absolute.
QString libraryPath(QString value)
{
    value.replace(QLatin1String("@@"), QLatin1String("/"));
    if (!value.startsWith(QLatin1Char('/')))
        value.prepend(QLatin1Char('/'));
    return value;
}

// "w-300" -> ("w", "300"); "e-sharpen-5" -> ("e-sharpen", "5"); a bare code gets "-".
std::pair<QString, QString> splitCodeValue(QStringView token)
{
    qsizetype searchFrom = 0;
    if (token.startsWith(QLatin1String("e-")))
        searchFrom = 2; // effect codes contain a dash themselves
    const qsizetype dash = token.indexOf(QLatin1Char('-'), searchFrom);
    if (dash < 0)
        return {token.toString(), QStringLiteral("-")};
    return {token.first(dash).toString(), token.sliced(dash + 1).toString()};
}

class ChainReader
{
public:
    ChainReader(bool valuesArePercentEncoded, QStringList *warnings)
        : m_percentEncoded(valuesArePercentEncoded), m_warnings(warnings)
    {
    }

    bool read(QStringView chain, QList<TransformationStepSpec> &steps, QString &error)
    {
        steps.clear();
        const auto stepTexts = chain.split(QLatin1Char(':'));
        for (qsizetype s = 0; s < stepTexts.size(); ++s) {
            const QStringView stepText = stepTexts.at(s);
            if (stepText.isEmpty())
                continue; // "tr:w-1::h-2" or a trailing ':' mean nothing
            TransformationStepSpec step;
            if (!readStep(stepText, s + 1, step, error))
                return false;
            steps.append(std::move(step));
        }
        return true;
    }

private:
    QString value(QStringView text) const { return m_percentEncoded ? percentDecoded(text) : text.toString(); }

    void warn(const QString &text)
    {
        if (m_warnings)
            m_warnings->append(text);
    }

    static void appendRaw(TransformationStepSpec &step, QStringView text)
    {
        if (!step.raw.isEmpty())
            step.raw.append(QLatin1Char(','));
        step.raw.append(text);
    }

    bool readStep(QStringView text, qsizetype stepNumber, TransformationStepSpec &step, QString &error)
    {
        const auto tokens = text.split(QLatin1Char(','));
        for (qsizetype t = 0; t < tokens.size(); ++t) {
            const QStringView token = tokens.at(t);
            if (token.isEmpty()) {
                error = QStringLiteral("Step %1 of the transformation has an empty parameter (two commas in a row, or a comma at an end): \"%2\"")
                            .arg(stepNumber).arg(text);
                return false;
            }
            if (token.startsWith(QLatin1Char('-'))) {
                error = QStringLiteral("Step %1 of the transformation has a parameter without a code: \"%2\"").arg(stepNumber).arg(token);
                return false;
            }
            if (token == QLatin1String("l-end")) {
                error = QStringLiteral("Step %1 of the transformation has \"l-end\" without a layer to close").arg(stepNumber);
                return false;
            }
            if (token.startsWith(QLatin1String("l-"))) {
                t = readLayer(tokens, t, stepNumber, step);
                continue;
            }
            if (token.startsWith(QLatin1String("if-"))) {
                // A conditional block (if-ar_gt_1,w-200,if-else,w-300,if-end) only means
                // something in its order: it stays in raw as written, up to its if-end.
                const qsizetype end = conditionalBlockEnd(tokens, t);
                for (; t <= end; ++t)
                    appendRaw(step, tokens.at(t));
                --t;
                continue;
            }
            auto [code, rawValue] = splitCodeValue(token);
            const TransformParameter *parameter = code == QLatin1String("raw") ? nullptr : findTransformParameterByCode(code);
            if (!parameter) {
                appendRaw(step, token); // kept exactly as written
                continue;
            }
            QString parameterValue = rawValue == QLatin1String("-") ? rawValue : value(rawValue);
            if (parameter->valueType == TransformValueType::Path && parameterValue != QLatin1String("-"))
                parameterValue = libraryPath(parameterValue);
            step.parameters.append({std::move(code), std::move(parameterValue)});
        }
        return true;
    }

    // The index of the if-end that closes the block starting at tokens[start] (nested blocks
    // counted), or the last token when it is never closed.
    static qsizetype conditionalBlockEnd(const QList<QStringView> &tokens, qsizetype start)
    {
        qsizetype depth = 0;
        for (qsizetype i = start; i < tokens.size(); ++i) {
            const QStringView token = tokens.at(i);
            if (token == QLatin1String("if-end")) {
                if (--depth == 0)
                    return i;
            } else if (token.startsWith(QLatin1String("if-")) && token != QLatin1String("if-else")) {
                ++depth;
            }
        }
        return tokens.size() - 1;
    }

    // Reads the layer that starts at tokens[start]; returns the index of its last token.
    qsizetype readLayer(const QList<QStringView> &tokens, qsizetype start, qsizetype stepNumber, TransformationStepSpec &step)
    {
        qsizetype depth = 0;
        qsizetype end = start;
        bool nested = false;
        bool closed = false;
        for (; end < tokens.size(); ++end) {
            const QStringView token = tokens.at(end);
            if (token == QLatin1String("l-end")) {
                if (--depth == 0) {
                    closed = true;
                    break;
                }
            } else if (token.startsWith(QLatin1String("l-"))) {
                if (++depth > 1)
                    nested = true;
            }
        }
        if (!closed)
            end = tokens.size() - 1;
        const QStringView type = tokens.at(start).sliced(2);
        auto keepAsWritten = [&](const QString &why) {
            for (qsizetype i = start; i <= end; ++i)
                appendRaw(step, tokens.at(i));
            if (!why.isEmpty())
                warn(why);
        };
        if (nested) {
            keepAsWritten(QStringLiteral("Step %1: a layer inside a layer is kept in the raw field as written").arg(stepNumber));
            return end;
        }
        if (type != QLatin1String("text") && type != QLatin1String("image")) {
            keepAsWritten(QString()); // video and subtitle layers: nothing to edit visually
            return end;
        }
        LayerSpec layer;
        layer.kind = type == QLatin1String("text") ? LayerSpec::Kind::Text : LayerSpec::Kind::Image;
        bool hasInput = false;
        const qsizetype last = closed ? end - 1 : end;
        for (qsizetype i = start + 1; i <= last; ++i) {
            const QStringView token = tokens.at(i);
            auto [code, rawValue] = splitCodeValue(token);
            if (!hasInput && (code == QLatin1String("i") || code == QLatin1String("ie")) && rawValue != QLatin1String("-")) {
                QString input;
                if (code == QLatin1String("ie")) {
                    if (!decodeBase64Input(rawValue, input)) {
                        keepAsWritten(QStringLiteral("Step %1: the layer's ie- input is not base64; the layer is kept in the raw field as written").arg(stepNumber));
                        return end;
                    }
                } else {
                    input = value(rawValue);
                }
                layer.input = layer.kind == LayerSpec::Kind::Image ? libraryPath(input) : input;
                hasInput = true;
                continue;
            }
            QString parameterValue = rawValue == QLatin1String("-") ? rawValue : value(rawValue);
            if (code == QLatin1String("ff") && parameterValue.contains(QLatin1String("@@")))
                parameterValue = libraryPath(parameterValue); // a font file in the library
            layer.parameters.append({std::move(code), std::move(parameterValue)});
        }
        if (!hasInput) {
            keepAsWritten(QStringLiteral("Step %1: a layer without i- or ie- input is kept in the raw field as written").arg(stepNumber));
            return end;
        }
        if (!closed)
            warn(QStringLiteral("Step %1: the layer had no l-end; it is closed at the end of its step").arg(stepNumber));
        step.layers.append(std::move(layer));
        return end;
    }

    bool m_percentEncoded;
    QStringList *m_warnings;
};

TransformationUrlParse failure(TransformationUrlError error, QString message)
{
    TransformationUrlParse result;
    result.error = error;
    result.errorMessage = std::move(message);
    return result;
}

bool startsWithHttpScheme(QStringView url)
{
    return url.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)
        || url.startsWith(QLatin1String("http://"), Qt::CaseInsensitive);
}

} // namespace

bool parseTransformationChain(QStringView chain, QList<TransformationStepSpec> &steps, QString &error, QStringList *warnings)
{
    ChainReader reader(false, warnings);
    return reader.read(chain, steps, error);
}

TransformationUrlParse parseTransformationUrl(const QString &url, const QString &urlEndpoint)
{
    return parseTransformationUrl(url, urlEndpoint, Clock::system());
}

TransformationUrlParse parseTransformationUrl(const QString &url, const QString &urlEndpoint, const Clock &clock)
{
    const QString text = url.trimmed();
    if (text.isEmpty())
        return failure(TransformationUrlError::Empty, QStringLiteral("Paste an ImageKit URL such as https://ik.imagekit.io/your_id/tr:w-300/image.jpg"));
    if (!startsWithHttpScheme(text) || text.indexOf(QLatin1String("://")) + 3 >= text.size())
        return failure(TransformationUrlError::NotAUrl,
                       QStringLiteral("\"%1\" is not a web address: it should start with https://").arg(text.left(80)));

    TransformationUrlParse result;
    TransformationDocument &document = result.document;

    // Cut into base, query and fragment; the fragment never reaches the server.
    QStringView rest(text);
    QStringView fragment;
    const qsizetype hash = rest.indexOf(QLatin1Char('#'));
    if (hash >= 0) {
        fragment = rest.sliced(hash + 1);
        rest = rest.first(hash);
    }
    QStringView query;
    const qsizetype question = rest.indexOf(QLatin1Char('?'));
    if (question >= 0) {
        query = rest.sliced(question + 1);
        rest = rest.first(question);
    }
    const QStringView base = rest;

    // The query: tr and the signature are read, other parameters kept in order (a repeated key
    // keeps its first place and last value, as the builder writes it).
    QString queryChain;
    bool hasQueryChain = false;
    QString signature;
    QString expiryText;
    if (!query.isEmpty()) {
        for (const QStringView item : query.split(QLatin1Char('&'))) {
            if (item.isEmpty())
                continue;
            const qsizetype equals = item.indexOf(QLatin1Char('='));
            const QString key = urlencoding::formDecoded(equals < 0 ? item : item.first(equals));
            const QString value = equals < 0 ? QString() : urlencoding::formDecoded(item.sliced(equals + 1));
            if (key == QLatin1String("tr")) {
                queryChain = value;
                hasQueryChain = true;
            } else if (key == QLatin1String("ik-s")) {
                signature = value;
            } else if (key == QLatin1String("ik-t")) {
                expiryText = value;
            } else if (key == QLatin1String("ik-sdk-version")) {
                continue; // SDKs add it; it changes nothing
            } else {
                bool replaced = false;
                for (auto &existing : document.queryParameters) {
                    if (existing.first == key) {
                        existing.second = value;
                        replaced = true;
                    }
                }
                if (!replaced)
                    document.queryParameters.append({key, value});
            }
        }
    }

    const QString endpoint = urlencoding::percentEncodedUrl(urlencoding::withoutOuterSlashes(urlEndpoint.trimmed()));
    const bool underEndpoint = !endpoint.isEmpty() && base.size() >= endpoint.size()
        && base.first(endpoint.size()).compare(endpoint, Qt::CaseInsensitive) == 0
        && (base.size() == endpoint.size() || base[endpoint.size()] == QLatin1Char('/'));

    QString pathChain;
    bool hasPathChain = false;
    if (underEndpoint) {
        QStringView path = base.sliced(endpoint.size());
        while (path.startsWith(QLatin1Char('/')))
            path = path.sliced(1);
        if (path.startsWith(QLatin1String("tr:"))) {
            const qsizetype slash = path.indexOf(QLatin1Char('/'));
            pathChain = (slash < 0 ? path : path.first(slash)).sliced(3).toString();
            hasPathChain = true;
            path = slash < 0 ? QStringView() : path.sliced(slash + 1);
        }
        if (path.isEmpty())
            return failure(TransformationUrlError::MissingPath,
                           QStringLiteral("The URL has no file path after the URL endpoint %1").arg(endpoint));
        document.path = QLatin1Char('/') + percentDecoded(path);
        if (!fragment.isEmpty())
            result.warnings.append(QStringLiteral("The part after '#' (\"%1\") is not sent to the server and was dropped").arg(fragment));
        document.position = hasPathChain || !hasQueryChain ? TransformationPosition::Path : TransformationPosition::Query;
    } else {
        if (!hasQueryChain && signature.isEmpty())
            return failure(TransformationUrlError::OtherEndpoint,
                           endpoint.isEmpty()
                               ? QStringLiteral("No URL endpoint is set, and the URL has no ImageKit transformation (tr)")
                               : QStringLiteral("The URL is not under the URL endpoint %1 and has no ImageKit transformation (tr)").arg(endpoint));
        document.src = base.toString();
        if (hash >= 0)
            document.src += QLatin1Char('#') + fragment.toString(); // the builder keeps a src fragment
        document.position = TransformationPosition::Query;
    }

    if (hasPathChain && hasQueryChain)
        return failure(TransformationUrlError::TransformationTwice,
                       QStringLiteral("The URL has a transformation both in its path (tr:%1) and in its query (tr=%2); keep one")
                           .arg(pathChain, queryChain));
    if (hasPathChain || hasQueryChain) {
        ChainReader reader(hasPathChain, &result.warnings);
        QString error;
        if (!reader.read(hasPathChain ? QStringView(pathChain) : QStringView(queryChain), document.steps, error))
            return failure(TransformationUrlError::MalformedTransformation, error);
    }

    if (!signature.isEmpty()) {
        document.sign = true;
        if (!expiryText.isEmpty()) {
            bool ok = false;
            const qint64 expiry = expiryText.toLongLong(&ok);
            if (!ok) {
                result.warnings.append(QStringLiteral("ik-t=%1 is not a time; the URL is signed again without expiry").arg(expiryText));
            } else if (expiry > clock.nowSeconds()) {
                document.expireSeconds = expiry - clock.nowSeconds();
            } else {
                document.expireSeconds = kExpiredResignSeconds;
                result.warnings.append(QStringLiteral("The signature expired at %1; it is signed again to expire %2 seconds from now")
                                           .arg(QDateTime::fromSecsSinceEpoch(expiry, Qt::UTC).toString(Qt::ISODate))
                                           .arg(kExpiredResignSeconds));
            }
        }
    } else if (!expiryText.isEmpty()) {
        document.queryParameters.append({QStringLiteral("ik-t"), expiryText}); // no signature: an ordinary parameter
    }
    return result;
}

} // namespace ik
