#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace ikui {

// One local file to upload and the ImageKit folder it goes to ("/" or "/a/b", no trailing slash).
// The file keeps its own name on the server.
struct UploadSource
{
    QString localPath;
    QString targetFolder;

    friend bool operator==(const UploadSource &, const UploadSource &) = default;
};

} // namespace ikui

Q_DECLARE_METATYPE(ikui::UploadSource)
