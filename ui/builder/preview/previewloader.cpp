#include "builder/preview/previewloader.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QImageReader>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace ikui {

namespace {

// Accept lists what this system's image plugins decode, so `f-auto` never picks a format the
// preview cannot show (AVIF without a plugin, for example).
const QByteArray &acceptHeader()
{
    static const QByteArray header = [] {
        QList<QByteArray> types;
        const QList<QByteArray> supported = QImageReader::supportedMimeTypes();
        for (const QByteArray &type : supported) {
            if (type.startsWith("image/"))
                types.append(type);
        }
        types.append("image/*;q=0.8");
        types.append("*/*;q=0.5");
        return types.join(',');
    }();
    return header;
}

QString mimeTypeOf(const QNetworkReply *reply)
{
    const QString contentType = reply->header(QNetworkRequest::ContentTypeHeader).toString();
    return contentType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
}

// The server's own explanation: ImageKit-style JSON ({"message": ...}) or a short text body;
// otherwise Qt's description of the network error.
QString serverMessageOf(const QNetworkReply *reply, const QByteArray &body)
{
    const QJsonDocument json = QJsonDocument::fromJson(body);
    if (json.isObject()) {
        const QString message = json.object().value(QStringLiteral("message")).toString().trimmed();
        if (!message.isEmpty())
            return message;
    }
    if (mimeTypeOf(reply) == QLatin1String("text/plain") && !body.trimmed().isEmpty())
        return QString::fromUtf8(body.trimmed().left(500));
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status > 0) {
        const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        return PreviewLoader::tr("The server answered HTTP %1 %2.").arg(status).arg(reason).trimmed();
    }
    return reply->errorString();
}

QString hintFor(int status)
{
    if (status == 400)
        return PreviewLoader::tr("Check the value the message names: fix or remove it, or disable the step to find the one at fault.");
    if (status == 401 || status == 403)
        return PreviewLoader::tr("The file may be private or the signature wrong: turn on signing and check the expiry.");
    if (status == 404)
        return PreviewLoader::tr("No file at this path: pick another file, or check the path and any default image (di-).");
    if (status == 429)
        return PreviewLoader::tr("Too many requests: wait a moment, then change something or reload.");
    if (status >= 500)
        return PreviewLoader::tr("The server could not render it: reload, or simplify the chain to find the step that fails.");
    if (status == 0)
        return PreviewLoader::tr("Check the network connection and the account's URL endpoint, then reload.");
    return {};
}

} // namespace

// What the worker thread made of a response body.
struct DecodedPreview
{
    QImage image;          // null when the body is not an image this system decodes
    QByteArray format;     // the reader's name for it ("png", "jpeg")
    QString readerError;
    qint64 decodeTimeMs = 0;
};

namespace {

// Runs on a worker: a large preview (a 4000 px PNG) takes tens to hundreds of milliseconds to
// decode, which on the UI thread would freeze typing in the builder.
DecodedPreview decodePreview(const QByteArray &body)
{
    QElapsedTimer timer;
    timer.start();
    DecodedPreview decoded;
    QBuffer buffer;
    buffer.setData(body);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true); // as browsers show it
    decoded.format = reader.format();
    if (!reader.read(&decoded.image)) {
        decoded.image = QImage();
        decoded.readerError = reader.errorString();
    } else if (decoded.image.hasAlphaChannel() && decoded.image.format() != QImage::Format_ARGB32_Premultiplied) {
        decoded.image.convertTo(QImage::Format_ARGB32_Premultiplied); // what painting wants, converted once here
    }
    decoded.decodeTimeMs = timer.elapsed();
    return decoded;
}

} // namespace

