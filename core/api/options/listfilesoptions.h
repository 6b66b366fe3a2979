#pragma once

#include "api/options/jsonarguments.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace ik {

// list_files' ListAndSearchFileRequestOptions. `type` file/file-version/folder/all, `sort`
// ASC_/DESC_ NAME, CREATED, UPDATED, HEIGHT, WIDTH, SIZE, RELEVANCE; `fileType` all/image/non-image;
// `limit` 1-1000; `skip` >= 0. Empty or unset members are not sent.
struct ListFilesOptions
{
    static constexpr int MaxLimit = 1000;

    QString type;
    QString sort;
    QString path;
    QString searchQuery;
    QString fileType;
    QStringList tags;               // sent comma-joined
    std::optional<qint64> limit;
    std::optional<qint64> skip;

    QString validationError() const;
    // Query parameters in the reference's order.
    QList<QPair<QString, QString>> toQuery() const;
    static ListFilesOptions fromArguments(JsonArguments &arguments);
};

} // namespace ik
