#include "search/searchquerylexer.h"

namespace ikemu {

QString SearchToken::display() const
{
    switch (kind) {
    case Kind::End:
        return QStringLiteral("end of query");
    case Kind::QuotedString:
        return quote + text + quote;
    default:
        return QLatin1Char('"') + text + QLatin1Char('"');
    }
}

bool SearchQueryLexer::isWordCharacter(int index, int wordStart) const
{
    const QChar c = m_text.at(index);
    if (c.isLetterOrNumber())
        return true;
    if (c == QLatin1Char('_') || c == QLatin1Char('.') || c == QLatin1Char('-') || c == QLatin1Char('+')
        || c == QLatin1Char('/') || c == QLatin1Char('@'))
        return true;
    // A colon is the prefix operator (`name:"x"`), except inside a time such as 2020-01-01T12:12:12,
    // which starts with a digit and has a digit after the colon.
    if (c == QLatin1Char(':'))
        return m_text.at(wordStart).isDigit() && index + 1 < m_text.size() && m_text.at(index + 1).isDigit();
    return false;
}

std::optional<SearchLexError> SearchQueryLexer::tokenize(QList<SearchToken> &tokens)
{
    tokens.clear();
    const int length = int(m_text.size());
    int i = 0;
    while (i < length) {
        const QChar c = m_text.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        SearchToken token;
        token.offset = i;
        auto single = [&](SearchToken::Kind kind) {
            token.kind = kind;
            token.text = QString(c);
            ++i;
        };
        if (c == QLatin1Char('(')) {
            single(SearchToken::Kind::LeftParen);
        } else if (c == QLatin1Char(')')) {
            single(SearchToken::Kind::RightParen);
        } else if (c == QLatin1Char('[')) {
            single(SearchToken::Kind::LeftBracket);
        } else if (c == QLatin1Char(']')) {
            single(SearchToken::Kind::RightBracket);
        } else if (c == QLatin1Char(',')) {
            single(SearchToken::Kind::Comma);
        } else if (c == QLatin1Char('=') || c == QLatin1Char(':')) {
            single(SearchToken::Kind::Operator);
        } else if (c == QLatin1Char('<') || c == QLatin1Char('>') || c == QLatin1Char('!')) {
            token.kind = SearchToken::Kind::Operator;
            const bool withEquals = i + 1 < length && m_text.at(i + 1) == QLatin1Char('=');
            if (c == QLatin1Char('!') && !withEquals)
                return SearchLexError{QStringLiteral("unexpected \"!\" (did you mean \"!=\"?)"), i};
            token.text = m_text.mid(i, withEquals ? 2 : 1);
            i += int(token.text.size());
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            token.kind = SearchToken::Kind::QuotedString;
            token.quote = c;
            int j = i + 1;
            bool closed = false;
            while (j < length) {
                const QChar d = m_text.at(j);
                if (d == QLatin1Char('\\') && j + 1 < length) {
                    token.text += m_text.at(j + 1);
                    j += 2;
                    continue;
                }
                if (d == c) {
                    closed = true;
                    break;
                }
                token.text += d;
                ++j;
            }
            if (!closed)
                return SearchLexError{QStringLiteral("unterminated string starting"), i};
            i = j + 1;
        } else if (isWordCharacter(i, i)) {
            token.kind = SearchToken::Kind::Word;
            int j = i;
            while (j < length && isWordCharacter(j, i))
                ++j;
            token.text = m_text.mid(i, j - i);
            i = j;
        } else {
            return SearchLexError{QStringLiteral("unexpected character \"%1\"").arg(c), i};
        }
        tokens.append(token);
    }
    SearchToken end;
    end.kind = SearchToken::Kind::End;
    end.offset = length;
    tokens.append(end);
    return std::nullopt;
}

} // namespace ikemu
