#pragma once

#include "api/apijob.h"
#include "api/results/bulkdeleteresult.h"

namespace ik {

// Bulk delete files. A 207 fails with PartialSuccess and a 404 with NotFound;
// BatchErrorDetails::fromError(error) gives the per-file errors and the missing ids.
// Created by ik::ImageKit; emits finished(result) or failed(error), then done().
class BulkDeleteJob : public ApiJob
{
    Q_OBJECT

public:
    BulkDeleteJob(ApiClient *client, ApiRequest request, ApiError validationError = {});

    // The result after finished(); empty before.
    const BulkDeleteResult &result() const { return m_result; }

Q_SIGNALS:
    void finished(const ik::BulkDeleteResult &result);

protected:
    std::optional<ApiError> handleSuccess(const ResponseMetadata &metadata) override;

private:
    BulkDeleteResult m_result;
};

} // namespace ik
