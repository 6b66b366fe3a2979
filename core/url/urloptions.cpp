#include "url/urloptions.h"

#include <QLocale>

namespace ik {

void appendUrlValueText(QString &out, const UrlValue &value)
{
    if (const auto *text = std::get_if<QString>(&value)) {
        out.append(*text);
    } else if (const auto *integer = std::get_if<qint64>(&value)) {
        // Digits written by hand: QString::number allocates, and this runs per parameter.
        char16_t digits[24];
        qsizetype at = 24;
        quint64 magnitude = *integer < 0 ? quint64(0) - quint64(*integer) : quint64(*integer);
        do {
            digits[--at] = char16_t(u'0' + magnitude % 10);
            magnitude /= 10;
        } while (magnitude);
        if (*integer < 0)
            digits[--at] = u'-';
        out.append(reinterpret_cast<const QChar *>(digits + at), 24 - at);
    } else if (const auto *number = std::get_if<double>(&value)) {
        // Shortest text that reads back as the same double: 0.5, 300, 1e+21.
        out.append(QString::number(*number, 'g', QLocale::FloatingPointShortest));
    } else {
        out.append(std::get<bool>(value) ? QLatin1String("true") : QLatin1String("false"));
    }
}

QString urlValueText(const UrlValue &value)
{
    if (const auto *text = std::get_if<QString>(&value))
        return *text;
    QString out;
    appendUrlValueText(out, value);
    return out;
}

} // namespace ik
