#include "imaging/transformvalue.h"

#include <QRegularExpression>
#include <QStringList>

#include <cmath>

namespace ikemu {

namespace {

std::optional<double> operand(const QString &token, const QHash<QString, double> &variables)
{
    if (token.isEmpty())
        return std::nullopt;
    if (const auto it = variables.constFind(token); it != variables.constEnd())
        return *it;
    QString number = token;
    double sign = 1;
    if (number.startsWith(QLatin1Char('N'))) {
        sign = -1;
        number.remove(0, 1);
    }
    // Only plain decimal notation: toDouble would also take "inf", "1e5" or "0x10".
    static const QRegularExpression decimal(QStringLiteral("^[0-9]+(\\.[0-9]+)?$|^\\.[0-9]+$"));
    if (!decimal.match(number).hasMatch())
        return std::nullopt;
    return sign * number.toDouble();
}

} // namespace

std::optional<double> evaluateTransformNumber(const QString &text, const QHash<QString, double> &variables)
{
    const QStringList tokens = text.split(QLatin1Char('_'));
    if (tokens.size() % 2 == 0)
        return std::nullopt;
    std::optional<double> result = operand(tokens.first(), variables);
    for (qsizetype i = 1; result && i + 1 < tokens.size(); i += 2) {
        const QString &op = tokens.at(i);
        const std::optional<double> right = operand(tokens.at(i + 1), variables);
        if (!right)
            return std::nullopt;
        if (op == QLatin1String("add"))
            *result += *right;
        else if (op == QLatin1String("sub"))
            *result -= *right;
        else if (op == QLatin1String("mul"))
            *result *= *right;
        else if (op == QLatin1String("div") && *right != 0)
            *result /= *right;
        else if (op == QLatin1String("mod") && *right != 0)
            *result = std::fmod(*result, *right);
        else if (op == QLatin1String("pow"))
            *result = std::pow(*result, *right);
        else
            return std::nullopt;
    }
    if (result && !std::isfinite(*result))
        return std::nullopt;
    return result;
}

std::optional<QColor> parseTransformColor(const QString &text)
{
    static const QRegularExpression hex(QStringLiteral("^([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})$"));
    if (hex.match(text).hasMatch()) {
        if (text.size() == 8) { // ImageKit writes alpha last (RRGGBBAA); QColor wants #AARRGGBB
            QColor color(QStringLiteral("#") + text.left(6));
            color.setAlpha(text.mid(6, 2).toInt(nullptr, 16));
            return color;
        }
        return QColor(QStringLiteral("#") + text);
    }
    static const QRegularExpression name(QStringLiteral("^[A-Za-z]+$"));
    if (name.match(text).hasMatch() && QColor::isValidColor(text.toLower()))
        return QColor(text.toLower());
    return std::nullopt;
}

} // namespace ikemu
