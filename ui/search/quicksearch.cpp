#include "search/quicksearch.h"

namespace ikui {

QString QuickSearch::quoted(const QString &text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += QLatin1Char('"');
    for (const QChar c : text) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\');
        out += c;
    }
    out += QLatin1Char('"');
    return out;
}

QString QuickSearch::searchQueryFor(const QString &typedText)
{
    const QString text = typedText.simplified();
    if (text.isEmpty())
        return {};
    const QString literal = quoted(text);
    return QStringLiteral("name : %1 OR tags IN [%1]").arg(literal);
}

} // namespace ikui
