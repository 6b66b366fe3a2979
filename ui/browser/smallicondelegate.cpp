#include "browser/smallicondelegate.h"

namespace ikui {

SmallIconDelegate::SmallIconDelegate(int iconSize, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_iconSize(iconSize)
{
}

void SmallIconDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (option->features & QStyleOptionViewItem::HasDecoration)
        option->decorationSize = QSize(m_iconSize, m_iconSize);
}

} // namespace ikui
