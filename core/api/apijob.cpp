#include "api/apijob.h"

#include "api/apiclient.h"
#include "api/transport/apiclientprivate.h"
#include "api/transport/formencoding.h"
#include "api/transport/multipartbody.h"
#include "api/transport/retrybackoff.h"

#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>

namespace ik {

struct ApiJob::Private
{
    QPointer<QNetworkReply> reply;
    QTimer *transferTimer = nullptr;
    bool timedOut = false;
    bool holdsSlot = false;
    bool uploadReported = false;  // this attempt has reported upload progress
    // Bumped whenever a scheduled retry must no longer run (cancel, finish).
    quint64 retryGeneration = 0;
};

namespace {

// Errors below 200 (connection, proxy) and protocol failures are transport failures: no usable
// HTTP answer, even if a status line arrived before the connection broke.
bool isTransportFailure(QNetworkReply::NetworkError error)
{
    return (error > QNetworkReply::NoError && error < QNetworkReply::ContentAccessDenied)
        || error == QNetworkReply::ProtocolFailure || error == QNetworkReply::ProtocolUnknownError
        || error == QNetworkReply::UnknownNetworkError || error == QNetworkReply::UnknownProxyError;
}

// The announced Content-Length when the body received is shorter (an uncompressed body only:
// with Content-Encoding the length counts compressed bytes).
std::optional<qint64> truncatedBodyLength(const ResponseMetadata &metadata, const QByteArray &method)
{
    if (method.compare("HEAD", Qt::CaseInsensitive) == 0 || metadata.httpStatus == 204 || metadata.httpStatus == 304)
        return std::nullopt;
    const QByteArray lengthHeader = metadata.header("content-length");
    if (lengthHeader.isEmpty() || !metadata.header("content-encoding").isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 length = lengthHeader.trimmed().toLongLong(&ok);
    if (!ok || metadata.raw.size() >= length)
        return std::nullopt;
    return length;
}

QString describeRequest(const ApiRequest &request)
{
    return QString::fromLatin1(request.method) + QLatin1Char(' ') + request.path;
}

} // namespace

ApiJob::ApiJob(ApiClient *client, ApiRequest request, ApiError validationError)
    : QObject(client)
    , m_client(client)
    , m_request(std::move(request))
    , m_validationError(std::move(validationError))
    , d(new Private)
{
    m_hasValidationError = m_validationError.kind() == ErrorKind::InvalidArgument || !m_validationError.message().isEmpty();
    d->transferTimer = new QTimer(this);
    d->transferTimer->setSingleShot(true);
    connect(d->transferTimer, &QTimer::timeout, this, &ApiJob::onTransferTimeout);
    // Sent on the next event loop turn, after the caller has connected its slots.
    QTimer::singleShot(0, this, &ApiJob::start);
}

ApiJob::~ApiJob()
{
    if (d->reply) {
        disconnect(d->reply, nullptr, this, nullptr);
        d->reply->abort();
        d->reply->deleteLater();
    }
    if (m_client && !m_finished)
        m_client->d->release(this);
    delete d;
}

void ApiJob::start()
{
    if (m_started || m_finished)
        return;
    m_started = true;
    if (m_hasValidationError) {
        finish(m_validationError);
        return;
    }
    if (!m_client) {
        finish(ApiError(ErrorKind::InvalidArgument, QStringLiteral("The job has no client to send it")));
        return;
    }
    m_client->d->submit(this);
}

void ApiJob::cancel()
{
    if (m_finished)
        return;
    m_started = true; // a job cancelled before it started never starts
    if (d->reply) {
        QNetworkReply *reply = d->reply;
        d->reply = nullptr;
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
    finish(ApiError(ErrorKind::Cancelled, QStringLiteral("%1 was cancelled").arg(describeRequest(m_request)), {},
                    m_metadata));
}

void ApiJob::sendAttempt()
{
    if (m_finished)
        return;
    d->holdsSlot = true;
    ++m_attempts;
    d->timedOut = false;
    d->uploadReported = false;
    ApiClient::Private *client = m_client->d;

    QByteArray url = client->q->baseUrl(m_request.host).toEncoded();
    while (url.endsWith('/'))
        url.chop(1);
    if (!m_request.path.startsWith(QLatin1Char('/')))
        url.append('/');
    url.append(m_request.path.toUtf8());
    if (!m_request.query.isEmpty())
        url.append('?').append(FormEncoding::encodeQuery(m_request.query));

    QNetworkRequest request(QUrl::fromEncoded(url, QUrl::TolerantMode));
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("Mediadesk-ikcore"));
    if (!client->privateKey.isEmpty())
        request.setRawHeader("Authorization", "Basic " + (client->privateKey.toUtf8() + ':').toBase64());

    QNetworkAccessManager *network = client->network;
    QNetworkReply *reply = nullptr;
    const QByteArray method = m_request.method.toUpper();
    switch (m_request.body) {
    case ApiRequest::Body::None:
        if (method == "GET")
            reply = network->get(request);
        else if (method == "HEAD")
            reply = network->head(request);
        else if (method == "DELETE")
            reply = network->deleteResource(request);
        else
            reply = network->sendCustomRequest(request, method, QByteArray());
        break;
    case ApiRequest::Body::Json:
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        reply = network->sendCustomRequest(request, method, m_request.json);
        break;
    case ApiRequest::Body::Multipart: {
        QString why;
        QHttpMultiPart *multipart = MultipartBody::build(m_request.multipart, &why);
        if (!multipart) {
            // Nothing was sent; report it on the next turn, outside the client's queue loop.
            const ApiError error(ErrorKind::InvalidArgument, why);
            QTimer::singleShot(0, this, [this, error] { finish(error); });
            return;
        }
        reply = network->sendCustomRequest(request, method, multipart);
        multipart->setParent(reply);
        break;
    }
    }

    d->reply = reply;
    connect(reply, &QNetworkReply::finished, this, &ApiJob::onReplyFinished);
    // Any progress restarts the transfer timeout (when there is one).
    const int timeoutMs = client->transferTimeoutMs;
    d->transferTimer->setInterval(qMax(1, timeoutMs));
    const auto restartTimer = [this, timeoutMs] {
        if (timeoutMs > 0)
            d->transferTimer->start();
    };
    connect(reply, &QNetworkReply::uploadProgress, this, [this, restartTimer](qint64 sent, qint64 total) {
        restartTimer();
        // QNetworkReply reports (0, 0) once the upload is over; the caller already saw 100 %.
        if (sent == 0 && total == 0 && d->uploadReported)
            return;
        d->uploadReported = true;
        Q_EMIT uploadProgress(sent, total);
    });
    connect(reply, &QNetworkReply::downloadProgress, this, [this, restartTimer](qint64 received, qint64 total) {
        restartTimer();
        Q_EMIT downloadProgress(received, total);
    });
    connect(reply, &QNetworkReply::metaDataChanged, this, restartTimer);
    restartTimer();
}

void ApiJob::onTransferTimeout()
{
    if (!d->reply || m_finished)
        return;
    d->timedOut = true;
    d->reply->abort(); // finishes the reply, which reports the timeout
}

void ApiJob::onReplyFinished()
{
    QNetworkReply *reply = d->reply;
    if (!reply || sender() != reply)
        return;
    d->reply = nullptr;
    d->transferTimer->stop();
    reply->deleteLater();
    if (m_finished)
        return;

    ResponseMetadata metadata;
    metadata.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    metadata.headers = reply->rawHeaderPairs();
    if (reply->isOpen())
        metadata.raw = reply->readAll();
    const QNetworkReply::NetworkError networkError = reply->error();

    if (d->timedOut) {
        handleFailure(ApiError(ErrorKind::Timeout,
                               QStringLiteral("%1: no progress for %2 ms").arg(describeRequest(m_request)).arg(m_client ? m_client->transferTimeoutMs() : 0),
                               {}, metadata));
        return;
    }
    if (metadata.httpStatus == 0 || isTransportFailure(networkError)) {
        handleFailure(ApiError(ErrorKind::Network,
                               QStringLiteral("%1: %2").arg(describeRequest(m_request), reply->errorString()), {},
                               metadata));
        return;
    }
    if (const std::optional<qint64> expected = truncatedBodyLength(metadata, m_request.method)) {
        // Qt 6.4 can report a connection closed in the middle of a body as a clean finish.
        handleFailure(ApiError(ErrorKind::Network,
                               QStringLiteral("%1: the connection closed after %2 of %3 bytes of the response")
                                   .arg(describeRequest(m_request))
                                   .arg(metadata.raw.size())
                                   .arg(*expected),
                               {}, metadata));
        return;
    }
    m_metadata = metadata;
    if (!m_request.successStatuses.contains(metadata.httpStatus)) {
        handleFailure(ApiError::fromHttpResponse(metadata));
        return;
    }
    std::optional<ApiError> error = handleSuccess(m_metadata);
    if (m_finished) // cancelled from a slot connected to the typed result
        return;
    finish(error);
}

void ApiJob::handleFailure(const ApiError &error)
{
    if (!m_client) {
        finish(error);
        return;
    }
    ApiClient::Private *client = m_client->d;
    const RetryPolicy &policy = client->retryPolicy;
    const bool retryable = error.kind() == ErrorKind::TooManyRequests || (error.isTransient() && m_request.idempotent);
    if (!retryable || m_attempts >= policy.maxAttempts) {
        finish(error);
        return;
    }
    const std::optional<qint64> delay = RetryBackoff::delayBeforeRetryMs(policy, m_attempts, error, *client->clock,
                                                                         QRandomGenerator::global()->generateDouble());
    if (!delay) {
        finish(error);
        return;
    }
    const quint64 generation = ++d->retryGeneration;
    Q_EMIT retrying(error, m_attempts + 1, *delay);
    if (m_finished || !m_client)
        return;
    QPointer<ApiJob> self(this);
    client->scheduleDelay(*delay, this, [self, generation] {
        if (self && !self->m_finished && self->d->retryGeneration == generation)
            self->sendAttempt();
    });
}

void ApiJob::releaseSlot()
{
    d->holdsSlot = false;
    if (m_client)
        m_client->d->release(this);
}

void ApiJob::finish(const std::optional<ApiError> &error)
{
    if (m_finished)
        return;
    m_finished = true;
    ++d->retryGeneration;
    d->transferTimer->stop();
    releaseSlot();
    if (error) {
        m_error = *error;
        Q_EMIT failed(m_error);
    }
    Q_EMIT done();
    deleteLater();
}

} // namespace ik
