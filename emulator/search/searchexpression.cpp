#include "search/searchexpression.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace ikemu {

namespace {

QString quotedForQuery(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1String("\\"), QLatin1String("\\\\"));
    escaped.replace(QLatin1String("\""), QLatin1String("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString numberText(double value)
{
    return QString::number(value, 'g', 17);
}

std::optional<double> numberOfJson(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        bool ok = false;
        const double number = value.toString().trimmed().toDouble(&ok);
        if (ok && std::isfinite(number))
            return number;
    }
    return std::nullopt;
}

std::optional<qint64> instantOfJson(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    QString text = value.toString();
    // EXIF writes dates as 2026:01:10 08:00:00 (embeddedMetadata.DateTimeOriginal): read them too.
    static const QRegularExpression exifDate(QStringLiteral("^\\d{4}:\\d{2}:\\d{2}( |$)"));
    if (exifDate.match(text).hasMatch()) {
        text[4] = QLatin1Char('-');
        text[7] = QLatin1Char('-');
    }
    const std::optional<IsoDateTime> date = IsoDateTime::parse(text);
    if (!date)
        return std::nullopt;
    return date->toMSecsSinceEpoch();
}

// Lower-cased words of a text, split at anything that is not a letter or digit.
QStringList wordsOf(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[^\\p{L}\\p{N}]+"));
    return text.toLower().split(separators, Qt::SkipEmptyParts);
}

// HAS: every query word appears among the record's words; the last one may be a prefix.
bool hasWords(const QStringList &recordWords, const QStringList &queryWords)
{
    if (queryWords.isEmpty())
        return false;
    for (qsizetype i = 0; i < queryWords.size(); ++i) {
        const bool last = i == queryWords.size() - 1;
        const QString &wanted = queryWords.at(i);
        const bool found = std::any_of(recordWords.cbegin(), recordWords.cend(), [&](const QString &word) {
            return last ? word.startsWith(wanted) : word == wanted;
        });
        if (!found)
            return false;
    }
    return true;
}

bool orderingHolds(SearchOperator op, int comparison)
{
    switch (op) {
    case SearchOperator::Greater: return comparison > 0;
    case SearchOperator::GreaterOrEqual: return comparison >= 0;
    case SearchOperator::Less: return comparison < 0;
    case SearchOperator::LessOrEqual: return comparison <= 0;
    default: return false;
    }
}

template<typename T>
int threeWay(T left, T right)
{
    return left < right ? -1 : (right < left ? 1 : 0);
}

// Compares a stored value with a literal for ordering; nullopt when they cannot be ordered.
// Stored values decide the reading: numbers numerically, ISO dates as instants, other text as text.
std::optional<int> compareForOrdering(const QJsonValue &stored, const SearchLiteral &literal,
                                      SearchField::Kind kind, qint64 nowMs)
{
    switch (kind) {
    case SearchField::Kind::Number:
    case SearchField::Kind::Size:
        if (const std::optional<double> number = numberOfJson(stored); number && literal.number)
            return threeWay(*number, *literal.number);
        return std::nullopt;
    case SearchField::Kind::Date:
        if (const std::optional<qint64> instant = instantOfJson(stored))
            return threeWay(*instant, literal.instantMs(nowMs));
        return std::nullopt;
    case SearchField::Kind::Metadata:
        if (stored.isDouble()) {
            if (literal.number)
                return threeWay(stored.toDouble(), *literal.number);
            return std::nullopt;
        }
        if (stored.isString()) {
            if (literal.date || literal.isRelativeDate()) {
                if (const std::optional<qint64> instant = instantOfJson(stored))
                    return threeWay(*instant, literal.instantMs(nowMs));
            }
            return threeWay(stored.toString().compare(literal.text), 0);
        }
        return std::nullopt;
    default:
        return threeWay(stored.toString().compare(literal.text), 0);
    }
}

bool valueEquals(const QJsonValue &stored, const SearchLiteral &literal, SearchField::Kind kind)
{
    switch (kind) {
    case SearchField::Kind::Format:
        return stored.toString() == SearchField::normalisedFormat(literal.text);
    case SearchField::Kind::Path:
        return stored.toString() == SearchField::normalisedPath(literal.text);
    case SearchField::Kind::Number:
    case SearchField::Kind::Size: {
        const std::optional<double> number = numberOfJson(stored);
        return number && literal.number && *number == *literal.number;
    }
    case SearchField::Kind::Date: {
        // A literal names a span (a whole day for a bare date): equal means inside it.
        const std::optional<qint64> instant = instantOfJson(stored);
        if (!instant || !literal.date)
            return false;
        const qint64 start = literal.date->toMSecsSinceEpoch();
        return *instant >= start && *instant < start + literal.date->precisionMs();
    }
    case SearchField::Kind::Boolean:
        return stored.isBool() && literal.boolean && stored.toBool() == *literal.boolean;
    case SearchField::Kind::Metadata:
        if (stored.isBool())
            return literal.boolean && stored.toBool() == *literal.boolean;
        if (stored.isDouble())
            return literal.number && stored.toDouble() == *literal.number;
        if (stored.isString()) {
            if (stored.toString() == literal.text)
                return true;
            // A Date field's stored value equals a literal naming the same span.
            const std::optional<qint64> instant = instantOfJson(stored);
            if (instant && literal.date) {
                const qint64 start = literal.date->toMSecsSinceEpoch();
                return *instant >= start && *instant < start + literal.date->precisionMs();
            }
        }
        return false;
    default:
        return stored.toString() == literal.text;
    }
}

} // namespace

qint64 SearchLiteral::instantMs(qint64 nowMs) const
{
    if (date)
        return date->toMSecsSinceEpoch();
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC);
    switch (relativeUnit.toLower().unicode()) {
    case 'h': return nowMs - qint64(relativeAmount) * 60 * 60 * 1000;
    case 'd': return nowMs - qint64(relativeAmount) * 24 * 60 * 60 * 1000;
    case 'w': return nowMs - qint64(relativeAmount) * 7 * 24 * 60 * 60 * 1000;
    case 'm': return now.addMonths(-relativeAmount).toMSecsSinceEpoch();
    case 'y': return now.addYears(-relativeAmount).toMSecsSinceEpoch();
    default: return nowMs;
    }
}

