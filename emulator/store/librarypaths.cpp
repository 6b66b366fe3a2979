#include "store/librarypaths.h"

#include <QRandomGenerator>
#include <QStringList>

namespace ikemu::LibraryPaths {

QString normalizeFolder(const QString &path)
{
    const QStringList segments = path.trimmed().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QStringList kept;
    for (const QString &segment : segments) {
        const QString s = segment.trimmed();
        if (s.isEmpty())
            continue;
        if (s == QLatin1String(".") || s == QLatin1String(".."))
            return QString();
        kept.append(s);
    }
    return QLatin1Char('/') + kept.join(QLatin1Char('/'));
}

QString join(const QString &folder, const QString &name)
{
    if (folder.isEmpty() || folder == QLatin1String("/"))
        return QLatin1Char('/') + name;
    return folder + QLatin1Char('/') + name;
}

QString folderOf(const QString &filePath)
{
    const qsizetype slash = filePath.lastIndexOf(QLatin1Char('/'));
    if (slash <= 0)
        return QStringLiteral("/");
    return filePath.left(slash);
}

QString nameOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? path : path.mid(slash + 1);
}

bool isSameOrInside(const QString &path, const QString &ancestor)
{
    if (ancestor == QLatin1String("/"))
        return true;
    return path == ancestor || path.startsWith(ancestor + QLatin1Char('/'));
}

QString sanitizeFileName(const QString &name)
{
    QString out;
    out.reserve(name.size());
    for (const QChar c : name) {
        if (c.isLetterOrNumber() || c.isMark() || c == QLatin1Char('.') || c == QLatin1Char('_')
            || c == QLatin1Char('-'))
            out.append(c);
        else
            out.append(QLatin1Char('_'));
    }
    return out;
}

QString sanitizeFolderName(const QString &name, bool keepHyphen)
{
    QString out;
    out.reserve(name.size());
    for (const QChar c : name.trimmed()) {
        if (c.isLetterOrNumber() || c.isMark() || (keepHyphen && c == QLatin1Char('-')))
            out.append(c);
        else
            out.append(QLatin1Char('_'));
    }
    return out;
}

QString withUniqueSuffix(const QString &name)
{
    static const QLatin1String alphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
    QString suffix;
    for (int i = 0; i < 9; ++i)
        suffix.append(QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(alphabet.size()))]));
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    if (dot <= 0)
        return name + QLatin1Char('_') + suffix;
    return name.left(dot) + QLatin1Char('_') + suffix + name.mid(dot);
}

} // namespace ikemu::LibraryPaths
