#pragma once

#include "builder/preview/previewresult.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace ikui {

struct DecodedPreview;

// Loads the image of a transformation URL for the builder's live preview.
//
// requestPreview() is debounced: edits within the debounce interval collapse into one request
// for the latest URL (a user who keeps typing still gets a request at least every maximumWait).
// Only the latest URL is ever current: a request for an older one is aborted as soon as a newer
// URL arrives, and an answer that still slips through is dropped, so a stale image is never shown.
// Images are decoded on a worker thread (QtConcurrent), never on the caller's.
//
//   auto *loader = new PreviewLoader(session->client()->networkAccessManager(), this);
//   connect(loader, &PreviewLoader::previewReady, this, [](const PreviewResult &r) { ... });
//   connect(loader, &PreviewLoader::previewFailed, this, [](const QString &message) { ... });
//   loader->requestPreview(url);   // on every edit
//
// Tests shorten the wait with setDebounceInterval() or send the pending request with flush().
class PreviewLoader : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultDebounceMs = 300;
    static constexpr int DefaultMaximumWaitMs = 1000;
    static constexpr int DefaultTransferTimeoutMs = 30000;

    // `network` may be nullptr: the loader then uses its own manager.
    explicit PreviewLoader(QNetworkAccessManager *network = nullptr, QObject *parent = nullptr);
    ~PreviewLoader() override;

    void setNetworkAccessManager(QNetworkAccessManager *network);
    QNetworkAccessManager *networkAccessManager() const;

    // Quiet time after the last edit before the request goes out; 0 sends it on the next event
    // loop turn (still collapsing edits made in the same turn).
    void setDebounceInterval(int milliseconds);
    int debounceInterval() const { return m_debounceMs; }
    // Longest delay of a request while edits keep coming (>= the debounce interval).
    void setMaximumWait(int milliseconds);
    int maximumWait() const { return m_maximumWaitMs; }
    void setTransferTimeout(int milliseconds);

    // The URL to show now (debounced). An empty URL cancels everything and shows nothing.
    void requestPreview(const QUrl &url);
    // Sends the pending request (if any) without waiting for the debounce interval.
    void flush();
    // Loads `url` again at once, even when it is the one already shown.
    void reload();
    // Drops the pending request and aborts the one in flight; nothing more is emitted for them.
    void cancel();

    // The latest URL asked for (what will be shown next).
    QUrl currentUrl() const { return m_currentUrl; }
    // A request is waiting for its debounce interval or is in flight.
    bool isLoading() const { return isPending() || isInFlight(); }
    bool isPending() const { return m_debounce.isActive(); }
    // In flight: the request is on the network, or its answer is being decoded on a worker thread.
    bool isInFlight() const { return !m_reply.isNull() || isDecoding(); }
    // The answer is in and its image is being decoded on a worker thread.
    bool isDecoding() const { return m_decodingGeneration != 0; }

    // Requests actually sent to the network, and those aborted because a newer URL arrived (an
    // answer dropped while it was being decoded is not counted: its request had completed).
    int requestCount() const { return m_requestCount; }
    int abortedCount() const { return m_abortedCount; }

    // The last image shown (invalid before the first success), and the last failure (invalid
    // when the last outcome was a success).
    const PreviewResult &lastResult() const { return m_lastResult; }
    const PreviewFailure &lastFailure() const { return m_lastFailure; }

Q_SIGNALS:
    void loadingChanged(bool loading);
    // A request for `url` went out to the network.
    void requestStarted(const QUrl &url);
    void previewReady(const ikui::PreviewResult &result);
    // The server's message (or the network error) and what to try, for the current URL only.
    void previewFailed(const QString &message);

private:
    void send();
    void onReplyFinished(QNetworkReply *reply, quint64 generation);
    void onDecoded(ikui::PreviewResult result, int httpStatus, const DecodedPreview &decoded, quint64 generation);
    void abortInFlight();
    void fail(const PreviewFailure &failure);
    void updateLoading();

    QPointer<QNetworkAccessManager> m_network;
    QNetworkAccessManager *m_ownNetwork = nullptr;
    QTimer m_debounce;
    QElapsedTimer m_pendingSince; // when the oldest edit still waiting arrived
    QElapsedTimer m_loadTime;
    QPointer<QNetworkReply> m_reply;
    QUrl m_currentUrl;
    quint64 m_generation = 0;     // bumped per request: an answer of another generation is stale
    quint64 m_decodingGeneration = 0; // the generation whose image a worker is decoding; 0 = none
    int m_debounceMs = DefaultDebounceMs;
    int m_maximumWaitMs = DefaultMaximumWaitMs;
    int m_transferTimeoutMs = DefaultTransferTimeoutMs;
    int m_requestCount = 0;
    int m_abortedCount = 0;
    bool m_lastLoading = false;
    bool m_forceRequest = false;  // reload(): fetch even what is shown
    PreviewResult m_lastResult;
    PreviewFailure m_lastFailure;
};

} // namespace ikui