std::optional<double> SearchLiteral::parseSize(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d+(?:\\.\\d+)?)\\s*(b|kb|mb|gb)?$"),
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const QString unit = match.captured(2).toLower();
    double factor = 1;
    if (unit == QLatin1String("kb"))
        factor = 1024;
    else if (unit == QLatin1String("mb"))
        factor = 1024.0 * 1024;
    else if (unit == QLatin1String("gb"))
        factor = 1024.0 * 1024 * 1024;
    return match.captured(1).toDouble() * factor;
}

SearchLiteral SearchLiteral::read(const QString &text, bool quoted, int offset)
{
    SearchLiteral literal;
    literal.text = text;
    literal.quoted = quoted;
    literal.offset = offset;

    bool isNumber = false;
    const double number = text.trimmed().toDouble(&isNumber);
    if (isNumber && std::isfinite(number) && !text.trimmed().isEmpty())
        literal.number = number;
    if (text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
        literal.boolean = true;
    else if (text.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
        literal.boolean = false;
    literal.date = IsoDateTime::parse(text);

    static const QRegularExpression relative(QStringLiteral("^(\\d{1,6})\\s*([hdwmy])$"),
                                             QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = relative.match(text.trimmed());
    if (match.hasMatch()) {
        literal.relativeAmount = match.captured(1).toInt();
        literal.relativeUnit = match.captured(2).at(0).toLower();
    }
    return literal;
}

QString SearchLiteral::canonical(SearchField::Kind kind) const
{
    switch (kind) {
    case SearchField::Kind::Number:
    case SearchField::Kind::Size:
        return number ? numberText(*number) : quotedForQuery(text);
    case SearchField::Kind::Boolean:
        return boolean && *boolean ? QStringLiteral("true") : QStringLiteral("false");
    case SearchField::Kind::Metadata:
        if (!quoted && (number || boolean))
            return text.toLower();
        return quotedForQuery(text);
    default:
        return quotedForQuery(text);
    }
}

bool SearchExpression::matches(const QJsonObject &record, qint64 nowMs) const
{
    switch (kind) {
    case Kind::And:
        return std::all_of(children.cbegin(), children.cend(),
                           [&](const auto &child) { return child->matches(record, nowMs); });
    case Kind::Or:
        return std::any_of(children.cbegin(), children.cend(),
                           [&](const auto &child) { return child->matches(record, nowMs); });
    case Kind::Not:
        return !children.constFirst()->matches(record, nowMs);
    case Kind::Condition:
        return conditionMatches(record, nowMs);
    }
    return false;
}

bool SearchExpression::conditionMatches(const QJsonObject &record, qint64 nowMs) const
{
    const QList<QJsonValue> stored = field.valuesOf(record);
    const SearchField::Kind fieldKind = field.kind;
    const auto anyStored = [&stored](auto predicate) {
        return std::any_of(stored.cbegin(), stored.cend(), predicate);
    };
    const auto equalsAnyLiteral = [&](const QJsonValue &value) {
        return std::any_of(values.cbegin(), values.cend(),
                           [&](const SearchLiteral &literal) { return valueEquals(value, literal, fieldKind); });
    };

    switch (op) {
    case SearchOperator::Exists:
        return anyStored([](const QJsonValue &value) { return !value.isString() || !value.toString().isEmpty(); });
    case SearchOperator::NotExists:
        return !anyStored([](const QJsonValue &value) { return !value.isString() || !value.toString().isEmpty(); });
    case SearchOperator::Equals:
    case SearchOperator::In:
        return anyStored(equalsAnyLiteral);
    case SearchOperator::NotEquals:
    case SearchOperator::NotIn:
        return !anyStored(equalsAnyLiteral);
    case SearchOperator::Prefix: {
        const SearchLiteral &literal = values.constFirst();
        if (fieldKind == SearchField::Kind::Path) {
            // The folder itself and everything below it.
            const QString folder = SearchField::normalisedPath(literal.text);
            return anyStored([&folder](const QJsonValue &value) {
                const QString path = value.toString();
                return folder == QLatin1String("/") || path == folder
                    || path.startsWith(folder + QLatin1Char('/'));
            });
        }
        return anyStored([&literal](const QJsonValue &value) {
            return value.isString() && value.toString().startsWith(literal.text);
        });
    }
    case SearchOperator::Has: {
        QStringList recordWords;
        for (const QJsonValue &value : stored) {
            if (value.isString())
                recordWords += wordsOf(value.toString());
        }
        return hasWords(recordWords, wordsOf(values.constFirst().text));
    }
    case SearchOperator::Greater:
    case SearchOperator::GreaterOrEqual:
    case SearchOperator::Less:
    case SearchOperator::LessOrEqual:
        return anyStored([&](const QJsonValue &value) {
            const std::optional<int> comparison = compareForOrdering(value, values.constFirst(), fieldKind, nowMs);
            return comparison && orderingHolds(op, *comparison);
        });
    }
    return false;
}

QString SearchExpression::canonical() const
{
    switch (kind) {
    case Kind::And:
    case Kind::Or: {
        QStringList parts;
        for (const auto &child : children)
            parts.append(QLatin1Char('(') + child->canonical() + QLatin1Char(')'));
        return parts.join(kind == Kind::And ? QLatin1String(" AND ") : QLatin1String(" OR "));
    }
    case Kind::Not:
        return QStringLiteral("NOT (") + children.constFirst()->canonical() + QLatin1Char(')');
    case Kind::Condition:
        break;
    }
    QString text = field.name + QLatin1Char(' ') + searchOperatorText(op);
    if (op == SearchOperator::In || op == SearchOperator::NotIn) {
        QStringList items;
        for (const SearchLiteral &literal : values)
            items.append(literal.canonical(field.kind));
        text += QStringLiteral(" [") + items.join(QLatin1String(", ")) + QLatin1Char(']');
    } else if (!values.isEmpty()) {
        text += QLatin1Char(' ') + values.constFirst().canonical(field.kind);
    }
    return text;
}

bool SearchExpression::references(const QString &fieldName) const
{
    if (kind == Kind::Condition)
        return field.name == fieldName;
    return std::any_of(children.cbegin(), children.cend(),
                       [&](const auto &child) { return child->references(fieldName); });
}

} // namespace ikemu
