#pragma once

#include <QColor>
#include <QHash>
#include <QString>

#include <optional>

namespace ikemu {

// Numeric values of the transformation language: "300", "0.5", "N20" (negative), and arithmetic
// expressions evaluated left to right, e.g. "iw_div_2", "ih_mul_0.5_add_10", "bw_sub_cw".
// `variables` holds the names allowed here (iw, ih, iar; bw, bh, cw, ch inside layers).
// nullopt when the text is not a number or an expression over known variables (or divides by 0).
std::optional<double> evaluateTransformNumber(const QString &text, const QHash<QString, double> &variables);

// Colours: "FF0000", "F00", "FF000080" (RRGGBBAA), or a CSS/SVG name ("red", "white").
std::optional<QColor> parseTransformColor(const QString &text);

} // namespace ikemu
