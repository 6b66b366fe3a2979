#include "uploadqueue/uploadservermatch.h"

#include <QDateTime>

namespace ikui {

namespace {

QString folderOf(const QString &filePath)
{
    const qsizetype slash = filePath.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : filePath.left(slash);
}

bool inFolder(const ik::FileItem &file, const QString &targetFolder)
{
    if (file.type == QLatin1String("folder"))
        return false;
    return folderOf(file.filePath) == targetFolder;
}

qint64 isoMs(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

// Splits "a.b.jpg" into "a.b" and ".jpg"; a leading dot is part of the stem (".profile").
std::pair<QString, QString> splitExtension(const QString &name)
{
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    if (dot <= 0)
        return {name, QString()};
    return {name.left(dot), name.mid(dot)};
}

} // namespace

QString UploadServerMatch::expectedServerName(const QString &localName)
{
    QString out;
    out.reserve(localName.size());
    for (const QChar c : localName) {
        if (c.isLetterOrNumber() || c.isMark() || c == QLatin1Char('.') || c == QLatin1Char('_') || c == QLatin1Char('-'))
            out.append(c);
        else
            out.append(QLatin1Char('_'));
    }
    return out;
}

QString UploadServerMatch::searchQuery(const QString &localName)
{
    // The sanitised stem has no quote or backslash, so it needs no escaping.
    return QStringLiteral("name : \"%1\"").arg(splitExtension(expectedServerName(localName)).first);
}

bool UploadServerMatch::isUniqueVariant(const QString &serverName, const QString &localName)
{
    const auto [stem, extension] = splitExtension(expectedServerName(localName));
    if (!serverName.startsWith(stem + QLatin1Char('_')) || !serverName.endsWith(extension))
        return false;
    const qsizetype suffixStart = stem.size() + 1;
    const qsizetype suffixLength = serverName.size() - suffixStart - extension.size();
    if (suffixLength < 1)
        return false;
    for (qsizetype i = suffixStart; i < suffixStart + suffixLength; ++i) {
        const QChar c = serverName.at(i);
        if (!(c.isLetterOrNumber() && c.unicode() < 128))
            return false;
    }
    return true;
}

std::optional<ik::FileItem> UploadServerMatch::findEarlierUpload(const QList<ik::FileItem> &listing, const Request &request,
                                                                 const std::function<bool(const QString &)> &isClaimed)
{
    const QString expectedName = expectedServerName(request.localName);
    const qint64 since = request.firstAttemptMs - ClockToleranceMs;
    for (const ik::FileItem &file : listing) {
        if (!inFolder(file, request.targetFolder) || file.size.value_or(-1) != request.size)
            continue;
        if (request.uniqueName) {
            if (!isUniqueVariant(file.name, request.localName) || isoMs(file.createdAt) < since)
                continue;
            if (isClaimed && isClaimed(file.fileId))
                continue;
        } else {
            if (file.name != expectedName)
                continue;
            if (std::max(isoMs(file.updatedAt), isoMs(file.createdAt)) < since)
                continue;
        }
        return file;
    }
    return std::nullopt;
}

std::optional<ik::FileItem> UploadServerMatch::findSameName(const QList<ik::FileItem> &listing, const QString &targetFolder,
                                                            const QString &localName)
{
    const QString expectedName = expectedServerName(localName);
    for (const ik::FileItem &file : listing) {
        if (inFolder(file, targetFolder) && file.name == expectedName)
            return file;
    }
    return std::nullopt;
}

} // namespace ikui
