#include "models/filelistmodel.h"

#include "thumbnails/thumbnailprovider.h"
#include "session/filestore.h"

#include <QDateTime>
#include <QLocale>
#include <QMimeData>
#include <QTimer>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <limits>
#include <utility>

namespace ikui {

namespace {

const QStringList &sortFields()
{
    static const QStringList fields{QStringLiteral("NAME"), QStringLiteral("CREATED"), QStringLiteral("UPDATED"),
                                    QStringLiteral("HEIGHT"), QStringLiteral("WIDTH"), QStringLiteral("SIZE"),
                                    QStringLiteral("RELEVANCE")};
    return fields;
}

QDateTime timeOf(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
}

} // namespace

FileListModel::FileListModel(const ik::ImageKit *imagekit, QObject *parent)
    : QAbstractTableModel(parent)
    , m_imagekit(*imagekit)
    , m_sliceTimer(new QTimer(this))
{
    setStore(nullptr);
    // The rest of a page on the next turn, after input and painting had theirs.
    m_sliceTimer->setSingleShot(true);
    m_sliceTimer->setInterval(0);
    connect(m_sliceTimer, &QTimer::timeout, this, [this] { insertPendingRows(m_insertSliceSize); });
}

FileListModel::~FileListModel()
{
    if (m_store)
        m_store->release(m_rows);
    if (m_pageJob) {
        m_pageJob->disconnect(this);
        m_pageJob->cancel();
    }
    // A parse still running keeps its own copy of the body and is simply not heard from.
    if (m_parse)
        m_parse->disconnect(this);
}

void FileListModel::setStore(FileStore *store)
{
    if (m_store && m_store == store)
        return;
    if (m_store) {
        m_store->release(m_rows);
        m_store->disconnect(this);
    }
    if (!store) {
        // Standalone (tests, tools): a store of its own.
        m_ownStore = std::make_unique<FileStore>();
        store = m_ownStore.get();
    } else {
        m_ownStore.reset();
    }
    m_store = store;
    connect(m_store, &FileStore::filesChanged, this, &FileListModel::onStoreChanged);
    connect(m_store, &FileStore::filesRemoved, this, &FileListModel::onStoreRemoved);
    resetListing();
}

const FileEntry &FileListModel::at(int row) const
{
    return m_store->entryAt(m_rows.at(row));
}

QString FileListModel::idAt(int row) const
{
    return at(row).id;
}

void FileListModel::setFolder(const QString &folderPath)
{
    QString folder = folderPath.trimmed();
    if (folder.isEmpty())
        folder = QStringLiteral("/");
    if (!folder.startsWith(QLatin1Char('/')))
        folder.prepend(QLatin1Char('/'));
    while (folder.size() > 1 && folder.endsWith(QLatin1Char('/')))
        folder.chop(1);
    m_folder = folder;
    m_searchQuery.clear();
    resetListing();
}

void FileListModel::setSearchQuery(const QString &query, bool searchEverywhere)
{
    m_searchQuery = query.trimmed();
    m_searchEverywhere = searchEverywhere;
    resetListing();
}

bool FileListModel::setSort(const QString &sortKey)
{
    const QString key = sortKey.toUpper();
    const bool ascending = key.startsWith(QLatin1String("ASC_"));
    if (!ascending && !key.startsWith(QLatin1String("DESC_")))
        return false;
    if (!sortFields().contains(key.mid(ascending ? 4 : 5)))
        return false;
    if (key != m_sort) {
        m_sort = key;
        resetListing();
    }
    return true;
}

bool FileListModel::setFileTypeFilter(const QString &fileType)
{
    if (fileType != QLatin1String("all") && fileType != QLatin1String("image") && fileType != QLatin1String("non-image"))
        return false;
    if (fileType != m_fileType) {
        m_fileType = fileType;
        resetListing();
    }
    return true;
}

void FileListModel::setPageSize(int pageSize)
{
    m_pageSize = std::clamp(pageSize, 1, int(ik::ListFilesOptions::MaxLimit));
}

void FileListModel::setFirstPageSize(int firstPageSize)
{
    m_firstPageSize = std::clamp(firstPageSize, 0, int(ik::ListFilesOptions::MaxLimit));
}

void FileListModel::setInsertSliceSize(int rows)
{
    m_insertSliceSize = std::clamp(rows, 1, int(ik::ListFilesOptions::MaxLimit));
}

void FileListModel::refresh()
{
    resetListing();
}

void FileListModel::retry()
{
    if (!m_failed)
        return;
    m_failed = false;
    fetchMore({});
}

void FileListModel::resetListing()
{
    beginResetModel();
    ++m_generation;
    if (m_pageJob) {
        ik::FileListJob *job = m_pageJob;
        m_pageJob = nullptr;
        job->disconnect(this);
        job->cancel();
    }
    dropPendingPage();
    if (m_store)
        m_store->release(m_rows);
    m_rows.clear();
    m_rows.squeeze();
    m_locallyInserted.clear();
    m_nextSkip = 0;
    m_exhausted = false;
    m_failed = false;
    m_visibleFirst = m_visibleLast = -1;
    endResetModel();
    if (m_thumbnails)
        m_thumbnails->request({});
    // A view (or the model tester) may have asked for the new listing's first page already.
    if (!isLoading())
        Q_EMIT loadingChanged(false);
}

bool FileListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted && !m_failed && !isLoading();
}

