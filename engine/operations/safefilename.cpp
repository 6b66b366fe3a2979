#include "operations/safefilename.h"

#include <QDir>
#include <QFileInfo>

namespace ikui {

namespace {

bool isReservedDeviceName(const QString &base)
{
    static const QStringList reserved = {QStringLiteral("CON"), QStringLiteral("PRN"), QStringLiteral("AUX"),
                                         QStringLiteral("NUL")};
    const QString upper = base.toUpper();
    if (reserved.contains(upper))
        return true;
    // COM1..COM9, LPT1..LPT9
    return upper.size() == 4 && (upper.startsWith(QLatin1String("COM")) || upper.startsWith(QLatin1String("LPT")))
        && upper.at(3) >= QLatin1Char('1') && upper.at(3) <= QLatin1Char('9');
}

} // namespace

QString SafeFileName::sanitised(const QString &serverName)
{
    // Only the last path component counts: "../../etc/passwd" becomes "passwd".
    QString name = serverName;
    name.replace(QLatin1Char('\\'), QLatin1Char('/'));
    name = name.section(QLatin1Char('/'), -1);

    QString out;
    out.reserve(name.size());
    for (const QChar c : std::as_const(name)) {
        const bool forbidden = c.unicode() < 0x20 || c.unicode() == 0x7f
            || QStringLiteral("<>:\"|?*").contains(c);
        out += forbidden ? QLatin1Char('_') : c;
    }
    // Trailing dots and spaces vanish on Windows; leading dots would hide the file.
    while (!out.isEmpty() && (out.endsWith(QLatin1Char('.')) || out.endsWith(QLatin1Char(' '))))
        out.chop(1);
    while (!out.isEmpty() && (out.startsWith(QLatin1Char('.')) || out.startsWith(QLatin1Char(' '))))
        out.remove(0, 1);
    if (out.isEmpty())
        return QStringLiteral("download");
    const QString base = out.section(QLatin1Char('.'), 0, 0);
    if (isReservedDeviceName(base))
        out.prepend(QLatin1Char('_'));
    // Most file systems stop at 255 bytes per name.
    while (out.toUtf8().size() > 255)
        out.remove(out.size() > 16 ? out.size() / 2 : 0, 1);
    return out;
}

QString SafeFileName::uniquePathIn(const QString &targetDir, const QString &serverName)
{
    const QDir dir(targetDir);
    const QString name = sanitised(serverName);
    QString candidate = dir.absoluteFilePath(name);
    if (!QFileInfo::exists(candidate))
        return candidate;
    const int dot = name.lastIndexOf(QLatin1Char('.'));
    const QString stem = dot > 0 ? name.left(dot) : name;
    const QString suffix = dot > 0 ? name.mid(dot) : QString();
    for (int n = 2;; ++n) {
        candidate = dir.absoluteFilePath(QStringLiteral("%1 (%2)%3").arg(stem).arg(n).arg(suffix));
        if (!QFileInfo::exists(candidate))
            return candidate;
    }
}

bool SafeFileName::isInside(const QString &targetDir, const QString &path)
{
    const QString dir = QDir::cleanPath(QDir(targetDir).absolutePath());
    const QString file = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    return QFileInfo(file).absolutePath() == dir;
}

} // namespace ikui
