#include "util/orderedjson.h"

#include <QStringDecoder>

#include <charconv>
#include <cstring>

namespace ik {

namespace {

const QList<OrderedJsonValue> &emptyItems()
{
    static const QList<OrderedJsonValue> empty;
    return empty;
}

const QList<OrderedJsonValue::Member> &emptyMembers()
{
    static const QList<OrderedJsonValue::Member> empty;
    return empty;
}

constexpr int kMaxDepth = 64;

// Recursive-descent parser over UTF-8 bytes. Errors are recorded once and unwind by returning
// false; the offset in the message counts bytes from the start of the text.
class Parser
{
public:
    explicit Parser(QByteArrayView text) : m_text(text) {}

    OrderedJsonParseResult run()
    {
        OrderedJsonParseResult result;
        skipSpace();
        if (atEnd()) {
            result.error = QStringLiteral("empty input: expected a JSON value");
            return result;
        }
        if (!parseValue(result.value, 0)) {
            result.error = m_error;
            return result;
        }
        skipSpace();
        if (!atEnd())
            result.error = QStringLiteral("unexpected text after the JSON value at offset %1").arg(m_pos);
        return result;
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return m_text.at(m_pos); }

    void skipSpace()
    {
        while (!atEnd()) {
            const char c = peek();
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            ++m_pos;
        }
    }

    bool fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
        return false;
    }

    bool failHere(const char *what)
    {
        if (atEnd())
            return fail(QStringLiteral("invalid JSON: %1, but the text ended (offset %2)").arg(QLatin1String(what)).arg(m_pos));
        const char c = peek();
        const QString found = (c >= 0x20 && c < 0x7f) ? QStringLiteral("'%1'").arg(QLatin1Char(c))
                                                       : QStringLiteral("byte 0x%1").arg(uchar(c), 2, 16, QLatin1Char('0'));
        return fail(QStringLiteral("invalid JSON: %1, found %2 at offset %3").arg(QLatin1String(what), found).arg(m_pos));
    }

    bool consumeLiteral(QByteArrayView literal)
    {
        if (m_text.size() - m_pos < literal.size()
            || std::memcmp(m_text.data() + m_pos, literal.data(), size_t(literal.size())) != 0)
            return failHere("expected a JSON value");
        m_pos += literal.size();
        return true;
    }

    bool parseValue(OrderedJsonValue &out, int depth)
    {
        if (depth > kMaxDepth)
            return fail(QStringLiteral("invalid JSON: nesting deeper than %1 levels").arg(kMaxDepth));
        if (atEnd())
            return failHere("expected a JSON value");
        switch (peek()) {
        case '{':
            return parseObject(out, depth);
        case '[':
            return parseArray(out, depth);
        case '"': {
            QString text;
            if (!parseString(text))
                return false;
            out = OrderedJsonValue::fromString(std::move(text));
            return true;
        }
        case 't':
            if (!consumeLiteral("true"))
                return false;
            out = OrderedJsonValue::fromBool(true);
            return true;
        case 'f':
            if (!consumeLiteral("false"))
                return false;
            out = OrderedJsonValue::fromBool(false);
            return true;
        case 'n':
            if (!consumeLiteral("null"))
                return false;
            out = OrderedJsonValue();
            return true;
        default:
            return parseNumber(out);
        }
    }

    bool parseObject(OrderedJsonValue &out, int depth)
    {
        ++m_pos; // '{'
        QList<OrderedJsonValue::Member> members;
        skipSpace();
        if (!atEnd() && peek() == '}') {
            ++m_pos;
            out = OrderedJsonValue::fromObject(std::move(members));
            return true;
        }
        for (;;) {
            skipSpace();
            if (atEnd() || peek() != '"')
                return failHere("expected a member name in double quotes");
            QString key;
            if (!parseString(key))
                return false;
            skipSpace();
            if (atEnd() || peek() != ':')
                return failHere("expected ':' after a member name");
            ++m_pos;
            skipSpace();
            OrderedJsonValue value;
            if (!parseValue(value, depth + 1))
                return false;
            members.append({std::move(key), std::move(value)});
            skipSpace();
            if (atEnd())
                return failHere("expected ',' or '}'");
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == '}') {
                ++m_pos;
                out = OrderedJsonValue::fromObject(std::move(members));
                return true;
            }
            return failHere("expected ',' or '}'");
        }
    }