void FileListModel::fetchMore(const QModelIndex &parent)
{
    // Views call this repeatedly while they wait: one page at a time.
    if (!canFetchMore(parent))
        return;
    ik::ListFilesOptions options;
    options.type = QStringLiteral("all");
    options.sort = m_sort;
    options.fileType = m_fileType == QLatin1String("all") ? QString() : m_fileType;
    if (m_searchQuery.isEmpty() || !m_searchEverywhere)
        options.path = m_folder;
    options.searchQuery = m_searchQuery;
    const bool firstPage = m_nextSkip == 0 && m_rows.isEmpty();
    m_requestedLimit = firstPage && m_firstPageSize > 0 ? qMin(m_firstPageSize, m_pageSize) : m_pageSize;
    options.limit = m_requestedLimit;
    options.skip = m_nextSkip;
    ik::FileListJob *job = m_imagekit.listFiles(options);
    job->setParseDeferred(true); // parsed on a worker thread (onPageBody)
    ++m_pageRequestCount;
    const quint64 generation = m_generation;
    connect(job, &ik::FileListJob::bodyReceived, this,
            [this, generation](const ik::ResponseMetadata &response) { onPageBody(response, generation); });
    connect(job, &ik::ApiJob::failed, this,
            [this, generation](const ik::ApiError &error) { onPageFailed(error, generation); });
    m_pageJob = job;
    Q_EMIT loadingChanged(true);
}

void FileListModel::onPageBody(const ik::ResponseMetadata &response, quint64 generation)
{
    if (generation != m_generation)
        return;
    m_pageJob = nullptr;
    m_parsingResponse = response;
    m_parse = new QFutureWatcher<ParsedFilePage>(this);
    QFutureWatcher<ParsedFilePage> *watcher = m_parse;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        // A watcher of a dropped page (listing changed, or settled by an edit) is not m_parse.
        if (watcher != m_parse)
            return;
        m_parse = nullptr;
        ParsedFilePage page = watcher->result();
        watcher->deleteLater();
        onPageParsed(std::move(page), std::exchange(m_parsingResponse, {}));
    });
    // The worker gets its own copy of the body (implicitly shared bytes): nothing it touches
    // belongs to the model, so the model may go away or change listing while it runs.
    watcher->setFuture(QtConcurrent::run(&FilePageParser::parse, response));
}

