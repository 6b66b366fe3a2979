#include "operations/confirmationtext.h"

#include <QCoreApplication>

namespace ikui {

namespace {
QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("ikui::ConfirmationText", text, nullptr, n);
}
} // namespace

QString ConfirmationText::nameList(const QStringList &names)
{
    QStringList lines;
    const int shown = qMin(int(names.size()), MaxNamesShown);
    for (int i = 0; i < shown; ++i)
        lines << QStringLiteral("  • ") + names.at(i);
    if (names.size() > shown)
        lines << tr("  … and %n more", int(names.size()) - shown);
    return lines.join(QLatin1Char('\n'));
}

QString ConfirmationText::deleteItems(const QStringList &fileNames, const QStringList &folderPaths)
{
    QStringList parts;
    if (!fileNames.isEmpty()) {
        parts << tr("Delete %n file(s) and all their versions? This cannot be undone.", int(fileNames.size()))
              << nameList(fileNames);
    }
    if (!folderPaths.isEmpty()) {
        parts << tr("Delete %n folder(s) with every file and subfolder inside? This cannot be undone.",
                    int(folderPaths.size()))
              << nameList(folderPaths);
    }
    return parts.join(QLatin1Char('\n'));
}

QString ConfirmationText::deleteVersion(const QString &fileName, const QString &versionName)
{
    return tr("Delete %1 of %2? The current version stays; this older version is lost for good.")
        .arg(versionName, fileName);
}

QString ConfirmationText::restoreVersion(const QString &fileName, const QString &versionName)
{
    return tr("Restore %1 of %2? It becomes the current version; the current one is kept in the history.")
        .arg(versionName, fileName);
}

} // namespace ikui
