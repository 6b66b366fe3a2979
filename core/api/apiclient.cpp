#include "api/apiclient.h"

#include "api/apijob.h"
#include "api/transport/apiclientprivate.h"
#include "util/clock.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QTimer>

#include <limits>

namespace ik {

namespace {

// Why `base` cannot be a base URL, or an empty string when it can.
QString baseUrlProblem(const QUrl &base)
{
    if (!base.isValid() || base.isRelative())
        return QStringLiteral("'%1' is not an absolute URL").arg(base.toString());
    if (base.host().isEmpty())
        return QStringLiteral("'%1' has no host").arg(base.toString());
    if (base.hasQuery() || base.hasFragment())
        return QStringLiteral("'%1' must not have a query or a fragment").arg(base.toString());
    const QString scheme = base.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme == QLatin1String("http")) {
        if (ApiClient::isLoopbackHost(base.host()))
            return {};
        return QStringLiteral("'%1' uses plain http://, which is allowed only for loopback hosts "
                              "(127.0.0.0/8, ::1, localhost); use https://")
            .arg(base.toString());
    }
    return QStringLiteral("'%1' is not an https:// URL").arg(base.toString());
}

} // namespace

void ApiClient::Private::submit(ApiJob *job)
{
    waiting.append(QPointer<ApiJob>(job));
    pump();
}

void ApiClient::Private::release(ApiJob *job)
{
    running.removeAll(job);
    waiting.removeAll(QPointer<ApiJob>(job));
    pump();
}

void ApiClient::Private::pump()
{
    // A job that fails while being started releases its slot from inside this loop.
    if (pumping)
        return;
    pumping = true;
    while (running.size() < qMax(1, maxConcurrent) && !waiting.isEmpty()) {
        QPointer<ApiJob> job = waiting.takeFirst();
        if (!job || job->m_finished)
            continue;
        running.append(job.data());
        job->sendAttempt();
    }
    pumping = false;
}

void ApiClient::Private::scheduleDelay(qint64 ms, QObject *context, std::function<void()> callback) const
{
    if (delayScheduler) {
        delayScheduler(ms, context, std::move(callback));
        return;
    }
    QTimer::singleShot(int(qBound<qint64>(0, ms, qint64(std::numeric_limits<int>::max()))), context, std::move(callback));
}

ApiClient::ApiClient(QObject *parent)
    : QObject(parent)
    , d(new Private)
{
    d->q = this;
    d->network = new QNetworkAccessManager(this);
    // Redirects may not downgrade https to http; TLS errors are never ignored (nothing here calls
    // ignoreSslErrors), so a bad certificate fails the job with a NetworkError.
    d->network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    d->apiBase = defaultApiBase();
    d->uploadBase = defaultUploadBase();
    d->clock = &Clock::system();
}

ApiClient::~ApiClient()
{
    cancelAll();
    delete d;
}

QUrl ApiClient::defaultApiBase()
{
    return QUrl(QStringLiteral("https://api.imagekit.io"));
}

QUrl ApiClient::defaultUploadBase()
{
    return QUrl(QStringLiteral("https://upload.imagekit.io"));
}

void ApiClient::setPrivateKey(const QString &key) { d->privateKey = key; }
QString ApiClient::privateKey() const { return d->privateKey; }
void ApiClient::setPublicKey(const QString &key) { d->publicKey = key; }
QString ApiClient::publicKey() const { return d->publicKey; }
void ApiClient::setUrlEndpoint(const QString &endpoint) { d->urlEndpoint = endpoint; }
QString ApiClient::urlEndpoint() const { return d->urlEndpoint; }

bool ApiClient::setApiBase(const QUrl &base, QString *why)
{
    const QString problem = baseUrlProblem(base);
    if (!problem.isEmpty()) {
        if (why)
            *why = QStringLiteral("Invalid API base URL: %1").arg(problem);
        return false;
    }
    d->apiBase = base;
    return true;
}

QUrl ApiClient::apiBase() const { return d->apiBase; }

bool ApiClient::setUploadBase(const QUrl &base, QString *why)
{
    const QString problem = baseUrlProblem(base);
    if (!problem.isEmpty()) {
        if (why)
            *why = QStringLiteral("Invalid upload base URL: %1").arg(problem);
        return false;
    }
    d->uploadBase = base;
    return true;
}

QUrl ApiClient::uploadBase() const { return d->uploadBase; }

QUrl ApiClient::baseUrl(ApiHost host) const
{
    return host == ApiHost::Upload ? d->uploadBase : d->apiBase;
}

bool ApiClient::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QString bare = host;
    if (bare.startsWith(QLatin1Char('[')) && bare.endsWith(QLatin1Char(']')))
        bare = bare.mid(1, bare.size() - 2);
    const QHostAddress address(bare);
    return !address.isNull() && address.isLoopback();
}

void ApiClient::setTransferTimeoutMs(int ms) { d->transferTimeoutMs = ms; }
int ApiClient::transferTimeoutMs() const { return d->transferTimeoutMs; }

void ApiClient::setMaxConcurrentRequests(int count)
{
    d->maxConcurrent = qMax(1, count);
    d->pump();
}

int ApiClient::maxConcurrentRequests() const { return d->maxConcurrent; }
void ApiClient::setRetryPolicy(const RetryPolicy &policy) { d->retryPolicy = policy; }
RetryPolicy ApiClient::retryPolicy() const { return d->retryPolicy; }
void ApiClient::setClock(const Clock *clock) { d->clock = clock ? clock : &Clock::system(); }
const Clock &ApiClient::clock() const { return *d->clock; }
void ApiClient::setDelayScheduler(DelayScheduler scheduler) { d->delayScheduler = std::move(scheduler); }
QNetworkAccessManager *ApiClient::networkAccessManager() const { return d->network; }

int ApiClient::queuedCount() const
{
    int count = 0;
    for (const QPointer<ApiJob> &job : d->waiting)
        count += job && !job->isFinished() ? 1 : 0;
    return count;
}

int ApiClient::runningCount() const
{
    return int(d->running.size());
}

void ApiClient::cancelAll()
{
    // Every job is a child of its client: this reaches the not yet started ones too. Waiting
    // jobs go first, so that cancelling a running one does not start them.
    QList<QPointer<ApiJob>> jobs(d->waiting.cbegin(), d->waiting.cend());
    const QList<ApiJob *> children = findChildren<ApiJob *>(Qt::FindDirectChildrenOnly);
    for (ApiJob *job : children)
        jobs.append(QPointer<ApiJob>(job));
    for (const QPointer<ApiJob> &job : std::as_const(jobs)) {
        if (job && !job->isFinished())
            job->cancel();
    }
}

} // namespace ik
