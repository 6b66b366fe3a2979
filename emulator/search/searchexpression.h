#pragma once

#include "search/isodatetime.h"
#include "search/searchfield.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace ikemu {

// A value written in a query, with every reading that makes sense for it; the parser checks that
// the reading the field needs is there.
struct SearchLiteral
{
    QString text;                       // as written, without quotes
    bool quoted = false;
    int offset = 0;                     // 0-based position in the query
    std::optional<double> number;       // 42, 1.5, "42"; for size fields already in bytes
    std::optional<bool> boolean;        // true / false
    std::optional<IsoDateTime> date;    // 2020-01-01, "2020-01-01T12:12:12Z"
    int relativeAmount = 0;             // "7d" -> 7, 'd'
    QChar relativeUnit;                 // h d w m y; null when not relative

    bool isRelativeDate() const { return !relativeUnit.isNull(); }
    // The instant a date literal stands for: absolute, or `amount units` before `nowMs`.
    qint64 instantMs(qint64 nowMs) const;
    QString canonical(SearchField::Kind kind) const;

    // Reads every interpretation of `text`: number, boolean, ISO date, relative date.
    static SearchLiteral read(const QString &text, bool quoted, int offset);
    // Bytes for "2mb", "10 KB", "1.5gb", "512", "512b"; nullopt when not a size.
    static std::optional<double> parseSize(const QString &text);
};

struct SearchExpression
{
    enum class Kind { And, Or, Not, Condition };

    Kind kind = Kind::Condition;
    QList<std::shared_ptr<const SearchExpression>> children;   // And, Or: two or more; Not: one

    // Condition
    SearchField field;
    SearchOperator op = SearchOperator::Equals;
    QList<SearchLiteral> values;   // one, several for IN / NOT IN, none for EXISTS

    bool matches(const QJsonObject &record, qint64 nowMs) const;
    QString canonical() const;
    bool references(const QString &fieldName) const;

private:
    bool conditionMatches(const QJsonObject &record, qint64 nowMs) const;
};

} // namespace ikemu
