#pragma once

#include "api/apijob.h"
#include "api/results/fileitem.h"

namespace ik {

// File details, version details, update file details, restore version: one file.
// Created by ik::ImageKit; emits finished(result) or failed(error), then done().
class FileJob : public ApiJob
{
    Q_OBJECT

public:
    FileJob(ApiClient *client, ApiRequest request, ApiError validationError = {});

    // The result after finished(); empty before.
    const FileItem &result() const { return m_result; }

Q_SIGNALS:
    void finished(const ik::FileItem &result);

protected:
    std::optional<ApiError> handleSuccess(const ResponseMetadata &metadata) override;

private:
    FileItem m_result;
};

} // namespace ik
