#include "url/urlencoding.h"

#include <QByteArray>

#include <array>

namespace ik::urlencoding {

namespace {

// Which ASCII characters must be escaped, one table per context.
struct AsciiSet
{
    std::array<bool, 128> escape{};
};

constexpr AsciiSet makeSet(const char *extra, bool keepOnlyUnreserved)
{
    AsciiSet set;
    for (int c = 0; c < 128; ++c) {
        const bool control = c < 0x20 || c == 0x7f;
        set.escape[size_t(c)] = control || c == ' ';
        if (keepOnlyUnreserved) {
            const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '-' || c == '~';
            set.escape[size_t(c)] = !unreserved;
        }
    }
    for (const char *p = extra; *p; ++p)
        set.escape[size_t(*p)] = true;
    return set;
}

// WHATWG path percent-encode set, plus '^' (newer spec) and '\' (a parser would read it as '/').
constexpr AsciiSet kPathSet = makeSet("\"#<>?`{}^\\", false);
// WHATWG query percent-encode set (special schemes also encode '\''); '#' too: no fragment here.
constexpr AsciiSet kQuerySet = makeSet("\"#<>`'", false);
// Python's quote_plus: only unreserved characters stay.
constexpr AsciiSet kFormSet = makeSet("", true);

constexpr char kHex[] = "0123456789ABCDEF";

inline bool isHexDigit(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F');
}

inline int hexValue(char16_t u)
{
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'a' && u <= 'f')
        return u - 'a' + 10;
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1;
}

inline void appendEscapedByte(QString &out, uchar byte)
{
    const QChar escaped[3] = {QLatin1Char('%'), QLatin1Char(kHex[byte >> 4]), QLatin1Char(kHex[byte & 0xf])};
    out.append(escaped, 3);
}

// Appends %XX for each UTF-8 byte of the code point starting at text[i]; returns how many UTF-16
// units it used. A lone surrogate is encoded as U+FFFD, as a WHATWG encoder does.
qsizetype appendEscapedCodePoint(QString &out, QStringView text, qsizetype i)
{
    char32_t codePoint = text[i].unicode();
    qsizetype used = 1;
    if (QChar::isHighSurrogate(codePoint) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
        codePoint = QChar::surrogateToUcs4(text[i].unicode(), text[i + 1].unicode());
        used = 2;
    } else if (QChar::isSurrogate(codePoint)) {
        codePoint = 0xFFFD;
    }
    if (codePoint < 0x80) {
        appendEscapedByte(out, uchar(codePoint));
    } else if (codePoint < 0x800) {
        appendEscapedByte(out, uchar(0xC0 | (codePoint >> 6)));
        appendEscapedByte(out, uchar(0x80 | (codePoint & 0x3F)));
    } else if (codePoint < 0x10000) {
        appendEscapedByte(out, uchar(0xE0 | (codePoint >> 12)));
        appendEscapedByte(out, uchar(0x80 | ((codePoint >> 6) & 0x3F)));
        appendEscapedByte(out, uchar(0x80 | (codePoint & 0x3F)));
    } else {
        appendEscapedByte(out, uchar(0xF0 | (codePoint >> 18)));
        appendEscapedByte(out, uchar(0x80 | ((codePoint >> 12) & 0x3F)));
        appendEscapedByte(out, uchar(0x80 | ((codePoint >> 6) & 0x3F)));
        appendEscapedByte(out, uchar(0x80 | (codePoint & 0x3F)));
    }
    return used;
}

// Shared loop: runs of characters that stay are appended in one go.
void appendEncoded(QString &out, QStringView text, const AsciiSet &set, bool keepValidEscapes)
{
    const qsizetype size = text.size();
    qsizetype runStart = 0;
    qsizetype i = 0;
    while (i < size) {
        const char16_t u = text[i].unicode();
        bool escape;
        if (u >= 0x80) {
            escape = true;
        } else if (u == '%' && keepValidEscapes) {
            escape = !(i + 2 < size && isHexDigit(text[i + 1]) && isHexDigit(text[i + 2]));
        } else {
            escape = set.escape[u];
        }
        if (!escape) {
            ++i;
            continue;
        }
        out.append(text.sliced(runStart, i - runStart));
        i += appendEscapedCodePoint(out, text, i);
        runStart = i;
    }
    out.append(text.sliced(runStart, size - runStart));
}

} // namespace

void appendPathEncoded(QString &out, QStringView text)
{
    appendEncoded(out, text, kPathSet, true);
}

void appendQueryTextEncoded(QString &out, QStringView text)
{
    appendEncoded(out, text, kQuerySet, true);
}

void appendFormEncoded(QString &out, QStringView text)
{
    const qsizetype size = text.size();
    qsizetype runStart = 0;
    qsizetype i = 0;
    while (i < size) {
        const char16_t u = text[i].unicode();
        if (u < 0x80 && !kFormSet.escape[u]) {
            ++i;
            continue;
        }
        out.append(text.sliced(runStart, i - runStart));
        if (u == ' ') {
            out.append(QLatin1Char('+'));
            ++i;
        } else {
            i += appendEscapedCodePoint(out, text, i);
        }
        runStart = i;
    }
    out.append(text.sliced(runStart, size - runStart));
}

QString formDecoded(QStringView text)
{
    // Fast path: nothing to decode.
    bool plain = true;
    for (const QChar c : text) {
        if (c == QLatin1Char('+') || c == QLatin1Char('%')) {
            plain = false;
            break;
        }
    }
    if (plain)
        return text.toString();

    // Decode to UTF-8 bytes first: one character may span several %XX escapes.
    QByteArray bytes;
    bytes.reserve(text.size() * 3);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        if (u == '+') {
            bytes.append(' ');
        } else if (u == '%' && i + 2 < text.size() && hexValue(text[i + 1].unicode()) >= 0
                   && hexValue(text[i + 2].unicode()) >= 0) {
            bytes.append(char(hexValue(text[i + 1].unicode()) * 16 + hexValue(text[i + 2].unicode())));
            i += 2;
        } else if (u < 0x80) {
            bytes.append(char(u));
        } else {
            qsizetype end = i + 1;
            if (QChar::isHighSurrogate(u) && end < text.size() && text[end].isLowSurrogate())
                ++end;
            bytes.append(text.sliced(i, end - i).toUtf8());
            i = end - 1;
        }
    }
    return QString::fromUtf8(bytes);
}

QString percentEncodedUrl(QStringView url)
{
    QString out;
    out.reserve(url.size() + 16);
    const qsizetype question = url.indexOf(QLatin1Char('?'));
    if (question < 0) {
        appendPathEncoded(out, url);
        return out;
    }
    appendPathEncoded(out, url.first(question));
    out.append(QLatin1Char('?'));
    appendQueryTextEncoded(out, url.sliced(question + 1));
    return out;
}

QStringView withoutOuterSlashes(QStringView text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && text[begin] == QLatin1Char('/'))
        ++begin;
    while (end > begin && text[end - 1] == QLatin1Char('/'))
        --end;
    return text.sliced(begin, end - begin);
}

bool isUrlSafeAscii(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        if (u >= 0x80 || u <= 0x20 || u == 0x7f || u == '"' || u == '<' || u == '>' || u == '`'
            || u == '{' || u == '}' || u == '\\' || u == '^')
            return false;
        if (u == '%' && !(i + 2 < text.size() && isHexDigit(text[i + 1]) && isHexDigit(text[i + 2])))
            return false;
    }
    return true;
}

} // namespace ik::urlencoding
