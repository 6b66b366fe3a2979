#pragma once

#include <QList>
#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace ik {

// Where the transformation string goes: a `tr:...` path segment after the endpoint, or a `tr`
// query parameter. URLs built from `src` always use the query.
enum class TransformationPosition { Path, Query };

// A transformation or query-parameter value as the seed SDK accepts it. Text is used as is,
// booleans print as true/false, integers as digits and other numbers in their shortest
// round-trip form (0.5, 1e+21).
using UrlValue = std::variant<QString, qint64, double, bool>;

// Appends the URL text of a value to `out`.
void appendUrlValueText(QString &out, const UrlValue &value);
QString urlValueText(const UrlValue &value);

// One step of a chained transformation: ordered (name, value) pairs. Names from the seed's
// table ("width") map to their codes ("w"); other names pass through ("e-upscale").
using TransformationStep = QList<std::pair<QString, UrlValue>>;

// The options of one URL, as the seed's url() takes them.
struct UrlOptions
{
    QString path;                 // relative to the URL endpoint; wins over src
    QString src;                  // a complete URL; its query is kept and merged
    QString urlEndpoint;          // overrides the builder's endpoint for this URL
    QList<TransformationStep> transformation;
    std::optional<TransformationPosition> transformationPosition; // unset: the builder's default
    QList<std::pair<QString, UrlValue>> queryParameters;          // appended in this order
    bool sign = false;            // the seed's `signed`: add ik-s (and ik-t when expireSeconds > 0)
    qint64 expireSeconds = 0;     // 0: a signature that never expires
};

} // namespace ik
