#include "builder/parametereditor.h"

#include "builder/parametercontrol.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QPalette>

#include <optional>

namespace ikui {

namespace {

const QLatin1String RawCode("raw");

} // namespace

ParameterEditor::ParameterEditor(std::span<const ik::TransformParameter> table, QWidget *parent)
    : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    grid->setColumnStretch(1, 1);
    grid->setVerticalSpacing(2);
    m_rows.reserve(qsizetype(table.size()));
    for (const auto &parameter : table)
        addRow(grid, parameter);
    grid->setRowStretch(grid->rowCount(), 1);
    updateVisibility();
}

void ParameterEditor::addRow(QGridLayout *grid, const ik::TransformParameter &parameter)
{
    Row row;
    row.parameter = &parameter;
    row.include = new QCheckBox(parameterLabel(parameter), this);
    row.include->setObjectName(QStringLiteral("include-") + parameter.nameText());
    row.include->setToolTip(QString::fromUtf8(parameter.help));
    row.include->setAccessibleName(QStringLiteral("Use ") + parameterLabel(parameter));
    row.control = createParameterControl(parameter, this);
    row.defaultValue = row.control->value();
    row.message = new QLabel(this);
    row.message->setObjectName(QStringLiteral("message-") + parameter.nameText());
    row.message->setWordWrap(true);
    row.message->setVisible(false);
    // A warning colour that stays readable on light and dark palettes: the link colour is
    // tuned for the window background by every style.
    QPalette messagePalette = row.message->palette();
    messagePalette.setColor(QPalette::WindowText, QColor(0xd0, 0x40, 0x30));
    row.message->setPalette(messagePalette);
    row.message->setForegroundRole(QPalette::WindowText);

    const int gridRow = grid->rowCount();
    grid->addWidget(row.include, gridRow, 0);
    grid->addWidget(row.control, gridRow, 1);
    grid->addWidget(row.message, gridRow + 1, 1);

    const qsizetype index = m_rows.size();
    m_rowByName.insert(parameter.nameText(), index);
    m_rows.append(row);
    connect(row.control, &ParameterControl::valueEdited, this, [this, index] { onControlEdited(m_rows[index]); });
    connect(row.include, &QCheckBox::toggled, this, [this, index](bool on) { onIncludeToggled(m_rows[index], on); });
}

bool ParameterEditor::isRaw(const Row &row) const
{
    return row.parameter->codeText() == RawCode && row.parameter->valueType == ik::TransformValueType::Raw;
}

void ParameterEditor::setValues(const ik::TransformCodeValues &values, const QString &raw)
{
    m_values = values;
    m_raw = raw;
    m_updating = true;
    for (Row &row : m_rows) {
        std::optional<QString> value;
        if (isRaw(row)) {
            if (!raw.isEmpty())
                value = raw;
        } else {
            const QString code = row.parameter->codeText();
            for (const auto &[valueCode, text] : values) {
                if (valueCode == code) {
                    value = text;
                    break;
                }
            }
        }
        row.include->setChecked(value.has_value());
        if (!value)
            row.control->setValue(row.defaultValue); // a new step starts from fresh controls
        else if (!row.control->setValue(*value))
            showMessage(row, QStringLiteral("Kept as read: \"%1\" (this control cannot show it; edit it to replace it).").arg(*value));
        else
            showMessage(row, QString());
    }
    m_updating = false;
    updateVisibility();
}

ParameterControl *ParameterEditor::control(const QString &name) const
{
    const auto it = m_rowByName.constFind(name);
    return it == m_rowByName.cend() ? nullptr : m_rows.at(*it).control;
}

QCheckBox *ParameterEditor::includeBox(const QString &name) const
{
    const auto it = m_rowByName.constFind(name);
    return it == m_rowByName.cend() ? nullptr : m_rows.at(*it).include;
}

QString ParameterEditor::messageFor(const QString &name) const
{
    const auto it = m_rowByName.constFind(name);
    return it == m_rowByName.cend() ? QString() : m_rows.at(*it).message->text();
}

void ParameterEditor::setShowLegacy(bool show)
{
    m_showLegacy = show;
    updateVisibility();
}

void ParameterEditor::setFilter(const QString &text)
{
    m_filter = text.trimmed();
    updateVisibility();
}

void ParameterEditor::onControlEdited(Row &row)
{
    if (m_updating)
        return;
    const QString error = row.control->validationError();
    showMessage(row, error);
    if (!error.isEmpty())
        return; // the last valid value stays in the URL until this one is fixed
    m_updating = true;
    row.include->setChecked(true);
    m_updating = false;
    if (isRaw(row))
        m_raw = row.control->value();
    else
        setParameter(row.parameter->codeText(), row.control->value());
    Q_EMIT edited();
}

void ParameterEditor::onIncludeToggled(Row &row, bool included)
{
    if (m_updating)
        return;
    if (!included) {
        showMessage(row, QString());
        if (isRaw(row))
            m_raw.clear();
        else
            removeParameter(row.parameter->codeText());
        Q_EMIT edited();
        return;
    }
    const QString error = row.control->validationError();
    showMessage(row, error);
    if (!error.isEmpty())
        return;
    if (isRaw(row))
        m_raw = row.control->value();
    else
        setParameter(row.parameter->codeText(), row.control->value());
    Q_EMIT edited();
}

void ParameterEditor::setParameter(const QString &code, const QString &value)
{
    bool replaced = false;
    for (auto &pair : m_values) {
        if (pair.first == code) {
            pair.second = value;
            replaced = true;
            break;
        }
    }
    if (!replaced)
        m_values.append({code, value});
    // Rows sharing the code (overlay_alpha and overlay_text_transparency) show the same value.
    m_updating = true;
    for (Row &other : m_rows) {
        if (other.parameter->codeText() == code && !isRaw(other)) {
            other.include->setChecked(true);
            if (other.control->value() != value)
                other.control->setValue(value);
        }
    }
    m_updating = false;
}

void ParameterEditor::removeParameter(const QString &code)
{
    for (qsizetype i = 0; i < m_values.size(); ++i) {
        if (m_values.at(i).first == code) {
            m_values.removeAt(i);
            break;
        }
    }
    m_updating = true;
    for (Row &other : m_rows) {
        if (other.parameter->codeText() == code && !isRaw(other))
            other.include->setChecked(false);
    }
    m_updating = false;
}

void ParameterEditor::showMessage(Row &row, const QString &text)
{
    row.message->setText(text);
    row.message->setVisible(!text.isEmpty() && !row.control->isHidden());
}

void ParameterEditor::updateVisibility()
{
    for (Row &row : m_rows) {
        const ik::TransformParameter &parameter = *row.parameter;
        bool visible = m_showLegacy || !parameter.legacyOverlay;
        // A legacy parameter read from a URL stays visible: hiding it would hide data.
        if (!visible && row.include->isChecked())
            visible = true;
        if (visible && !m_filter.isEmpty()) {
            visible = parameter.nameText().contains(m_filter, Qt::CaseInsensitive)
                || parameter.codeText().compare(m_filter, Qt::CaseInsensitive) == 0
                || row.include->text().contains(m_filter, Qt::CaseInsensitive)
                || QString::fromUtf8(parameter.help).contains(m_filter, Qt::CaseInsensitive);
        }
        row.include->setVisible(visible);
        row.control->setVisible(visible);
        row.message->setVisible(visible && !row.message->text().isEmpty());
    }
}

} // namespace ikui
