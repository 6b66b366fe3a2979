#pragma once

#include "api/apijob.h"
#include "api/results/emptyresult.h"

namespace ik {

// Operations that answer no data: deletes, copy/move file, create folder.
// Created by ik::ImageKit; emits finished(result) or failed(error), then done().
class EmptyResultJob : public ApiJob
{
    Q_OBJECT

public:
    EmptyResultJob(ApiClient *client, ApiRequest request, ApiError validationError = {});

    // The result after finished(); empty before.
    const EmptyResult &result() const { return m_result; }

Q_SIGNALS:
    void finished(const ik::EmptyResult &result);

protected:
    std::optional<ApiError> handleSuccess(const ResponseMetadata &metadata) override;

private:
    EmptyResult m_result;
};

} // namespace ik
