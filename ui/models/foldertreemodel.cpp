#include "models/foldertreemodel.h"

#include "models/filelistmodel.h"

#include <QMimeData>

#include <algorithm>

namespace ikui {

struct FolderTreeModel::Node
{
    QString name;
    QString path;
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;
    bool loaded = false;
    bool loading = false;
    qint64 nextSkip = 0;
    quint64 generation = 0; // the listing in flight; answers with another generation are stale

    int row() const
    {
        if (!parent)
            return 0;
        for (size_t i = 0; i < parent->children.size(); ++i) {
            if (parent->children[i].get() == this)
                return int(i);
        }
        return 0;
    }
};

namespace {

QString normalizedFolder(const QString &path)
{
    QString folder = path.trimmed();
    if (!folder.startsWith(QLatin1Char('/')))
        folder.prepend(QLatin1Char('/'));
    while (folder.size() > 1 && folder.endsWith(QLatin1Char('/')))
        folder.chop(1);
    return folder;
}

QString childPath(const QString &parent, const QString &name)
{
    return parent == QLatin1String("/") ? QLatin1Char('/') + name : parent + QLatin1Char('/') + name;
}

} // namespace

FolderTreeModel::FolderTreeModel(const ik::ImageKit *imagekit, QObject *parent)
    : QAbstractItemModel(parent)
    , m_imagekit(imagekit)
    , m_invisibleRoot(std::make_unique<Node>())
{
    auto root = std::make_unique<Node>();
    root->name = QStringLiteral("/");
    root->path = QStringLiteral("/");
    root->parent = m_invisibleRoot.get();
    m_invisibleRoot->children.push_back(std::move(root));
    m_invisibleRoot->loaded = true;
}

FolderTreeModel::~FolderTreeModel() = default;

void FolderTreeModel::setRootName(const QString &name)
{
    Node *root = m_invisibleRoot->children.front().get();
    root->name = name.isEmpty() ? QStringLiteral("/") : name;
    const QModelIndex index = indexOf(root);
    Q_EMIT dataChanged(index, index, {Qt::DisplayRole});
}

void FolderTreeModel::setPageSize(int pageSize)
{
    m_pageSize = std::clamp(pageSize, 1, int(ik::ListFilesOptions::MaxLimit));
}

FolderTreeModel::Node *FolderTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_invisibleRoot.get();
}

QModelIndex FolderTreeModel::indexOf(const Node *node) const
{
    if (!node || node == m_invisibleRoot.get())
        return {};
    return createIndex(node->row(), 0, const_cast<Node *>(node));
}

FolderTreeModel::Node *FolderTreeModel::findNode(const QString &folderPath) const
{
    const QString path = normalizedFolder(folderPath);
    Node *node = m_invisibleRoot->children.front().get();
    if (path == QLatin1String("/"))
        return node;
    const QStringList parts = path.mid(1).split(QLatin1Char('/'));
    for (const QString &part : parts) {
        Node *next = nullptr;
        for (const auto &child : node->children) {
            if (child->name == part) {
                next = child.get();
                break;
            }
        }
        if (!next)
            return nullptr;
        node = next;
    }
    return node;
}

QModelIndex FolderTreeModel::indexForPath(const QString &folderPath) const
{
    return indexOf(findNode(folderPath));
}

QString FolderTreeModel::pathOf(const QModelIndex &index)
{
    return index.data(FolderPathRole).toString();
}

bool FolderTreeModel::isLoading(const QModelIndex &index) const
{
    return index.isValid() && nodeOf(index)->loading;
}

void FolderTreeModel::refresh(const QString &folderPath)
{
    Node *node = findNode(folderPath);
    if (!node || (!node->loaded && !node->loading))
        return;
    if (!node->children.empty()) {
        const QModelIndex parentIndex = indexOf(node);
        beginRemoveRows(parentIndex, 0, int(node->children.size()) - 1);
        node->children.clear();
        endRemoveRows();
    }
    node->loaded = false;
    node->loading = false;
    node->nextSkip = 0;
    node->generation = 0;
    requestPage(node);
}

QModelIndex FolderTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    const Node *node = nodeOf(parent);
    if (row >= int(node->children.size()))
        return {};
    return createIndex(row, 0, node->children[size_t(row)].get());
}