    bool parseArray(OrderedJsonValue &out, int depth)
    {
        ++m_pos; // '['
        QList<OrderedJsonValue> items;
        skipSpace();
        if (!atEnd() && peek() == ']') {
            ++m_pos;
            out = OrderedJsonValue::fromArray(std::move(items));
            return true;
        }
        for (;;) {
            skipSpace();
            OrderedJsonValue value;
            if (!parseValue(value, depth + 1))
                return false;
            items.append(std::move(value));
            skipSpace();
            if (atEnd())
                return failHere("expected ',' or ']'");
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == ']') {
                ++m_pos;
                out = OrderedJsonValue::fromArray(std::move(items));
                return true;
            }
            return failHere("expected ',' or ']'");
        }
    }

    static int hexValue(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    bool parseHex4(char16_t &unit)
    {
        if (m_text.size() - m_pos < 4)
            return fail(QStringLiteral("invalid JSON: \\u needs four hex digits (offset %1)").arg(m_pos));
        unsigned value = 0;
        for (int i = 0; i < 4; ++i) {
            const int digit = hexValue(m_text.at(m_pos + i));
            if (digit < 0)
                return fail(QStringLiteral("invalid JSON: \\u needs four hex digits (offset %1)").arg(m_pos));
            value = value * 16 + unsigned(digit);
        }
        m_pos += 4;
        unit = char16_t(value);
        return true;
    }

    // Appends raw UTF-8 bytes [from, to) to `out`, rejecting invalid UTF-8.
    bool appendUtf8(QString &out, qsizetype from, qsizetype to)
    {
        if (from == to)
            return true;
        const QByteArrayView bytes = m_text.sliced(from, to - from);
        bool ascii = true;
        for (const char c : bytes) {
            if (uchar(c) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            out.append(QLatin1String(bytes.data(), bytes.size()));
            return true;
        }
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decoded = decoder.decode(bytes);
        if (decoder.hasError())
            return fail(QStringLiteral("invalid UTF-8 in a JSON string near offset %1").arg(from));
        out.append(decoded);
        return true;
    }

    bool parseString(QString &out)
    {
        ++m_pos; // opening quote
        qsizetype runStart = m_pos;
        for (;;) {
            if (atEnd())
                return fail(QStringLiteral("invalid JSON: unterminated string (offset %1)").arg(m_pos));
            const char c = peek();
            if (c == '"') {
                if (!appendUtf8(out, runStart, m_pos))
                    return false;
                ++m_pos;
                return true;
            }
            if (uchar(c) < 0x20)
                return failHere("control characters must be escaped in a string");
            if (c != '\\') {
                ++m_pos;
                continue;
            }
            if (!appendUtf8(out, runStart, m_pos))
                return false;
            ++m_pos; // backslash
            if (atEnd())
                return failHere("expected an escape character after '\\'");
            const char escape = peek();
            ++m_pos;
            switch (escape) {
            case '"': out.append(QLatin1Char('"')); break;
            case '\\': out.append(QLatin1Char('\\')); break;
            case '/': out.append(QLatin1Char('/')); break;
            case 'b': out.append(QLatin1Char('\b')); break;
            case 'f': out.append(QLatin1Char('\f')); break;
            case 'n': out.append(QLatin1Char('\n')); break;
            case 'r': out.append(QLatin1Char('\r')); break;
            case 't': out.append(QLatin1Char('\t')); break;
            case 'u': {
                char16_t unit;
                if (!parseHex4(unit))
                    return false;
                if (QChar::isHighSurrogate(unit)) {
                    char16_t low = 0;
                    if (m_text.size() - m_pos < 2 || m_text.at(m_pos) != '\\' || m_text.at(m_pos + 1) != 'u')
                        return fail(QStringLiteral("invalid JSON: lone surrogate \\u%1 (offset %2)").arg(unsigned(unit), 4, 16, QLatin1Char('0')).arg(m_pos));
                    m_pos += 2;
                    if (!parseHex4(low))
                        return false;
                    if (!QChar::isLowSurrogate(low))
                        return fail(QStringLiteral("invalid JSON: lone surrogate \\u%1 (offset %2)").arg(unsigned(unit), 4, 16, QLatin1Char('0')).arg(m_pos));
                    out.append(QChar(unit));
                    out.append(QChar(low));
                } else if (QChar::isLowSurrogate(unit)) {
                    return fail(QStringLiteral("invalid JSON: lone surrogate \\u%1 (offset %2)").arg(unsigned(unit), 4, 16, QLatin1Char('0')).arg(m_pos));
                } else {
                    out.append(QChar(unit));
                }
                break;
            }
            default:
                --m_pos;
                return failHere("unknown escape in a string");
            }
            runStart = m_pos;
        }
    }

    bool parseNumber(OrderedJsonValue &out)
    {
        const qsizetype start = m_pos;
        auto digits = [&] {
            qsizetype count = 0;
            while (!atEnd() && peek() >= '0' && peek() <= '9') {
                ++m_pos;
                ++count;
            }
            return count;
        };
        if (!atEnd() && peek() == '-')
            ++m_pos;
        if (atEnd() || peek() < '0' || peek() > '9') {
            m_pos = start;
            return failHere("expected a JSON value");
        }
        if (peek() == '0') {
            ++m_pos;
        } else {
            digits();
        }
        bool integer = true;
        if (!atEnd() && peek() == '.') {
            integer = false;
            ++m_pos;
            if (digits() == 0)
                return failHere("expected digits after the decimal point");
        }
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            integer = false;
            ++m_pos;
            if (!atEnd() && (peek() == '+' || peek() == '-'))
                ++m_pos;
            if (digits() == 0)
                return failHere("expected digits in the exponent");
        }
        const char *first = m_text.data() + start;
        const char *last = m_text.data() + m_pos;
        if (integer) {
            qint64 value = 0;
            const auto [ptr, ec] = std::from_chars(first, last, value);
            if (ec == std::errc() && ptr == last) {
                out = OrderedJsonValue::fromInteger(value);
                return true;
            }
            // Too large for 64 bits: keep it as a double, as other JSON readers do.
        }
        double value = 0;
        const auto [ptr, ec] = std::from_chars(first, last, value);
        if (ptr != last || (ec != std::errc() && ec != std::errc::result_out_of_range))
            return fail(QStringLiteral("invalid JSON: bad number at offset %1").arg(start));
        if (ec == std::errc::result_out_of_range)
            return fail(QStringLiteral("invalid JSON: number out of range at offset %1").arg(start));
        out = OrderedJsonValue::fromDouble(value);
        return true;
    }

    QByteArrayView m_text;
    qsizetype m_pos = 0;
    QString m_error;
};

} // namespace

