#pragma once

#include "browser/filedragstarter.h"

#include <QAbstractItemView>
#include <QModelIndex>
#include <QPointer>

namespace ikui {

// A file view (QListView grid, QTreeView details list) whose drags go through a FileDragStarter,
// so they carry real files for the desktop besides the ids for internal moves. Without a starter
// it drags like its base class.
template<class View>
class DragOutView : public View
{
public:
    using View::View;

    void setDragStarter(FileDragStarter *starter) { m_starter = starter; }
    FileDragStarter *dragStarter() const { return m_starter; }

protected:
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
