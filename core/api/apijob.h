#pragma once

#include "api/apierror.h"
#include "api/apirequest.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace ik {

class ApiClient;

// One ImageKit API call (nextcloud/desktop style): created by ApiClient, sent on the next event
// loop turn (so callers connect first), retried by the client's policy, and deleted with
// deleteLater() after it has emitted exactly one of its result signals and then `done`.
//
// Subclasses (one per result type) declare `void finished(const <Result> &result)` and emit it
// from handleSuccess(). No method blocks; nothing here runs a nested event loop.
class ApiJob : public QObject
{
    Q_OBJECT

public:
    ~ApiJob() override;

    const ApiRequest &request() const { return m_request; }
    // Attempts made so far (1 for the first send).
    int attempts() const { return m_attempts; }
    bool isFinished() const { return m_finished; }
    // The error after `failed`; default-constructed otherwise.
    const ApiError &error() const { return m_error; }
    // The server's answer to the last attempt.
    const ResponseMetadata &responseMetadata() const { return m_metadata; }

public Q_SLOTS:
    // Sends now instead of on the next event loop turn. Does nothing if already sent.
    void start();
    // Aborts the request or the backoff wait; emits failed(Cancelled) unless already finished.
    void cancel();

Q_SIGNALS:
    void failed(const ik::ApiError &error);
    void uploadProgress(qint64 bytesSent, qint64 bytesTotal);
    void downloadProgress(qint64 bytesReceived, qint64 bytesTotal);
    // A retry is scheduled after `error`, in `delayMs` milliseconds; `attempt` is the number of
    // the attempt that will follow (2 for the first retry).
    void retrying(const ik::ApiError &error, int attempt, qint64 delayMs);
    // Emitted last, after the result signal, whatever it was.
    void done();

protected:
    // The request is fixed at construction; an invalid argument found while building it is passed
    // as `validationError` and the job fails with it on start, without sending anything.
    ApiJob(ApiClient *client, ApiRequest request, ApiError validationError = {});

    // Called with a reply whose status is in successStatuses. Parse it and emit the typed
    // `finished` signal, or return an error (UnparseableResponse for a body of the wrong shape).
    // Returning an error makes the job emit `failed` instead.
    virtual std::optional<ApiError> handleSuccess(const ResponseMetadata &metadata) = 0;

private:
    friend class ApiClient;

    // Sends one attempt (the client calls it when the job gets a slot).
    void sendAttempt();
    void onReplyFinished();
    void onTransferTimeout();
    void handleFailure(const ApiError &error);
    void finish(const std::optional<ApiError> &error);
    void releaseSlot();

    QPointer<ApiClient> m_client;
    ApiRequest m_request;
    ApiError m_validationError;
    bool m_hasValidationError = false;
    ResponseMetadata m_metadata;
    ApiError m_error;
    int m_attempts = 0;
    bool m_started = false;
    bool m_finished = false;
    // Transport state (reply, timers) lives in the .cpp through this opaque pointer.
    struct Private;
    Private *d = nullptr;
};

} // namespace ik