QModelIndex FolderTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent);
}

int FolderTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int FolderTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

bool FolderTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *node = nodeOf(parent);
    // Unlisted folders may have subfolders: show the expander so the view asks.
    return !node->loaded || !node->children.empty();
}

QVariant FolderTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return node->name;
    case Qt::ToolTipRole:
    case FolderPathRole:
        return node->path;
    case IsLoadedRole:
        return node->loaded;
    case IsLoadingRole:
        return node->loading;
    default:
        return {};
    }
}

Qt::ItemFlags FolderTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled;
}

bool FolderTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return false;
    const Node *node = nodeOf(parent);
    return !node->loaded && !node->loading;
}

void FolderTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    requestPage(nodeOf(parent));
}

void FolderTreeModel::requestPage(Node *node)
{
    ik::ListFilesOptions options;
    options.type = QStringLiteral("folder");
    options.path = node->path;
    options.sort = QStringLiteral("ASC_NAME");
    options.limit = m_pageSize;
    options.skip = node->nextSkip;
    if (node->generation == 0)
        node->generation = m_nextGeneration++;
    node->loading = true;
    ++m_requestCount;
    ik::ImageKit imagekit = *m_imagekit;
    ik::FileListJob *job = imagekit.listFiles(options);
    const QString path = node->path;
    const quint64 generation = node->generation;
    connect(job, &ik::FileListJob::finished, this,
            [this, path, generation](const ik::FileList &page) { onPage(path, generation, page); });
    connect(job, &ik::ApiJob::failed, this,
            [this, path, generation](const ik::ApiError &error) { onFailed(path, generation, error); });
}

void FolderTreeModel::onPage(const QString &folderPath, quint64 generation, const ik::FileList &page)
{
    Node *node = findNode(folderPath);
    if (!node || node->generation != generation)
        return;
    node->nextSkip += page.entryCount();
    std::vector<std::unique_ptr<Node>> fresh;
    for (const ik::FolderItem &folder : page.folders) {
        if (folder.name.isEmpty())
            continue;
        auto child = std::make_unique<Node>();
        child->name = folder.name;
        child->path = childPath(node->path, folder.name);
        child->parent = node;
        fresh.push_back(std::move(child));
    }
    if (!fresh.empty()) {
        const int first = int(node->children.size());
        beginInsertRows(indexOf(node), first, first + int(fresh.size()) - 1);
        for (auto &child : fresh)
            node->children.push_back(std::move(child));
        endInsertRows();
    }
    if (page.entryCount() < m_pageSize) {
        node->loading = false;
        node->loaded = true;
        node->generation = 0;
        const QModelIndex index = indexOf(node);
        // hasChildren may have turned false.
        Q_EMIT dataChanged(index, index, {IsLoadedRole, IsLoadingRole});
        Q_EMIT folderLoaded(folderPath);
        return;
    }
    requestPage(node); // a full page: there may be more
}

void FolderTreeModel::onFailed(const QString &folderPath, quint64 generation, const ik::ApiError &error)
{
    Node *node = findNode(folderPath);
    if (!node || node->generation != generation)
        return;
    node->loading = false;
    const QModelIndex index = indexOf(node);
    Q_EMIT dataChanged(index, index, {IsLoadingRole});
    Q_EMIT errorOccurred(folderPath, error);
}

QStringList FolderTreeModel::mimeTypes() const
{
    return {FileListModel::idsMimeType()};
}

bool FolderTreeModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                      const QModelIndex &parent) const
{
    return data && parent.isValid() && (action == Qt::MoveAction || action == Qt::CopyAction)
        && data->hasFormat(FileListModel::idsMimeType());
}

bool FolderTreeModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                   const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const QStringList ids = QString::fromUtf8(data->data(FileListModel::idsMimeType()))
                                .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (ids.isEmpty())
        return false;
    Q_EMIT idsDropped(ids, nodeOf(parent)->path, action);
    // The move is an asynchronous operation of the caller; the tree itself does not change.
    return false;
}

Qt::DropActions FolderTreeModel::supportedDropActions() const
{
    return Qt::MoveAction | Qt::CopyAction;
}

} // namespace ikui
