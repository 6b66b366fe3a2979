#pragma once

#include "api/results/custommetadatafield.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QWidget>

class QFormLayout;
class QLabel;
class QPlainTextEdit;

namespace ikui {

// Custom metadata values for an upload batch: one typed editor per field of the account (text,
// number, date, yes/no, single and multiple choice) and a "key=value" box for anything else
// (or for every key when the account's fields could not be listed).
//
// An empty editor means "not set": only filled values are sent.
class CustomMetadataEditor : public QWidget
{
    Q_OBJECT

public:
    explicit CustomMetadataEditor(QWidget *parent = nullptr);

    // The account's fields (deleted ones are left out); replaces the typed editors and keeps the
    // current values.
    void setFields(const QList<ik::CustomMetadataField> &fields);
    bool hasFields() const { return !m_fields.isEmpty(); }
    // Shown above the key=value box when the fields could not be listed.
    void setFieldsUnavailable(const QString &reason);

    void setValues(const QJsonObject &values);
    // The values that are set; an empty object with *error set when one is not valid.
    QJsonObject values(QString *error) const;

    // The editor of a field (objectName "metadata_<name>"), for tests and accessibility.
    QWidget *editorFor(const QString &fieldName) const;

Q_SIGNALS:
    void edited();

private:
    QWidget *createEditor(const ik::CustomMetadataField &field);
    void setEditorValue(const ik::CustomMetadataField &field, QWidget *editor, const QJsonValue &value);
    // The field's value, undefined when empty; *error when the text is not valid for the field.
    QJsonValue editorValue(const ik::CustomMetadataField &field, const QWidget *editor, QString *error) const;

    QFormLayout *m_form = nullptr;
    QLabel *m_unavailable = nullptr;
    QPlainTextEdit *m_extra = nullptr;
    QList<ik::CustomMetadataField> m_fields;
    QHash<QString, QWidget *> m_editors;
};

} // namespace ikui
