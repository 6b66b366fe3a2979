#include "api/options/listfilesoptions.h"

#include "api/options/tagrules.h"

namespace ik {

QString ListFilesOptions::validationError() const
{
    static const QStringList types{QStringLiteral("file"), QStringLiteral("file-version"),
                                   QStringLiteral("folder"), QStringLiteral("all")};
    static const QStringList fileTypes{QStringLiteral("all"), QStringLiteral("image"), QStringLiteral("non-image")};
    static const QStringList sortKeys{QStringLiteral("NAME"), QStringLiteral("CREATED"), QStringLiteral("UPDATED"),
                                      QStringLiteral("HEIGHT"), QStringLiteral("WIDTH"), QStringLiteral("SIZE"),
                                      QStringLiteral("RELEVANCE")};
    if (!type.isEmpty() && !types.contains(type))
        return QStringLiteral("type \"%1\" is not one of %2").arg(type, types.join(QStringLiteral(", ")));
    if (!fileType.isEmpty() && !fileTypes.contains(fileType))
        return QStringLiteral("file_type \"%1\" is not one of %2").arg(fileType, fileTypes.join(QStringLiteral(", ")));
    if (!sort.isEmpty()) {
        const qsizetype underscore = sort.indexOf(QLatin1Char('_'));
        const QString direction = sort.left(underscore);
        const QString key = sort.mid(underscore + 1);
        if (underscore < 0 || (direction != QLatin1String("ASC") && direction != QLatin1String("DESC")) || !sortKeys.contains(key))
            return QStringLiteral("sort \"%1\" is not valid: use ASC_ or DESC_ followed by one of %2")
                .arg(sort, sortKeys.join(QStringLiteral(", ")));
    }
    if (limit && (*limit < 1 || *limit > MaxLimit))
        return QStringLiteral("limit must be between 1 and %1, got %2").arg(MaxLimit).arg(*limit);
    if (skip && *skip < 0)
        return QStringLiteral("skip must be 0 or more, got %1").arg(*skip);
    return tagTextProblem(tags);
}

QList<QPair<QString, QString>> ListFilesOptions::toQuery() const
{
    QList<QPair<QString, QString>> query;
    auto add = [&query](const char *name, const QString &value) {
        if (!value.isEmpty())
            query.append({QString::fromLatin1(name), value});
    };
    add("type", type);
    add("sort", sort);
    add("path", path);
    add("searchQuery", searchQuery);
    add("fileType", fileType);
    if (limit)
        add("limit", QString::number(*limit));
    if (skip)
        add("skip", QString::number(*skip));
    add("tags", tags.join(QLatin1Char(',')));
    return query;
}

ListFilesOptions ListFilesOptions::fromArguments(JsonArguments &arguments)
{
    ListFilesOptions options;
    options.type = arguments.string(QStringLiteral("type")).value_or(QString());
    options.sort = arguments.string(QStringLiteral("sort")).value_or(QString());
    options.path = arguments.string(QStringLiteral("path")).value_or(QString());
    options.searchQuery = arguments.string(QStringLiteral("search_query")).value_or(QString());
    options.fileType = arguments.string(QStringLiteral("file_type")).value_or(QString());
    options.tags = arguments.stringList(QStringLiteral("tags")).value_or(QStringList());
    options.limit = arguments.integer(QStringLiteral("limit"));
    options.skip = arguments.integer(QStringLiteral("skip"));
    return options;
}

} // namespace ik
