#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace ikemu {

// ISO 8601 as ImageKit accepts it in search queries and Date custom metadata: `2020-01-01`,
// `2020-01-01T12:12:12`, `2020-01-01 12:12:12`, with optional fraction and `Z`/`+hh:mm` offset.
// A value without an offset is UTC (ImageKit: "when no time is provided, it is set to 00:00:00 UTC").
struct IsoDateTime
{
    QDateTime utc;              // always valid, in UTC
    bool hasTime = false;       // false for a bare date
    bool hasFraction = false;   // milliseconds were given

    // The smallest span the text names: a day for a bare date, a second or a millisecond otherwise.
    qint64 precisionMs() const;
    qint64 toMSecsSinceEpoch() const { return utc.toMSecsSinceEpoch(); }

    static std::optional<IsoDateTime> parse(const QString &text);
};

} // namespace ikemu
