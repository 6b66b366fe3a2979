#include "uploads/uploadprogressdelegate.h"

#include "uploadqueue/uploadqueuemodel.h"
#include "uploadqueue/uploadstate.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

namespace ikui {

void UploadProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // The selection background first, then the bar inside the cell.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const auto state = UploadState(index.data(UploadQueueModel::StateRole).toInt());
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(2, 3, -2, -3);
    bar.palette = option.palette;
    bar.state = option.state | QStyle::State_Horizontal;
    bar.minimum = 0;
    bar.maximum = 100;
    bar.progress = state == UploadState::Done ? 100 : qBound(0, index.data(UploadQueueModel::ProgressRole).toInt(), 100);
    bar.text = state == UploadState::Uploading || state == UploadState::Done ? QStringLiteral("%1%").arg(bar.progress)
                                                                             : uploadStateText(state);
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

QSize UploadProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(qMax(size.width(), 120));
    return size;
}

} // namespace ikui
