#include "api/pager.h"

namespace ik {

FileListPager::FileListPager(const ImageKit &imagekit, ListFilesOptions options, QObject *parent)
    : QObject(parent)
    , m_imagekit(imagekit)
    , m_options(std::move(options))
{
    if (m_options.limit)
        m_pageSize = *m_options.limit;
    m_nextSkip = m_options.skip.value_or(0);
}

FileListPager::~FileListPager()
{
    if (m_job)
        m_job->cancel();
}

void FileListPager::fetchMore()
{
    if (m_exhausted || isFetching())
        return;
    m_failed = false;
    ListFilesOptions page = m_options;
    page.limit = m_pageSize;
    page.skip = m_nextSkip;
    m_job = m_imagekit.listFiles(page);
    connect(m_job, &FileListJob::finished, this, &FileListPager::onPage);
    connect(m_job, &ApiJob::failed, this, [this](const ApiError &error) {
        m_job.clear();
        m_failed = true;
        m_fetchAll = false;
        Q_EMIT failed(error);
    });
}

void FileListPager::fetchAll()
{
    m_fetchAll = true;
    fetchMore();
}

void FileListPager::cancel()
{
    m_fetchAll = false;
    if (m_job)
        m_job->cancel();
}

void FileListPager::onPage(const FileList &page)
{
    m_job.clear();
    const qint64 skip = m_nextSkip;
    const qint64 received = page.entryCount();
    m_entryCount += received;
    m_nextSkip += received;
    // A short page (or an empty one) means the server has nothing after it.
    m_exhausted = received < m_pageSize;
    Q_EMIT pageReady(page, skip);
    if (m_exhausted) {
        m_fetchAll = false;
        Q_EMIT finished(m_entryCount);
    } else if (m_fetchAll) {
        fetchMore();
    }
}

} // namespace ik
