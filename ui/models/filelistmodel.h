#pragma once

#include <memory>

#include "session/fileentry.h"
#include "models/filepageparser.h"

#include "api/apierror.h"
#include "api/imagekit.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QVector>

class QTimer;

namespace ikui {

class FileStore;
class ThumbnailProvider;
struct ThumbnailSource;

// The files and subfolders of one folder (or the results of a searchQuery), as a table:
// Name | Type | Size | Dimensions | Created | Updated | Tags. A QListView shows column 0 (its
// DecorationRole is the thumbnail), a QTreeView the details.
//
// Pages through list files (type=all: the server lists folders first, then files) with
// skip/limit, ONE page per fetchMore(), only when the view asks: nothing is requested by
// setFolder() itself until a view (or the caller) calls fetchMore(). Rows are compact
// FileEntry records in the session's FileStore; the full ik::FileItem of a file comes from
// FileDetailsLoader (into the same store).
//
// The UI thread never parses a page: the body goes to a worker thread (QtConcurrent,
// FilePageParser) and comes back as rows, which are inserted at most insertSliceSize() per
// event-loop turn. A page counts as loading (isLoading(), canFetchMore() false) until its last
// row is in. Changing the listing drops a page still being parsed or inserted; an edit
// (updateFile, removeEntries, insertFile ...) first completes the page in progress, so it always
// sees every row received.
//
//     ikui::FileListModel model(&imagekit);
//     model.setThumbnailProvider(&thumbnails);
//     model.setFolder(QStringLiteral("/photos"));
//     listView->setModel(&model);          // the view calls fetchMore() as it scrolls
//     // on scroll: model.setVisibleRows(first, last) (or use ikui::VisibleRowsWatcher)
class FileListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, TypeColumn, SizeColumn, DimensionsColumn, CreatedColumn, UpdatedColumn,
                  TagsColumn, ColumnCount };

    enum Role {
        FileIdRole = Qt::UserRole + 1, // QString: fileId (folderId for folders)
        NameRole,                      // QString
        PathRole,                      // QString: "/folder/name"
        FolderRole,                    // QString: the parent folder of the entry
        UrlRole,                       // QString: delivery URL (empty for folders)
        IsFolderRole,                  // bool
        IsImageRole,                   // bool
        MimeRole,                      // QString
        SizeRole,                      // qint64 bytes (-1 folders)
        WidthRole,                     // int (0 unknown)
        HeightRole,                    // int
        CreatedRole,                   // QDateTime UTC
        UpdatedRole,                   // QDateTime UTC
        TagsRole,                      // QStringList
        IsPrivateRole,                 // bool
        ThumbnailRole,                 // QPixmap from the ThumbnailProvider (placeholder until loaded)
    };

    // `imagekit` must outlive the model.
    explicit FileListModel(const ik::ImageKit *imagekit, QObject *parent = nullptr);
    ~FileListModel() override;

    // The session's store the rows live in (the model holds their ids and a reference on each):
    // any change there shows here. nullptr: a store of the model's own (standalone use).
    void setStore(FileStore *store);
    FileStore *store() const { return m_store; }

    // --- what to list (each resets the model; the first page comes with the next fetchMore())
    void setFolder(const QString &folderPath);
    QString folder() const { return m_folder; }
    // ImageKit searchQuery language; empty lists the folder. While searching, results cover the
    // whole library when `searchEverywhere` (default), otherwise only the current folder.
    void setSearchQuery(const QString &query, bool searchEverywhere = true);
    QString searchQuery() const { return m_searchQuery; }
    // The list files `sort` value: ASC_NAME (default), DESC_NAME, ASC_CREATED, DESC_CREATED,
    // ASC_UPDATED, DESC_UPDATED, ASC_SIZE, DESC_SIZE, ASC_WIDTH, ... Unknown keys are ignored
    // (returns false).
    bool setSort(const QString &sortKey);
    QString sort() const { return m_sort; }
    // "all" (default), "image", "non-image". Unknown values return false.
    bool setFileTypeFilter(const QString &fileType);
    QString fileTypeFilter() const { return m_fileType; }
    // Entries per request, 1..1000 (default 1000).
    void setPageSize(int pageSize);
    int pageSize() const { return m_pageSize; }
    // A smaller first page (0 = the page size): the first screen shows sooner and the UI thread
    // parses less at once; later pages use pageSize().
    void setFirstPageSize(int firstPageSize);
    // Rows inserted per event-loop turn while a page comes in (default 1000, i.e. a whole page:
    // each insertion makes a view lay out all its rows again, so fewer, larger insertions cost
    // the UI thread less; the parse, not the insertion, is the expensive part). 1..1000.
    void setInsertSliceSize(int rows);
    int insertSliceSize() const { return m_insertSliceSize; }
    // Drops every row and lists again from the start (F5).
    void refresh();
    // After a failed page: fetch it again.
    void retry();

    // A page is requested, parsed or inserted.
    bool isLoading() const { return !m_pageJob.isNull() || m_parse || !m_pendingRows.isEmpty(); }
    // Every entry of the listing is loaded.
    bool isComplete() const { return m_exhausted; }
    // Page requests sent since construction (tests and benchmarks).
    int pageRequestCount() const { return m_pageRequestCount; }

    // --- thumbnails
    void setThumbnailProvider(ThumbnailProvider *provider);
    ThumbnailProvider *thumbnailProvider() const;
    // The rows on screen (inclusive); thumbnails are requested for exactly these, visible-first,
    // and requests for rows scrolled away are cancelled. (-1, -1): nothing visible.
    void setVisibleRows(int first, int last);

    // --- rows
    const FileEntry *entry(int row) const;
    // The row of an id among the loaded rows, or -1.
    int rowOfId(const QString &id) const;

    // --- updates after operations, without a refresh: each goes into the store, which every
    // listing of the session observes
    // Replaces the row of `file.fileId` (rename, tag or metadata edits, restore). False if not loaded.
    bool updateFile(const ik::FileItem &file);
    // Renames a loaded row in place (name and path; the URL follows the new name).
    bool renameEntry(const QString &id, const QString &newName);
    // Removes loaded rows by id (deleted or moved away); returns how many were removed.
    int removeEntries(const QStringList &ids);
    // A file uploaded (or copied/moved) into the listed folder: inserted at its sorted place among
    // the loaded rows, or left for a later page when it sorts after them. False when it does not
    // belong to this listing (another folder, filtered out, already present).
    bool insertFile(const ik::FileItem &file);
    // A folder created in the listed folder (same rules as insertFile).
    bool insertFolder(const ik::FolderItem &folder);

    // --- QAbstractItemModel
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QHash<int, QByteArray> roleNames() const override;
    // Drag: file and folder ids as "application/x-mediadesk-ids" (one id per line) plus URLs.
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;

    static QString idsMimeType();

