#pragma once

#include "api/imagekit.h"
#include "api/results/custommetadatafield.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace ikui {

// The account's custom metadata fields, loaded once per session and shared by everything that
// shows or edits custom metadata (the upload sheet, the metadata editor): load() asks the server
// the first time (and again after reload()), every caller is told through fieldsChanged or failed.
class CustomMetadataFields : public QObject
{
    Q_OBJECT

public:
    explicit CustomMetadataFields(const ik::ImageKit &imagekit, QObject *parent = nullptr);

    bool isLoaded() const { return m_loaded; }
    bool isLoading() const { return !m_job.isNull(); }
    QList<ik::CustomMetadataField> fields() const { return m_fields; }
    QString lastError() const { return m_lastError; }

    // Loads when not loaded (nor loading) yet; the answer comes as fieldsChanged or failed.
    void load();
    // Forgets the fields and loads them again (after a field was created, edited or deleted).
    void reload();

Q_SIGNALS:
    void fieldsChanged(const QList<ik::CustomMetadataField> &fields);
    void failed(const ik::ApiError &error);

private:
    ik::ImageKit m_imagekit;
    QPointer<ik::ApiJob> m_job;
    QList<ik::CustomMetadataField> m_fields;
    QString m_lastError;
    bool m_loaded = false;
};

} // namespace ikui
