#pragma once

#include "api/apijob.h"
#include "api/results/purgerequest.h"

namespace ik {

// Purge the CDN cache of a URL.
// Created by ik::ImageKit; emits finished(result) or failed(error), then done().
class PurgeCacheJob : public ApiJob
{
    Q_OBJECT

public:
    PurgeCacheJob(ApiClient *client, ApiRequest request, ApiError validationError = {});

    // The result after finished(); empty before.
    const PurgeRequest &result() const { return m_result; }

Q_SIGNALS:
    void finished(const ik::PurgeRequest &result);

protected:
    std::optional<ApiError> handleSuccess(const ResponseMetadata &metadata) override;

private:
    PurgeRequest m_result;
};

} // namespace ik
