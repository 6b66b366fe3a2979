#pragma once

#include "api/apijob.h"
#include "api/results/filemetadata.h"

namespace ik {

// Metadata of an uploaded file or of a remote URL.
// Created by ik::ImageKit; emits finished(result) or failed(error), then done().
class FileMetadataJob : public ApiJob
{
    Q_OBJECT

public:
    FileMetadataJob(ApiClient *client, ApiRequest request, ApiError validationError = {});

    // The result after finished(); empty before.
    const FileMetadata &result() const { return m_result; }

Q_SIGNALS:
    void finished(const ik::FileMetadata &result);

protected:
    std::optional<ApiError> handleSuccess(const ResponseMetadata &metadata) override;

private:
    FileMetadata m_result;
};

} // namespace ik
