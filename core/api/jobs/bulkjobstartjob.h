#pragma once

#include "api/apijob.h"
#include "api/results/bulkjob.h"

namespace ik {

// Copy, move or rename a folder: starts a bulk job on the server.
// Created by ik::ImageKit; emits finished(result) or failed(error), then done().
class BulkJobStartJob : public ApiJob
{
    Q_OBJECT

public:
    BulkJobStartJob(ApiClient *client, ApiRequest request, ApiError validationError = {});

    // The result after finished(); empty before.
    const BulkJob &result() const { return m_result; }

Q_SIGNALS:
    void finished(const ik::BulkJob &result);

protected:
    std::optional<ApiError> handleSuccess(const ResponseMetadata &metadata) override;

private:
    BulkJob m_result;
};

} // namespace ik
