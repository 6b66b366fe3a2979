#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QUrl>

#include <functional>

namespace ikui {

// One thumbnail to fetch: `key` identifies it in caches and signals (fileId plus pixel size).
struct ThumbnailRequest
{
    QString key;
    QString fileId;
    QUrl url;
};

// Decides which thumbnail requests run: only the ones wanted now (the visible cells), in the
// order given (visible-first), at most maxInFlight() at once; a running request whose cell left
// the screen is aborted. It does no I/O: `start` and `abort` callbacks do the fetching, and the
// fetcher reports back with finished(key) (success or failure alike).
class ThumbnailScheduler
{
public:
    static constexpr int DefaultMaxInFlight = 64;

    using StartFunction = std::function<void(const ThumbnailRequest &request)>;
    using AbortFunction = std::function<void(const QString &key)>;

    ThumbnailScheduler(StartFunction start, AbortFunction abort);

    void setMaxInFlight(int count);
    int maxInFlight() const { return m_maxInFlight; }

    // Replaces what is wanted, first = most urgent. In-flight requests not in the list are
    // aborted (abort callback, no finished() needed); new ones start while slots are free.
    void setWanted(const QList<ThumbnailRequest> &requests);
    // A started request ended (loaded, failed or aborted by the fetcher itself): frees its slot.
    void finished(const QString &key);
    // Aborts everything in flight and forgets the wanted list.
    void clear();

    int inFlightCount() const { return int(m_inFlight.size()); }
    int pendingCount() const { return int(m_pending.size()); }
    bool isInFlight(const QString &key) const { return m_inFlight.contains(key); }
    // Totals since construction.
    int startedCount() const { return m_started; }
    int abortedCount() const { return m_aborted; }

private:
    void pump();

    StartFunction m_start;
    AbortFunction m_abort;
    int m_maxInFlight = DefaultMaxInFlight;
    QList<ThumbnailRequest> m_pending;        // wanted, not started, in order
    QHash<QString, ThumbnailRequest> m_inFlight;
    int m_started = 0;
    int m_aborted = 0;
};

} // namespace ikui
