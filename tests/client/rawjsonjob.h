#pragma once

// A test-only ApiJob: succeeds with the response body parsed as JSON (or with nothing for an
// empty 204), so the transport can be tested without any real ImageKit operation.

#include "api/apijob.h"

#include <QJsonValue>

namespace iktest {

class RawJsonJob : public ik::ApiJob
{
    Q_OBJECT

public:
    RawJsonJob(ik::ApiClient *client, ik::ApiRequest request, ik::ApiError validationError = {});

    QJsonValue result() const { return m_result; }

Q_SIGNALS:
    void finished(const QJsonValue &result);

protected:
    std::optional<ik::ApiError> handleSuccess(const ik::ResponseMetadata &metadata) override;

private:
    QJsonValue m_result;
};

} // namespace iktest
