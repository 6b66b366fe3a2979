#pragma once

#include "api/apierror.h"
#include "api/imagekit.h"

#include <QPointer>

#include "operations/operationmanager.h"
#include <QPixmap>
#include <QUrl>
#include <QWidget>

class QLabel;
class QNetworkReply;
class QPushButton;
class QTreeWidget;

namespace ikui {

class FileDetailsLoader;
class Operation;

class Session;

// The right-hand pane: everything about the selected file. Given a file id it loads the details
// (getFileDetails), the embedded metadata and EXIF (getFileMetadata) and the version history
// (getFileVersions), and offers restore and delete for older versions (after a confirmation
// that names the version). Answers for a file no longer shown are dropped.
class DetailsPane : public QWidget
{
    Q_OBJECT

public:
    explicit DetailsPane(QWidget *parent = nullptr);

    // The session whose files the pane shows (its store, loaders and operations); nullptr empties it.
    void setSession(Session *session);

    // Shows `fileId` (empty: nothing selected). `count` > 1 shows "N items selected".
    void showFile(const QString &fileId);
    void showSelectionCount(int count);
    void showFolder(const QString &folderPath);
    void clear();

    QString fileId() const { return m_fileId; }
    const ik::FileItem &file() const { return m_file; }
    bool isLoaded() const { return m_detailsLoaded; }
    bool versionsLoaded() const { return m_versionsLoaded; }
    bool metadataLoaded() const { return m_metadataLoaded; }
    // Version ids shown in the history, newest first (current version included).
    QStringList versionIds() const;
    // The preview as shown (null until loaded): tests compare it across versions.
    QPixmap previewPixmap() const;
    // Preview images received so far.
    int previewCount() const { return m_previewCount; }
    // A label's text by field name ("name", "path", "url", "size", "dimensions", "tags", ...).
    QString fieldText(const QString &field) const;

public Q_SLOTS:
    void restoreVersion(const QString &versionId);
    void deleteVersion(const QString &versionId);

Q_SIGNALS:
    // Details of the shown file arrived (also after a restore).
    void fileLoaded(const ik::FileItem &file);
    void versionDeleted(const QString &fileId, const QString &versionId);
    void errorOccurred(const QString &what, const ik::ApiError &error);
    // A version operation this pane started ended (or was refused).
    void operationEnded(const QString &title, bool ok);

private:
    void buildUi();
    void setField(const QString &field, const QString &text);
    void loadDetails();
    void loadMetadata();
    void loadVersions();
    void loadPreview(const ik::FileItem &file);
    QUrl previewUrlFor(const ik::FileItem &file) const;
    void fillFile(const ik::FileItem &file);
    void fillMetadata(const ik::FileMetadata &metadata);
    void fillVersions(const QList<ik::FileItem> &versions);
    void updateVersionButtons();
    QString selectedVersionId() const;
    QString versionNameOf(const QString &versionId) const;
    bool confirm(const QString &title, const QString &text);
    void onFilesChanged(const QStringList &ids);
    void startOperation(Operation *operation);

    FileDetailsLoader *m_loader = nullptr;
    QPointer<OperationManager> m_operations;
    QString m_fileId;
    ik::FileItem m_file;
    bool m_detailsLoaded = false;
    bool m_metadataLoaded = false;
    bool m_versionsLoaded = false;
    quint64 m_generation = 0;

    QLabel *m_title = nullptr;
    QLabel *m_preview = nullptr;
    QHash<QString, QLabel *> m_fields;
    QTreeWidget *m_metadata = nullptr;
    QTreeWidget *m_versions = nullptr;
    QPushButton *m_restore = nullptr;
    QPushButton *m_deleteVersion = nullptr;
    QWidget *m_fileWidgets = nullptr;
    QPointer<QNetworkReply> m_previewReply;
    int m_previewCount = 0;
};

} // namespace ikui
