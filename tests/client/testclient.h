#pragma once

// Shared set-up for the transport tests: a client aimed at a RecordingServer whose retry
// backoffs run on the next event loop turn (their requested delays are recorded, never slept).

#include "api/apiclient.h"
#include "api/apirequest.h"
#include "recordingserver.h"

#include <QList>
#include <QTimer>

namespace iktest {

struct InstantDelays
{
    QList<qint64> requested;
    bool hold = false;                       // keep the callbacks instead of running them
    QList<std::function<void()>> held;

    ik::ApiClient::DelayScheduler scheduler()
    {
        return [this](qint64 ms, QObject *context, std::function<void()> callback) {
            requested.append(ms);
            if (hold)
                held.append(std::move(callback));
            else
                QTimer::singleShot(0, context, std::move(callback));
        };
    }
};

inline void aimAt(ik::ApiClient &client, const RecordingServer &server)
{
    client.setApiBase(server.baseUrl());
    client.setUploadBase(server.baseUrl());
    client.setPrivateKey(QStringLiteral("fake122"));
}

inline ik::ApiRequest getRequest(const QString &path, bool idempotent = true)
{
    ik::ApiRequest request;
    request.method = "GET";
    request.path = path;
    request.idempotent = idempotent;
    return request;
}

inline ik::ApiRequest postJson(const QString &path, const QByteArray &json, bool idempotent = false)
{
    ik::ApiRequest request;
    request.method = "POST";
    request.path = path;
    request.body = ik::ApiRequest::Body::Json;
    request.json = json;
    request.idempotent = idempotent;
    return request;
}

} // namespace iktest
