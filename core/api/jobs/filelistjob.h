#pragma once

#include "api/apijob.h"
#include "api/results/filelist.h"

namespace ik {

// List and search files, or list the versions of a file.
// Created by ik::ImageKit; emits finished(result) or failed(error), then done().
class FileListJob : public ApiJob
{
    Q_OBJECT

public:
    FileListJob(ApiClient *client, ApiRequest request, ApiError validationError = {});

    // The result after finished(); empty before.
    const FileList &result() const { return m_result; }

Q_SIGNALS:
    void finished(const ik::FileList &result);

protected:
    std::optional<ApiError> handleSuccess(const ResponseMetadata &metadata) override;

private:
    FileList m_result;
};

} // namespace ik
