#pragma once

#include "browser/viewdropfilter.h"

#include <QStringList>

class QAbstractItemView;
class QMimeData;

namespace ikui {

// Lets a file view accept its own dragged items (FileListModel ids) onto a folder row: accepts
// them only over a folder that is not among the dragged items, and reports the drop as
// idsDropped(ids, folderPath). The move itself is the window's operation. The event handling is
// ViewDropFilter's; drags without our ids (local files, text) are left to the other filters.
class FolderDropHandler : public ViewDropFilter
{
    Q_OBJECT

public:
    explicit FolderDropHandler(QAbstractItemView *view);

    // What a drop at `pos` (viewport coordinates) would do: the target folder, or empty.
    QString targetFolderAt(const QPoint &pos, const QStringList &draggedIds) const;
    static QStringList idsOf(const QMimeData *data);

Q_SIGNALS:
    void idsDropped(const QStringList &ids, const QString &folderPath);

protected:
    QStringList payloadOf(const QMimeData *data) const override;
    QString targetFolderFor(const QStringList &payload, const QPoint &pos) const override;
    void deliver(const QStringList &payload, const QString &targetFolder) override;
};

} // namespace ikui
