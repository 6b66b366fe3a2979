#pragma once

#include "api/options/jsonarguments.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace ik {

// The option objects of the file and folder operations that only carry paths and flags.
// Each: validationError() names the missing argument (seed snake_case name), toJson() gives the
// body with the API's wire names, fromArguments() reads snake_case or camelCase keys.

struct CopyFileOptions
{
    QString sourceFilePath;
    QString destinationPath;
    std::optional<bool> includeFileVersions;

    QString validationError() const;
    QByteArray toJson() const;
    static CopyFileOptions fromArguments(JsonArguments &arguments);
};

struct MoveFileOptions
{
    QString sourceFilePath;
    QString destinationPath;

    QString validationError() const;
    QByteArray toJson() const;
    static MoveFileOptions fromArguments(JsonArguments &arguments);
};

struct RenameFileOptions
{
    QString filePath;
    QString newFileName;
    std::optional<bool> purgeCache;

    QString validationError() const;
    QByteArray toJson() const;
    static RenameFileOptions fromArguments(JsonArguments &arguments);
};

struct CreateFolderOptions
{
    QString folderName;
    QString parentFolderPath;       // "/" when empty

    QString validationError() const;
    QByteArray toJson() const;
    static CreateFolderOptions fromArguments(JsonArguments &arguments);
};

struct DeleteFolderOptions
{
    QString folderPath;

    QString validationError() const;
    QByteArray toJson() const;
    static DeleteFolderOptions fromArguments(JsonArguments &arguments);
};

// The seed sends its flag as includeFileVersions; the API names it includeVersions for folders,
// which is what is sent. Both spellings are accepted as arguments.
struct CopyFolderOptions
{
    QString sourceFolderPath;
    QString destinationPath;
    std::optional<bool> includeVersions;

    QString validationError() const;
    QByteArray toJson() const;
    static CopyFolderOptions fromArguments(JsonArguments &arguments);
};

struct MoveFolderOptions
{
    QString sourceFolderPath;
    QString destinationPath;

    QString validationError() const;
    QByteArray toJson() const;
    static MoveFolderOptions fromArguments(JsonArguments &arguments);
};

struct RenameFolderOptions
{
    QString folderPath;
    QString newFolderName;
    std::optional<bool> purgeCache;

    QString validationError() const;
    QByteArray toJson() const;
    static RenameFolderOptions fromArguments(JsonArguments &arguments);
};

} // namespace ik
