#pragma once

#include "api/apierror.h"
#include "api/apirequest.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace ik {

class ApiJob;
class Clock;

// How failed requests are retried: exponential backoff with jitter, bounded attempts.
struct RetryPolicy
{
    int maxAttempts = 4;            // including the first; 1 disables retries
    qint64 initialDelayMs = 500;    // first backoff; doubles each attempt
    qint64 maxDelayMs = 30000;
    double jitter = 0.2;            // +/- this fraction of the delay, at random
    // A 429 waits at least what the server asks (X-RateLimit-Reset ms, or Retry-After); a wait
    // longer than maxDelayMs is not attempted: the job fails with the TooManyRequests error.
};

// Credentials, base URLs and the shared QNetworkAccessManager for every job; sends jobs with a
// per-client concurrency cap and a queue behind it, applies timeouts and the retry policy.
// Operations (ik::ImageKit in api/imagekit.h) build ApiRequests and jobs on top of it.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    static QUrl defaultApiBase();     // https://api.imagekit.io
    static QUrl defaultUploadBase();  // https://upload.imagekit.io

    void setPrivateKey(const QString &key);
    QString privateKey() const;
    void setPublicKey(const QString &key);
    QString publicKey() const;
    void setUrlEndpoint(const QString &endpoint);
    QString urlEndpoint() const;

    // Plain http:// is accepted only for loopback hosts; returns false (and keeps the old value)
    // otherwise, with the reason in *why.
    bool setApiBase(const QUrl &base, QString *why = nullptr);
    QUrl apiBase() const;
    bool setUploadBase(const QUrl &base, QString *why = nullptr);
    QUrl uploadBase() const;

    // A request that makes no progress for this long fails with ErrorKind::Timeout.
    void setTransferTimeoutMs(int ms);
    int transferTimeoutMs() const;
    // Requests in flight at once (default 6); the rest wait in order. A job waiting out a retry
    // backoff keeps its slot, so a rate-limited client does not start more requests meanwhile.
    void setMaxConcurrentRequests(int count);
    int maxConcurrentRequests() const;
    void setRetryPolicy(const RetryPolicy &policy);
    RetryPolicy retryPolicy() const;
    // For tests: the clock backoff delays are measured against (default Clock::system()).
    void setClock(const Clock *clock);
    const Clock &clock() const;

    // Runs `callback` after `delayMs` unless `context` is destroyed first. Retry backoffs go
    // through it, so tests can run them instantly (or record them) instead of sleeping.
    // The default uses QTimer::singleShot; an empty function restores it.
    using DelayScheduler = std::function<void(qint64 delayMs, QObject *context, std::function<void()> callback)>;
    void setDelayScheduler(DelayScheduler scheduler);

    // The base URL requests to `host` go to.
    QUrl baseUrl(ApiHost host) const;
    // Plain http:// only for loopback hosts (127.0.0.0/8, ::1, localhost).
    static bool isLoopbackHost(const QString &host);

    // Cancels every queued and running job (each emits failed(Cancelled) and done()).
    void cancelAll();

    QNetworkAccessManager *networkAccessManager() const;

    // Jobs waiting for a free slot, and in flight.
    int queuedCount() const;
    int runningCount() const;

private:
    friend class ApiJob;
    struct Private;
    Private *d;
};

} // namespace ik
