#include "processmemory.h"

#include <QFile>

namespace iktest {

namespace {

qint64 statusFieldBytes(const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    // /proc files report size 0, so atEnd() is true at once: read to EOF instead.
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field + ':')) {
            const QList<QByteArray> words = line.mid(field.size() + 1).simplified().split(' ');
            bool ok = false;
            const qint64 kib = words.value(0).toLongLong(&ok);
            return ok ? kib * 1024 : -1;
        }
    }
    return -1;
}

} // namespace

qint64 ProcessMemory::rssBytes()
{
    return statusFieldBytes("VmRSS");
}

qint64 ProcessMemory::peakRssBytes()
{
    return statusFieldBytes("VmHWM");
}

bool ProcessMemory::resetPeak()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    if (!clearRefs.open(QIODevice::WriteOnly))
        return false;
    return clearRefs.write("5") == 1;
}

} // namespace iktest