void FileListModel::onPageParsed(ParsedFilePage page, const ik::ResponseMetadata &response)
{
    if (!page.ok()) {
        onPageFailed(ik::ApiError(ik::ErrorKind::UnparseableResponse,
                                  QStringLiteral("Unexpected response from GET /v1/files: %1").arg(page.error), {},
                                  response),
                     m_generation);
        return;
    }
    m_nextSkip += page.entryCount;
    if (page.entryCount < m_requestedLimit)
        m_exhausted = true;
    // A folder or file this model inserted itself after an operation may come again in a page:
    // keep one row. The page's strings join the model's pool (one copy per distinct string).
    m_pendingRows.reserve(m_pendingRows.size() + page.entries.size());
    for (FileEntry &entry : page.entries) {
        if (m_locallyInserted.remove(entry.id))
            continue;
        m_pendingRows.append(std::move(entry));
    }
    insertPendingRows(m_insertSliceSize);
}

void FileListModel::insertPendingRows(int maxRows)
{
    QStringList changed;
    insertPendingRowsNow(maxRows, changed);
    // Files the store knew with other fields: the other listings and the details pane update. Said
    // once this listing's state is whole again (its own onStoreChanged may settle the page).
    m_store->announceChanged(changed);
}

void FileListModel::insertPendingRowsNow(int maxRows, QStringList &changed)
{
    const int count = int(qMin<qsizetype>(m_pendingRows.size() - m_pendingNext, maxRows));
    if (count > 0) {
        const int first = int(m_rows.size());
        // Into the store first (it interns the strings), then the rows name their slots.
        QVector<FileEntry> slice;
        slice.reserve(count);
        for (int i = 0; i < count; ++i)
            slice.append(std::move(m_pendingRows[m_pendingNext + i]));
        m_pendingNext += count;
        const QVector<int> slots = m_store->addListed(std::move(slice), &changed);
        beginInsertRows({}, first, first + count - 1);
        m_rows.append(slots);
        endInsertRows();
    }
    if (m_pendingNext < m_pendingRows.size()) {
        m_sliceTimer->start();
        return;
    }
    m_sliceTimer->stop();
    m_pendingRows.clear();
    m_pendingRows.squeeze();
    m_pendingNext = 0;
    Q_EMIT loadingChanged(false);
    if (m_exhausted)
        Q_EMIT listingComplete(rowCount());
}

void FileListModel::settlePendingPage()
{
    if (m_parse) {
        QFutureWatcher<ParsedFilePage> *watcher = std::exchange(m_parse, nullptr);
        watcher->disconnect(this);
        watcher->waitForFinished();
        const ParsedFilePage page = watcher->result();
        watcher->deleteLater();
        onPageParsed(page, std::exchange(m_parsingResponse, {}));
    }
    if (!m_pendingRows.isEmpty())
        insertPendingRows(std::numeric_limits<int>::max());
}

void FileListModel::dropPendingPage()
{
    if (m_parse) {
        m_parse->disconnect(this);
        m_parse->deleteLater();
        m_parse = nullptr;
    }
    m_parsingResponse = {};
    m_pendingRows.clear();
    m_pendingRows.squeeze();
    m_pendingNext = 0;
    m_sliceTimer->stop();
}

void FileListModel::onPageFailed(const ik::ApiError &error, quint64 generation)
{
    if (generation != m_generation)
        return;
    m_pageJob = nullptr;
    m_failed = true;
    Q_EMIT loadingChanged(false);
    Q_EMIT errorOccurred(error);
}

void FileListModel::setThumbnailProvider(ThumbnailProvider *provider)
{
    if (m_thumbnails)
        m_thumbnails->disconnect(this);
    m_thumbnails = provider;
    if (provider)
        connect(provider, &ThumbnailProvider::thumbnailReady, this, &FileListModel::onThumbnailReady);
}

ThumbnailProvider *FileListModel::thumbnailProvider() const
{
    return m_thumbnails;
}