PreviewLoader::PreviewLoader(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
{
    m_debounce.setSingleShot(true);
    connect(&m_debounce, &QTimer::timeout, this, &PreviewLoader::send);
    setNetworkAccessManager(network);
}

PreviewLoader::~PreviewLoader()
{
    // No signal may reach a half-destroyed owner.
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void PreviewLoader::setNetworkAccessManager(QNetworkAccessManager *network)
{
    if (network == m_network && network)
        return;
    abortInFlight();
    if (!network) {
        if (!m_ownNetwork)
            m_ownNetwork = new QNetworkAccessManager(this);
        network = m_ownNetwork;
    }
    m_network = network;
    updateLoading();
}

QNetworkAccessManager *PreviewLoader::networkAccessManager() const
{
    return m_network;
}

void PreviewLoader::setDebounceInterval(int milliseconds)
{
    m_debounceMs = qMax(0, milliseconds);
    m_maximumWaitMs = qMax(m_maximumWaitMs, m_debounceMs);
}

void PreviewLoader::setMaximumWait(int milliseconds)
{
    m_maximumWaitMs = qMax(milliseconds, m_debounceMs);
}

void PreviewLoader::setTransferTimeout(int milliseconds)
{
    m_transferTimeoutMs = qMax(0, milliseconds);
}

void PreviewLoader::requestPreview(const QUrl &url)
{
    if (url.isEmpty()) {
        cancel();
        m_currentUrl.clear();
        return;
    }
    if (url == m_currentUrl && isLoading())
        return; // already on its way
    if (url == m_currentUrl && m_lastResult.url == url && !m_lastFailure.isValid())
        return; // already shown
    m_currentUrl = url;
    // The request in flight is for an older URL: it is no longer current.
    abortInFlight();
    if (!m_debounce.isActive())
        m_pendingSince.start();
    const qint64 waited = m_pendingSince.elapsed();
    const qint64 delay = qMin<qint64>(m_debounceMs, qMax<qint64>(0, m_maximumWaitMs - waited));
    m_debounce.start(int(delay));
    updateLoading();
}

void PreviewLoader::flush()
{
    if (m_debounce.isActive())
        send();
}

void PreviewLoader::reload()
{
    if (m_currentUrl.isEmpty())
        return;
    abortInFlight();
    m_forceRequest = true;
    send();
}

void PreviewLoader::cancel()
{
    m_debounce.stop();
    abortInFlight();
    updateLoading();
}

void PreviewLoader::send()
{
    m_debounce.stop();
    abortInFlight();
    if (m_currentUrl.isEmpty() || !m_network) {
        updateLoading();
        return;
    }
    // Edited back to what is already on screen: nothing to fetch.
    const bool forced = std::exchange(m_forceRequest, false);
    if (!forced && m_currentUrl == m_lastResult.url && !m_lastFailure.isValid()) {
        updateLoading();
        Q_EMIT previewReady(m_lastResult);
        return;
    }
    if (!m_currentUrl.isValid() || m_currentUrl.isRelative()) {
        PreviewFailure failure;
        failure.url = m_currentUrl;
        failure.serverMessage = tr("\"%1\" is not a complete URL.").arg(m_currentUrl.toString());
        failure.hint = tr("Pick a file of the account or paste a full https:// URL.");
        updateLoading();
        fail(failure);
        return;
    }

    QNetworkRequest request(m_currentUrl);
    request.setRawHeader("Accept", acceptHeader());
    request.setTransferTimeout(m_transferTimeoutMs);
    const quint64 generation = ++m_generation;
    ++m_requestCount;
    m_loadTime.start();
    QNetworkReply *reply = m_network->get(request);
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply, generation] { onReplyFinished(reply, generation); });
    updateLoading();
    Q_EMIT requestStarted(m_currentUrl);
}

