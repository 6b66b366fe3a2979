#include "search/searchquery.h"

#include "search/searchexpression.h"
#include "search/searchquerylexer.h"
#include "search/searchqueryparser.h"

namespace ikemu {

namespace {

QString errorMessage(const QString &detail, int offset)
{
    // ImageKit's wording, with the 1-based position of the offending character added.
    return QStringLiteral("Invalid search query - %1 at position %2. Please refer to the documentation for "
                          "syntax specification.")
        .arg(detail)
        .arg(offset + 1);
}

} // namespace

SearchQuery::SearchQuery(std::shared_ptr<const SearchExpression> root)
    : m_root(std::move(root))
{
}

SearchQueryParseResult SearchQuery::parse(const QString &text)
{
    SearchQueryParseResult result;
    QList<SearchToken> tokens;
    if (const std::optional<SearchLexError> lexError = SearchQueryLexer(text).tokenize(tokens)) {
        result.error = errorMessage(lexError->detail, lexError->offset);
        result.errorOffset = lexError->offset;
        return result;
    }
    SearchQueryParser parser(tokens);
    std::shared_ptr<const SearchExpression> root = parser.parse();
    if (!root) {
        result.error = errorMessage(parser.error().detail, parser.error().offset);
        result.errorOffset = parser.error().offset;
        return result;
    }
    result.query = SearchQuery(std::move(root));
    return result;
}

bool SearchQuery::matches(const QJsonObject &file, qint64 nowMs) const
{
    return m_root->matches(file, nowMs);
}

QString SearchQuery::toCanonicalString() const
{
    return m_root->canonical();
}

bool SearchQuery::referencesField(const QString &field) const
{
    return m_root->references(field);
}

} // namespace ikemu
