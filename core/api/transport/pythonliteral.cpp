#include "api/transport/pythonliteral.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cctype>

namespace ik {

namespace {

// Deep nesting is rejected instead of recursing until the stack runs out.
constexpr int MaxDepth = 200;

class Parser
{
public:
    explicit Parser(const QByteArray &text) : m_text(text) {}

    std::optional<QJsonValue> parseDocument(QString *error)
    {
        std::optional<QJsonValue> value = parseValue(0);
        if (value) {
            skipSpace();
            if (m_pos != m_text.size()) {
                value.reset();
                fail(QStringLiteral("unexpected text after the literal"));
            }
        }
        if (!value && error)
            *error = QStringLiteral("%1 at offset %2").arg(m_error).arg(m_errorPos);
        return value;
    }

private:
    const QByteArray &m_text;
    qsizetype m_pos = 0;
    QString m_error;
    qsizetype m_errorPos = 0;

    std::nullopt_t fail(const QString &why)
    {
        if (m_error.isEmpty()) {
            m_error = why;
            m_errorPos = m_pos;
        }
        return std::nullopt;
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text.at(m_pos); }

    void skipSpace()
    {
        while (!atEnd()) {
            const char c = peek();
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') {
                ++m_pos;
            } else if (c == '\\' && m_pos + 1 < m_text.size() && m_text.at(m_pos + 1) == '\n') {
                m_pos += 2; // explicit line continuation
            } else {
                break;
            }
        }
    }

