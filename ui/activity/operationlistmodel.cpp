#include "activity/operationlistmodel.h"

#include "operations/operationmanager.h"

#include <QApplication>
#include <QIcon>
#include <QLocale>
#include <QStyle>

namespace ikui {

namespace {

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(qMax<qint64>(0, bytes), 1, QLocale::DataSizeIecFormat);
}

QIcon stateIcon(Operation::State state)
{
    // Standard icons need a widget style; a model used without QApplication shows none.
    if (!qobject_cast<QApplication *>(QCoreApplication::instance()))
        return {};
    QStyle *style = QApplication::style();
    switch (state) {
    case Operation::State::Ready:
    case Operation::State::Running:
        return style->standardIcon(QStyle::SP_BrowserReload);
    case Operation::State::Succeeded:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case Operation::State::PartlyFailed:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case Operation::State::Failed:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case Operation::State::Cancelled:
        return style->standardIcon(QStyle::SP_BrowserStop);
    }
    return {};
}

} // namespace

OperationListModel::OperationListModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

OperationListModel::~OperationListModel() = default;

void OperationListModel::setManager(OperationManager *manager)
{
    if (manager == m_manager)
        return;
    beginResetModel();
    if (m_manager)
        disconnect(m_manager, nullptr, this, nullptr);
    for (const Row &row : std::as_const(m_rows)) {
        if (row.live)
            disconnect(row.live, nullptr, this, nullptr);
    }
    m_rows.clear();
    m_manager = manager;
    if (manager) {
        connect(manager, &OperationManager::operationAdded, this, &OperationListModel::onAdded);
        connect(manager, &OperationManager::operationChanged, this, &OperationListModel::onChanged);
        connect(manager, &OperationManager::operationFinished, this, &OperationListModel::onChanged);
        connect(manager, &OperationManager::operationRemoved, this, [this](Operation *operation) { onRemoved(operation); });
        connect(manager, &QObject::destroyed, this, &OperationListModel::onManagerDestroyed);
        const QList<Operation *> operations = manager->operations();
        for (Operation *operation : operations) {
            m_rows.append({operation, operation, int(operation->itemFailures().size())});
            attach(operation);
        }
    }
    endResetModel();
}

Operation *OperationListModel::operationAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    const QModelIndex top = index.parent().isValid() ? index.parent() : index;
    if (top.row() < 0 || top.row() >= m_rows.size())
        return nullptr;
    return m_rows.at(top.row()).live;
}

QModelIndex OperationListModel::indexOf(const Operation *operation, int column) const
{
    const int row = rowOf(operation);
    return row < 0 ? QModelIndex() : index(row, column);
}

QString OperationListModel::progressText(const Operation *operation)
{
    if (!operation)
        return {};
    QString items;
    if (operation->itemTotal() > 0)
        items = tr("%1 of %2").arg(operation->itemsDone()).arg(operation->itemTotal());
    QString bytes;
    if (operation->bytesTotal() > 0)
        bytes = tr("%1 of %2").arg(sizeText(operation->bytesDone()), sizeText(operation->bytesTotal()));
    else if (operation->bytesDone() > 0)
        bytes = sizeText(operation->bytesDone());
    if (items.isEmpty())
        return bytes;
    if (bytes.isEmpty())
        return items;
    return tr("%1, %2").arg(items, bytes);
}

int OperationListModel::progressPercent(const Operation *operation)
{
    if (!operation)
        return -1;
    if (operation->bytesTotal() > 0)
        return int(qBound(qint64(0), operation->bytesDone() * 100 / operation->bytesTotal(), qint64(100)));
    if (operation->itemTotal() > 0)
        return qBound(0, operation->itemsDone() * 100 / operation->itemTotal(), 100);
    if (operation->isFinished())
        return 100;
    return operation->state() == Operation::State::Ready ? 0 : -1;
}

QModelIndex OperationListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_rows.size() ? createIndex(row, column) : QModelIndex();
    // Failure rows carry their operation, so parent() can find its row.
    if (parent.column() != 0 || parent.internalPointer() || parent.row() >= m_rows.size())
        return {};
    const Row &owner = m_rows.at(parent.row());
    return row < owner.failureRows ? createIndex(row, column, owner.key) : QModelIndex();
}

QModelIndex OperationListModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !child.internalPointer())
        return {};
    const int row = rowOf(static_cast<Operation *>(child.internalPointer()));
    return row < 0 ? QModelIndex() : createIndex(row, 0);
}

int OperationListModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_rows.size());
    if (parent.column() != 0 || parent.internalPointer() || parent.row() >= m_rows.size())
        return 0;
    return m_rows.at(parent.row()).failureRows;
}

int OperationListModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return ColumnCount;
}

QVariant OperationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (!index.internalPointer())
        return operationData(m_rows.at(index.row()), index.column(), role);
    const int owner = rowOf(static_cast<Operation *>(index.internalPointer()));
    if (owner < 0)
        return {};
    return failureData(m_rows.at(owner), index.row(), index.column(), role);
}

QVariant OperationListModel::operationData(const Row &row, int column, int role) const
{
    const Operation *operation = row.live;
    if (!operation)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case TitleColumn:
            return operation->title();
        case ProgressColumn:
            return progressText(operation);
        case ResultColumn:
            return operation->resultText();
        }
        return {};
    case Qt::ToolTipRole:
        if (column == ResultColumn && !operation->itemFailures().isEmpty())
            return tr("%1\nExpand the row to see each failed item and why.").arg(operation->resultText());
        if (!operation->statusText().isEmpty())
            return tr("%1\n%2").arg(operation->title(), operation->statusText());
        return operation->title();
    case Qt::DecorationRole:
        return column == TitleColumn ? QVariant(stateIcon(operation->state())) : QVariant();
    case OperationRole:
        return QVariant::fromValue<QObject *>(row.live.data());
    case StateRole:
        return QVariant::fromValue(operation->state());
    case ProgressPercentRole:
        return progressPercent(operation);
    case IsFailureRole:
        return false;
    }
    return {};
}

QVariant OperationListModel::failureData(const Row &row, int failure, int column, int role) const
{
    const Operation *operation = row.live;
    if (!operation || failure >= operation->itemFailures().size())
        return {};
    const OperationFailure &f = operation->itemFailures().at(failure);
    switch (role) {
    case Qt::DisplayRole:
        if (column == TitleColumn)
            return f.label;
        if (column == ResultColumn)
            return f.error.message();
        return {};
    case Qt::ToolTipRole: {
        QString tip = f.label == f.item ? f.label : tr("%1 (%2)").arg(f.label, f.item);
        tip += QLatin1Char('\n') + f.error.message();
        if (!f.error.help().isEmpty())
            tip += QLatin1Char('\n') + f.error.help();
        return tip;
    }
    case OperationRole:
        return QVariant::fromValue<QObject *>(row.live.data());
    case IsFailureRole:
        return true;
    case FailureItemRole:
        return f.item;
    }
    return {};
}

QVariant OperationListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn:
        return tr("Operation");
    case ProgressColumn:
        return tr("Progress");
    case ResultColumn:
        return tr("Result");
    }
    return {};
}

Qt::ItemFlags OperationListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.internalPointer())
        result |= Qt::ItemNeverHasChildren;
    return result;
}

void OperationListModel::attach(Operation *operation)
{
    // The manager deletes its operations without operationRemoved when it is deleted itself.
    connect(operation, &QObject::destroyed, this, &OperationListModel::onRemoved);
}

void OperationListModel::onAdded(Operation *operation)
{
    if (!operation || rowOf(operation) >= 0)
        return;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append({operation, operation, int(operation->itemFailures().size())});
    endInsertRows();
    attach(operation);
}

void OperationListModel::onChanged(Operation *operation)
{
    const int row = rowOf(operation);
    if (row < 0 || !m_rows.at(row).live)
        return;
    const int failures = int(operation->itemFailures().size());
    const int shown = m_rows.at(row).failureRows;
    if (failures > shown) {
        beginInsertRows(index(row, 0), shown, failures - 1);
        m_rows[row].failureRows = failures;
        endInsertRows();
    }
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void OperationListModel::onRemoved(QObject *operation)
{
    const int row = rowOf(operation);
    if (row < 0)
        return;
    const QPointer<Operation> live = m_rows.at(row).live;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    if (live)
        disconnect(live, nullptr, this, nullptr);
}

void OperationListModel::onManagerDestroyed()
{
    // The manager deleted its operations first, so their rows are normally gone already.
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int OperationListModel::rowOf(const QObject *operation) const
{
    if (!operation)
        return -1;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).key == operation)
            return row;
    }
    return -1;
}

} // namespace ikui
