#include "search/searchfield.h"

#include <QJsonArray>

namespace ikemu {

QString searchOperatorText(SearchOperator op)
{
    switch (op) {
    case SearchOperator::Equals: return QStringLiteral("=");
    case SearchOperator::NotEquals: return QStringLiteral("!=");
    case SearchOperator::Greater: return QStringLiteral(">");
    case SearchOperator::GreaterOrEqual: return QStringLiteral(">=");
    case SearchOperator::Less: return QStringLiteral("<");
    case SearchOperator::LessOrEqual: return QStringLiteral("<=");
    case SearchOperator::Prefix: return QStringLiteral(":");
    case SearchOperator::In: return QStringLiteral("IN");
    case SearchOperator::NotIn: return QStringLiteral("NOT IN");
    case SearchOperator::Has: return QStringLiteral("HAS");
    case SearchOperator::Exists: return QStringLiteral("EXISTS");
    case SearchOperator::NotExists: return QStringLiteral("NOT EXISTS");
    }
    return {};
}

std::optional<SearchField> SearchField::lookup(const QString &name)
{
    struct Known { const char *name; const char *alias; Kind kind; };
    static const Known known[] = {
        {"name", nullptr, Kind::Name},
        {"id", nullptr, Kind::Text},
        {"createdBy", "created_by", Kind::Text},
        {"type", nullptr, Kind::Enumeration},
        {"fileType", "file_type", Kind::Enumeration},
        {"format", nullptr, Kind::Format},
        {"path", nullptr, Kind::Path},
        {"tags", nullptr, Kind::Tags},
        {"width", nullptr, Kind::Number},
        {"height", nullptr, Kind::Number},
        {"size", nullptr, Kind::Size},
        {"createdAt", "created_at", Kind::Date},
        {"updatedAt", "updated_at", Kind::Date},
        {"private", nullptr, Kind::Boolean},
        {"published", nullptr, Kind::Boolean},
        {"transparency", nullptr, Kind::Boolean},
    };
    for (const Known &entry : known) {
        if (name == QLatin1String(entry.name) || (entry.alias && name == QLatin1String(entry.alias)))
            return SearchField{QLatin1String(entry.name), entry.kind, {}};
    }
    for (const QLatin1String prefix : {QLatin1String("customMetadata."), QLatin1String("embeddedMetadata.")}) {
        if (name.startsWith(prefix) && name.size() > prefix.size())
            return SearchField{name, Kind::Metadata, name.mid(prefix.size())};
    }
    return std::nullopt;
}

bool SearchField::supports(SearchOperator op) const
{
    using Op = SearchOperator;
    const bool equality = op == Op::Equals || op == Op::NotEquals || op == Op::In || op == Op::NotIn;
    const bool ordering = op == Op::Greater || op == Op::GreaterOrEqual || op == Op::Less || op == Op::LessOrEqual;
    const bool existence = op == Op::Exists || op == Op::NotExists;
    switch (kind) {
    case Kind::Name:
    case Kind::Tags:
        return equality || existence || op == Op::Prefix || op == Op::Has;
    case Kind::Text:
        return equality || existence || op == Op::Prefix;
    case Kind::Enumeration:
    case Kind::Format:
        return equality;
    case Kind::Path:
        return equality || op == Op::Prefix;
    case Kind::Number:
    case Kind::Size:
        return equality || ordering || existence;
    case Kind::Date:
        return op == Op::Equals || op == Op::NotEquals || ordering || existence;
    case Kind::Boolean:
        return op == Op::Equals || op == Op::NotEquals;
    case Kind::Metadata:
        return true;
    }
    return false;
}

QStringList SearchField::enumerationValues() const
{
    if (name == QLatin1String("type"))
        return {QStringLiteral("file"), QStringLiteral("file-version"), QStringLiteral("folder")};
    if (name == QLatin1String("fileType"))
        return {QStringLiteral("image"), QStringLiteral("non-image")};
    return {};
}

QString SearchField::normalisedPath(const QString &path)
{
    QString result = path.trimmed();
    if (!result.startsWith(QLatin1Char('/')))
        result.prepend(QLatin1Char('/'));
    while (result.size() > 1 && result.endsWith(QLatin1Char('/')))
        result.chop(1);
    return result;
}

QString SearchField::folderOf(const QJsonObject &record)
{
    // Folders carry their own path in folderPath; files and versions their file path.
    const QString ownPath = record.value(QLatin1String("type")).toString() == QLatin1String("folder")
        ? record.value(QLatin1String("folderPath")).toString()
        : record.value(QLatin1String("filePath")).toString();
    const QString normalised = normalisedPath(ownPath);
    const qsizetype slash = normalised.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : normalised.left(slash);
}

QString SearchField::normalisedFormat(const QString &format)
{
    QString result = format.trimmed().toLower();
    if (result == QLatin1String("jpeg") || result == QLatin1String("jpe"))
        return QStringLiteral("jpg");
    if (result == QLatin1String("tif"))
        return QStringLiteral("tiff");
    if (result == QLatin1String("svg+xml"))
        return QStringLiteral("svg");
    if (result == QLatin1String("quicktime"))
        return QStringLiteral("mov");
    return result;
}

QString SearchField::formatOf(const QJsonObject &record)
{
    if (record.value(QLatin1String("type")).toString() == QLatin1String("folder"))
        return {};
    const QString explicitFormat = record.value(QLatin1String("format")).toString();
    if (!explicitFormat.isEmpty())
        return normalisedFormat(explicitFormat);
    const QString name = record.value(QLatin1String("name")).toString();
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    if (dot > 0 && dot + 1 < name.size())
        return normalisedFormat(name.mid(dot + 1));
    const QString mime = record.value(QLatin1String("mime")).toString();
    const qsizetype slash = mime.indexOf(QLatin1Char('/'));
    if (slash > 0)
        return normalisedFormat(mime.mid(slash + 1));
    return {};
}

static void appendIfPresent(QList<QJsonValue> &values, const QJsonValue &value)
{
    if (!value.isUndefined() && !value.isNull())
        values.append(value);
}

QList<QJsonValue> SearchField::valuesOf(const QJsonObject &record) const
{
    QList<QJsonValue> values;
    const auto field = [&record](const char *key) { return record.value(QLatin1String(key)); };
    switch (kind) {
    case Kind::Name:
        appendIfPresent(values, field("name"));
        break;
    case Kind::Text:
        if (name == QLatin1String("id")) {
            appendIfPresent(values, record.contains(QLatin1String("folderId")) ? field("folderId") : field("fileId"));
        } else {
            appendIfPresent(values, record.value(name));
        }
        break;
    case Kind::Enumeration:
        appendIfPresent(values, record.value(name));
        break;
    case Kind::Format: {
        const QString format = formatOf(record);
        if (!format.isEmpty())
            values.append(format);
        break;
    }
    case Kind::Path:
        values.append(folderOf(record));
        break;
    case Kind::Tags:
        for (const QJsonValue tag : field("tags").toArray())
            appendIfPresent(values, tag);
        for (const QJsonValue aiTag : field("AITags").toArray())
            appendIfPresent(values, aiTag.toObject().value(QLatin1String("name")));
        break;
    case Kind::Number:
    case Kind::Size:
    case Kind::Date:
        appendIfPresent(values, record.value(name));
        break;
    case Kind::Boolean:
        if (name == QLatin1String("private")) {
            appendIfPresent(values, field("isPrivateFile"));
        } else if (name == QLatin1String("published")) {
            appendIfPresent(values, field("isPublished"));
        } else {
            appendIfPresent(values, record.contains(QLatin1String("hasTransparency")) ? field("hasTransparency")
                                                                                     : field("hasAlpha"));
        }
        break;
    case Kind::Metadata: {
        const QString container = name.left(name.size() - metadataKey.size() - 1);
        const QJsonValue value = record.value(container).toObject().value(metadataKey);
        if (value.isArray()) {
            for (const QJsonValue item : value.toArray())
                appendIfPresent(values, item);
        } else {
            appendIfPresent(values, value);
        }
        break;
    }
    }
    return values;
}

} // namespace ikemu
