#include "server/deliveryhandler.h"

#include "imaging/imagetransformer.h"
#include "server/emulatorcontext.h"
#include "store/librarypaths.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QUrl>

namespace ikemu {

namespace {

const QLatin1String kNoExpiry("9999999999");

// The media library's thumbnail named transformation, spelled out for the transformer.
QString expandNamedTransformations(const QString &chain)
{
    QStringList steps = chain.split(QLatin1Char(':'));
    for (QString &step : steps) {
        QStringList params = step.split(QLatin1Char(','));
        for (QString &param : params) {
            if (param == QLatin1String("n-ik_ml_thumbnail") || param == QLatin1String("n-media_library_thumbnail"))
                param = QStringLiteral("w-200,h-200,c-at_max");
        }
        step = params.join(QLatin1Char(','));
    }
    return steps.join(QLatin1Char(':'));
}

bool chainHasOriginal(const QString &chain)
{
    const QStringList steps = chain.split(QLatin1Char(':'));
    for (const QString &step : steps) {
        const QStringList params = step.split(QLatin1Char(','));
        for (const QString &param : params) {
            if (param == QLatin1String("orig-true"))
                return true;
        }
    }
    return false;
}

QByteArray withoutSignatureParameters(const QByteArray &rawQuery)
{
    QList<QByteArray> kept;
    const QList<QByteArray> pairs = rawQuery.split('&');
    for (const QByteArray &pair : pairs) {
        if (pair.isEmpty() || pair.startsWith("ik-s=") || pair.startsWith("ik-t=") || pair == "ik-s" || pair == "ik-t")
            continue;
        kept.append(pair);
    }
    return kept.join('&');
}

} // namespace

bool DeliveryHandler::accepts(const ApiRequest &request) const
{
    const QString prefix = QLatin1Char('/') + m_context.config.urlEndpointId + QLatin1Char('/');
    return (request.method == "GET" || request.method == "HEAD") && request.path.startsWith(prefix);
}

QString DeliveryHandler::stringToSign(const QString &pathAfterEndpoint, const QString &queryWithoutSignature,
                                      const QString &expiry)
{
    QString s = pathAfterEndpoint;
    if (!queryWithoutSignature.isEmpty())
        s += QLatin1Char('?') + queryWithoutSignature;
    return s + expiry;
}

std::optional<ApiResponse> DeliveryHandler::checkSignature(const ApiRequest &request, bool required) const
{
    const QString signature = request.queryValue(QStringLiteral("ik-s")).toLower();
    if (signature.isEmpty()) {
        if (required)
            return ApiResponse::error(401, QStringLiteral("This file is private: the URL must be signed (ik-s parameter)."));
        return std::nullopt;
    }
    QString expiry = kNoExpiry;
    if (request.hasQueryValue(QStringLiteral("ik-t"))) {
        expiry = request.queryValue(QStringLiteral("ik-t")).trimmed();
        bool ok = false;
        const qint64 expiresAt = expiry.toLongLong(&ok);
        if (!ok)
            return ApiResponse::error(401, QStringLiteral("The ik-t parameter of the signed URL is not a Unix time."));
        if (expiresAt < m_context.nowMs() / 1000)
            return ApiResponse::error(401, QStringLiteral("The signed URL has expired (ik-t %1 is in the past).").arg(expiresAt));
    }
    const int prefixLength = int(m_context.config.urlEndpointId.size()) + 2;
    const QByteArray rawRest = request.rawPath.mid(prefixLength);
    const QByteArray rawQuery = withoutSignatureParameters(request.rawQuery);
    // SDKs sign either the URL as sent (percent-encoded) or its raw text; accept both forms.
    const QStringList candidates = {
        stringToSign(QString::fromUtf8(rawRest), QString::fromUtf8(rawQuery), expiry),
        stringToSign(QUrl::fromPercentEncoding(rawRest), QString::fromUtf8(rawQuery), expiry),
        stringToSign(QUrl::fromPercentEncoding(rawRest), QUrl::fromPercentEncoding(rawQuery), expiry),
    };
    for (const QString &candidate : candidates) {
        const QByteArray expected = QMessageAuthenticationCode::hash(candidate.toUtf8(), m_context.config.privateKey.toUtf8(),
                                                                     QCryptographicHash::Sha1).toHex();
        if (QString::fromLatin1(expected) == signature)
            return std::nullopt;
    }
    return ApiResponse::error(401, QStringLiteral("The URL signature (ik-s) does not match. Sign the URL without "
                                                  "\"<url-endpoint>/\" plus the expiry with HMAC-SHA1 and the private key."));
}

ApiResponse DeliveryHandler::handle(const ApiRequest &request)
{
    const QString rest = request.path.mid(m_context.config.urlEndpointId.size() + 2);
    QStringList segments = rest.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString chain;
    if (!segments.isEmpty() && segments.first().startsWith(QLatin1String("tr:"))) {
        segments.removeFirst();
        // The chain is taken still percent-encoded: the transformer splits it at ',' and ':' and
        // only then decodes text and paths, so an encoded comma stays inside a text layer.
        const QList<QByteArray> rawSegments = request.rawPath.split('/');
        for (const QByteArray &raw : rawSegments) {
            if (raw.startsWith("tr:")) {
                chain = QString::fromUtf8(raw.mid(3));
                break;
            }
        }
    }
    const QString queryChain = request.queryValue(QStringLiteral("tr"));
    if (!queryChain.isEmpty())
        chain = chain.isEmpty() ? queryChain : chain + QLatin1Char(':') + queryChain;
    chain = expandNamedTransformations(chain);
    const QString filePath = QLatin1Char('/') + segments.join(QLatin1Char('/'));

    MediaStore &store = *m_context.store;
    std::optional<FileRecord> file;
    const QString versionId = request.queryValue(QStringLiteral("ik-obj-version"));
    if (!versionId.isEmpty()) {
        file = store.anyVersion(versionId);
        if (file && file->filePath() != filePath)
            file.reset();
    } else {
        file = store.currentFileAt(filePath);
    }
    if (file && !file->isPublished)
        file.reset();
    if (!file) {
        if (const std::optional<QString> fallback = defaultImagePath(chain))
            file = store.currentFileAt(LibraryPaths::normalizeFolder(*fallback));
        if (!file)
            return ApiResponse::error(404, QStringLiteral("No file found at %1.").arg(filePath));
    }
    if (auto refused = checkSignature(request, file->isPrivate))
        return *refused;
    const std::optional<QByteArray> original = store.readBlob(file->blobId);
    if (!original)
        return ApiResponse::error(500, QStringLiteral("The bytes of %1 are missing from the data directory.").arg(filePath));

    ApiResponse response;
    if (chain.isEmpty() || chainHasOriginal(chain) || !file->isImage()) {
        response = ApiResponse::bytes(*original, file->mime.toLatin1());
    } else {
        const ImageLoader loader = [&store](const QString &path) -> std::optional<QByteArray> {
            const QString normalized = LibraryPaths::normalizeFolder(path);
            const std::optional<FileRecord> layer = store.currentFileAt(normalized);
            if (!layer)
                return std::nullopt;
            return store.readBlob(layer->blobId);
        };
        // Custom coordinates are stored as "x,y,width,height" (fo-custom focuses on them).
        QRect customArea;
        const QStringList parts = file->customCoordinates.split(QLatin1Char(','));
        if (parts.size() == 4)
            customArea = QRect(parts[0].toInt(), parts[1].toInt(), parts[2].toInt(), parts[3].toInt());
        const TransformOutput output = transformImage(*original, chain, loader, request.header("Accept"), customArea);
        if (output.httpStatus != 200)
            return ApiResponse::error(output.httpStatus, output.errorMessage);
        response = ApiResponse::bytes(output.body, output.contentType);
        if (!output.ignoredParameters.isEmpty())
            response.setHeader("X-IK-Ignored-Transformations", output.ignoredParameters.join(QLatin1Char(',')).toUtf8());
    }
    const QByteArray etag = '"' + QCryptographicHash::hash(response.body, QCryptographicHash::Sha1).toHex() + '"';
    response.setHeader("ETag", etag);
    response.setHeader("Cache-Control", file->isPrivate ? QByteArray("private, max-age=3600")
                                                        : QByteArray("public, max-age=31536000"));
    response.setHeader("Vary", "Accept");
    if (request.header("If-None-Match") == etag) {
        ApiResponse notModified;
        notModified.status = 304;
        notModified.setHeader("ETag", etag);
        return notModified;
    }
    return response;
}

std::optional<ApiResponse> DeliveryHandler::renderOwnUrl(const QString &urlText)
{
    const QUrl url(urlText);
    const QString host = url.host();
    if (!url.isValid() || (host != QLatin1String("127.0.0.1") && host != QLatin1String("localhost"))
        || url.port() != m_context.port)
        return std::nullopt;
    ApiRequest request;
    request.method = "GET";
    request.rawPath = url.path(QUrl::FullyEncoded).toUtf8();
    request.path = url.path(QUrl::FullyDecoded);
    request.rawQuery = url.query(QUrl::FullyEncoded).toUtf8();
    if (!accepts(request))
        return std::nullopt;
    return handle(request);
}

} // namespace ikemu
