#pragma once

#include <QtGlobal>
#include <QDateTime>

namespace ik {

// Time source for everything time-dependent in the core (signed URL expiry, upload auth
// parameters, retry backoff). Injected so tests and `mediadesk-cli --now` can pin it.
class Clock
{
public:
    virtual ~Clock() = default;
    // Seconds since the Unix epoch.
    virtual qint64 nowSeconds() const = 0;
    // Milliseconds since the Unix epoch.
    virtual qint64 nowMilliseconds() const = 0;

    // The process-wide system clock; never null.
    static const Clock &system();
};

class SystemClock final : public Clock
{
public:
    qint64 nowSeconds() const override { return QDateTime::currentSecsSinceEpoch(); }
    qint64 nowMilliseconds() const override { return QDateTime::currentMSecsSinceEpoch(); }
};

// A clock that stands still until moved: for tests and for pinned command-line runs.
class FixedClock final : public Clock
{
public:
    explicit FixedClock(qint64 seconds = 0) : m_ms(seconds * 1000) {}
    qint64 nowSeconds() const override { return m_ms / 1000; }
    qint64 nowMilliseconds() const override { return m_ms; }
    void setSeconds(qint64 seconds) { m_ms = seconds * 1000; }
    void advanceMilliseconds(qint64 ms) { m_ms += ms; }

private:
    qint64 m_ms;
};

inline const Clock &Clock::system()
{
    static const SystemClock clock;
    return clock;
}

} // namespace ik
