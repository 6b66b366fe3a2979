#pragma once

#include <QString>
#include <QStringList>

namespace ikui {

// The question asked before something is destroyed: it names what will be lost, so the user
// never confirms blind. Long lists show the first names and "and N more".
class ConfirmationText
{
public:
    static constexpr int MaxNamesShown = 8;

    // Deleting files (every version goes with them) and folders (with everything inside).
    static QString deleteItems(const QStringList &fileNames, const QStringList &folderPaths);
    static QString deleteVersion(const QString &fileName, const QString &versionName);
    static QString restoreVersion(const QString &fileName, const QString &versionName);
    // "a.jpg, b.jpg and 3 more" style bullet list.
    static QString nameList(const QStringList &names);
};

} // namespace ikui
