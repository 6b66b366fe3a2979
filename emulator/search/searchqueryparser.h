#pragma once

#include "search/searchexpression.h"
#include "search/searchquerylexer.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace ikemu {

struct SearchSyntaxError
{
    QString detail;   // "unexpected \")\""
    int offset = 0;   // 0-based
};

// Recursive descent over the tokens of a searchQuery (grammar in searchquery.h). Values are read
// for the field they are compared with, so type errors are reported where the value stands.
class SearchQueryParser
{
public:
    explicit SearchQueryParser(QList<SearchToken> tokens);

    // The expression tree, or nullptr with error() set.
    std::shared_ptr<const SearchExpression> parse();
    const SearchSyntaxError &error() const { return m_error; }

private:
    using Node = std::shared_ptr<SearchExpression>;

    const SearchToken &peek(int ahead = 0) const;
    const SearchToken &take();
    std::nullptr_t fail(const QString &detail, int offset);

    Node parseOr();
    Node parseAnd();
    Node parseUnary();
    Node parseCondition();
    std::optional<SearchOperator> parseOperator();
    std::optional<SearchLiteral> parseValue(const SearchField &field, SearchOperator op, bool insideArray);
    bool checkValueForField(const SearchField &field, SearchOperator op, const SearchLiteral &literal);

    QList<SearchToken> m_tokens;
    int m_position = 0;
    int m_depth = 0;
    SearchSyntaxError m_error;
};

} // namespace ikemu
