#include "session/filesearch.h"

#include "session/filestore.h"

namespace ikui {

FileSearch::FileSearch(const ik::ImageKit &imagekit, FileStore *store, QObject *parent)
    : QObject(parent)
    , m_imagekit(imagekit)
    , m_store(store)
{
}

void FileSearch::cancel()
{
    if (m_job)
        m_job->cancel();
    m_job = nullptr;
}

void FileSearch::search(const QString &searchQuery, int limit)
{
    cancel();
    ik::ListFilesOptions options;
    options.searchQuery = searchQuery;
    options.type = QStringLiteral("file");
    options.limit = limit;
    ik::FileListJob *job = m_imagekit.listFiles(options);
    m_job = job;
    connect(job, &ik::FileListJob::finished, this, [this, job](const ik::FileList &list) {
        if (job != m_job)
            return;
        m_job = nullptr;
        if (m_store)
            m_store->putFiles(list.files);
        Q_EMIT resultsReady(list.files);
    });
    connect(job, &ik::ApiJob::failed, this, [this, job](const ik::ApiError &error) {
        if (job != m_job)
            return;
        m_job = nullptr;
        Q_EMIT failed(error);
    });
}

} // namespace ikui
