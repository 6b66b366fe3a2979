#pragma once

#include "api/apijob.h"
#include "api/results/tagsresult.h"

namespace ik {

// Add tags, remove tags, remove AI tags. A 207 fails with PartialSuccess and a 404 with NotFound;
// BatchErrorDetails::fromError(error) gives the per-file errors and the missing ids.
// Created by ik::ImageKit; emits finished(result) or failed(error), then done().
class TagsJob : public ApiJob
{
    Q_OBJECT

public:
    TagsJob(ApiClient *client, ApiRequest request, ApiError validationError = {});

    // The result after finished(); empty before.
    const TagsResult &result() const { return m_result; }

Q_SIGNALS:
    void finished(const ik::TagsResult &result);

protected:
    std::optional<ApiError> handleSuccess(const ResponseMetadata &metadata) override;

private:
    TagsResult m_result;
};

} // namespace ik
