#include "url/urlbuilder.h"

#include "url/transformparameters.h"
#include "url/urlencoding.h"
#include "util/clock.h"

namespace ik {

namespace {

using QueryItems = QList<std::pair<QString, QString>>;

// An absolute URL cut into its parts; views into the original text.
struct UrlParts
{
    QStringView origin;   // scheme://authority
    QStringView path;     // from the first '/' after the authority (may be empty)
    QStringView query;    // without '?'
    QStringView fragment; // without '#'
    bool hasQuery = false;
    bool hasFragment = false;
};

// Returns an empty string on success, otherwise why `url` is not an absolute URL.
QString splitAbsoluteUrl(QStringView url, UrlParts &parts)
{
    const qsizetype schemeEnd = url.indexOf(QLatin1String("://"));
    if (schemeEnd <= 0)
        return QStringLiteral("it does not start with a scheme such as https://");
    for (qsizetype i = 0; i < schemeEnd; ++i) {
        const char16_t u = url[i].unicode();
        const bool letter = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
        const bool other = (u >= '0' && u <= '9') || u == '+' || u == '-' || u == '.';
        if (!letter && !(i > 0 && other))
            return QStringLiteral("it does not start with a scheme such as https://");
    }
    qsizetype authorityEnd = schemeEnd + 3;
    while (authorityEnd < url.size()) {
        const char16_t u = url[authorityEnd].unicode();
        if (u == '/' || u == '?' || u == '#')
            break;
        ++authorityEnd;
    }
    if (authorityEnd == schemeEnd + 3)
        return QStringLiteral("it has no host name");
    parts.origin = url.first(authorityEnd);
    for (qsizetype i = schemeEnd + 3; i < authorityEnd; ++i) {
        const char16_t u = url[i].unicode();
        if (u <= 0x20 || u >= 0x7f || u == '"' || u == '<' || u == '>' || u == '\\' || u == '^' || u == '`'
            || u == '{' || u == '|' || u == '}' || u == '%')
            return QStringLiteral("its host name has a character that is not allowed there "
                                  "(international names need their xn-- form)");
    }
    QStringView rest = url.sliced(authorityEnd);
    const qsizetype hash = rest.indexOf(QLatin1Char('#'));
    if (hash >= 0) {
        parts.fragment = rest.sliced(hash + 1);
        parts.hasFragment = true;
        rest = rest.first(hash);
    }
    const qsizetype question = rest.indexOf(QLatin1Char('?'));
    if (question >= 0) {
        parts.query = rest.sliced(question + 1);
        parts.hasQuery = true;
        rest = rest.first(question);
    }
    parts.path = rest;
    return QString();
}

// Sets key to value: an existing key keeps its place (as a Python dict does), a new one goes last.
void upsert(QueryItems &items, QString key, QString value)
{
    for (auto &item : items) {
        if (item.first == key) {
            item.second = std::move(value);
            return;
        }
    }
    items.append({std::move(key), std::move(value)});
}

// An existing query read as form data, as the seed does (parse_qsl): '+' is a space, escapes are
// decoded, blank values are dropped and a repeated key keeps its first place and last value.
void mergeExistingQuery(QueryItems &items, QStringView query)
{
    qsizetype start = 0;
    while (start <= query.size()) {
        qsizetype end = query.indexOf(QLatin1Char('&'), start);
        if (end < 0)
            end = query.size();
        const QStringView piece = query.sliced(start, end - start);
        start = end + 1;
        const qsizetype equals = piece.indexOf(QLatin1Char('='));
        if (equals < 0 || equals == piece.size() - 1)
            continue; // no value, or a blank one
        upsert(items, urlencoding::formDecoded(piece.first(equals)), urlencoding::formDecoded(piece.sliced(equals + 1)));
    }
}

void appendQuery(QString &out, const QueryItems &items)
{
    bool first = true;
    for (const auto &[key, value] : items) {
        if (!first)
            out.append(QLatin1Char('&'));
        first = false;
        urlencoding::appendFormEncoded(out, key);
        out.append(QLatin1Char('='));
        urlencoding::appendFormEncoded(out, value);
    }
}

bool hasKey(const QueryItems &items, QLatin1String key)
{
    for (const auto &item : items) {
        if (item.first == key)
            return true;
    }
    return false;
}

UrlResult failure(UrlError error, QString message)
{
    UrlResult result;
    result.error = error;
    result.errorMessage = std::move(message);
    return result;
}

} // namespace

// Appends the endpoint (slashes at both ends already removed) in URL form; returns why it is not
// usable, or an empty string.
static QString appendEncodedEndpoint(QString &out, QStringView endpoint)
{
    UrlParts parts;
    const QString problem = splitAbsoluteUrl(endpoint, parts);
    if (!problem.isEmpty())
        return QStringLiteral("URL endpoint \"%1\" is not an absolute URL: %2").arg(endpoint, problem);
    if (parts.hasQuery || parts.hasFragment)
        return QStringLiteral("URL endpoint \"%1\" must not contain '?' or '#'").arg(endpoint);
    out.append(parts.origin);
    urlencoding::appendPathEncoded(out, parts.path);
    return QString();
}

UrlBuilder::UrlBuilder() : m_clock(&Clock::system()) {}

UrlBuilder::UrlBuilder(const QString &urlEndpoint, const QString &privateKey)
    : m_clock(&Clock::system()), m_signer(privateKey)
{
    setUrlEndpoint(urlEndpoint);
}

void UrlBuilder::setUrlEndpoint(const QString &urlEndpoint)
{
    m_urlEndpoint = urlEndpoint;
    m_encodedEndpoint.clear();
    m_endpointProblem.clear();
    const QStringView stripped = urlencoding::withoutOuterSlashes(m_urlEndpoint);
    if (!stripped.isEmpty())
        m_endpointProblem = appendEncodedEndpoint(m_encodedEndpoint, stripped);
}

void UrlBuilder::setClock(const Clock *clock)
{
    m_clock = clock ? clock : &Clock::system();
}

void UrlBuilder::appendTransformationString(QString &out, const QList<TransformationStep> &steps)
{
    static const QString dash = QStringLiteral("-");
    for (qsizetype s = 0; s < steps.size(); ++s) {
        if (s > 0)
            out.append(QLatin1Char(':'));
        bool firstInStep = true;
        for (const auto &[name, value] : steps.at(s)) {
            if (!firstInStep)
                out.append(QLatin1Char(','));
            firstInStep = false;

            const TransformParameter *parameter = findTransformParameter(name);
            const qsizetype codeStart = out.size();
            if (parameter)
                out.append(parameter->codeText());
            else
                out.append(name);
            // Paths inside a parameter (di, oi) lose outer slashes and write inner ones as @@.
            const QStringView code = QStringView(out).sliced(codeStart);
            const bool isPathValue = code == QLatin1String("di") || code == QLatin1String("oi");

            const QString *text = std::get_if<QString>(&value);
            if (text && *text == dash)
                continue; // the bare code: e-sharpen, e-grayscale (and "raw" for raw, as the seed)
            if (parameter && parameter->valueType == TransformValueType::Raw) {
                out.truncate(codeStart);
                appendUrlValueText(out, value); // verbatim, commas and all
                continue;
            }
            out.append(QLatin1Char('-'));
            if (isPathValue) {
                const QString path = urlValueText(value);
                QString cleaned = urlencoding::withoutOuterSlashes(path).toString();
                cleaned.replace(QLatin1Char('/'), QLatin1String("@@"));
                out.append(cleaned);
            } else {
                appendUrlValueText(out, value);
            }
        }
    }
}

QString UrlBuilder::transformationString(const QList<TransformationStep> &steps)
{
    QString out;
    appendTransformationString(out, steps);
    return out;
}

UrlResult UrlBuilder::build(const UrlOptions &options) const
{
    if (options.expireSeconds < 0)
        return failure(UrlError::InvalidExpiry,
                       QStringLiteral("expire_seconds must be 0 (never expires) or a positive number of seconds, got %1")
                           .arg(options.expireSeconds));

    const QStringView path = urlencoding::withoutOuterSlashes(options.path);
    const QStringView src = urlencoding::withoutOuterSlashes(options.src);
    const QStringView endpoint = urlencoding::withoutOuterSlashes(options.urlEndpoint.isEmpty() ? m_urlEndpoint : options.urlEndpoint);
    if (path.isEmpty() && src.isEmpty())
        return failure(UrlError::MissingPathAndSrc,
                       QStringLiteral("give \"path\" (relative to the URL endpoint) or \"src\" (a complete URL)"));
    QString url;
    url.reserve(endpoint.size() + path.size() + src.size() + 64 + 24 * options.transformation.size());
    QueryItems query;
    query.reserve(4 + options.queryParameters.size());
    QStringView fragment;
    bool hasFragment = false;
    bool transformationInQuery = true;

    // The endpoint as it appears in URLs (encoded): the prefix removed from the string to sign.
    // The builder's own endpoint is encoded once, in setUrlEndpoint().
    qsizetype encodedEndpointLength = 0;
    QString separateEncodedEndpoint; // only for src URLs that are signed
    const bool usesDefaultEndpoint = options.urlEndpoint.isEmpty();
    auto appendEndpoint = [&](QString &out) -> QString {
        if (usesDefaultEndpoint) {
            out.append(m_encodedEndpoint);
            return m_endpointProblem;
        }
        return appendEncodedEndpoint(out, endpoint);
    };

    if (!path.isEmpty()) {
        if (endpoint.isEmpty())
            return failure(UrlError::MissingUrlEndpoint, QStringLiteral("a \"path\" needs a URL endpoint"));
        const QString problem = appendEndpoint(url);
        if (!problem.isEmpty())
            return failure(UrlError::InvalidUrlEndpoint, problem);
        encodedEndpointLength = url.size();
        url.append(QLatin1Char('/'));

        const TransformationPosition position = options.transformationPosition.value_or(m_defaultPosition);
        transformationInQuery = position == TransformationPosition::Query;
        if (!transformationInQuery && !options.transformation.isEmpty()) {
            QString &tr = m_scratch; // reused: no allocation per URL
            tr.clear();
            appendTransformationString(tr, options.transformation);
            const QStringView trimmed = urlencoding::withoutOuterSlashes(tr);
            if (!tr.isEmpty()) {
                url.append(QLatin1String("tr:"));
                urlencoding::appendPathEncoded(url, trimmed);
                url.append(QLatin1Char('/'));
            }
        }
        // A '?' in the path starts a query that is merged like src's; '#' stays part of the path.
        const qsizetype question = path.indexOf(QLatin1Char('?'));
        if (question >= 0) {
            urlencoding::appendPathEncoded(url, path.first(question));
            mergeExistingQuery(query, path.sliced(question + 1));
        } else {
            urlencoding::appendPathEncoded(url, path);
        }
    } else {
        UrlParts parts;
        const QString problem = splitAbsoluteUrl(src, parts);
        if (!problem.isEmpty())
            return failure(UrlError::InvalidSrc, QStringLiteral("src \"%1\" is not a complete URL: %2").arg(src, problem));
        url.append(parts.origin);
        urlencoding::appendPathEncoded(url, parts.path);
        if (parts.hasQuery)
            mergeExistingQuery(query, parts.query);
        fragment = parts.fragment;
        hasFragment = parts.hasFragment;
        if (options.sign && !endpoint.isEmpty()) {
            const QString endpointProblem = appendEndpoint(separateEncodedEndpoint);
            if (!endpointProblem.isEmpty())
                return failure(UrlError::InvalidUrlEndpoint, endpointProblem);
        }
    }

    if (options.sign && m_signer.privateKey().isEmpty())
        return failure(UrlError::MissingPrivateKey, QStringLiteral("a signed URL needs the private key"));

    for (const auto &[key, value] : options.queryParameters) {
        QString text = urlValueText(value);
        if (key == QLatin1String("ik-attachment"))
            text = text.toLower(); // the seed's one normalisation: True -> true
        upsert(query, key, std::move(text));
    }
    if (transformationInQuery && !options.transformation.isEmpty()) {
        QString tr = transformationString(options.transformation);
        if (!tr.isEmpty())
            upsert(query, QStringLiteral("tr"), std::move(tr));
    }

    const qsizetype baseLength = url.size();
    if (!query.isEmpty()) {
        url.append(QLatin1Char('?'));
        appendQuery(url, query);
    }

    if (options.sign) {
        const bool expires = options.expireSeconds > 0;
        const qint64 expiry = expires ? m_clock->nowSeconds() + options.expireSeconds : UrlSigner::kNeverExpires;
        const QStringView encodedEndpoint = separateEncodedEndpoint.isEmpty()
            ? QStringView(url).first(encodedEndpointLength)
            : QStringView(separateEncodedEndpoint);
        const QByteArray signature = m_signer.signatureHexForUrl(url, encodedEndpoint, expiry);
        if (!hasKey(query, QLatin1String("ik-t")) && !hasKey(query, QLatin1String("ik-s"))) {
            url.append(query.isEmpty() ? QLatin1Char('?') : QLatin1Char('&'));
            if (expires) {
                url.append(QLatin1String("ik-t="));
                appendUrlValueText(url, UrlValue(expiry));
                url.append(QLatin1Char('&'));
            }
            url.append(QLatin1String("ik-s="));
            url.append(QLatin1String(signature));
        } else {
            // src was signed before: replace in place, as the seed's ordered dict does.
            if (expires)
                upsert(query, QStringLiteral("ik-t"), QString::number(expiry));
            upsert(query, QStringLiteral("ik-s"), QString::fromLatin1(signature));
            url.truncate(baseLength);
            url.append(QLatin1Char('?'));
            appendQuery(url, query);
        }
    }

    if (hasFragment) {
        // Browsers never send the fragment, so it is not signed; it goes back at the end.
        url.append(QLatin1Char('#'));
        urlencoding::appendQueryTextEncoded(url, fragment);
    }

    UrlResult result;
    result.url = std::move(url);
    return result;
}

} // namespace ik
