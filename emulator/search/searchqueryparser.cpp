#include "search/searchqueryparser.h"

#include <QRegularExpression>

#include <algorithm>

namespace ikemu {

namespace {

// Deep enough for any real query, shallow enough that "((((..." cannot exhaust the stack.
constexpr int MaximumNesting = 64;

bool isReservedWord(const SearchToken &token)
{
    for (const char *keyword : {"AND", "OR", "NOT", "IN", "HAS", "EXISTS"}) {
        if (token.isKeyword(QLatin1String(keyword)))
            return true;
    }
    return false;
}

QString quotedList(const QStringList &values)
{
    QStringList quoted;
    for (const QString &value : values)
        quoted.append(QLatin1Char('"') + value + QLatin1Char('"'));
    return quoted.join(QLatin1String(", "));
}

} // namespace

SearchQueryParser::SearchQueryParser(QList<SearchToken> tokens)
    : m_tokens(std::move(tokens))
{
    if (m_tokens.isEmpty() || m_tokens.constLast().kind != SearchToken::Kind::End)
        m_tokens.append(SearchToken{});
}

const SearchToken &SearchQueryParser::peek(int ahead) const
{
    const int index = std::min<int>(m_position + ahead, int(m_tokens.size()) - 1);
    return m_tokens.at(index);
}

const SearchToken &SearchQueryParser::take()
{
    const SearchToken &token = peek();
    if (token.kind != SearchToken::Kind::End)
        ++m_position;
    return token;
}

std::nullptr_t SearchQueryParser::fail(const QString &detail, int offset)
{
    // Keep the first error: it is where the query went wrong.
    if (m_error.detail.isEmpty())
        m_error = SearchSyntaxError{detail, offset};
    return nullptr;
}

std::shared_ptr<const SearchExpression> SearchQueryParser::parse()
{
    if (peek().kind == SearchToken::Kind::End)
        return fail(QStringLiteral("the query is empty"), peek().offset);
    Node root = parseOr();
    if (!root)
        return nullptr;
    if (peek().kind != SearchToken::Kind::End) {
        const SearchToken &extra = peek();
        if (extra.kind == SearchToken::Kind::RightParen)
            return fail(QStringLiteral("unexpected \")\" without a matching \"(\""), extra.offset);
        return fail(QStringLiteral("unexpected %1, expected AND or OR").arg(extra.display()), extra.offset);
    }
    return root;
}

SearchQueryParser::Node SearchQueryParser::parseOr()
{
    Node first = parseAnd();
    if (!first)
        return nullptr;
    if (!peek().isKeyword(QLatin1String("OR")))
        return first;
    auto node = std::make_shared<SearchExpression>();
    node->kind = SearchExpression::Kind::Or;
    node->children.append(first);
    while (peek().isKeyword(QLatin1String("OR"))) {
        take();
        Node next = parseAnd();
        if (!next)
            return nullptr;
        node->children.append(next);
    }
    return node;
}

SearchQueryParser::Node SearchQueryParser::parseAnd()
{
    Node first = parseUnary();
    if (!first)
        return nullptr;
    if (!peek().isKeyword(QLatin1String("AND")))
        return first;
    auto node = std::make_shared<SearchExpression>();
    node->kind = SearchExpression::Kind::And;
    node->children.append(first);
    while (peek().isKeyword(QLatin1String("AND"))) {
        take();
        Node next = parseUnary();
        if (!next)
            return nullptr;
        node->children.append(next);
    }
    return node;
}

SearchQueryParser::Node SearchQueryParser::parseUnary()
{
    if (++m_depth > MaximumNesting)
        return fail(QStringLiteral("the query is nested too deeply"), peek().offset);
    struct DepthGuard { int &depth; ~DepthGuard() { --depth; } } guard{m_depth};

    const SearchToken &token = peek();
    if (token.kind == SearchToken::Kind::LeftParen) {
        const int openOffset = take().offset;
        Node inner = parseOr();
        if (!inner)
            return nullptr;
        const SearchToken &closing = peek();
        if (closing.kind == SearchToken::Kind::End)
            return fail(QStringLiteral("missing \")\" for the \"(\""), openOffset);
        if (closing.kind != SearchToken::Kind::RightParen)
            return fail(QStringLiteral("unexpected %1, expected \")\", AND or OR").arg(closing.display()), closing.offset);
        take();
        return inner;
    }
    if (token.isKeyword(QLatin1String("NOT"))) {
        take();
        Node inner = parseUnary();
        if (!inner)
            return nullptr;
        auto node = std::make_shared<SearchExpression>();
        node->kind = SearchExpression::Kind::Not;
        node->children.append(inner);
        return node;
    }
    return parseCondition();
}

SearchQueryParser::Node SearchQueryParser::parseCondition()
{
    const SearchToken fieldToken = peek();
    if ((fieldToken.kind != SearchToken::Kind::Word && fieldToken.kind != SearchToken::Kind::QuotedString)
        || (fieldToken.kind == SearchToken::Kind::Word && isReservedWord(fieldToken))) {
        return fail(QStringLiteral("expected a field name but found %1").arg(fieldToken.display()), fieldToken.offset);
    }
    take();
    const std::optional<SearchField> field = SearchField::lookup(fieldToken.text);
    if (!field)
        return fail(QStringLiteral("unknown field \"%1\"").arg(fieldToken.text), fieldToken.offset);

    const int operatorOffset = peek().offset;
    const std::optional<SearchOperator> op = parseOperator();
    if (!op) {
        return fail(QStringLiteral("expected an operator after \"%1\" but found %2").arg(fieldToken.text, peek().display()),
                    peek().offset);
    }
    if (!field->supports(*op)) {
        return fail(QStringLiteral("the %1 operator cannot be used with the %2 field")
                        .arg(searchOperatorText(*op), field->name),
                    operatorOffset);
    }

    auto node = std::make_shared<SearchExpression>();
    node->kind = SearchExpression::Kind::Condition;
    node->field = *field;
    node->op = *op;

    if (*op == SearchOperator::Exists || *op == SearchOperator::NotExists)
        return node;

    if (*op == SearchOperator::In || *op == SearchOperator::NotIn) {
        const SearchToken &open = peek();
        if (open.kind != SearchToken::Kind::LeftBracket) {
            return fail(QStringLiteral("expected \"[\" after %1 but found %2").arg(searchOperatorText(*op), open.display()),
                        open.offset);
        }
        take();
        if (peek().kind == SearchToken::Kind::RightBracket)
            return fail(QStringLiteral("the list after %1 is empty").arg(searchOperatorText(*op)), peek().offset);
        while (true) {
            std::optional<SearchLiteral> value = parseValue(*field, *op, true);
            if (!value)
                return nullptr;
            node->values.append(*value);
            const SearchToken &separator = peek();
            if (separator.kind == SearchToken::Kind::Comma) {
                take();
                continue;
            }
            if (separator.kind == SearchToken::Kind::RightBracket) {
                take();
                break;
            }
            if (separator.kind == SearchToken::Kind::End)
                return fail(QStringLiteral("missing \"]\" for the \"[\""), open.offset);
            return fail(QStringLiteral("unexpected %1 in a list, expected \",\" or \"]\"").arg(separator.display()),
                        separator.offset);
        }
        return node;
    }

    std::optional<SearchLiteral> value = parseValue(*field, *op, false);
    if (!value)
        return nullptr;
    node->values.append(*value);
    return node;
}

std::optional<SearchOperator> SearchQueryParser::parseOperator()
{
    const SearchToken &token = peek();
    if (token.kind == SearchToken::Kind::Operator) {
        take();
        if (token.text == QLatin1String("="))
            return SearchOperator::Equals;
        if (token.text == QLatin1String("!="))
            return SearchOperator::NotEquals;
        if (token.text == QLatin1String(">"))
            return SearchOperator::Greater;
        if (token.text == QLatin1String(">="))
            return SearchOperator::GreaterOrEqual;
        if (token.text == QLatin1String("<"))
            return SearchOperator::Less;
        if (token.text == QLatin1String("<="))
            return SearchOperator::LessOrEqual;
        return SearchOperator::Prefix;
    }
    if (token.isKeyword(QLatin1String("IN"))) {
        take();
        return SearchOperator::In;
    }
    if (token.isKeyword(QLatin1String("HAS"))) {
        take();
        return SearchOperator::Has;
    }
    if (token.isKeyword(QLatin1String("EXISTS"))) {
        take();
        return SearchOperator::Exists;
    }
    if (token.isKeyword(QLatin1String("NOT"))) {
        const SearchToken &next = peek(1);
        std::optional<SearchOperator> negated;
        if (next.isKeyword(QLatin1String("IN")))
            negated = SearchOperator::NotIn;
        else if (next.isKeyword(QLatin1String("EXISTS")))
            negated = SearchOperator::NotExists;
        else if (next.kind == SearchToken::Kind::Operator && next.text == QLatin1String("="))
            negated = SearchOperator::NotEquals;
        if (negated) {
            take();
            take();
        }
        return negated;
    }
    return std::nullopt;
}

std::optional<SearchLiteral> SearchQueryParser::parseValue(const SearchField &field, SearchOperator op, bool insideArray)
{
    const SearchToken &token = peek();
    const bool isValueToken = token.kind == SearchToken::Kind::QuotedString
        || (token.kind == SearchToken::Kind::Word && !isReservedWord(token));
    if (!isValueToken) {
        fail(QStringLiteral("expected a value for %1 but found %2").arg(field.name, token.display()), token.offset);
        return std::nullopt;
    }
    if (insideArray && token.quote == QLatin1Char('\'')) {
        fail(QStringLiteral("single quotes are not allowed inside arrays, use double quotes"), token.offset);
        return std::nullopt;
    }
    take();
    SearchLiteral literal = SearchLiteral::read(token.text, token.kind == SearchToken::Kind::QuotedString, token.offset);
    if (field.kind == SearchField::Kind::Size)
        literal.number = SearchLiteral::parseSize(token.text);
    if (!checkValueForField(field, op, literal))
        return std::nullopt;
    return literal;
}

bool SearchQueryParser::checkValueForField(const SearchField &field, SearchOperator op, const SearchLiteral &literal)
{
    const int at = literal.offset;
    if (op == SearchOperator::Has && QString(literal.text).remove(QRegularExpression(QStringLiteral("[^\\p{L}\\p{N}]"))).isEmpty()) {
        fail(QStringLiteral("HAS needs words to search for"), at);
        return false;
    }
    switch (field.kind) {
    case SearchField::Kind::Enumeration:
        if (!field.enumerationValues().contains(literal.text)) {
            fail(QStringLiteral("%1 field must be one of %2, not \"%3\"")
                     .arg(field.name, quotedList(field.enumerationValues()), literal.text),
                 at);
            return false;
        }
        return true;
    case SearchField::Kind::Number:
        if (!literal.number) {
            fail(QStringLiteral("%1 field must have a numeric value, not \"%2\"").arg(field.name, literal.text), at);
            return false;
        }
        return true;
    case SearchField::Kind::Size:
        if (!literal.number) {
            fail(QStringLiteral("size field must have a number of bytes or a size such as \"10kb\" or \"2mb\", not \"%1\"")
                     .arg(literal.text),
                 at);
            return false;
        }
        return true;
    case SearchField::Kind::Date:
        if (!literal.date && !literal.isRelativeDate()) {
            fail(QStringLiteral("%1 field must have a valid date value (an ISO 8601 date such as \"2020-01-01\" "
                                "or a relative one such as \"7d\"), not \"%2\"")
                     .arg(field.name, literal.text),
                 at);
            return false;
        }
        if (literal.isRelativeDate() && (op == SearchOperator::Equals || op == SearchOperator::NotEquals)) {
            fail(QStringLiteral("a relative date such as \"%1\" can only be used with <, <=, > or >=").arg(literal.text), at);
            return false;
        }
        return true;
    case SearchField::Kind::Boolean:
        if (!literal.boolean) {
            fail(QStringLiteral("%1 field must have a boolean value (true or false), not \"%2\"").arg(field.name, literal.text),
                 at);
            return false;
        }
        return true;
    case SearchField::Kind::Path:
    case SearchField::Kind::Format:
    case SearchField::Kind::Name:
        if (literal.text.trimmed().isEmpty()) {
            fail(QStringLiteral("%1 field must have a non-empty value").arg(field.name), at);
            return false;
        }
        return true;
    default:
        return true;
    }
}

} // namespace ikemu
