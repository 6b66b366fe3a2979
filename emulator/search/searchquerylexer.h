#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace ikemu {

struct SearchToken
{
    enum class Kind {
        LeftParen, RightParen, LeftBracket, RightBracket, Comma,
        Operator,      // = != > >= < <= :
        QuotedString,  // text holds the unescaped content
        Word,          // bare: field names, keywords, numbers, 2d, 2mb, 2020-01-01, true
        End
    };

    Kind kind = Kind::End;
    QString text;
    int offset = 0;                // 0-based position of the first character in the query
    QChar quote;                   // '"' or '\'' for QuotedString

    bool isKeyword(QLatin1String keyword) const
    {
        return kind == Kind::Word && text.compare(keyword, Qt::CaseInsensitive) == 0;
    }
    // How the token looked in the query, for error messages.
    QString display() const;
};

struct SearchLexError
{
    QString detail;
    int offset = 0;
};

// Splits a searchQuery into tokens; the last token is always End.
class SearchQueryLexer
{
public:
    explicit SearchQueryLexer(const QString &text) : m_text(text) {}

    // The tokens, or the first lexical error.
    std::optional<SearchLexError> tokenize(QList<SearchToken> &tokens);

private:
    bool isWordCharacter(int index, int wordStart) const;

    const QString m_text;
};

} // namespace ikemu
