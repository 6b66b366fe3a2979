#pragma once

// Shared by the benchmarks that check "the UI thread is never blocked for more than 16 ms".
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <ctime>
#include <functional>

namespace benchsupport {

// CPU time the calling thread has used.
inline qint64 threadCpuNs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// A 1 ms heartbeat on the UI thread: the longest gap between two beats is the longest time the
// event loop could not run. On a loaded machine a gap can also be the OS not scheduling the
// process at all, so each gap also records the CPU time the UI thread used in it: a long gap
// with little CPU is the machine, a long gap full of CPU is our work.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const qint64 cpu = threadCpuNs();
            if (m_last > 0) {
                const qint64 gap = now - m_last;
                const qint64 busy = cpu - m_lastCpu;
                if (gap > m_longestNs) {
                    m_longestNs = gap;
                    m_longestGapCpuNs = busy;
                }
                m_longestCpuNs = qMax(m_longestCpuNs, qMin(busy, gap));
                if (gap > 16000000)
                    ++m_gapsOver16;
                if (qMin(busy, gap) > 16000000) {
                    ++m_busyOver16;
                    if (m_describe && m_reports.size() < 12)
                        m_reports.append(QStringLiteral("  busy %1 ms in a %2 ms gap: %3")
                                             .arg(busy / 1e6, 0, 'f', 1).arg(gap / 1e6, 0, 'f', 1).arg(m_describe()));
                }
                if (m_describe)
                    m_describe(); // starts the next gap's tally
                ++m_beats;
            }
            m_last = now;
            m_lastCpu = cpu;
            if (m_onTick)
                m_onTick();
        });
    }
    void start(std::function<void()> onTick = {})
    {
        m_onTick = std::move(onTick);
        m_longestNs = m_longestGapCpuNs = m_longestCpuNs = 0;
        m_gapsOver16 = m_busyOver16 = m_beats = 0;
        m_reports.clear();
        m_last = 0;
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    // Called at every beat: returns what happened since the previous beat (and resets it).
    void setDescriber(std::function<QString()> describe) { m_describe = std::move(describe); }
    QStringList reports() const { return m_reports; }
    double longestGapMs() const { return m_longestNs / 1e6; }
    double longestGapCpuMs() const { return m_longestGapCpuNs / 1e6; }
    double longestBusyMs() const { return m_longestCpuNs / 1e6; }
    int gapsOver16() const { return m_gapsOver16; }
    int busyOver16() const { return m_busyOver16; }
    int beats() const { return m_beats; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_lastCpu = 0;
    qint64 m_longestNs = 0;
    qint64 m_longestGapCpuNs = 0; // CPU used during the longest gap
    qint64 m_longestCpuNs = 0;    // the most CPU used in any gap
    int m_gapsOver16 = 0;
    int m_busyOver16 = 0;
    int m_beats = 0;
    std::function<void()> m_onTick;
    std::function<QString()> m_describe;
    QStringList m_reports;
};

} // namespace benchsupport
