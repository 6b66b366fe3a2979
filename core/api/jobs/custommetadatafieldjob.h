#pragma once

#include "api/apijob.h"
#include "api/results/custommetadatafield.h"

namespace ik {

// Create or update a custom metadata field.
// Created by ik::ImageKit; emits finished(result) or failed(error), then done().
class CustomMetadataFieldJob : public ApiJob
{
    Q_OBJECT

public:
    CustomMetadataFieldJob(ApiClient *client, ApiRequest request, ApiError validationError = {});

    // The result after finished(); empty before.
    const CustomMetadataField &result() const { return m_result; }

Q_SIGNALS:
    void finished(const ik::CustomMetadataField &result);

protected:
    std::optional<ApiError> handleSuccess(const ResponseMetadata &metadata) override;

private:
    CustomMetadataField m_result;
};

} // namespace ik