void PreviewLoader::onReplyFinished(QNetworkReply *reply, quint64 generation)
{
    reply->deleteLater();
    if (reply != m_reply || generation != m_generation)
        return; // stale: a newer URL took over
    m_reply.clear(); // loading stays on while the image is decoded: updateLoading() only on failure here

    const QByteArray body = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    PreviewFailure failure;
    failure.url = reply->url();
    failure.httpStatus = status;

    const QNetworkReply::NetworkError error = reply->error();
    if (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError) {
        // Requests this loader aborts are disconnected first: a cancelled reply that still
        // arrives here ran into the transfer timeout.
        failure.httpStatus = 0;
        failure.serverMessage = tr("The server did not answer within %1 seconds.").arg(m_transferTimeoutMs / 1000.0);
        failure.hint = tr("Reload, or simplify the transformation: very large outputs take long to render.");
        updateLoading();
        fail(failure);
        return;
    }
    if (error != QNetworkReply::NoError || status < 200 || status >= 300) {
        failure.serverMessage = serverMessageOf(reply, body);
        failure.hint = hintFor(status);
        updateLoading();
        fail(failure);
        return;
    }

    PreviewResult result;
    result.url = reply->url();
    result.mimeType = mimeTypeOf(reply);
    result.bytes = body.size();
    const QByteArray ignored = reply->rawHeader("X-IK-Ignored-Transformations");
    if (!ignored.isEmpty())
        result.ignoredParameters = QString::fromUtf8(ignored).split(QLatin1Char(','), Qt::SkipEmptyParts);

    // The image is decoded on a worker; until it is in, the request counts as in flight, and a
    // newer URL meanwhile makes this answer stale (abortInFlight() bumps the generation).
    m_decodingGeneration = generation;
    updateLoading();
    auto *watcher = new QFutureWatcher<DecodedPreview>(this);
    connect(watcher, &QFutureWatcher<DecodedPreview>::finished, this, [this, watcher, result, status, generation] {
        watcher->deleteLater();
        onDecoded(result, status, watcher->result(), generation);
    });
    watcher->setFuture(QtConcurrent::run(decodePreview, body));
}

void PreviewLoader::onDecoded(PreviewResult result, int httpStatus, const DecodedPreview &decoded, quint64 generation)
{
    if (generation != m_generation || generation != m_decodingGeneration)
        return; // stale: a newer URL took over while the image was being decoded
    m_decodingGeneration = 0;
    updateLoading();

    if (decoded.image.isNull()) {
        PreviewFailure failure;
        failure.url = result.url;
        failure.httpStatus = httpStatus;
        failure.serverMessage = tr("The server sent %1 of %2 that this computer cannot show as an image (%3).")
                                    .arg(QLocale().formattedDataSize(result.bytes),
                                         result.mimeType.isEmpty() ? tr("unknown type") : result.mimeType,
                                         decoded.readerError);
        failure.hint = tr("Choose an output format this system decodes for the preview, such as f-png, f-jpg or f-webp.");
        fail(failure);
        return;
    }
    result.image = decoded.image;
    result.format = decoded.format.isEmpty() ? result.mimeType.section(QLatin1Char('/'), 1).toUpper()
                                             : QString::fromLatin1(decoded.format).toUpper();
    result.pixelSize = result.image.size();
    result.decodeTimeMs = decoded.decodeTimeMs;
    result.loadTimeMs = m_loadTime.elapsed();
    m_lastResult = result;
    m_lastFailure = {};
    Q_EMIT previewReady(m_lastResult);
}

void PreviewLoader::abortInFlight()
{
    if (m_decodingGeneration != 0) {
        // The answer arrived and is being decoded: its result will be dropped (onDecoded).
        m_decodingGeneration = 0;
        ++m_generation;
    }
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply.clear();
    ++m_generation;
    ++m_abortedCount;
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}

void PreviewLoader::fail(const PreviewFailure &failure)
{
    m_lastFailure = failure;
    Q_EMIT previewFailed(failure.text());
}

void PreviewLoader::updateLoading()
{
    const bool loading = isLoading();
    if (loading == m_lastLoading)
        return;
    m_lastLoading = loading;
    Q_EMIT loadingChanged(loading);
}

} // namespace ikui
