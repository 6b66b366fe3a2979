#include "search/searchquerycompletion.h"

namespace ikui {

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('.') || c == QLatin1Char('-');
}

bool isOperatorChar(QChar c)
{
    return c == QLatin1Char('=') || c == QLatin1Char(':') || c == QLatin1Char('<') || c == QLatin1Char('>')
        || c == QLatin1Char('!');
}

// The token before position `end` (skipping spaces), with quotes removed from quoted fields.
QString previousToken(const QString &text, int end)
{
    int i = end - 1;
    while (i >= 0 && text.at(i).isSpace())
        --i;
    if (i < 0)
        return {};
    if (text.at(i) == QLatin1Char('"')) {
        const int open = text.lastIndexOf(QLatin1Char('"'), i - 1);
        return open < 0 ? QString() : QStringLiteral("\"") + text.mid(open + 1, i - open - 1);
    }
    if (text.at(i) == QLatin1Char(']') || text.at(i) == QLatin1Char(')'))
        return text.at(i);
    if (isOperatorChar(text.at(i))) {
        int start = i;
        while (start > 0 && isOperatorChar(text.at(start - 1)))
            --start;
        return text.mid(start, i - start + 1);
    }
    int start = i;
    while (start > 0 && isWordChar(text.at(start - 1)))
        --start;
    return text.mid(start, i - start + 1);
}

bool isKnownField(const QString &token)
{
    QString name = token;
    if (name.startsWith(QLatin1Char('"')))
        name = name.mid(1);
    return SearchQueryCompletion::fieldNames().contains(name)
        || name.startsWith(QLatin1String("customMetadata.")) || name.startsWith(QLatin1String("embeddedMetadata."));
}

} // namespace

QStringList SearchQueryCompletion::fieldNames()
{
    return {QStringLiteral("name"), QStringLiteral("tags"), QStringLiteral("type"), QStringLiteral("id"),
            QStringLiteral("path"), QStringLiteral("format"), QStringLiteral("createdAt"),
            QStringLiteral("updatedAt"), QStringLiteral("size"), QStringLiteral("width"),
            QStringLiteral("height"), QStringLiteral("private"), QStringLiteral("published"),
            QStringLiteral("transparency"), QStringLiteral("createdBy")};
}

QStringList SearchQueryCompletion::operatorsFor(const QString &field)
{
    QString name = field;
    if (name.startsWith(QLatin1Char('"')))
        name = name.mid(1);
    if (name == QLatin1String("tags"))
        return {QStringLiteral("IN"), QStringLiteral("NOT IN"), QStringLiteral("HAS"), QStringLiteral("EXISTS"),
                QStringLiteral("NOT EXISTS")};
    if (name == QLatin1String("name"))
        return {QStringLiteral("="), QStringLiteral(":"), QStringLiteral("NOT ="), QStringLiteral("IN"),
                QStringLiteral("NOT IN"), QStringLiteral("HAS")};
    if (name == QLatin1String("path"))
        return {QStringLiteral("="), QStringLiteral(":"), QStringLiteral("NOT =")};
    if (name == QLatin1String("private") || name == QLatin1String("published")
        || name == QLatin1String("transparency"))
        return {QStringLiteral("="), QStringLiteral("NOT =")};
    if (name == QLatin1String("size") || name == QLatin1String("width") || name == QLatin1String("height")
        || name == QLatin1String("createdAt") || name == QLatin1String("updatedAt"))
        return {QStringLiteral("="), QStringLiteral("<"), QStringLiteral("<="), QStringLiteral(">"),
                QStringLiteral(">="), QStringLiteral("NOT =")};
    return {QStringLiteral("="), QStringLiteral("NOT ="), QStringLiteral("IN"), QStringLiteral("NOT IN"),
            QStringLiteral("EXISTS"), QStringLiteral("NOT EXISTS")};
}

SearchQueryCompletion::Context SearchQueryCompletion::contextAt(const QString &text, int cursor,
                                                                const QStringList &customFields)
{
    cursor = qBound(0, cursor, int(text.size()));
    Context context;
    int start = cursor;
    while (start > 0 && isWordChar(text.at(start - 1)))
        --start;
    context.wordStart = start;
    context.prefix = text.mid(start, cursor - start);

    QStringList pool;
    const QString before = previousToken(text, start);
    if (isKnownField(before)) {
        pool = operatorsFor(before);
    } else if (before.isEmpty() || before == QLatin1String("(") || before.compare(QLatin1String("AND"), Qt::CaseInsensitive) == 0
               || before.compare(QLatin1String("OR"), Qt::CaseInsensitive) == 0) {
        pool = fieldNames();
        for (const QString &field : customFields)
            pool << QStringLiteral("\"customMetadata.%1\"").arg(field);
    } else if (!isOperatorChar(before.isEmpty() ? QChar() : before.back())
               && before.compare(QLatin1String("IN"), Qt::CaseInsensitive) != 0
               && before.compare(QLatin1String("HAS"), Qt::CaseInsensitive) != 0
               && before.compare(QLatin1String("NOT"), Qt::CaseInsensitive) != 0) {
        // After a value: join with the next condition.
        pool = {QStringLiteral("AND"), QStringLiteral("OR")};
    }
    for (const QString &candidate : std::as_const(pool)) {
        const QString bare = candidate.startsWith(QLatin1Char('"')) ? candidate.mid(1) : candidate;
        // "customMetadata.brand" also matches what the user knows it by: "bra".
        const QString key = bare.section(QLatin1Char('.'), 1);
        if (bare.startsWith(context.prefix, Qt::CaseInsensitive)
            || (!key.isEmpty() && !context.prefix.isEmpty() && key.startsWith(context.prefix, Qt::CaseInsensitive)))
            context.candidates << candidate;
    }
    return context;
}

} // namespace ikui
