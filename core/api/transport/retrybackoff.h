#pragma once

#include "api/apiclient.h"
#include "api/apierror.h"

#include <optional>

namespace ik {

class Clock;

// How long to wait before the next attempt: exponential backoff with jitter, and for a 429 at
// least what the server asked for (X-RateLimit-Reset in milliseconds, or Retry-After in seconds
// or as an HTTP date).
class RetryBackoff
{
public:
    // initialDelayMs * 2^(failedAttempts - 1), capped at maxDelayMs, then spread by +/- jitter.
    // `unitRandom` in [0, 1) picks the jitter (0.5 = none).
    static qint64 backoffDelayMs(const RetryPolicy &policy, int failedAttempts, double unitRandom);
    // The wait a 429 response asks for; nullopt when it names none (or an unreadable one).
    static std::optional<qint64> serverRequestedWaitMs(const ResponseMetadata &metadata, const Clock &clock);
    // The delay before retrying after `error`, or nullopt when the server asks for a longer wait
    // than policy.maxDelayMs (then the job fails with the 429 instead of stalling).
    static std::optional<qint64> delayBeforeRetryMs(const RetryPolicy &policy, int failedAttempts, const ApiError &error,
                                                    const Clock &clock, double unitRandom);
};

} // namespace ik
