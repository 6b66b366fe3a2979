#pragma once

#include <QString>

namespace ikui {

// File names from the server made safe to write on this machine: no directory parts, no
// characters that Windows, macOS or Linux reject, no "." / ".." and no device names (CON, NUL ...).
class SafeFileName
{
public:
    // A name that is one plain path component; "download" when nothing usable is left.
    static QString sanitised(const QString &serverName);
    // The absolute path for `serverName` inside `targetDir`, made unique with " (2)", " (3)" ...
    // when a file of that name exists. Always inside targetDir.
    static QString uniquePathIn(const QString &targetDir, const QString &serverName);
    // True when `path` resolves to a file directly inside `targetDir`.
    static bool isInside(const QString &targetDir, const QString &path);
};

} // namespace ikui
