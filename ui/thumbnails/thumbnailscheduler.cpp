#include "thumbnails/thumbnailscheduler.h"

#include <QSet>

#include <utility>

namespace ikui {

ThumbnailScheduler::ThumbnailScheduler(StartFunction start, AbortFunction abort)
    : m_start(std::move(start))
    , m_abort(std::move(abort))
{
}

void ThumbnailScheduler::setMaxInFlight(int count)
{
    m_maxInFlight = qMax(1, count);
    pump();
}

void ThumbnailScheduler::setWanted(const QList<ThumbnailRequest> &requests)
{
    QSet<QString> wanted;
    wanted.reserve(requests.size());
    m_pending.clear();
    for (const ThumbnailRequest &request : requests) {
        if (request.key.isEmpty() || wanted.contains(request.key))
            continue;
        wanted.insert(request.key);
        if (!m_inFlight.contains(request.key))
            m_pending.append(request);
    }
    // Cells scrolled away: their slots go to the cells on screen.
    const QStringList running = m_inFlight.keys();
    for (const QString &key : running) {
        if (wanted.contains(key))
            continue;
        m_inFlight.remove(key);
        ++m_aborted;
        m_abort(key);
    }
    pump();
}

void ThumbnailScheduler::finished(const QString &key)
{
    if (m_inFlight.remove(key))
        pump();
}

void ThumbnailScheduler::clear()
{
    setWanted({});
}

void ThumbnailScheduler::pump()
{
    while (!m_pending.isEmpty() && m_inFlight.size() < m_maxInFlight) {
        const ThumbnailRequest request = m_pending.takeFirst();
        m_inFlight.insert(request.key, request);
        ++m_started;
        // The fetcher may answer synchronously (a cache hit) and call finished() re-entrantly;
        // the request is already counted in flight, so that is safe.
        m_start(request);
    }
}

} // namespace ikui