    std::optional<QJsonValue> parseValue(int depth)
    {
        if (depth > MaxDepth)
            return fail(QStringLiteral("nesting deeper than %1 levels").arg(MaxDepth));
        skipSpace();
        if (atEnd())
            return fail(QStringLiteral("unexpected end of text"));
        const char c = peek();
        if (c == '{')
            return parseDict(depth);
        if (c == '[')
            return parseSequence(']', depth);
        if (c == '(')
            return parseSequence(')', depth);
        if (c == '\'' || c == '"' || ((c == 'u' || c == 'U') && isQuote(m_pos + 1)))
            return parseStrings();
        if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))
            return parseNumber();
        if (matchWord("True"))
            return QJsonValue(true);
        if (matchWord("False"))
            return QJsonValue(false);
        if (matchWord("None"))
            return QJsonValue(QJsonValue::Null);
        return fail(QStringLiteral("unexpected character '%1'").arg(QChar::fromLatin1(c)));
    }

    bool isQuote(qsizetype at) const
    {
        return at < m_text.size() && (m_text.at(at) == '\'' || m_text.at(at) == '"');
    }

    bool matchWord(const char *word)
    {
        const QByteArray w(word);
        if (m_text.mid(m_pos, w.size()) != w)
            return false;
        const qsizetype after = m_pos + w.size();
        if (after < m_text.size()) {
            const char next = m_text.at(after);
            if (std::isalnum(static_cast<unsigned char>(next)) || next == '_')
                return false;
        }
        m_pos = after;
        return true;
    }

    std::optional<QJsonValue> parseDict(int depth)
    {
        ++m_pos; // '{'
        QJsonObject object;
        for (;;) {
            skipSpace();
            if (peek() == '}') {
                ++m_pos;
                return QJsonValue(object);
            }
            std::optional<QJsonValue> key = parseValue(depth + 1);
            if (!key)
                return std::nullopt;
            QString keyText;
            if (key->isString())
                keyText = key->toString();
            else if (key->isDouble())
                keyText = QString::number(key->toDouble());
            else if (key->isBool())
                keyText = key->toBool() ? QStringLiteral("True") : QStringLiteral("False");
            else
                return fail(QStringLiteral("unsupported dictionary key"));
            skipSpace();
            if (peek() != ':')
                return fail(QStringLiteral("expected ':' after a dictionary key"));
            ++m_pos;
            std::optional<QJsonValue> value = parseValue(depth + 1);
            if (!value)
                return std::nullopt;
            object.insert(keyText, *value);
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
            } else if (peek() != '}') {
                return fail(atEnd() ? QStringLiteral("unexpected end of text") : QStringLiteral("expected ',' or '}'"));
            }
        }
    }

    std::optional<QJsonValue> parseSequence(char close, int depth)
    {
        ++m_pos; // '[' or '('
        QJsonArray array;
        for (;;) {
            skipSpace();
            if (peek() == close) {
                ++m_pos;
                return QJsonValue(array);
            }
            std::optional<QJsonValue> value = parseValue(depth + 1);
            if (!value)
                return std::nullopt;
            array.append(*value);
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
            } else if (peek() != close) {
                return fail(atEnd() ? QStringLiteral("unexpected end of text")
                                    : QStringLiteral("expected ',' or '%1'").arg(QChar::fromLatin1(close)));
            }
        }
    }

    // One or more adjacent string literals, concatenated as Python does at compile time.
    std::optional<QJsonValue> parseStrings()
    {
        QString result;
        do {
            if (peek() == 'u' || peek() == 'U')
                ++m_pos;
            std::optional<QString> piece = parseOneString();
            if (!piece)
                return std::nullopt;
            result += *piece;
            skipSpace();
        } while (peek() == '\'' || peek() == '"' || ((peek() == 'u' || peek() == 'U') && isQuote(m_pos + 1)));
        return QJsonValue(result);
    }

    std::optional<QString> parseOneString()
    {
        const char quote = peek();
        const bool triple = m_text.mid(m_pos, 3) == QByteArray(3, quote);
        m_pos += triple ? 3 : 1;
        QByteArray utf8;
        QString out;
        const auto flush = [&] {
            out += QString::fromUtf8(utf8);
            utf8.clear();
        };
        for (;;) {
            if (atEnd()) {
                fail(QStringLiteral("unterminated string"));
                return std::nullopt;
            }
            const char c = m_text.at(m_pos);
            if (c == quote) {
                if (!triple) {
                    ++m_pos;
                    break;
                }
                if (m_text.mid(m_pos, 3) == QByteArray(3, quote)) {
                    m_pos += 3;
                    break;
                }
            }
            if ((c == '\n' || c == '\r') && !triple) {
                fail(QStringLiteral("line break inside a string"));
                return std::nullopt;
            }
            if (c != '\\') {
                utf8.append(c);
                ++m_pos;
                continue;
            }
            // An escape sequence.
            if (m_pos + 1 >= m_text.size()) {
                fail(QStringLiteral("unterminated string"));
                return std::nullopt;
            }
            const char e = m_text.at(m_pos + 1);
            m_pos += 2;
            switch (e) {
            case '\n': break;
            case '\\': utf8.append('\\'); break;
            case '\'': utf8.append('\''); break;
            case '"': utf8.append('"'); break;
            case 'a': utf8.append('\a'); break;
            case 'b': utf8.append('\b'); break;
            case 'f': utf8.append('\f'); break;
            case 'n': utf8.append('\n'); break;
            case 'r': utf8.append('\r'); break;
            case 't': utf8.append('\t'); break;
            case 'v': utf8.append('\v'); break;
            case 'x':
            case 'u':
            case 'U': {
                const int digits = e == 'x' ? 2 : (e == 'u' ? 4 : 8);
                bool ok = false;
                const uint code = m_text.mid(m_pos, digits).toUInt(&ok, 16);
                if (!ok || m_pos + digits > m_text.size() || code > 0x10FFFF) {
                    fail(QStringLiteral("bad \\%1 escape").arg(QChar::fromLatin1(e)));
                    return std::nullopt;
                }
                m_pos += digits;
                flush();
                const char32_t ch = code;
                out += QString::fromUcs4(&ch, 1);
                break;
            }
            default:
                if (e >= '0' && e <= '7') {
                    // Octal: up to three digits, the first already read.
                    uint code = uint(e - '0');
                    for (int i = 0; i < 2 && !atEnd() && peek() >= '0' && peek() <= '7'; ++i)
                        code = code * 8 + uint(m_text.at(m_pos++) - '0');
                    flush();
                    out += QChar(char16_t(code));
                } else {
                    // Python keeps unknown escapes as written.
                    utf8.append('\\');
                    utf8.append(e);
                }
            }
        }
        flush();
        return out;
    }

    std::optional<QJsonValue> parseNumber()
    {
        const qsizetype start = m_pos;
        if (peek() == '-' || peek() == '+')
            ++m_pos;
        while (!atEnd()) {
            const char c = peek();
            if ((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '_'
                || ((c == '-' || c == '+') && (m_text.at(m_pos - 1) == 'e' || m_text.at(m_pos - 1) == 'E'))) {
                ++m_pos;
            } else {
                break;
            }
        }
        QByteArray digits = m_text.mid(start, m_pos - start);
        digits.replace("_", "");
        bool ok = false;
        const double value = digits.toDouble(&ok);
        if (!ok)
            return fail(QStringLiteral("bad number"));
        return QJsonValue(value);
    }
};

} // namespace

std::optional<QJsonValue> PythonLiteral::parse(const QByteArray &text, QString *error)
{
    Parser parser(text);
    return parser.parseDocument(error);
}

} // namespace ik
