#include "browser/browsercontext.h"

#include "models/filelistmodel.h"

#include <QAbstractItemView>
#include <QItemSelectionModel>
#include <QSet>

#include <algorithm>

namespace ikui {

namespace {

SelectedItem itemAt(const FileListModel *model, int row)
{
    const QModelIndex cell = model->index(row, 0);
    return {cell.data(FileListModel::FileIdRole).toString(), cell.data(FileListModel::NameRole).toString(),
            cell.data(FileListModel::PathRole).toString(),   cell.data(FileListModel::UrlRole).toString(),
            cell.data(FileListModel::IsFolderRole).toBool(), cell.data(FileListModel::IsPrivateRole).toBool()};
}

} // namespace

QList<SelectedItem> BrowserContext::selectedItems() const
{
    QList<SelectedItem> out;
    const FileListModel *model = fileModel();
    const QAbstractItemView *view = activeFileView();
    if (!model || !view || !view->selectionModel() || view->model() != model)
        return out;
    QModelIndexList rows = view->selectionModel()->selectedRows(0);
    if (rows.isEmpty())
        rows = view->selectionModel()->selectedIndexes();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QSet<int> seen;
    for (const QModelIndex &index : std::as_const(rows)) {
        if (seen.contains(index.row()))
            continue;
        seen.insert(index.row());
        out.append(itemAt(model, index.row()));
    }
    return out;
}

QList<SelectedItem> BrowserContext::itemsFor(const QStringList &ids) const
{
    QList<SelectedItem> out;
    const FileListModel *model = fileModel();
    if (!model)
        return out;
    for (const QString &id : ids) {
        const int row = model->rowOfId(id);
        if (row >= 0)
            out.append(itemAt(model, row));
    }
    return out;
}

QStringList BrowserContext::selectedIds() const
{
    QStringList ids;
    for (const SelectedItem &item : selectedItems())
        ids << item.id;
    return ids;
}

} // namespace ikui
