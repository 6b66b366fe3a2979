#include "rawjsonjob.h"

namespace iktest {

RawJsonJob::RawJsonJob(ik::ApiClient *client, ik::ApiRequest request, ik::ApiError validationError)
    : ik::ApiJob(client, std::move(request), std::move(validationError))
{
}

std::optional<ik::ApiError> RawJsonJob::handleSuccess(const ik::ResponseMetadata &metadata)
{
    if (metadata.raw.isEmpty() && metadata.httpStatus == 204) {
        Q_EMIT finished(QJsonValue());
        return std::nullopt;
    }
    const QJsonValue value = metadata.json();
    if (value.isUndefined())
        return ik::ApiError(ik::ErrorKind::UnparseableResponse, QStringLiteral("The response is not JSON"), {}, metadata);
    m_result = value;
    Q_EMIT finished(m_result);
    return std::nullopt;
}

} // namespace iktest
