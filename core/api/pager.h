#pragma once

#include "api/imagekit.h"

#include <QObject>
#include <QPointer>

namespace ik {

// Walks a listing (list files with any type/path/searchQuery) page by page with skip/limit.
// The page size is the options' limit (default and maximum 1000); a page with fewer entries
// than that is the last one. fetchMore() loads one page (for canFetchMore/fetchMore models);
// fetchAll() keeps going until the listing is exhausted or a page fails.
class FileListPager : public QObject
{
    Q_OBJECT

public:
    FileListPager(const ImageKit &imagekit, ListFilesOptions options, QObject *parent = nullptr);
    ~FileListPager() override;

    qint64 pageSize() const { return m_pageSize; }
    // Entries received so far.
    qint64 entryCount() const { return m_entryCount; }
    bool isExhausted() const { return m_exhausted; }
    bool isFetching() const { return !m_job.isNull(); }
    bool canFetchMore() const { return !m_exhausted && !isFetching() && !m_failed; }

public Q_SLOTS:
    void fetchMore();
    void fetchAll();
    // Aborts the page in flight (failed(Cancelled) follows) and stops fetchAll.
    void cancel();

Q_SIGNALS:
    // `skip` is the offset of the page's first entry.
    void pageReady(const ik::FileList &page, qint64 skip);
    // The listing is exhausted; `entryCount` entries in total.
    void finished(qint64 entryCount);
    // A page failed (invalid options, HTTP error ...). fetchMore() may be called again to retry.
    void failed(const ik::ApiError &error);

private:
    void onPage(const FileList &page);

    ImageKit m_imagekit;
    ListFilesOptions m_options;
    qint64 m_pageSize = ListFilesOptions::MaxLimit;
    qint64 m_nextSkip = 0;
    qint64 m_entryCount = 0;
    bool m_exhausted = false;
    bool m_failed = false;
    bool m_fetchAll = false;
    QPointer<FileListJob> m_job;
};

} // namespace ik
