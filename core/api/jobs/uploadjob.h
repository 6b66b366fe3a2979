#pragma once

#include "api/apijob.h"
#include "api/results/uploadresult.h"

namespace ik {

// Upload a file (POST /api/v1/files/upload on the upload host).
// Created by ik::ImageKit; emits finished(result) or failed(error), then done().
class UploadJob : public ApiJob
{
    Q_OBJECT

public:
    UploadJob(ApiClient *client, ApiRequest request, ApiError validationError = {});

    // The result after finished(); empty before.
    const UploadResult &result() const { return m_result; }

Q_SIGNALS:
    void finished(const ik::UploadResult &result);

protected:
    std::optional<ApiError> handleSuccess(const ResponseMetadata &metadata) override;

private:
    UploadResult m_result;
};

} // namespace ik
