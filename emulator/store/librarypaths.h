#pragma once

#include <QString>

namespace ikemu {

// Path rules of the media library. Folders are written "/" (root) or "/a/b" (leading '/', no
// trailing '/'); a file's path is its folder plus "/" plus its name.
namespace LibraryPaths {

// "a/b/", "/a//b", " /a/b/ " -> "/a/b"; "", "/" -> "/". Returns an empty string when a
// segment is "." or "..", which ImageKit refuses.
QString normalizeFolder(const QString &path);

// Joins a folder and a name: ("/", "x.jpg") -> "/x.jpg", ("/a", "x.jpg") -> "/a/x.jpg".
QString join(const QString &folder, const QString &name);

// The folder part of a file path: "/a/b/x.jpg" -> "/a/b", "/x.jpg" -> "/".
QString folderOf(const QString &filePath);

// The last segment: "/a/b/x.jpg" -> "x.jpg", "/a/b" -> "b", "/" -> "".
QString nameOf(const QString &path);

// True when `path` is `ancestor` itself or lies below it (both normalized folders).
bool isSameOrInside(const QString &path, const QString &ancestor);

// ImageKit's file-name rule: letters and digits of any script, '.', '_' and '-' are kept; every
// other character (space included) becomes '_'.
QString sanitizeFileName(const QString &name);

// ImageKit's folder-name rule: letters and digits of any script are kept (plus '-' when
// `keepHyphen`, as rename-folder does); every other character becomes '_'.
QString sanitizeFolderName(const QString &name, bool keepHyphen);

// Inserts ImageKit's unique suffix before the extension: "cat.jpg" -> "cat_gr64HPlJS.jpg".
QString withUniqueSuffix(const QString &name);

} // namespace LibraryPaths
} // namespace ikemu