Q_SIGNALS:
    void loadingChanged(bool loading);
    void errorOccurred(const ik::ApiError &error);
    // Every entry is loaded (emitted once per listing).
    void listingComplete(int rowCount);

private:
    void resetListing();
    void onPageBody(const ik::ResponseMetadata &response, quint64 generation);
    void onPageParsed(ParsedFilePage page, const ik::ResponseMetadata &response);
    void onPageFailed(const ik::ApiError &error, quint64 generation);
    // Inserts up to `maxRows` pending rows; schedules the rest for the next event-loop turn.
    void insertPendingRows(int maxRows);
    void insertPendingRowsNow(int maxRows, QStringList &changed);
    // Completes the page in progress now (waits for its parse, inserts every row): for edits,
    // which must see every received row.
    void settlePendingPage();
    void dropPendingPage();
    QList<ThumbnailSource> thumbnailSources(int first, int last) const;
    void onThumbnailReady(const QString &fileId);
    int sortedInsertRow(const FileEntry &entry) const;
    bool lessBySort(const FileEntry &a, const FileEntry &b) const;
    bool insertListed(const FileEntry &entry);
    void onStoreChanged(const QStringList &ids);
    void onStoreRemoved(const QStringList &ids);
    void dropRow(int row);
    const FileEntry &at(int row) const;
    QString idAt(int row) const;
    // Would be listed here: the listed folder (not a search) and the type filter.
    bool belongsInListing(const FileEntry &entry) const;

    ik::ImageKit m_imagekit;        // a copy: it only holds the ApiClient pointer
    QPointer<ThumbnailProvider> m_thumbnails;
    QString m_folder = QStringLiteral("/");
    QString m_searchQuery;
    bool m_searchEverywhere = true;
    QString m_sort = QStringLiteral("ASC_NAME");
    QString m_fileType = QStringLiteral("all");
    int m_pageSize = ik::ListFilesOptions::MaxLimit;
    int m_firstPageSize = 0;
    int m_requestedLimit = 0;        // the limit of the page in flight: a shorter answer ends the listing

    FileStore *m_store = nullptr;
    std::unique_ptr<FileStore> m_ownStore;
    QVector<int> m_rows;             // store slots of the listed entries, in order (each referenced)
    QSet<QString> m_locallyInserted; // ids added by insertFile/insertFolder: skipped when a page repeats them
    qint64 m_nextSkip = 0;
    bool m_exhausted = false;
    bool m_failed = false;
    quint64 m_generation = 0;        // bumped on every reset: answers of older listings are dropped
    QPointer<ik::FileListJob> m_pageJob;
    QFutureWatcher<ParsedFilePage> *m_parse = nullptr; // the page being parsed on a worker
    ik::ResponseMetadata m_parsingResponse;             // its response (for an error report)
    QVector<FileEntry> m_pendingRows;                   // parsed, not yet inserted, in order
    qsizetype m_pendingNext = 0;                        // next of m_pendingRows to insert
    int m_insertSliceSize = ik::ListFilesOptions::MaxLimit;
    QTimer *m_sliceTimer;                               // zero-interval: the next slice
    int m_pageRequestCount = 0;
    int m_visibleFirst = -1;
    int m_visibleLast = -1;
};

} // namespace ikui
