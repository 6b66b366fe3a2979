#pragma once

#include "api/apijob.h"
#include "api/results/custommetadatafield.h"

namespace ik {

// List custom metadata fields.
// Created by ik::ImageKit; emits finished(result) or failed(error), then done().
class CustomMetadataFieldListJob : public ApiJob
{
    Q_OBJECT

public:
    CustomMetadataFieldListJob(ApiClient *client, ApiRequest request, ApiError validationError = {});

    // The result after finished(); empty before.
    const CustomMetadataFieldList &result() const { return m_result; }

Q_SIGNALS:
    void finished(const ik::CustomMetadataFieldList &result);

protected:
    std::optional<ApiError> handleSuccess(const ResponseMetadata &metadata) override;

private:
    CustomMetadataFieldList m_result;
};

} // namespace ik
