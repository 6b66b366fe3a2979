#include "editing/tagcatalog.h"

#include "session/filestore.h"

#include "api/jobs/filelistjob.h"

#include <algorithm>

namespace ikui {

TagCatalog::TagCatalog(const ik::ImageKit &imagekit, FileStore *store, QObject *parent)
    : QObject(parent)
    , m_imagekit(imagekit)
    , m_store(store)
{
    if (store) {
        // Tags only ever join the catalogue: a tag removed from the files the session knows may
        // still be on others, so it stays offered.
        connect(store, &FileStore::filesChanged, this, [this](const QStringList &ids) {
            if (m_dirty || !m_store)
                return;
            bool grew = false;
            for (const QString &id : ids) {
                if (const FileEntry *entry = m_store->entry(id)) {
                    for (const QString &tag : entry->tags) {
                        if (!m_known.contains(tag)) {
                            m_known.insert(tag);
                            grew = true;
                        }
                    }
                }
            }
            if (grew)
                m_dirty = true;
        });
    }
}

void TagCatalog::rebuild() const
{
    if (!m_dirty)
        return;
    m_dirty = false;
    if (m_store) {
        m_store->forEachEntry([this](const FileEntry &entry) {
            for (const QString &tag : entry.tags)
                m_known.insert(tag);
        });
    }
    for (auto it = m_searched.cbegin(); it != m_searched.cend(); ++it) {
        if (it.value() == Usage::Used)
            m_known.insert(it.key());
    }
    m_sorted = QStringList(m_known.cbegin(), m_known.cend());
    std::sort(m_sorted.begin(), m_sorted.end(),
              [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
}

QStringList TagCatalog::tags() const
{
    rebuild();
    return m_sorted;
}

QStringList TagCatalog::completions(const QString &text, int limit) const
{
    rebuild();
    const QString needle = text.trimmed();
    QStringList starting;
    QStringList containing;
    for (const QString &tag : std::as_const(m_sorted)) {
        if (needle.isEmpty() || tag.startsWith(needle, Qt::CaseInsensitive))
            starting << tag;
        else if (tag.contains(needle, Qt::CaseInsensitive))
            containing << tag;
        if (starting.size() >= limit)
            break;
    }
    return (starting + containing).mid(0, limit);
}

TagCatalog::Usage TagCatalog::usage(const QString &tag) const
{
    rebuild();
    if (m_known.contains(tag))
        return Usage::Used;
    return m_searched.value(tag, Usage::Unknown);
}

void TagCatalog::lookUp(const QString &tag)
{
    if (tag.isEmpty() || usage(tag) != Usage::Unknown || m_asking.contains(tag))
        return;
    m_asking.insert(tag);
    ik::ListFilesOptions options;
    QString escaped = tag;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
    options.searchQuery = QStringLiteral("tags IN [\"%1\"]").arg(escaped);
    options.limit = 1;
    ik::FileListJob *job = m_imagekit.listFiles(options);
    connect(job, &ik::FileListJob::finished, this, [this, tag](const ik::FileList &list) {
        m_asking.remove(tag);
        const Usage found = list.files.isEmpty() ? Usage::New : Usage::Used;
        m_searched.insert(tag, found);
        if (found == Usage::Used)
            m_dirty = true;
        Q_EMIT usageKnown(tag, found);
    });
    connect(job, &ik::ApiJob::failed, this, [this, tag](const ik::ApiError &) {
        m_asking.remove(tag); // stays Unknown: asked again next time
    });
}

} // namespace ikui
