#pragma once

#include "operations/operation.h"
#include "operations/operationmanager.h"

#include <QAbstractItemModel>
#include <QList>
#include <QPointer>

namespace ikui {

// The operations of a session for the Activity panel, as a tree: one top-level row per operation
// (oldest first, as the manager keeps them) with its title, progress and result; below it one row
// per failed item with the item's name and the server's reason. Follows the manager's signals with
// row inserts, removals and dataChanged, so selections and expanded rows survive the updates.
class OperationListModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { TitleColumn, ProgressColumn, ResultColumn, ColumnCount };
    enum Role {
        // The operation of the row (for a failure row: the operation that failed it), as QObject*.
        OperationRole = Qt::UserRole + 1,
        // Operation::State of an operation row (invalid on failure rows).
        StateRole,
        // 0-100 of the bytes where known, else of the items; -1 while the amount is unknown (busy).
        ProgressPercentRole,
        // True on failure rows.
        IsFailureRole,
        // A failure row's item (the id or path the operation worked on).
        FailureItemRole,
    };
    Q_ENUM(Role)

    explicit OperationListModel(QObject *parent = nullptr);
    ~OperationListModel() override;

    // nullptr empties the model. The manager may be deleted at any time (a session closing).
    void setManager(OperationManager *manager);
    OperationManager *manager() const { return m_manager; }

    // The operation of `index` (its parent's for a failure row), nullptr when none.
    Operation *operationAt(const QModelIndex &index) const;
    QModelIndex indexOf(const Operation *operation, int column = TitleColumn) const;

    // "3 of 10", "12.0 MiB of 40.0 MiB" or both; empty while nothing is known.
    static QString progressText(const Operation *operation);
    // See ProgressPercentRole.
    static int progressPercent(const Operation *operation);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Row
    {
        // The key survives the operation's deletion (to find its row in destroyed()); `live`
        // tells whether it may still be read.
        Operation *key = nullptr;
        QPointer<Operation> live;
        // Failure rows announced to views so far (the operation's list only grows).
        int failureRows = 0;
    };

    void attach(Operation *operation);
    void onAdded(Operation *operation);
    void onChanged(Operation *operation);
    void onRemoved(QObject *operation);
    void onManagerDestroyed();
    int rowOf(const QObject *operation) const;
    QVariant operationData(const Row &row, int column, int role) const;
    QVariant failureData(const Row &row, int failure, int column, int role) const;

    QPointer<OperationManager> m_manager;
    QList<Row> m_rows;
};

} // namespace ikui
