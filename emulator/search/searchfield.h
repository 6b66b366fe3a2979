#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace ikemu {

enum class SearchOperator {
    Equals, NotEquals, Greater, GreaterOrEqual, Less, LessOrEqual,
    Prefix,      // `:`  (path: the folder and its subfolders)
    In, NotIn, Has, Exists, NotExists
};

QString searchOperatorText(SearchOperator op);

// A searchable field: what its values are and which operators make sense on it.
struct SearchField
{
    enum class Kind {
        Name,           // case-sensitive text with prefix and full-text search
        Text,           // id, createdBy
        Enumeration,    // type, fileType: fixed set of values
        Format,         // case-insensitive; jpeg == jpg
        Path,           // folder of the record; `:` matches the subtree
        Tags,           // tags and AITags
        Number,         // width, height
        Size,           // bytes, values may carry kb/mb/gb units
        Date,           // createdAt, updatedAt: ISO or relative
        Boolean,        // private, published, transparency
        Metadata        // customMetadata.<key>, embeddedMetadata.<key>: typed by the stored value
    };

    QString name;       // canonical: "createdAt", "customMetadata.brand"
    Kind kind = Kind::Text;
    QString metadataKey; // for Metadata: "brand"

    // nullopt for an unknown field. Accepts snake_case aliases (created_at) as the old SDK README used.
    static std::optional<SearchField> lookup(const QString &name);

    bool supports(SearchOperator op) const;
    // Allowed values for Enumeration fields.
    QStringList enumerationValues() const;

    // The record's values for this field (several for tags and arrays); empty when absent.
    QList<QJsonValue> valuesOf(const QJsonObject &record) const;

    // The folder a record sits in, normalised ("/" or "/a/b").
    static QString folderOf(const QJsonObject &record);
    static QString normalisedPath(const QString &path);
    // jpg/png/... from `format`, else the name's extension, else the mime subtype.
    static QString formatOf(const QJsonObject &record);
    static QString normalisedFormat(const QString &format);
};

} // namespace ikemu
