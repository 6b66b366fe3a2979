#pragma once

#include "browser/viewdropfilter.h"

#include <QStringList>

#include <functional>

class QAbstractItemView;
class QMimeData;
class QPoint;

namespace ikui {

// Lets a view take local files and folders dragged in from the desktop file manager
// (text/uri-list with file:// URLs) and reports them as filesDropped(paths, targetFolder).
//
// The event handling is ViewDropFilter's, next to the browser's own FolderDropHandler on the same
// viewport: drags of our own items (FileListModel ids) or without local file URLs are left alone
// (the filter returns false), so internal moves keep working. Uploading copies: a drag that does
// not offer Copy is refused.
//
// The target folder under the cursor comes from `resolver` (viewport coordinates -> folder
// path; ViewDropFilter::folderRowAt finds the folder row there); an empty answer refuses the drop there.
class FileDropHandler : public ViewDropFilter
{
    Q_OBJECT

public:
    using TargetResolver = std::function<QString(const QPoint &pos)>;

    FileDropHandler(QAbstractItemView *view, TargetResolver resolver);

    // The local paths a drag carries: only when every URL is a local file and the drag is not
    // one of our own item drags; empty otherwise.
    static QStringList localPathsOf(const QMimeData *data);
    QString targetFolderAt(const QPoint &pos) const;

Q_SIGNALS:
    void filesDropped(const QStringList &localPaths, const QString &targetFolder);

protected:
    QStringList payloadOf(const QMimeData *data) const override;
    QString targetFolderFor(const QStringList &payload, const QPoint &pos) const override;
    void deliver(const QStringList &payload, const QString &targetFolder) override;

private:
    TargetResolver m_resolver;
};

} // namespace ikui
