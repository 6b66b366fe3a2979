#include "api/jobs/bulkdeletejob.h"

namespace ik {

BulkDeleteJob::BulkDeleteJob(ApiClient *client, ApiRequest request, ApiError validationError)
    : ApiJob(client, std::move(request), std::move(validationError))
{
}

std::optional<ApiError> BulkDeleteJob::handleSuccess(const ResponseMetadata &metadata)
{
    QString why;
    std::optional<BulkDeleteResult> parsed = BulkDeleteResult::fromResponse(metadata, &why);
    if (!parsed)
        return ApiError(ErrorKind::UnparseableResponse,
                        QStringLiteral("Unexpected response from %1 %2: %3").arg(QString::fromLatin1(request().method), request().path, why),
                        {}, metadata);
    m_result = std::move(*parsed);
    Q_EMIT finished(m_result);
    return std::nullopt;
}

} // namespace ik
