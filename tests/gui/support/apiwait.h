#pragma once

#include "api/apijob.h"

#include <QObject>
#include <QTest>

#include <optional>

namespace guitest {

// Waits for the one answer of an API job (the job deletes itself after): its result, or nothing
// when it failed or did not answer within `timeoutMs`.
//   const auto list = awaitResult<ik::FileListJob, ik::FileList>(imageKit.listFiles(options), WaitMs);
template<typename Job, typename Result>
std::optional<Result> awaitResult(Job *job, int timeoutMs)
{
    std::optional<Result> result;
    bool done = false;
    const QMetaObject::Connection finished = QObject::connect(job, &Job::finished, job, [&](const Result &r) { result = r; });
    const QMetaObject::Connection ended = QObject::connect(job, &ik::ApiJob::done, job, [&] { done = true; });
    if (!QTest::qWaitFor([&] { return done; }, timeoutMs)) {
        // Still running: a late answer must not write into this returned frame.
        QObject::disconnect(finished);
        QObject::disconnect(ended);
        return std::nullopt;
    }
    return result;
}

// Waits for a job whose result does not matter: true when it ended without failing in time.
inline bool awaitSuccess(ik::ApiJob *job, int timeoutMs)
{
    bool done = false;
    bool ok = true;
    const QMetaObject::Connection failed = QObject::connect(job, &ik::ApiJob::failed, job, [&] { ok = false; });
    const QMetaObject::Connection ended = QObject::connect(job, &ik::ApiJob::done, job, [&] { done = true; });
    if (!QTest::qWaitFor([&] { return done; }, timeoutMs)) {
        QObject::disconnect(failed);
        QObject::disconnect(ended);
        return false;
    }
    return ok;
}

} // namespace guitest
