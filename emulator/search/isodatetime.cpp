#include "search/isodatetime.h"

#include <QRegularExpression>

namespace ikemu {

qint64 IsoDateTime::precisionMs() const
{
    if (!hasTime)
        return qint64(24) * 60 * 60 * 1000;
    return hasFraction ? 1 : 1000;
}

std::optional<IsoDateTime> IsoDateTime::parse(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})"
        "(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?"
        "(Z|[+-]\\d{2}:?\\d{2})?)?$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;

    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
    if (!date.isValid())
        return std::nullopt;

    IsoDateTime result;
    QTime time(0, 0);
    if (match.hasCaptured(4) && !match.captured(4).isEmpty()) {
        result.hasTime = true;
        int milliseconds = 0;
        const QString fraction = match.captured(7);
        if (!fraction.isEmpty()) {
            result.hasFraction = true;
            milliseconds = (fraction + QStringLiteral("00")).left(3).toInt();
        }
        time = QTime(match.captured(4).toInt(), match.captured(5).toInt(),
                     match.captured(6).isEmpty() ? 0 : match.captured(6).toInt(), milliseconds);
        if (!time.isValid())
            return std::nullopt;
    }

    int offsetSeconds = 0;
    const QString offset = match.captured(8);
    if (!offset.isEmpty() && offset != QLatin1String("Z")) {
        QString digits = offset.mid(1);
        digits.remove(QLatin1Char(':'));
        const int hours = digits.left(2).toInt();
        const int minutes = digits.mid(2, 2).toInt();
        if (hours > 23 || minutes > 59)
            return std::nullopt;
        offsetSeconds = (hours * 60 + minutes) * 60 * (offset.startsWith(QLatin1Char('-')) ? -1 : 1);
    }

    // The wall-clock value minus its offset is the UTC instant.
    result.utc = QDateTime(date, time, Qt::UTC).addSecs(-offsetSeconds);
    return result;
}

} // namespace ikemu
