#pragma once

#include <QStyledItemDelegate>

namespace ikui {

// Draws the model's thumbnail as a small icon (the details list): QStyledItemDelegate would
// otherwise paint a QPixmap decoration at the pixmap's own (grid-sized) size.
class SmallIconDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit SmallIconDelegate(int iconSize, QObject *parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    int m_iconSize;
};

} // namespace ikui
