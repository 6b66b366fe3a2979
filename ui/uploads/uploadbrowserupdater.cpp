#include "uploads/uploadbrowserupdater.h"

#include "browser/browsercontext.h"
#include "session/filestore.h"
#include "session/session.h"
#include "models/filelistmodel.h"
#include "models/foldertreemodel.h"

#include "api/results/fileitem.h"

#include <QDateTime>
#include <QSet>

#include <utility>

namespace ikui {

namespace {

QString parentOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

// The upload answer as the listing would describe the file (same wire names), so the browser
// can show it without asking the server again.
ik::FileItem fileItemOf(const ik::UploadResult &result)
{
    ik::FileItem file = ik::FileItem::fromJson(result.fields);
    file.type = QStringLiteral("file");
    if (file.fileId.isEmpty())
        file.fileId = result.fileId;
    if (file.name.isEmpty())
        file.name = result.name;
    if (file.filePath.isEmpty())
        file.filePath = result.filePath;
    if (file.createdAt.isEmpty()) // the upload answer has no timestamps; it was created just now
        file.createdAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    if (file.updatedAt.isEmpty())
        file.updatedAt = file.createdAt;
    return file;
}

} // namespace

UploadBrowserUpdater::UploadBrowserUpdater(BrowserContext *browser, QObject *parent)
    : QObject(parent)
    , m_browser(browser)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &UploadBrowserUpdater::flush);
}

void UploadBrowserUpdater::setInterval(int milliseconds)
{
    m_timer.setInterval(milliseconds);
}

void UploadBrowserUpdater::fileUploaded(const ik::UploadResult &result)
{
    m_pending << result;
    if (!m_timer.isActive())
        m_timer.start();
}

void UploadBrowserUpdater::flush()
{
    m_timer.stop();
    const QList<ik::UploadResult> results = std::exchange(m_pending, {});
    FileListModel *files = m_browser ? m_browser->fileModel() : nullptr;
    if (!files || results.isEmpty())
        return;
    const QString listed = files->folder();
    const bool listingFolder = files->searchQuery().isEmpty();
    const QString listedPrefix = listed == QLatin1String("/") ? listed : listed + QLatin1Char('/');
    bool relist = false;
    QSet<QString> uploadFolders;
    QList<ik::FileItem> uploaded;
    for (const ik::UploadResult &result : results)
        uploaded << fileItemOf(result);
    // Into the session's store: every listing shows the new files (and new versions) where they
    // belong, the listed folder's view among them.
    const int rowsBefore = files->rowCount();
    if (Session *session = m_browser->session())
        session->files()->putFiles(uploaded);
    const int inserted = files->rowCount() - rowsBefore;
    for (const ik::FileItem &file : std::as_const(uploaded)) {
        const QString folder = parentOf(file.filePath);
        uploadFolders.insert(folder);
        if (!listingFolder)
            continue; // a search's results are the server's to decide
        if (folder.startsWith(listedPrefix) && folder != listed) {
            // A folder upload: its top folder belongs in the listing (relisted once per name, so a
            // huge folder whose subfolder sorts beyond the loaded pages is not relisted every second).
            const QString childName = folder.mid(listedPrefix.size()).section(QLatin1Char('/'), 0, 0);
            const QString childPath = listedPrefix + childName;
            bool listedAlready = false;
            for (int row = 0; row < files->rowCount() && !listedAlready; ++row) {
                const QModelIndex index = files->index(row, 0);
                listedAlready = index.data(FileListModel::IsFolderRole).toBool()
                    && index.data(FileListModel::NameRole).toString() == childName;
            }
            if (!listedAlready && !m_relistedFor.contains(childPath)) {
                m_relistedFor.insert(childPath);
                relist = true;
            }
        }
    }
    if (relist)
        m_browser->refresh();
    if (FolderTreeModel *tree = m_browser->folderModel()) {
        // A folder the tree does not know yet appears under its parent when that one is loaded.
        QSet<QString> parentsToRelist;
        for (const QString &folder : std::as_const(uploadFolders)) {
            QString path = folder;
            while (path != QLatin1String("/") && !tree->indexForPath(path).isValid()) {
                const QString parent = parentOf(path);
                const QModelIndex parentIndex = tree->indexForPath(parent);
                if (parentIndex.isValid()) {
                    if (parentIndex.data(FolderTreeModel::IsLoadedRole).toBool()
                        && !tree->isLoading(parentIndex))
                        parentsToRelist.insert(parent);
                    break;
                }
                path = parent;
            }
        }
        for (const QString &parent : std::as_const(parentsToRelist))
            tree->refresh(parent);
    }
    if (inserted > 0 || relist)
        Q_EMIT browserUpdated(inserted);
}

} // namespace ikui
