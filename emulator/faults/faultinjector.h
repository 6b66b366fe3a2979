#pragma once

#include "server/httpexchange.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QString>

#include <optional>

namespace ikemu {

// What the operator asked for with --latency, --fail-rate, --rate-limit and --drop-rate.
struct FaultSettings {
    int latencyMs = 0;          // added before every response
    double failRate = 0.0;      // probability of answering 500/503 instead of handling the request
    int rateLimitCount = 0;     // requests allowed per window on the management API; 0 = off
    int rateLimitWindowMs = 0;
    double dropRate = 0.0;      // probability of closing the connection in the middle of the response
    quint32 seed = 0;           // 0 = random; otherwise repeatable fault decisions

    bool rateLimited() const { return rateLimitCount > 0 && rateLimitWindowMs > 0; }
    // "N/S" (N requests per S seconds, S may be fractional) or "N" (per second). False when malformed.
    bool parseRateLimit(const QString &text);
};

// Decides, request by request, which fault to inject. The rate limit is a fixed window, the
// scheme ImageKit's X-RateLimit-* headers describe: Limit per Interval ms, Reset ms left.
class FaultInjector
{
public:
    explicit FaultInjector(const FaultSettings &settings = {});

    const FaultSettings &settings() const { return m_settings; }
    void setSettings(const FaultSettings &settings);

    // A response that replaces the real one (429 or 5xx), or nullopt to handle the request.
    // `rateLimitApplies` is false for uploads and delivery, which ImageKit does not rate limit.
    std::optional<ApiResponse> interceptBeforeHandling(bool rateLimitApplies);
    // True when this response must be cut off mid-way.
    bool shouldDrop();

private:
    bool roll(double probability);

    FaultSettings m_settings;
    QRandomGenerator m_random;
    QElapsedTimer m_clock;
    qint64 m_windowStartMs = 0;
    int m_requestsInWindow = 0;
};

} // namespace ikemu
