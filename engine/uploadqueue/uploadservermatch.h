#pragma once

#include "api/results/fileitem.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace ikui {

// The exactly-once rule: which file on the server (from a listing of the target folder) is the
// result of an earlier attempt to upload a local file, and which one merely has its name.
//
// ImageKit stores a file under its name with every character other than letters, digits, '.', '_'
// and '-' replaced by '_' (expectedServerName). With useUniqueFileName it inserts "_" and a random
// suffix before the extension ("a.jpg" -> "a_Xy12AbC9Q.jpg").
//
// An earlier attempt's file must:
// - be in the target folder, with the item's size;
// - for a fixed name: carry the expected name and have been updated since the first attempt began;
// - for a unique name: be "<stem>_<letters/digits>.<ext>", created since the first attempt began,
//   and not be the recorded upload of another queue item (two identical files sent to one folder
//   with unique names are told apart that way).
// "Since" allows ClockToleranceMs of difference between this computer's clock and the server's.
// What cannot be told apart: a file of the same name and size that someone else uploaded to the
// same folder within that window; then the item is marked Done with that file (no duplicate).
class UploadServerMatch
{
public:
    static constexpr qint64 ClockToleranceMs = 120 * 1000;

    struct Request
    {
        QString targetFolder;     // "/a/b"
        QString localName;
        qint64 size = 0;
        qint64 firstAttemptMs = 0;
        bool uniqueName = false;
    };

    static QString expectedServerName(const QString &localName);
    // The searchQuery that lists every candidate: names starting with the expected stem.
    static QString searchQuery(const QString &localName);
    // True when `serverName` is what useUniqueFileName makes of `localName`.
    static bool isUniqueVariant(const QString &serverName, const QString &localName);

    // The earlier attempt's file, if any. `isClaimed(fileId)` tells files owned by other items.
    static std::optional<ik::FileItem> findEarlierUpload(const QList<ik::FileItem> &listing, const Request &request,
                                                         const std::function<bool(const QString &)> &isClaimed);
    // A file with the expected name in the target folder (for WhenExists Skip and KeepBoth).
    static std::optional<ik::FileItem> findSameName(const QList<ik::FileItem> &listing, const QString &targetFolder,
                                                    const QString &localName);
};

} // namespace ikui
