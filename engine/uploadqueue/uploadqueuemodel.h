#pragma once

#include "uploadqueue/uploadstate.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QString>
#include <QVector>

#include <functional>

namespace ikui {

// The queue as a flat table, one compact row per item (the full item lives in SQLite; the model
// keeps only what the panel shows). Owned and updated by UploadQueue; views only read it.
//
// Columns: Name, Folder, Size, State, Progress, Speed, Error, Uploaded (the server's file path).
// Qt::DisplayRole gives text for each column; the roles below give the raw values from any column
// (read them from column 0). Progress: Qt::DisplayRole "42%"; ProgressRole 0-100 for a bar.
class UploadQueueModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, FolderColumn, SizeColumn, StateColumn, ProgressColumn, SpeedColumn,
                  ErrorColumn, UploadedColumn, ColumnCount };

    enum Role {
        ItemIdRole = Qt::UserRole + 1,  // qint64, the id UploadQueue's methods take
        StateRole,                      // int (ikui::UploadState)
        SizeRole,                       // qint64 bytes
        BytesSentRole,                  // qint64 bytes of the current attempt
        ProgressRole,                   // int 0-100
        SpeedRole,                      // double bytes per second (0 when not uploading)
        ErrorRole,                      // QString, the reason of a Failed/Skipped item
        FileIdRole,                     // QString, the uploaded file's id ("" until Done)
        FilePathRole,                   // QString, the uploaded file's path on the server
        TargetFolderRole,               // QString, "/a/b"
        LocalPathRole,                  // QString, the local file (read from the database)
        NeedsCheckRole,                 // bool, the item may already be on the server
    };
    Q_ENUM(Role)

    // One row. Strings are short (name, folder) and folders are shared between rows.
    struct Row
    {
        qint64 id = 0;
        QString name;
        QString folder;
        qint64 size = 0;
        qint64 bytesSent = 0;
        double speed = 0;
        UploadState state = UploadState::Queued;
        bool needsCheck = false;
        QString error;
        QString fileId;
        QString filePath;
    };

    explicit UploadQueueModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The row of an item, -1 when not in the model.
    int rowOfItem(qint64 itemId) const;
    qint64 itemIdAt(int row) const;
    const Row *rowForItem(qint64 itemId) const;
    const Row &rowAt(int row) const { return m_rows.at(row); }

    // For UploadQueue: a resolver for LocalPathRole (the path is not kept in memory).
    void setLocalPathResolver(std::function<QString(qint64)> resolver);
    void appendRows(QList<Row> rows);
    // Room for `extra` more rows, so appending a big batch in slices never regrows mid-way (a
    // regrow moves every row and rehashes the id index in one event-loop turn).
    void reserveRows(qsizetype extra);
    void updateRow(const Row &row);
    // Applies `change` to every row (true = changed) and emits one dataChanged for the span.
    void updateAll(const std::function<bool(Row &)> &change);
    void removeItems(const QList<qint64> &itemIds);
    void clear();

private:
    QVector<Row> m_rows;
    QHash<qint64, int> m_rowById;       // rebuilt on removal
    QHash<QString, QString> m_sharedFolders;
    std::function<QString(qint64)> m_localPathResolver;

    QString sharedFolder(const QString &folder);
    void rebuildIndex();
};

} // namespace ikui