QList<ThumbnailSource> FileListModel::thumbnailSources(int first, int last) const
{
    QList<ThumbnailSource> sources;
    if (first < 0 || last < first)
        return sources;
    last = qMin(last, int(m_rows.size()) - 1);
    sources.reserve(qMax(0, last - first + 1));
    for (int row = first; row <= last; ++row) {
        const FileEntry &e = at(row);
        sources.append(ThumbnailSource{e.id, e.path(), e.mime, e.isFolder(), e.isImage(), e.isPrivate(), e.versionId});
    }
    return sources;
}

void FileListModel::setVisibleRows(int first, int last)
{
    m_visibleFirst = first;
    m_visibleLast = last;
    if (m_thumbnails)
        m_thumbnails->request(thumbnailSources(first, last));
}

void FileListModel::onThumbnailReady(const QString &fileId)
{
    int row = -1;
    for (int r = qMax(0, m_visibleFirst); r <= m_visibleLast && r < m_rows.size(); ++r) {
        if (idAt(r) == fileId) {
            row = r;
            break;
        }
    }
    if (row < 0)
        row = rowOfId(fileId);
    if (row < 0)
        return;
    const QModelIndex cell = index(row, NameColumn);
    Q_EMIT dataChanged(cell, cell, {Qt::DecorationRole, ThumbnailRole});
}

const FileEntry *FileListModel::entry(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return nullptr;
    return &at(row);
}

int FileListModel::rowOfId(const QString &id) const
{
    const int slot = m_store->slotOf(id);
    return slot < 0 ? -1 : int(m_rows.indexOf(slot));
}

bool FileListModel::updateFile(const ik::FileItem &file)
{
    settlePendingPage();
    const bool listed = rowOfId(file.fileId) >= 0;
    m_store->putFile(file);
    return listed;
}

bool FileListModel::renameEntry(const QString &id, const QString &newName)
{
    settlePendingPage();
    if (rowOfId(id) < 0 || newName.isEmpty())
        return false;
    m_store->rename(id, newName);
    return true;
}

int FileListModel::removeEntries(const QStringList &ids)
{
    settlePendingPage();
    int listed = 0;
    for (const QString &id : ids)
        listed += rowOfId(id) >= 0 ? 1 : 0;
    m_store->remove(ids);
    return listed;
}

bool FileListModel::insertFile(const ik::FileItem &file)
{
    settlePendingPage();
    const bool before = rowOfId(file.fileId) >= 0;
    m_store->putFile(file);
    return !before && rowOfId(file.fileId) >= 0;
}

bool FileListModel::insertFolder(const ik::FolderItem &folder)
{
    settlePendingPage();
    const bool before = rowOfId(folder.folderId) >= 0;
    m_store->putFolder(folder);
    return !before && rowOfId(folder.folderId) >= 0;
}

void FileListModel::onStoreChanged(const QStringList &ids)
{
    settlePendingPage();
    // Rows of the changed ids in one pass (an upload batch can name thousands).
    QSet<int> changed;
    for (const QString &id : ids) {
        if (const int slot = m_store->slotOf(id); slot >= 0)
            changed.insert(slot);
    }
    QList<int> listedRows;
    for (int row = 0; row < m_rows.size() && !changed.isEmpty(); ++row) {
        if (changed.contains(m_rows.at(row)))
            listedRows << row;
    }
    // Listed ones first, last row first, so dropping one leaves the others' rows valid.
    QSet<QString> listed;
    bool visibleChanged = false;
    for (auto it = listedRows.crbegin(); it != listedRows.crend(); ++it) {
        const int row = *it;
        const QString id = idAt(row);
        listed.insert(id);
        const FileEntry *e = m_store->entry(id);
        // Gone, or moved out of the listed folder (search results stay: the server decided they match).
        if (!e || (m_searchQuery.isEmpty() && e->folder != m_folder)) {
            dropRow(row);
            continue;
        }
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        visibleChanged = visibleChanged || (row >= m_visibleFirst && row <= m_visibleLast);
    }
    // A new version (restore, upload) is a new thumbnail: fetch it if the row is on screen.
    if (visibleChanged && m_thumbnails)
        m_thumbnails->request(thumbnailSources(m_visibleFirst, m_visibleLast));
    // Then the ones this listing does not show yet but should (an upload, a copy into it).
    for (const QString &id : ids) {
        if (listed.contains(id))
            continue;
        const FileEntry *e = m_store->entry(id);
        if (e && belongsInListing(*e)) {
            listed.insert(id);
            insertListed(*e);
        }
    }
}

