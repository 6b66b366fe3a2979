#include "uploads/custommetadataeditor.h"

#include <QComboBox>
#include <QDate>
#include <QDateTime>
#include <QDoubleValidator>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace ikui {

namespace {

QString typeOf(const ik::CustomMetadataField &field)
{
    return field.schema.type;
}

QStringList optionTexts(const ik::CustomMetadataField &field)
{
    QStringList out;
    for (const QJsonValue &option : field.schema.selectOptions)
        out << option.toVariant().toString();
    return out;
}

// A select option keeps its JSON type (options may be numbers or booleans).
QJsonValue optionValue(const ik::CustomMetadataField &field, const QString &text)
{
    for (const QJsonValue &option : field.schema.selectOptions) {
        if (option.toVariant().toString() == text)
            return option;
    }
    return QJsonValue(QJsonValue::Undefined);
}

QString labelOf(const ik::CustomMetadataField &field)
{
    return field.label.isEmpty() ? field.name : field.label;
}

// "key=value" text values: numbers and true/false keep their JSON type, the rest is text.
QJsonValue parseLooseValue(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == QLatin1String("true"))
        return true;
    if (trimmed == QLatin1String("false"))
        return false;
    bool isNumber = false;
    const double number = trimmed.toDouble(&isNumber);
    if (isNumber)
        return number;
    return trimmed;
}

QString looseText(const QJsonValue &value)
{
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue &part : value.toArray())
            parts << part.toVariant().toString();
        return parts.join(QStringLiteral(", "));
    }
    return value.toVariant().toString();
}

} // namespace

CustomMetadataEditor::CustomMetadataEditor(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_form = new QFormLayout;
    layout->addLayout(m_form);
    m_unavailable = new QLabel(this);
    m_unavailable->setWordWrap(true);
    m_unavailable->hide();
    layout->addWidget(m_unavailable);
    m_extra = new QPlainTextEdit(this);
    m_extra->setObjectName(QStringLiteral("metadataExtra"));
    m_extra->setAccessibleName(tr("Other custom metadata, one key=value per line"));
    m_extra->setPlaceholderText(tr("Other fields: one key=value per line"));
    m_extra->setTabChangesFocus(true);
    m_extra->setMaximumHeight(m_extra->fontMetrics().lineSpacing() * 4);
    layout->addWidget(m_extra);
    connect(m_extra, &QPlainTextEdit::textChanged, this, &CustomMetadataEditor::edited);
}

void CustomMetadataEditor::setFields(const QList<ik::CustomMetadataField> &fields)
{
    QString ignored;
    const QJsonObject current = values(&ignored);
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_editors.clear();
    m_fields.clear();
    for (const ik::CustomMetadataField &field : fields) {
        if (field.isDeleted.value_or(false) || field.name.isEmpty())
            continue;
        m_fields << field;
        QWidget *editor = createEditor(field);
        m_editors.insert(field.name, editor);
        auto *label = new QLabel(labelOf(field) + QLatin1Char(':'), this);
        label->setBuddy(editor);
        m_form->addRow(label, editor);
    }
    m_unavailable->hide();
    setValues(current);
}

void CustomMetadataEditor::setFieldsUnavailable(const QString &reason)
{
    m_unavailable->setText(tr("The account's custom metadata fields could not be listed (%1). "
                              "Enter values as key=value lines.").arg(reason));
    m_unavailable->show();
}

QWidget *CustomMetadataEditor::createEditor(const ik::CustomMetadataField &field)
{
    const QString type = typeOf(field);
    QWidget *editor = nullptr;
    if (type == QLatin1String("SingleSelect") || type == QLatin1String("Boolean")) {
        auto *combo = new QComboBox(this);
        combo->addItem(tr("(not set)"));
        if (type == QLatin1String("Boolean"))
            combo->addItems({QStringLiteral("true"), QStringLiteral("false")});
        else
            combo->addItems(optionTexts(field));
        connect(combo, &QComboBox::currentIndexChanged, this, &CustomMetadataEditor::edited);
        editor = combo;
    } else {
        auto *line = new QLineEdit(this);
        if (type == QLatin1String("Number")) {
            auto *validator = new QDoubleValidator(line);
            validator->setLocale(QLocale::c());
            line->setValidator(validator);
            line->setPlaceholderText(tr("number"));
        } else if (type == QLatin1String("Date")) {
            line->setPlaceholderText(tr("YYYY-MM-DD"));
        } else if (type == QLatin1String("MultiSelect")) {
            line->setPlaceholderText(optionTexts(field).join(QStringLiteral(", ")));
            line->setToolTip(tr("Comma-separated, from: %1").arg(optionTexts(field).join(QStringLiteral(", "))));
        }
        connect(line, &QLineEdit::textChanged, this, &CustomMetadataEditor::edited);
        editor = line;
    }
    editor->setObjectName(QStringLiteral("metadata_") + field.name);
    editor->setAccessibleName(tr("Custom metadata: %1").arg(labelOf(field)));
    return editor;
}

QWidget *CustomMetadataEditor::editorFor(const QString &fieldName) const
{
    return m_editors.value(fieldName);
}

