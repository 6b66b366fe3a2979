#include "phash/phashdistance.h"

#include <bit>

namespace ik {

namespace {

constexpr int kHexDigits = 16;

// Parses one value; returns an empty string on success, otherwise what is wrong with it.
QString parsePhash(QStringView text, const char *which, quint64 &out)
{
    text = text.trimmed();
    if (text.isEmpty())
        return QStringLiteral("missing %1 pHash value: give 16 hex digits").arg(QLatin1String(which));
    if (text.size() != kHexDigits)
        return QStringLiteral("%1 pHash \"%2\" has %3 characters; a pHash is exactly 16 hex digits")
            .arg(QLatin1String(which), text.toString()).arg(text.size());
    quint64 value = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        int digit;
        if (u >= '0' && u <= '9')
            digit = u - '0';
        else if (u >= 'a' && u <= 'f')
            digit = u - 'a' + 10;
        else if (u >= 'A' && u <= 'F')
            digit = u - 'A' + 10;
        else
            return QStringLiteral("%1 pHash \"%2\" has a character that is not a hex digit at position %3: '%4'")
                .arg(QLatin1String(which), text.toString()).arg(i + 1).arg(text[i]);
        value = (value << 4) | quint64(digit);
    }
    out = value;
    return QString();
}

} // namespace

PhashDistanceResult phashDistance(QStringView first, QStringView second)
{
    PhashDistanceResult result;
    quint64 a = 0;
    quint64 b = 0;
    result.error = parsePhash(first, "first", a);
    if (result.error.isEmpty())
        result.error = parsePhash(second, "second", b);
    if (result.error.isEmpty())
        result.distance = std::popcount(a ^ b);
    return result;
}

} // namespace ik
