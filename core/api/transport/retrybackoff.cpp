#include "api/transport/retrybackoff.h"

#include "util/clock.h"

#include <QDateTime>

#include <cmath>

namespace ik {

qint64 RetryBackoff::backoffDelayMs(const RetryPolicy &policy, int failedAttempts, double unitRandom)
{
    const qint64 cap = qMax<qint64>(0, policy.maxDelayMs);
    double delay = double(qMax<qint64>(0, policy.initialDelayMs));
    for (int i = 1; i < failedAttempts && delay < double(cap); ++i)
        delay *= 2;
    delay = qMin(delay, double(cap));
    const double jitter = qBound(0.0, policy.jitter, 1.0);
    delay *= 1.0 + jitter * (2.0 * qBound(0.0, unitRandom, 1.0) - 1.0);
    return qBound<qint64>(0, qint64(std::llround(delay)), cap);
}

std::optional<qint64> RetryBackoff::serverRequestedWaitMs(const ResponseMetadata &metadata, const Clock &clock)
{
    bool ok = false;
    const QByteArray reset = metadata.header("x-ratelimit-reset").trimmed();
    if (!reset.isEmpty()) {
        const double ms = reset.toDouble(&ok);
        if (ok && ms >= 0 && std::isfinite(ms))
            return qint64(std::ceil(ms));
    }
    const QByteArray retryAfter = metadata.header("retry-after").trimmed();
    if (!retryAfter.isEmpty()) {
        const double seconds = retryAfter.toDouble(&ok);
        if (ok && seconds >= 0 && std::isfinite(seconds))
            return qint64(std::ceil(seconds * 1000));
        // An HTTP date always says "GMT", which Qt's RFC 2822 parser wants as "+0000".
        QString date = QString::fromLatin1(retryAfter);
        if (date.endsWith(QLatin1String(" GMT")))
            date = date.chopped(4) + QLatin1String(" +0000");
        const QDateTime when = QDateTime::fromString(date, Qt::RFC2822Date);
        if (when.isValid())
            return qMax<qint64>(0, when.toMSecsSinceEpoch() - clock.nowMilliseconds());
    }
    return std::nullopt;
}

std::optional<qint64> RetryBackoff::delayBeforeRetryMs(const RetryPolicy &policy, int failedAttempts,
                                                       const ApiError &error, const Clock &clock, double unitRandom)
{
    qint64 delay = backoffDelayMs(policy, failedAttempts, unitRandom);
    if (error.kind() == ErrorKind::TooManyRequests) {
        if (const std::optional<qint64> wait = serverRequestedWaitMs(error.metadata(), clock)) {
            if (*wait > policy.maxDelayMs)
                return std::nullopt;
            delay = qMax(delay, *wait);
        }
    }
    return delay;
}

} // namespace ik
