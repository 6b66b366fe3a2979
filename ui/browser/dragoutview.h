#pragma once

#include "browser/filedragstarter.h"

#include <QAbstractItemView>
#include <QKeyEvent>
#include <QKeySequence>
#include <QModelIndex>
#include <QPointer>

namespace ikui {

// A file view (QListView grid, QTreeView details list) whose drags go through a FileDragStarter,
// so they carry real files for the desktop besides the ids for internal moves (without a starter
// it drags like its base class), and which leaves Ctrl+C to the window's Copy URL.
template<class View>
class DragOutView : public View
{
public:
    using View::View;

    void setDragStarter(FileDragStarter *starter) { m_starter = starter; }
    FileDragStarter *dragStarter() const { return m_starter; }

protected:
    bool event(QEvent *event) override
    {
        // Item views claim Ctrl+C to copy an item's name; in the browser it is the window's
        // "Copy URL" (the views' context menus and Edit menu say so).
        if (event->type() == QEvent::ShortcutOverride
            && static_cast<QKeyEvent *>(event)->matches(QKeySequence::Copy)) {
            event->ignore();
            return true;
        }
        return View::event(event);
    }

    void startDrag(Qt::DropActions supportedActions) override
    {
        if (!m_starter) {
            View::startDrag(supportedActions);
            return;
        }
        QModelIndexList rows;
        const QModelIndexList selected = this->selectedIndexes();
        for (const QModelIndex &index : selected) {
            if (index.flags() & Qt::ItemIsDragEnabled)
                rows.append(index);
        }
        m_starter->startDrag(this, rows, supportedActions, this->defaultDropAction());
    }

private:
    QPointer<FileDragStarter> m_starter;
};

} // namespace ikui
