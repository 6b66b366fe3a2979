#pragma once

// ApiClient's state, shared with ApiJob (its friend) through this private header.

#include "api/apiclient.h"

#include <QList>
#include <QPointer>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace ik {

struct ApiClient::Private
{
    ApiClient *q = nullptr;
    QNetworkAccessManager *network = nullptr;
    QString privateKey;
    QString publicKey;
    QString urlEndpoint;
    QUrl apiBase;
    QUrl uploadBase;
    int transferTimeoutMs = 60000;
    int maxConcurrent = 6;
    RetryPolicy retryPolicy;
    const Clock *clock = nullptr;
    DelayScheduler delayScheduler;

    // Jobs waiting for a slot, in submission order, and jobs holding one (sending, or waiting
    // out a retry backoff: a job keeps its slot until it is finished).
    QList<QPointer<ApiJob>> waiting;
    QList<ApiJob *> running;
    bool pumping = false;

    void submit(ApiJob *job);
    // Frees the job's slot or queue place and starts waiting jobs; safe to call twice.
    void release(ApiJob *job);
    void pump();
    void scheduleDelay(qint64 ms, QObject *context, std::function<void()> callback) const;
};

} // namespace ik
