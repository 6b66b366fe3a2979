#include "api/jobs/filelistjob.h"

namespace ik {

FileListJob::FileListJob(ApiClient *client, ApiRequest request, ApiError validationError)
    : ApiJob(client, std::move(request), std::move(validationError))
{
}

std::optional<ApiError> FileListJob::handleSuccess(const ResponseMetadata &metadata)
{
    if (m_parseDeferred) {
        Q_EMIT bodyReceived(metadata);
        return std::nullopt;
    }
    QString why;
    std::optional<FileList> parsed = FileList::fromResponse(metadata, &why);
    if (!parsed)
        return ApiError(ErrorKind::UnparseableResponse,
                        QStringLiteral("Unexpected response from %1 %2: %3").arg(QString::fromLatin1(request().method), request().path, why),
                        {}, metadata);
    m_result = std::move(*parsed);
    Q_EMIT finished(m_result);
    return std::nullopt;
}

} // namespace ik
