#include "api/jobs/emptyresultjob.h"

namespace ik {

EmptyResultJob::EmptyResultJob(ApiClient *client, ApiRequest request, ApiError validationError)
    : ApiJob(client, std::move(request), std::move(validationError))
{
}

std::optional<ApiError> EmptyResultJob::handleSuccess(const ResponseMetadata &metadata)
{
    m_result.metadata = metadata;
    Q_EMIT finished(m_result);
    return std::nullopt;
}

} // namespace ik
