#include "uploadqueue/uploadqueuemodel.h"

#include <QLocale>

#include <algorithm>

namespace ikui {

UploadQueueModel::UploadQueueModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int UploadQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int UploadQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

int progressPercent(const UploadQueueModel::Row &row)
{
    if (row.state == UploadState::Done)
        return 100;
    if (row.size <= 0)
        return 0;
    return int(std::clamp<qint64>(row.bytesSent * 100 / row.size, 0, 100));
}

QString speedText(double bytesPerSecond)
{
    if (bytesPerSecond <= 0)
        return {};
    return QStringLiteral("%1/s").arg(QLocale().formattedDataSize(qint64(bytesPerSecond)));
}

} // namespace

QVariant UploadQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return row.name;
        case FolderColumn: return row.folder;
        case SizeColumn: return QLocale().formattedDataSize(row.size);
        case StateColumn: return uploadStateText(row.state);
        case ProgressColumn: return QStringLiteral("%1%").arg(progressPercent(row));
        case SpeedColumn: return row.state == UploadState::Uploading ? speedText(row.speed) : QString();
        case ErrorColumn: return row.error;
        case UploadedColumn: return row.filePath;
        default: return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == ErrorColumn || (!row.error.isEmpty() && index.column() == StateColumn))
            return row.error;
        if (index.column() == NameColumn && m_localPathResolver)
            return m_localPathResolver(row.id);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == ProgressColumn || index.column() == SpeedColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case ItemIdRole: return row.id;
    case StateRole: return int(row.state);
    case SizeRole: return row.size;
    case BytesSentRole: return row.bytesSent;
    case ProgressRole: return progressPercent(row);
    case SpeedRole: return row.state == UploadState::Uploading ? row.speed : 0.0;
    case ErrorRole: return row.error;
    case FileIdRole: return row.fileId;
    case FilePathRole: return row.filePath;
    case TargetFolderRole: return row.folder;
    case LocalPathRole: return m_localPathResolver ? m_localPathResolver(row.id) : QString();
    case NeedsCheckRole: return row.needsCheck;
    default: return {};
    }
}

QVariant UploadQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Name");
    case FolderColumn: return tr("Folder");
    case SizeColumn: return tr("Size");
    case StateColumn: return tr("State");
    case ProgressColumn: return tr("Progress");
    case SpeedColumn: return tr("Speed");
    case ErrorColumn: return tr("Error");
    case UploadedColumn: return tr("Uploaded as");
    default: return {};
    }
}

QHash<int, QByteArray> UploadQueueModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ItemIdRole, "itemId");
    names.insert(StateRole, "state");
    names.insert(SizeRole, "size");
    names.insert(BytesSentRole, "bytesSent");
    names.insert(ProgressRole, "progress");
    names.insert(SpeedRole, "speed");
    names.insert(ErrorRole, "error");
    names.insert(FileIdRole, "fileId");
    names.insert(FilePathRole, "filePath");
    names.insert(TargetFolderRole, "targetFolder");
    names.insert(LocalPathRole, "localPath");
    names.insert(NeedsCheckRole, "needsCheck");
    return names;
}

int UploadQueueModel::rowOfItem(qint64 itemId) const
{
    return m_rowById.value(itemId, -1);
}

qint64 UploadQueueModel::itemIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

const UploadQueueModel::Row *UploadQueueModel::rowForItem(qint64 itemId) const
{
    const int row = rowOfItem(itemId);
    return row < 0 ? nullptr : &m_rows.at(row);
}

void UploadQueueModel::setLocalPathResolver(std::function<QString(qint64)> resolver)
{
    m_localPathResolver = std::move(resolver);
}

QString UploadQueueModel::sharedFolder(const QString &folder)
{
    // Thousands of rows share a handful of folders: keep one copy of each string.
    auto it = m_sharedFolders.constFind(folder);
    if (it != m_sharedFolders.constEnd())
        return it.value();
    m_sharedFolders.insert(folder, folder);
    return folder;
}

void UploadQueueModel::appendRows(QList<Row> rows)
{
    if (rows.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(rows.size()) - 1);
    // Geometric growth: an exact reserve per slice would move every row again for each slice.
    const qsizetype needed = m_rows.size() + rows.size();
    if (m_rows.capacity() < needed)
        m_rows.reserve(qMax(needed, m_rows.capacity() * 2));
    for (Row &row : rows) {
        row.folder = sharedFolder(row.folder);
        m_rowById.insert(row.id, int(m_rows.size()));
        m_rows.append(std::move(row));
    }
    endInsertRows();
}

void UploadQueueModel::reserveRows(qsizetype extra)
{
    const qsizetype needed = m_rows.size() + extra;
    if (m_rows.capacity() < needed)
        m_rows.reserve(needed);
    m_rowById.reserve(needed);
}

void UploadQueueModel::updateRow(const Row &row)
{
    const int index = rowOfItem(row.id);
    if (index < 0)
        return;
    Row &stored = m_rows[index];
    const QString folder = stored.folder;
    stored = row;
    stored.folder = folder;
    Q_EMIT dataChanged(this->index(index, 0), this->index(index, ColumnCount - 1));
}

void UploadQueueModel::updateAll(const std::function<bool(Row &)> &change)
{
    int first = -1;
    int last = -1;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (change(m_rows[i])) {
            if (first < 0)
                first = i;
            last = i;
        }
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void UploadQueueModel::removeItems(const QList<qint64> &itemIds)
{
    if (itemIds.isEmpty())
        return;
    QList<int> rows;
    rows.reserve(itemIds.size());
    for (qint64 id : itemIds) {
        const int row = rowOfItem(id);
        if (row >= 0)
            rows.append(row);
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    // Remove contiguous runs from the end so earlier row numbers stay valid.
    int i = int(rows.size()) - 1;
    while (i >= 0) {
        int last = rows.at(i);
        int first = last;
        while (i > 0 && rows.at(i - 1) == first - 1) {
            --i;
            first = rows.at(i);
        }
        beginRemoveRows(QModelIndex(), first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        --i;
    }
    rebuildIndex();
}

void UploadQueueModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    m_rowById.clear();
    m_sharedFolders.clear();
    endResetModel();
}

void UploadQueueModel::rebuildIndex()
{
    m_rowById.clear();
    m_rowById.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowById.insert(m_rows.at(i).id, i);
}

} // namespace ikui
