#pragma once

#include "uploadqueue/uploadbatchoptions.h"
#include "uploadqueue/uploadsource.h"

#include <QDialog>
#include <QList>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;

namespace ik {
class ImageKit;
}

namespace ikui {

class CustomMetadataFields;

class CustomMetadataEditor;
class UploadPlanner;

// The compact sheet shown before a batch starts: what will go where (files and bytes, counted off
// the UI thread with a busy indicator), tags, custom metadata, private, unique names, what to do
// when the name exists, and extensions (JSON, validated). The options are remembered between
// batches (QSettings "uploads/batchOptions"). OK stays disabled until the count is known;
// accepting with invalid input shows the reason and keeps the sheet open.
class UploadOptionsDialog : public QDialog
{
    Q_OBJECT

public:
    // `imagekit` (may be null) lists the account's custom metadata fields for typed editors.
    // `fields`: the session's custom metadata fields (nullptr: none offered).
    explicit UploadOptionsDialog(CustomMetadataFields *fields, QWidget *parent = nullptr);
    ~UploadOptionsDialog() override;

    // Starts counting what `localPaths` expand to under `targetFolder`.
    void plan(const QStringList &localPaths, const QString &targetFolder);
    bool isPlanned() const { return m_planned; }
    QList<UploadSource> sources() const { return m_sources; }
    qint64 fileCount() const { return m_files; }
    qint64 byteCount() const { return m_bytes; }
    QString targetFolder() const { return m_targetFolder; }

    void setOptions(const UploadBatchOptions &options);
    // The options as entered; *error (when given) says what is invalid.
    UploadBatchOptions options(QString *error = nullptr) const;
    // The reason accept() refused, or empty.
    QString errorText() const;

    static UploadBatchOptions rememberedOptions();
    static void rememberOptions(const UploadBatchOptions &options);

public Q_SLOTS:
    void accept() override;

private:
    void onPlanned(const QList<UploadSource> &sources, qint64 files, qint64 bytes);
    void validate();

    UploadPlanner *m_planner = nullptr;
    QLabel *m_summary = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_skipped = nullptr;
    QLineEdit *m_tags = nullptr;
    CustomMetadataEditor *m_metadata = nullptr;
    QCheckBox *m_private = nullptr;
    QCheckBox *m_unique = nullptr;
    QComboBox *m_whenExists = nullptr;
    QPlainTextEdit *m_extensions = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;

    QList<UploadSource> m_sources;
    QString m_targetFolder;
    qint64 m_files = 0;
    qint64 m_bytes = 0;
    bool m_planned = false;
};

} // namespace ikui