void CustomMetadataEditor::setEditorValue(const ik::CustomMetadataField &field, QWidget *editor, const QJsonValue &value)
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const int index = value.isUndefined() || value.isNull() ? 0 : combo->findText(looseText(value));
        combo->setCurrentIndex(index < 0 ? 0 : index);
        return;
    }
    auto *line = qobject_cast<QLineEdit *>(editor);
    if (!line)
        return;
    if (value.isUndefined() || value.isNull()) {
        line->clear();
        return;
    }
    if (typeOf(field) == QLatin1String("Date") && value.isString()) {
        // The server sends full ISO timestamps; the editor shows the day.
        const QDateTime stamp = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
        line->setText(stamp.isValid() ? stamp.date().toString(Qt::ISODate) : value.toString());
        return;
    }
    if (value.isDouble()) {
        line->setText(QString::number(value.toDouble(), 'g', 15));
        return;
    }
    line->setText(looseText(value));
}

void CustomMetadataEditor::setValues(const QJsonObject &values)
{
    QStringList extraLines;
    for (auto it = values.begin(); it != values.end(); ++it) {
        if (!m_editors.contains(it.key()))
            extraLines << it.key() + QLatin1Char('=') + looseText(it.value());
    }
    for (const ik::CustomMetadataField &field : std::as_const(m_fields))
        setEditorValue(field, m_editors.value(field.name), values.value(field.name));
    m_extra->setPlainText(extraLines.join(QLatin1Char('\n')));
}

QJsonValue CustomMetadataEditor::editorValue(const ik::CustomMetadataField &field, const QWidget *editor,
                                             QString *error) const
{
    const QString type = typeOf(field);
    const QString label = labelOf(field);
    if (const auto *combo = qobject_cast<const QComboBox *>(editor)) {
        if (combo->currentIndex() <= 0)
            return QJsonValue(QJsonValue::Undefined);
        if (type == QLatin1String("Boolean"))
            return combo->currentText() == QLatin1String("true");
        return optionValue(field, combo->currentText());
    }
    const auto *line = qobject_cast<const QLineEdit *>(editor);
    const QString text = line ? line->text().trimmed() : QString();
    if (text.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    if (type == QLatin1String("Number")) {
        bool ok = false;
        const double number = QLocale::c().toDouble(text, &ok);
        if (!ok) {
            *error = tr("%1 must be a number, not \"%2\".").arg(label, text);
            return QJsonValue(QJsonValue::Undefined);
        }
        const QJsonValue min = field.schema.minValue;
        const QJsonValue max = field.schema.maxValue;
        if ((min.isDouble() && number < min.toDouble()) || (max.isDouble() && number > max.toDouble())) {
            *error = tr("%1 must be between %2 and %3.")
                         .arg(label, min.isDouble() ? QString::number(min.toDouble()) : QStringLiteral("…"),
                              max.isDouble() ? QString::number(max.toDouble()) : QStringLiteral("…"));
            return QJsonValue(QJsonValue::Undefined);
        }
        return number;
    }
    if (type == QLatin1String("Date")) {
        const QDate day = QDate::fromString(text, Qt::ISODate);
        const QDateTime stamp = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!day.isValid() && !stamp.isValid()) {
            *error = tr("%1 must be a date like 2024-05-31, not \"%2\".").arg(label, text);
            return QJsonValue(QJsonValue::Undefined);
        }
        return day.isValid() ? day.toString(Qt::ISODate) : text;
    }
    if (type == QLatin1String("MultiSelect")) {
        QJsonArray chosen;
        const QStringList known = optionTexts(field);
        for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString option = part.trimmed();
            if (option.isEmpty())
                continue;
            if (!known.contains(option)) {
                *error = tr("%1: \"%2\" is not one of %3.").arg(label, option, known.join(QStringLiteral(", ")));
                return QJsonValue(QJsonValue::Undefined);
            }
            chosen.append(optionValue(field, option));
        }
        return chosen.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(chosen);
    }
    const std::optional<qint64> maxLength = field.schema.maxLength;
    if (maxLength && text.size() > *maxLength) {
        *error = tr("%1 is limited to %n character(s).", nullptr, int(*maxLength)).arg(label);
        return QJsonValue(QJsonValue::Undefined);
    }
    return text;
}

QJsonObject CustomMetadataEditor::values(QString *error) const
{
    QJsonObject out;
    QString problem;
    for (const ik::CustomMetadataField &field : std::as_const(m_fields)) {
        const QJsonValue value = editorValue(field, m_editors.value(field.name), &problem);
        if (!problem.isEmpty()) {
            *error = problem;
            return {};
        }
        if (!value.isUndefined())
            out.insert(field.name, value);
    }
    const QStringList lines = m_extra->toPlainText().split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        const QString key = equals > 0 ? line.left(equals).trimmed() : QString();
        if (key.isEmpty()) {
            *error = tr("Custom metadata line %1 is not key=value: \"%2\".").arg(i + 1).arg(line);
            return {};
        }
        if (out.contains(key)) {
            *error = tr("Custom metadata \"%1\" is given twice.").arg(key);
            return {};
        }
        out.insert(key, parseLooseValue(line.mid(equals + 1)));
    }
    error->clear();
    return out;
}

} // namespace ikui