OrderedJsonValue OrderedJsonValue::fromBool(bool value)
{
    OrderedJsonValue v;
    v.m_type = Type::Bool;
    v.m_bool = value;
    return v;
}

OrderedJsonValue OrderedJsonValue::fromInteger(qint64 value)
{
    OrderedJsonValue v;
    v.m_type = Type::Number;
    v.m_isInteger = true;
    v.m_integer = value;
    v.m_double = double(value);
    return v;
}

OrderedJsonValue OrderedJsonValue::fromDouble(double value)
{
    OrderedJsonValue v;
    v.m_type = Type::Number;
    v.m_double = value;
    return v;
}

OrderedJsonValue OrderedJsonValue::fromString(QString value)
{
    OrderedJsonValue v;
    v.m_type = Type::String;
    v.m_string = std::move(value);
    return v;
}

OrderedJsonValue OrderedJsonValue::fromArray(QList<OrderedJsonValue> items)
{
    OrderedJsonValue v;
    v.m_type = Type::Array;
    v.m_items = std::make_shared<const QList<OrderedJsonValue>>(std::move(items));
    return v;
}

OrderedJsonValue OrderedJsonValue::fromObject(QList<Member> members)
{
    OrderedJsonValue v;
    v.m_type = Type::Object;
    v.m_members = std::make_shared<const QList<Member>>(std::move(members));
    return v;
}

const QList<OrderedJsonValue> &OrderedJsonValue::items() const
{
    return m_items ? *m_items : emptyItems();
}

const QList<OrderedJsonValue::Member> &OrderedJsonValue::members() const
{
    return m_members ? *m_members : emptyMembers();
}

const OrderedJsonValue *OrderedJsonValue::find(QStringView key) const
{
    for (const auto &member : members()) {
        if (member.first == key)
            return &member.second;
    }
    return nullptr;
}

QString OrderedJsonValue::typeName(Type type)
{
    switch (type) {
    case Type::Null: return QStringLiteral("null");
    case Type::Bool: return QStringLiteral("a boolean");
    case Type::Number: return QStringLiteral("a number");
    case Type::String: return QStringLiteral("a string");
    case Type::Array: return QStringLiteral("an array");
    case Type::Object: return QStringLiteral("an object");
    }
    return QString();
}

OrderedJsonParseResult parseOrderedJson(QByteArrayView utf8)
{
    return Parser(utf8).run();
}

} // namespace ik
