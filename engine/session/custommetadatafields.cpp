#include "session/custommetadatafields.h"

namespace ikui {

CustomMetadataFields::CustomMetadataFields(const ik::ImageKit &imagekit, QObject *parent)
    : QObject(parent)
    , m_imagekit(imagekit)
{
}

void CustomMetadataFields::load()
{
    if (m_loaded || m_job)
        return;
    auto *job = m_imagekit.getCustomMetadataFields();
    m_job = job;
    connect(job, &ik::CustomMetadataFieldListJob::finished, this, [this](const ik::CustomMetadataFieldList &list) {
        m_fields = list.items;
        m_loaded = true;
        m_lastError.clear();
        Q_EMIT fieldsChanged(m_fields);
    });
    connect(job, &ik::ApiJob::failed, this, [this](const ik::ApiError &error) {
        m_lastError = error.message();
        Q_EMIT failed(error);
    });
}

void CustomMetadataFields::reload()
{
    if (m_job)
        m_job->cancel();
    m_loaded = false;
    load();
}

} // namespace ikui
