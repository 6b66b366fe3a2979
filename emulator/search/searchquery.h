#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace ikemu {

struct SearchExpression;
struct SearchQueryParseResult;

// The `searchQuery` language of `GET /v1/files` (ImageKit's Lucene-like filter), parsed once and
// matched in memory against file, file-version and folder objects.
//
// Grammar (keywords and operators are case-insensitive; field names are case-sensitive):
//   query      := orExpr
//   orExpr     := andExpr ( OR andExpr )*            AND binds tighter than OR
//   andExpr    := unary ( AND unary )*
//   unary      := NOT unary | '(' orExpr ')' | condition
//   condition  := field op value | field EXISTS | field NOT EXISTS
//   op         := = | != | NOT = | > | >= | < | <= | : | IN | NOT IN | HAS
//   value      := "double" | 'single' | number | true | false | bare word (2d, 2mb, 2020-01-01)
//               | '[' value ( ',' value )* ']'     (IN / NOT IN; single quotes are refused inside arrays)
//   field      := name | tags | type | id | path | format | fileType | size | width | height
//               | createdAt | updatedAt | private | published | transparency | createdBy
//               | "customMetadata.<field>" | "embeddedMetadata.<field>"   (quoted, bare also accepted)
// Values are checked against the field at parse time (dates, sizes with b/kb/mb/gb units, booleans,
// type names), so a bad value is a parse error with its position, not a silent non-match.
// Relative dates ("1h", "2d", "3w", "4m" months, "1y") mean "that long before now" and are resolved
// at match time against the injected `nowMs`.
//
// Records are the JSON objects the API returns (camelCase). A condition on a field the record does
// not have is false; its negation (!=, NOT IN, NOT EXISTS, NOT ...) is therefore true.
// A query without a `type` condition matches any record type: the caller decides which records to
// offer (ImageKit leaves file versions out unless the query asks for them; see referencesField()).
class SearchQuery
{
public:
    // Parses `text`. On failure `query` is empty and `error` reads like ImageKit's 400 message,
    // naming the 1-based character position, e.g.
    //   Invalid search query - unexpected ")" at position 17. Please refer to the documentation for
    //   syntax specification.
    static SearchQueryParseResult parse(const QString &text);

    // True when `file` satisfies the query; `nowMs` (ms since the epoch) anchors relative dates.
    bool matches(const QJsonObject &file, qint64 nowMs) const;

    // Canonical, fully parenthesised form of the parsed query (for logs and tests), e.g.
    //   ((name = "a") AND (size > 2097152)) OR (tags IN ["x"])
    QString toCanonicalString() const;

    // True when some condition tests `field` (e.g. "type", "customMetadata.brand").
    bool referencesField(const QString &field) const;

private:
    explicit SearchQuery(std::shared_ptr<const SearchExpression> root);

    std::shared_ptr<const SearchExpression> m_root;
};

struct SearchQueryParseResult
{
    std::optional<SearchQuery> query;
    QString error;
    // 0-based offset of the offending character in the query text; -1 when parsing succeeded.
    int errorOffset = -1;

    bool ok() const { return query.has_value(); }
};

} // namespace ikemu
