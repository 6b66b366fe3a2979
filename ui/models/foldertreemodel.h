#pragma once

#include "api/apierror.h"
#include "api/imagekit.h"

#include <QAbstractItemModel>
#include <QString>

#include <memory>
#include <vector>

namespace ikui {

// The account's folders as a tree: one top-level row for the root "/" and the folders below,
// loaded lazily. A folder reports children (hasChildren true) until it has been listed; the
// view's expand calls fetchMore(), which lists that folder's subfolders (list files type=folder,
// path=<folder>) page after page until the listing is exhausted. One listing per folder at a
// time; answers for folders refreshed or removed meanwhile are dropped.
class FolderTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Role {
        FolderPathRole = Qt::UserRole + 1, // QString: "/" or "/a/b"
        IsLoadedRole,                      // bool: subfolders listed
        IsLoadingRole,                     // bool
    };

    // `imagekit` must outlive the model.
    explicit FolderTreeModel(const ik::ImageKit *imagekit, QObject *parent = nullptr);
    ~FolderTreeModel() override;

    // The text of the root row (the account or demo name); default "/".
    void setRootName(const QString &name);
    // Subfolders per request, 1..1000 (default 1000).
    void setPageSize(int pageSize);
    int pageSize() const { return m_pageSize; }

    // Forgets the subfolders of `folderPath` (and everything below) and lists them again.
    // Unknown or not yet loaded paths are ignored.
    void refresh(const QString &folderPath = QStringLiteral("/"));
    // The index of a loaded folder ("/" is the root row), or invalid.
    QModelIndex indexForPath(const QString &folderPath) const;
    static QString pathOf(const QModelIndex &index);
    bool isLoading(const QModelIndex &index) const;
    // Listing requests sent since construction (tests).
    int requestCount() const { return m_requestCount; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Drops of ids dragged from FileListModel (FileListModel::idsMimeType()) onto a folder emit
    // idsDropped; the move itself is the caller's operation.
    QStringList mimeTypes() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    Qt::DropActions supportedDropActions() const override;

Q_SIGNALS:
    // Listing the subfolders of `folderPath` failed; fetchMore on it retries.
    void errorOccurred(const QString &folderPath, const ik::ApiError &error);
    // The subfolders of `folderPath` are all listed.
    void folderLoaded(const QString &folderPath);
    void idsDropped(const QStringList &ids, const QString &destinationFolder, Qt::DropAction action);

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node) const;
    Node *findNode(const QString &folderPath) const;
    void requestPage(Node *node);
    void onPage(const QString &folderPath, quint64 generation, const ik::FileList &page);
    void onFailed(const QString &folderPath, quint64 generation, const ik::ApiError &error);

    const ik::ImageKit *m_imagekit;
    std::unique_ptr<Node> m_invisibleRoot;
    int m_pageSize = ik::ListFilesOptions::MaxLimit;
    int m_requestCount = 0;
    quint64 m_nextGeneration = 1;
};

} // namespace ikui
