#pragma once

#include "transform/transformationdocument.h"
#include "url/transformparameters.h"

#include <QHash>
#include <QList>
#include <QWidget>

#include <span>

class QCheckBox;
class QGridLayout;
class QLabel;
class QLineEdit;

namespace ikui {

class ParameterControl;

// Edits ordered (code, value) pairs against one parameter table: a row per table entry with an
// include check box (is the parameter in the step?), the control from createParameterControl()
// and an inline message for invalid input. Used for a step (transformParameters(), whose "raw"
// entry edits the step's raw text) and for a layer (the layer tables).
//
// Order is kept: editing a parameter that is already there changes it in place; a new one is
// appended. Pairs whose code the table does not know are kept untouched. A value a control
// cannot show (N5 in a spin box) stays as it was, and its row says so.
class ParameterEditor : public QWidget
{
    Q_OBJECT

public:
    ParameterEditor(std::span<const ik::TransformParameter> table, QWidget *parent = nullptr);

    void setValues(const ik::TransformCodeValues &values, const QString &raw = QString());
    const ik::TransformCodeValues &values() const { return m_values; }
    const QString &raw() const { return m_raw; }

    // The control and include box of a table entry, by its name ("height"); nullptr if absent.
    ParameterControl *control(const QString &name) const;
    QCheckBox *includeBox(const QString &name) const;
    // The inline message of a row ("" when none).
    QString messageFor(const QString &name) const;

    // The 3.x overlay_* entries are hidden unless asked for.
    void setShowLegacy(bool show);
    bool showsLegacy() const { return m_showLegacy; }
    // Shows only rows whose name, code or help contains `text`.
    void setFilter(const QString &text);

Q_SIGNALS:
    // The user changed values() or raw().
    void edited();

private:
    struct Row
    {
        const ik::TransformParameter *parameter = nullptr;
        QCheckBox *include = nullptr;
        ParameterControl *control = nullptr;
        QLabel *message = nullptr;
        QString defaultValue; // what a fresh control shows: rows of absent parameters go back to it
    };

    void addRow(QGridLayout *grid, const ik::TransformParameter &parameter);
    void onControlEdited(Row &row);
    void onIncludeToggled(Row &row, bool included);
    void setParameter(const QString &code, const QString &value);
    void removeParameter(const QString &code);
    void showMessage(Row &row, const QString &text);
    void updateVisibility();
    bool isRaw(const Row &row) const;

    QList<Row> m_rows;
    QHash<QString, qsizetype> m_rowByName;
    ik::TransformCodeValues m_values;
    QString m_raw;
    QString m_filter;
    bool m_showLegacy = false;
    bool m_updating = false;
};

} // namespace ikui
