#pragma once

#include "session/custommetadatafields.h"
#include "editing/metadatachange.h"
#include "editing/metadataselection.h"

#include "api/results/custommetadatafield.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace ikui {


// The edits staged for the selection and not applied yet, and the selection's state as it would
// be with them: what the editor's widgets show. Apply sends change(); revert() drops it. Invalid
// values stay staged (the user sees them with the reason) but block applying.
class MetadataDraft : public QObject
{
    Q_OBJECT

public:
    struct TagChip
    {
        QString tag;
        int count = 0;              // files that have it (with the staged edits)
        int total = 0;
        bool staged = false;        // added by this draft
        bool partial() const { return count < total; }
    };
    struct AiTagChip
    {
        QString name;
        int count = 0;
        int total = 0;
        double confidence = -1;
        QString source;
    };
    struct FieldValue
    {
        MetadataSelection::Agreement agreement = MetadataSelection::Agreement::NoneSet;
        QJsonValue value;
        bool edited = false;
    };

    MetadataDraft(MetadataSelection *selection, CustomMetadataFields *fields, QObject *parent = nullptr);

    MetadataSelection *selection() const { return m_selection; }
    // The account's fields (empty until loaded).
    QList<ik::CustomMetadataField> fields() const;

    QList<TagChip> tags() const;
    QList<AiTagChip> aiTags() const;
    FieldValue metadata(const QString &field) const;
    FieldValue description() const;
    FieldValue coordinates() const;

    // Empty when staged; else why not ("Tags cannot contain “%”: ..."). A tag on part of the
    // selection is added to the rest.
    QString addTag(const QString &tag);
    void removeTag(const QString &tag);
    void removeAiTag(const QString &name);
    void removeAllAiTags();
    // Adds the AI tag's name as an ordinary tag (the AI tag stays).
    QString promoteAiTag(const QString &name);
    void setMetadata(const QString &field, const QJsonValue &value);
    void unsetMetadata(const QString &field);
    // Back to the files' own values.
    void resetMetadata(const QString &field);
    void setDescription(const QString &text);
    // "x,y,width,height"; "" clears them.
    void setCoordinates(const QString &coordinates);
    // Stages every part of `change` (paste).
    void stage(const MetadataChange &change);

    bool isDirty() const { return !m_change.isEmpty(); }
    MetadataChange change() const { return m_change; }
    // Why a staged value cannot be sent, per field name ("description", "coordinates" or a custom
    // metadata field's name); empty when everything may be applied.
    QHash<QString, QString> problems() const { return m_problems; }
    QString problem(const QString &field) const { return m_problems.value(field); }
    bool canApply() const { return isDirty() && m_problems.isEmpty() && !m_selection->isEmpty(); }

public Q_SLOTS:
    void revert();

Q_SIGNALS:
    void changed();

private:
    void validate();
    void touch();

    QPointer<MetadataSelection> m_selection;
    QPointer<CustomMetadataFields> m_fields;
    MetadataChange m_change;
    QHash<QString, QString> m_problems;
};

} // namespace ikui
