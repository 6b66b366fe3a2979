#pragma once

#include "api/apijob.h"
#include "api/results/bulkjobstatus.h"

namespace ik {

// Status of a folder bulk job.
// Created by ik::ImageKit; emits finished(result) or failed(error), then done().
class BulkJobStatusJob : public ApiJob
{
    Q_OBJECT

public:
    BulkJobStatusJob(ApiClient *client, ApiRequest request, ApiError validationError = {});

    // The result after finished(); empty before.
    const BulkJobStatus &result() const { return m_result; }

Q_SIGNALS:
    void finished(const ik::BulkJobStatus &result);

protected:
    std::optional<ApiError> handleSuccess(const ResponseMetadata &metadata) override;

private:
    BulkJobStatus m_result;
};

} // namespace ik