void FileListModel::onStoreRemoved(const QStringList &ids)
{
    settlePendingPage();
    for (const QString &id : ids) {
        const int row = rowOfId(id);
        if (row >= 0)
            dropRow(row);
    }
}

void FileListModel::dropRow(int row)
{
    const int slot = m_rows.at(row);
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    m_store->release(QVector<int>{slot});
    // The server no longer lists it here: the next page starts one entry earlier.
    m_nextSkip = qMax<qint64>(0, m_nextSkip - 1);
}

bool FileListModel::belongsInListing(const FileEntry &entry) const
{
    // A search listing's membership is the server's to decide.
    if (!m_searchQuery.isEmpty() || entry.folder != m_folder || entry.id.isEmpty())
        return false;
    if (!entry.isFolder()) {
        if (m_fileType == QLatin1String("image") && !entry.isImage())
            return false;
        if (m_fileType == QLatin1String("non-image") && entry.isImage())
            return false;
    }
    return true;
}

bool FileListModel::lessBySort(const FileEntry &a, const FileEntry &b) const
{
    // Folders come first (type=all lists them first), each group in the server's sort order.
    if (a.isFolder() != b.isFolder())
        return a.isFolder();
    const bool descending = m_sort.startsWith(QLatin1String("DESC_"));
    const QString field = m_sort.mid(descending ? 5 : 4);
    const auto ordered = [descending](auto x, auto y) { return descending ? y < x : x < y; };
    if (field == QLatin1String("CREATED"))
        return ordered(a.createdMs, b.createdMs);
    if (field == QLatin1String("UPDATED"))
        return ordered(a.updatedMs, b.updatedMs);
    if (field == QLatin1String("SIZE"))
        return ordered(a.size, b.size);
    if (field == QLatin1String("WIDTH"))
        return ordered(a.width, b.width);
    if (field == QLatin1String("HEIGHT"))
        return ordered(a.height, b.height);
    if (field == QLatin1String("NAME"))
        return descending ? QString::compare(b.name, a.name) < 0 : QString::compare(a.name, b.name) < 0;
    return false; // RELEVANCE: no client-side order, new entries go last
}

int FileListModel::sortedInsertRow(const FileEntry &entry) const
{
    int low = 0;
    int high = int(m_rows.size());
    while (low < high) { // upper bound
        const int mid = low + (high - low) / 2;
        if (lessBySort(entry, at(mid)))
            high = mid;
        else
            low = mid + 1;
    }
    return low;
}

bool FileListModel::insertListed(const FileEntry &entry)
{
    const int row = sortedInsertRow(entry);
    // After the loaded rows of an unfinished listing: a later page brings it.
    if (row == m_rows.size() && !m_exhausted)
        return false;
    const QString id = entry.id;
    const int slot = m_store->slotOf(id);
    beginInsertRows({}, row, row);
    m_locallyInserted.insert(id);
    m_rows.insert(row, slot);
    m_store->retain(slot);
    endInsertRows();
    // The server lists it before our next page: the next page starts one entry later.
    if (!m_exhausted)
        ++m_nextSkip;
    return true;
}

int FileListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FileListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FileListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FileEntry &e = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return e.name;
        case TypeColumn:
            return e.isFolder() ? tr("Folder") : e.mime;
        case SizeColumn:
            return e.size >= 0 ? QLocale().formattedDataSize(e.size) : QString();
        case DimensionsColumn:
            return e.width > 0 && e.height > 0 ? tr("%1 × %2").arg(e.width).arg(e.height) : QString();
        case CreatedColumn:
            return e.createdMs > 0 ? QLocale().toString(timeOf(e.createdMs).toLocalTime(), QLocale::ShortFormat) : QString();
        case UpdatedColumn:
            return e.updatedMs > 0 ? QLocale().toString(timeOf(e.updatedMs).toLocalTime(), QLocale::ShortFormat) : QString();
        case TagsColumn:
            return e.tags.join(QStringLiteral(", "));
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return e.path();
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == DimensionsColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DecorationRole:
        if (index.column() != NameColumn || !m_thumbnails)
            return {};
        return m_thumbnails->thumbnail(ThumbnailSource{e.id, e.path(), e.mime, e.isFolder(), e.isImage(), e.isPrivate(), e.versionId});
    case ThumbnailRole:
        if (!m_thumbnails)
            return {};
        return m_thumbnails->thumbnail(ThumbnailSource{e.id, e.path(), e.mime, e.isFolder(), e.isImage(), e.isPrivate(), e.versionId});
    case FileIdRole:
        return e.id;
    case NameRole:
        return e.name;
    case PathRole:
        return e.path();
    case FolderRole:
        return e.folder;
    case UrlRole:
        return e.url;
    case IsFolderRole:
        return e.isFolder();
    case IsImageRole:
        return e.isImage();
    case MimeRole:
        return e.mime;
    case SizeRole:
        return e.size;
    case WidthRole:
        return e.width;
    case HeightRole:
        return e.height;
    case CreatedRole:
        return timeOf(e.createdMs);
    case UpdatedRole:
        return timeOf(e.updatedMs);
    case TagsRole:
        return e.tags;
    case IsPrivateRole:
        return e.isPrivate();
    default:
        return {};
    }
}

QVariant FileListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TypeColumn:
        return tr("Type");
    case SizeColumn:
        return tr("Size");
    case DimensionsColumn:
        return tr("Dimensions");
    case CreatedColumn:
        return tr("Created");
    case UpdatedColumn:
        return tr("Updated");
    case TagsColumn:
        return tr("Tags");
    default:
        return {};
    }
}

Qt::ItemFlags FileListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> FileListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(FileIdRole, "fileId");
    names.insert(NameRole, "name");
    names.insert(PathRole, "path");
    names.insert(FolderRole, "folder");
    names.insert(UrlRole, "url");
    names.insert(IsFolderRole, "isFolder");
    names.insert(IsImageRole, "isImage");
    names.insert(MimeRole, "mime");
    names.insert(SizeRole, "size");
    names.insert(WidthRole, "width");
    names.insert(HeightRole, "height");
    names.insert(CreatedRole, "created");
    names.insert(UpdatedRole, "updated");
    names.insert(TagsRole, "tags");
    names.insert(IsPrivateRole, "isPrivate");
    names.insert(ThumbnailRole, "thumbnail");
    return names;
}

QString FileListModel::idsMimeType()
{
    return QStringLiteral("application/x-mediadesk-ids");
}

QStringList FileListModel::mimeTypes() const
{
    return {idsMimeType(), QStringLiteral("text/uri-list")};
}

QMimeData *FileListModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList ids;
    QList<QUrl> urls;
    for (const QModelIndex &index : indexes) {
        const FileEntry *e = entry(index.row());
        if (!e || ids.contains(e->id))
            continue;
        ids.append(e->id);
        if (!e->url.isEmpty())
            urls.append(QUrl(e->url));
    }
    if (ids.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(idsMimeType(), ids.join(QLatin1Char('\n')).toUtf8());
    if (!urls.isEmpty())
        data->setUrls(urls);
    return data;
}

} // namespace ikui
