#include "faults/faultinjector.h"

#include <QStringList>

namespace ikemu {

bool FaultSettings::parseRateLimit(const QString &text)
{
    const QStringList parts = text.trimmed().split(QLatin1Char('/'));
    if (parts.isEmpty() || parts.size() > 2)
        return false;
    bool ok = false;
    const int count = parts.at(0).trimmed().toInt(&ok);
    if (!ok || count <= 0)
        return false;
    double seconds = 1.0;
    if (parts.size() == 2) {
        // "20/1", "20/2s" and "20/s" (per second, the spelling used in the issues) are accepted.
        QString window = parts.at(1).trimmed();
        if (window.endsWith(QLatin1Char('s')))
            window.chop(1);
        seconds = window.isEmpty() ? 1.0 : window.toDouble(&ok);
        if (!ok || seconds <= 0)
            return false;
    }
    rateLimitCount = count;
    rateLimitWindowMs = qMax(1, int(seconds * 1000.0));
    return true;
}

FaultInjector::FaultInjector(const FaultSettings &settings)
{
    setSettings(settings);
    m_clock.start();
}

void FaultInjector::setSettings(const FaultSettings &settings)
{
    m_settings = settings;
    m_random = settings.seed ? QRandomGenerator(settings.seed) : QRandomGenerator::securelySeeded();
    m_requestsInWindow = 0;
    m_windowStartMs = m_clock.isValid() ? m_clock.elapsed() : 0;
}

bool FaultInjector::roll(double probability)
{
    if (probability <= 0.0)
        return false;
    if (probability >= 1.0)
        return true;
    return m_random.generateDouble() < probability;
}

std::optional<ApiResponse> FaultInjector::interceptBeforeHandling(bool rateLimitApplies)
{
    if (rateLimitApplies && m_settings.rateLimited()) {
        const qint64 now = m_clock.elapsed();
        if (now - m_windowStartMs >= m_settings.rateLimitWindowMs) {
            m_windowStartMs = now - (now - m_windowStartMs) % m_settings.rateLimitWindowMs;
            m_requestsInWindow = 0;
        }
        if (m_requestsInWindow >= m_settings.rateLimitCount) {
            const qint64 resetMs = qMax<qint64>(1, m_windowStartMs + m_settings.rateLimitWindowMs - now);
            ApiResponse r = ApiResponse::json(
                QJsonObject{{QStringLiteral("message"),
                             QStringLiteral("You have exceeded the rate limit of %1 requests per %2 ms. "
                                            "Retry after %3 ms.")
                                 .arg(m_settings.rateLimitCount).arg(m_settings.rateLimitWindowMs).arg(resetMs)},
                            {QStringLiteral("help"), supportHelp()}},
                429);
            r.setHeader("X-RateLimit-Limit", QByteArray::number(m_settings.rateLimitCount));
            r.setHeader("X-RateLimit-Reset", QByteArray::number(resetMs));
            r.setHeader("X-RateLimit-Interval", QByteArray::number(m_settings.rateLimitWindowMs));
            return r;
        }
        ++m_requestsInWindow;
    }
    if (roll(m_settings.failRate)) {
        const bool unavailable = m_random.bounded(2) == 1;
        return ApiResponse::error(unavailable ? 503 : 500,
                                  unavailable ? QStringLiteral("Service temporarily unavailable (injected by --fail-rate).")
                                              : QStringLiteral("Internal server error (injected by --fail-rate)."));
    }
    return std::nullopt;
}

bool FaultInjector::shouldDrop()
{
    return roll(m_settings.dropRate);
}

} // namespace ikemu
