#include "api/options/pathoptions.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace ik {

namespace {

QString required(std::initializer_list<std::pair<const char *, const QString *>> values)
{
    for (const auto &[name, value] : values)
        if (value->isEmpty())
            return QStringLiteral("\"%1\" is required").arg(QLatin1String(name));
    return {};
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString text(JsonArguments &arguments, const char *name)
{
    return arguments.string(QString::fromLatin1(name)).value_or(QString());
}

} // namespace

QString CopyFileOptions::validationError() const
{
    return required({{"source_file_path", &sourceFilePath}, {"destination_path", &destinationPath}});
}

QByteArray CopyFileOptions::toJson() const
{
    QJsonObject body{{QLatin1String("sourceFilePath"), sourceFilePath}, {QLatin1String("destinationPath"), destinationPath}};
    if (includeFileVersions)
        body.insert(QLatin1String("includeFileVersions"), *includeFileVersions);
    return compact(body);
}

CopyFileOptions CopyFileOptions::fromArguments(JsonArguments &arguments)
{
    CopyFileOptions options;
    options.sourceFilePath = text(arguments, "source_file_path");
    options.destinationPath = text(arguments, "destination_path");
    options.includeFileVersions = arguments.boolean(QStringLiteral("include_file_versions"));
    return options;
}

QString MoveFileOptions::validationError() const
{
    return required({{"source_file_path", &sourceFilePath}, {"destination_path", &destinationPath}});
}

QByteArray MoveFileOptions::toJson() const
{
    return compact({{QLatin1String("sourceFilePath"), sourceFilePath}, {QLatin1String("destinationPath"), destinationPath}});
}

MoveFileOptions MoveFileOptions::fromArguments(JsonArguments &arguments)
{
    MoveFileOptions options;
    options.sourceFilePath = text(arguments, "source_file_path");
    options.destinationPath = text(arguments, "destination_path");
    return options;
}

QString RenameFileOptions::validationError() const
{
    const QString missing = required({{"file_path", &filePath}, {"new_file_name", &newFileName}});
    if (!missing.isEmpty())
        return missing;
    if (newFileName.contains(QLatin1Char('/')))
        return QStringLiteral("\"new_file_name\" is a name, not a path: it cannot contain '/'");
    return {};
}

QByteArray RenameFileOptions::toJson() const
{
    QJsonObject body{{QLatin1String("filePath"), filePath}, {QLatin1String("newFileName"), newFileName}};
    if (purgeCache)
        body.insert(QLatin1String("purgeCache"), *purgeCache);
    return compact(body);
}

RenameFileOptions RenameFileOptions::fromArguments(JsonArguments &arguments)
{
    RenameFileOptions options;
    options.filePath = text(arguments, "file_path");
    options.newFileName = text(arguments, "new_file_name");
    options.purgeCache = arguments.boolean(QStringLiteral("purge_cache"));
    return options;
}

QString CreateFolderOptions::validationError() const
{
    const QString missing = required({{"folder_name", &folderName}});
    if (!missing.isEmpty())
        return missing;
    if (folderName.contains(QLatin1Char('/')))
        return QStringLiteral("\"folder_name\" cannot contain '/': put the parent in parent_folder_path");
    return {};
}

QByteArray CreateFolderOptions::toJson() const
{
    return compact({{QLatin1String("folderName"), folderName},
                    {QLatin1String("parentFolderPath"), parentFolderPath.isEmpty() ? QStringLiteral("/") : parentFolderPath}});
}

CreateFolderOptions CreateFolderOptions::fromArguments(JsonArguments &arguments)
{
    CreateFolderOptions options;
    options.folderName = text(arguments, "folder_name");
    options.parentFolderPath = text(arguments, "parent_folder_path");
    return options;
}

QString DeleteFolderOptions::validationError() const
{
    return required({{"folder_path", &folderPath}});
}

QByteArray DeleteFolderOptions::toJson() const
{
    return compact({{QLatin1String("folderPath"), folderPath}});
}

DeleteFolderOptions DeleteFolderOptions::fromArguments(JsonArguments &arguments)
{
    DeleteFolderOptions options;
    options.folderPath = text(arguments, "folder_path");
    return options;
}

QString CopyFolderOptions::validationError() const
{
    return required({{"source_folder_path", &sourceFolderPath}, {"destination_path", &destinationPath}});
}

QByteArray CopyFolderOptions::toJson() const
{
    QJsonObject body{{QLatin1String("sourceFolderPath"), sourceFolderPath}, {QLatin1String("destinationPath"), destinationPath}};
    if (includeVersions)
        body.insert(QLatin1String("includeVersions"), *includeVersions);
    return compact(body);
}

CopyFolderOptions CopyFolderOptions::fromArguments(JsonArguments &arguments)
{
    CopyFolderOptions options;
    options.sourceFolderPath = text(arguments, "source_folder_path");
    options.destinationPath = text(arguments, "destination_path");
    const std::optional<bool> seedName = arguments.boolean(QStringLiteral("include_file_versions"));
    const std::optional<bool> apiName = arguments.boolean(QStringLiteral("include_versions"));
    options.includeVersions = apiName ? apiName : seedName;
    return options;
}

QString MoveFolderOptions::validationError() const
{
    return required({{"source_folder_path", &sourceFolderPath}, {"destination_path", &destinationPath}});
}

QByteArray MoveFolderOptions::toJson() const
{
    return compact({{QLatin1String("sourceFolderPath"), sourceFolderPath}, {QLatin1String("destinationPath"), destinationPath}});
}

MoveFolderOptions MoveFolderOptions::fromArguments(JsonArguments &arguments)
{
    MoveFolderOptions options;
    options.sourceFolderPath = text(arguments, "source_folder_path");
    options.destinationPath = text(arguments, "destination_path");
    return options;
}

QString RenameFolderOptions::validationError() const
{
    const QString missing = required({{"folder_path", &folderPath}, {"new_folder_name", &newFolderName}});
    if (!missing.isEmpty())
        return missing;
    if (newFolderName.contains(QLatin1Char('/')))
        return QStringLiteral("\"new_folder_name\" is a name, not a path: it cannot contain '/'");
    return {};
}

QByteArray RenameFolderOptions::toJson() const
{
    QJsonObject body{{QLatin1String("folderPath"), folderPath}, {QLatin1String("newFolderName"), newFolderName}};
    if (purgeCache)
        body.insert(QLatin1String("purgeCache"), *purgeCache);
    return compact(body);
}

RenameFolderOptions RenameFolderOptions::fromArguments(JsonArguments &arguments)
{
    RenameFolderOptions options;
    options.folderPath = text(arguments, "folder_path");
    options.newFolderName = text(arguments, "new_folder_name");
    options.purgeCache = arguments.boolean(QStringLiteral("purge_cache"));
    return options;
}

} // namespace ik
