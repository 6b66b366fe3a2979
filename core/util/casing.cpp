#include "util/casing.h"

#include <QStringList>

namespace ik::casing {

namespace {

bool isUpper(QChar c) { return c >= QLatin1Char('A') && c <= QLatin1Char('Z'); }
bool isLower(QChar c) { return c >= QLatin1Char('a') && c <= QLatin1Char('z'); }
bool isDigit(QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); }

} // namespace

QString camelToSnake(const QString &name)
{
    // Pass 1, regex (.)([A-Z][a-z]+) -> \1_\2, matched left to right without overlap: an
    // underscore goes before a capital that starts a capitalised word, when something precedes it
    // and that something was not consumed as the capital of the previous match.
    QString first;
    first.reserve(name.size() + 8);
    qsizetype i = 0;
    while (i < name.size()) {
        // A match needs one character, then a capital, then at least one lower-case letter.
        if (i + 2 < name.size() && isUpper(name.at(i + 1)) && isLower(name.at(i + 2))) {
            qsizetype end = i + 2;
            while (end < name.size() && isLower(name.at(end)))
                ++end;
            first += name.at(i);
            first += QLatin1Char('_');
            first += QStringView(name).mid(i + 1, end - i - 1);
            i = end;
            continue;
        }
        first += name.at(i);
        ++i;
    }
    // Pass 2, regex ([a-z0-9])([A-Z]) -> \1_\2, then lower-case everything.
    QString result;
    result.reserve(first.size() + 8);
    for (qsizetype j = 0; j < first.size(); ++j) {
        const QChar c = first.at(j);
        result += c;
        if ((isLower(c) || isDigit(c)) && j + 1 < first.size() && isUpper(first.at(j + 1))) {
            result += QLatin1Char('_');
            // The capital was consumed by this match: copy it now so it cannot start another.
            result += first.at(j + 1);
            ++j;
        }
    }
    return result.toLower();
}

QString snakeToLowerCamel(const QString &name)
{
    const QStringList pieces = name.split(QLatin1Char('_'));
    QString result = pieces.first();
    for (qsizetype i = 1; i < pieces.size(); ++i) {
        const QString &piece = pieces.at(i);
        // Python str.title(): upper-case a letter that follows a non-letter, lower-case the rest.
        bool previousIsLetter = false;
        for (const QChar c : piece) {
            if (c.isLetter()) {
                result += previousIsLetter ? c.toLower() : c.toUpper();
                previousIsLetter = true;
            } else {
                result += c;
                previousIsLetter = false;
            }
        }
    }
    return result;
}

} // namespace ik::casing
