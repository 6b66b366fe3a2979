#pragma once

// Resident memory of this process from /proc/self/status (Linux), for streaming tests and
// benchmarks. resetPeak() writes "5" to /proc/self/clear_refs so peakRssBytes() measures from now.

#include <QtGlobal>

namespace iktest {

class ProcessMemory
{
public:
    static qint64 rssBytes();      // VmRSS; -1 when unavailable
    static qint64 peakRssBytes();  // VmHWM; -1 when unavailable
    static bool resetPeak();       // false when the kernel refused (then the peak is since start)
};

} // namespace iktest
