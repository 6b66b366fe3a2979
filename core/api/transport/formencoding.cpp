#include "api/transport/formencoding.h"

namespace ik {

QByteArray FormEncoding::encodeComponent(const QString &text)
{
    static const char hex[] = "0123456789ABCDEF";
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() * 3);
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
            || c == '-' || c == '~') {
            out.append(char(c));
        } else if (c == ' ') {
            out.append('+');
        } else {
            out.append('%');
            out.append(hex[c >> 4]);
            out.append(hex[c & 0x0F]);
        }
    }
    return out;
}

QByteArray FormEncoding::encodeQuery(const QList<QPair<QString, QString>> &pairs)
{
    QByteArray out;
    for (const auto &pair : pairs) {
        if (!out.isEmpty())
            out.append('&');
        out.append(encodeComponent(pair.first));
        out.append('=');
        out.append(encodeComponent(pair.second));
    }
    return out;
}

} // namespace ik
