#include "editing/custommetadatarules.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QTimeZone>

namespace ikui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ikui::CustomMetadataRules", text);
}

QDateTime parseDate(const QString &text)
{
    QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!when.isValid())
        when = QDateTime(QDate::fromString(text, Qt::ISODate), QTime(0, 0), Qt::UTC);
    return when;
}

QString number(double value)
{
    return QLocale().toString(value, 'g', 12);
}

} // namespace

const ik::CustomMetadataField *CustomMetadataRules::find(const QList<ik::CustomMetadataField> &fields, const QString &name)
{
    for (const ik::CustomMetadataField &field : fields) {
        if (field.name == name)
            return &field;
    }
    return nullptr;
}

bool CustomMetadataRules::isReadOnly(const ik::CustomMetadataField &field)
{
    return field.schema.fields.value(QLatin1String("readOnly")).toBool(false);
}

QString CustomMetadataRules::valueProblem(const ik::CustomMetadataField &field, const QJsonValue &value)
{
    const ik::CustomMetadataSchema &schema = field.schema;
    const QString label = field.label.isEmpty() ? field.name : field.label;
    if (value.isNull() || value.isUndefined()) {
        if (schema.isValueRequired.value_or(false))
            return tr("“%1” is required: give it a value instead of unsetting it.").arg(label);
        return {};
    }
    const QString type = schema.type;
    if (type == QLatin1String("Text") || type == QLatin1String("Textarea")) {
        if (!value.isString())
            return tr("“%1” takes text.").arg(label);
        const qsizetype length = value.toString().size();
        if (schema.minLength && length < *schema.minLength)
            return tr("“%1” needs at least %2 characters (it has %3).").arg(label).arg(*schema.minLength).arg(length);
        if (schema.maxLength && length > *schema.maxLength)
            return tr("“%1” takes at most %2 characters (it has %3).").arg(label).arg(*schema.maxLength).arg(length);
        return {};
    }
    if (type == QLatin1String("Number")) {
        if (!value.isDouble())
            return tr("“%1” takes a number.").arg(label);
        const double v = value.toDouble();
        if (schema.minValue.isDouble() && v < schema.minValue.toDouble())
            return tr("“%1” must be at least %2.").arg(label, number(schema.minValue.toDouble()));
        if (schema.maxValue.isDouble() && v > schema.maxValue.toDouble())
            return tr("“%1” must be at most %2.").arg(label, number(schema.maxValue.toDouble()));
        return {};
    }
    if (type == QLatin1String("Date")) {
        const QDateTime when = value.isString() ? parseDate(value.toString()) : QDateTime();
        if (!when.isValid())
            return tr("“%1” takes a date (YYYY-MM-DD).").arg(label);
        const QDateTime min = schema.minValue.isString() ? parseDate(schema.minValue.toString()) : QDateTime();
        const QDateTime max = schema.maxValue.isString() ? parseDate(schema.maxValue.toString()) : QDateTime();
        if (min.isValid() && when < min)
            return tr("“%1” must be on or after %2.").arg(label, QLocale().toString(min.date(), QLocale::ShortFormat));
        if (max.isValid() && when > max)
            return tr("“%1” must be on or before %2.").arg(label, QLocale().toString(max.date(), QLocale::ShortFormat));
        return {};
    }
    if (type == QLatin1String("Boolean"))
        return value.isBool() ? QString() : tr("“%1” is yes or no.").arg(label);
    if (type == QLatin1String("SingleSelect")) {
        if (!schema.selectOptions.contains(value))
            return tr("“%1” must be one of its options.").arg(label);
        return {};
    }
    if (type == QLatin1String("MultiSelect")) {
        if (!value.isArray())
            return tr("“%1” takes a list of its options.").arg(label);
        for (const QJsonValue &item : value.toArray()) {
            if (!schema.selectOptions.contains(item))
                return tr("“%1” has no option “%2”.").arg(label, item.toVariant().toString());
        }
        return {};
    }
    return {};
}

} // namespace ikui
