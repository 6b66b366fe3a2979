#pragma once

#include "api/apijob.h"
#include "api/results/purgestatus.h"

namespace ik {

// Status of a purge request.
// Created by ik::ImageKit; emits finished(result) or failed(error), then done().
class PurgeStatusJob : public ApiJob
{
    Q_OBJECT

public:
    PurgeStatusJob(ApiClient *client, ApiRequest request, ApiError validationError = {});

    // The result after finished(); empty before.
    const PurgeStatus &result() const { return m_result; }

Q_SIGNALS:
    void finished(const ik::PurgeStatus &result);

protected:
    std::optional<ApiError> handleSuccess(const ResponseMetadata &metadata) override;

private:
    PurgeStatus m_result;
};

} // namespace ik
