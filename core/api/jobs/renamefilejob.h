#pragma once

#include "api/apijob.h"
#include "api/results/renameresult.h"

namespace ik {

// Rename a file. A 207 (renamed, but the purge was refused) fails with PartialSuccess.
// Created by ik::ImageKit; emits finished(result) or failed(error), then done().
class RenameFileJob : public ApiJob
{
    Q_OBJECT

public:
    RenameFileJob(ApiClient *client, ApiRequest request, ApiError validationError = {});

    // The result after finished(); empty before.
    const RenameResult &result() const { return m_result; }

Q_SIGNALS:
    void finished(const ik::RenameResult &result);

protected:
    std::optional<ApiError> handleSuccess(const ResponseMetadata &metadata) override;

private:
    RenameResult m_result;
};

} // namespace ik
