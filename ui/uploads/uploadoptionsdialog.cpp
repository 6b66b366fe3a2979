#include "uploads/uploadoptionsdialog.h"

#include "uploads/custommetadataeditor.h"
#include "uploadqueue/uploadplanner.h"

#include "session/custommetadatafields.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include <limits>

namespace ikui {

namespace {

const QString RememberedKey = QStringLiteral("uploads/batchOptions");

QStringList splitTags(const QString &text)
{
    QStringList tags;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString tag = part.trimmed();
        if (!tag.isEmpty() && !tags.contains(tag))
            tags << tag;
    }
    return tags;
}

} // namespace

UploadOptionsDialog::UploadOptionsDialog(CustomMetadataFields *fields, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("uploadOptionsDialog"));
    setWindowTitle(tr("Upload"));
    setAccessibleName(tr("Upload options"));

    auto *layout = new QVBoxLayout(this);
    auto *summaryRow = new QHBoxLayout;
    m_summary = new QLabel(tr("Counting files…"), this);
    m_summary->setObjectName(QStringLiteral("uploadSummary"));
    m_summary->setWordWrap(true);
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("uploadCountingIndicator"));
    m_busy->setAccessibleName(tr("Counting files"));
    m_busy->setRange(0, 0); // busy: the walk has no known length
    m_busy->setMaximumWidth(120);
    m_busy->setTextVisible(false);
    summaryRow->addWidget(m_summary, 1);
    summaryRow->addWidget(m_busy);
    layout->addLayout(summaryRow);
    m_skipped = new QLabel(this);
    m_skipped->setObjectName(QStringLiteral("uploadSkippedPaths"));
    m_skipped->setWordWrap(true);
    m_skipped->hide();
    layout->addWidget(m_skipped);

    auto *form = new QFormLayout;
    m_tags = new QLineEdit(this);
    m_tags->setObjectName(QStringLiteral("uploadTags"));
    m_tags->setAccessibleName(tr("Tags, separated by commas"));
    m_tags->setPlaceholderText(tr("tag1, tag2"));
    form->addRow(tr("&Tags:"), m_tags);
    m_private = new QCheckBox(tr("&Private files (delivered only with signed URLs)"), this);
    m_private->setObjectName(QStringLiteral("uploadPrivate"));
    form->addRow(QString(), m_private);
    m_unique = new QCheckBox(tr("Add a &unique suffix to every file name"), this);
    m_unique->setObjectName(QStringLiteral("uploadUniqueNames"));
    form->addRow(QString(), m_unique);
    m_whenExists = new QComboBox(this);
    m_whenExists->setObjectName(QStringLiteral("uploadWhenExists"));
    m_whenExists->setAccessibleName(tr("When a file with that name exists"));
    m_whenExists->addItem(tr("Replace it (the old file is kept as a version)"),
                          UploadBatchOptions::whenExistsName(UploadBatchOptions::WhenExists::NewVersion));
    m_whenExists->addItem(tr("Keep both (the new file gets a unique name)"),
                          UploadBatchOptions::whenExistsName(UploadBatchOptions::WhenExists::KeepBoth));
    m_whenExists->addItem(tr("Skip the file"), UploadBatchOptions::whenExistsName(UploadBatchOptions::WhenExists::Skip));
    form->addRow(tr("When the name &exists:"), m_whenExists);
    layout->addLayout(form);

    auto *metadataBox = new QGroupBox(tr("Custom metadata"), this);
    auto *metadataLayout = new QVBoxLayout(metadataBox);
    m_metadata = new CustomMetadataEditor(metadataBox);
    m_metadata->setObjectName(QStringLiteral("uploadMetadata"));
    metadataLayout->addWidget(m_metadata);
    layout->addWidget(metadataBox);

    auto *extensionsLabel = new QLabel(tr("E&xtensions (JSON array, e.g. [{\"name\": \"google-auto-tagging\", "
                                          "\"maxTags\": 5, \"minConfidence\": 95}]):"), this);
    extensionsLabel->setWordWrap(true);
    m_extensions = new QPlainTextEdit(this);
    m_extensions->setObjectName(QStringLiteral("uploadExtensions"));
    m_extensions->setAccessibleName(tr("Extensions as a JSON array"));
    m_extensions->setTabChangesFocus(true);
    m_extensions->setMaximumHeight(m_extensions->fontMetrics().lineSpacing() * 4);
    extensionsLabel->setBuddy(m_extensions);
    layout->addWidget(extensionsLabel);
    layout->addWidget(m_extensions);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("uploadOptionsError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #c01c28; }"));
    m_error->hide();
    layout->addWidget(m_error);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Upload"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &UploadOptionsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &UploadOptionsDialog::reject);

    m_planner = new UploadPlanner(this);
    connect(m_planner, &UploadPlanner::planned, this, &UploadOptionsDialog::onPlanned);
    connect(m_planner, &UploadPlanner::skippedPaths, this, [this](const QStringList &reasons) {
        const int shown = 5;
        QString text = tr("Left out: %1").arg(reasons.mid(0, shown).join(QStringLiteral("; ")));
        if (reasons.size() > shown)
            text += tr(" and %n more", nullptr, int(reasons.size() - shown));
        m_skipped->setText(text);
        m_skipped->show();
    });

    connect(m_tags, &QLineEdit::textChanged, this, &UploadOptionsDialog::validate);
    connect(m_extensions, &QPlainTextEdit::textChanged, this, &UploadOptionsDialog::validate);
    connect(m_metadata, &CustomMetadataEditor::edited, this, &UploadOptionsDialog::validate);

    setOptions(rememberedOptions());

    if (fields) {
        connect(fields, &CustomMetadataFields::fieldsChanged, this, [this](const QList<ik::CustomMetadataField> &list) {
            m_metadata->setFields(list);
            validate();
        });
        connect(fields, &CustomMetadataFields::failed, this,
                [this](const ik::ApiError &error) { m_metadata->setFieldsUnavailable(error.message()); });
        if (fields->isLoaded()) {
            m_metadata->setFields(fields->fields());
            validate();
        } else {
            fields->load();
        }
    }
}

UploadOptionsDialog::~UploadOptionsDialog()
{
    m_planner->cancel();
}

void UploadOptionsDialog::plan(const QStringList &localPaths, const QString &targetFolder)
{
    m_targetFolder = UploadPlanner::normaliseFolder(targetFolder);
    m_planned = false;
    m_sources.clear();
    m_files = m_bytes = 0;
    m_summary->setText(tr("Counting files for %1…").arg(m_targetFolder));
    m_busy->show();
    m_skipped->hide();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_planner->start(localPaths, m_targetFolder);
}

void UploadOptionsDialog::onPlanned(const QList<UploadSource> &sources, qint64 files, qint64 bytes)
{
    m_sources = sources;
    m_files = files;
    m_bytes = bytes;
    m_planned = true;
    m_busy->hide();
    if (files == 0)
        m_summary->setText(tr("Nothing to upload: the dropped items hold no readable files."));
    else
        m_summary->setText(tr("%n file(s), %1, to %2", nullptr, int(qMin<qint64>(files, std::numeric_limits<int>::max())))
                               .arg(QLocale().formattedDataSize(bytes), m_targetFolder));
    validate();
}

void UploadOptionsDialog::setOptions(const UploadBatchOptions &options)
{
    m_tags->setText(options.tags.join(QStringLiteral(", ")));
    m_metadata->setValues(options.customMetadata);
    m_private->setChecked(options.isPrivate);
    m_unique->setChecked(options.useUniqueFileName);
    const int index = m_whenExists->findData(UploadBatchOptions::whenExistsName(options.whenExists));
    m_whenExists->setCurrentIndex(qMax(0, index));
    m_extensions->setPlainText(options.extensionsJson);
    validate();
}

UploadBatchOptions UploadOptionsDialog::options(QString *error) const
{
    UploadBatchOptions options;
    QString problem;
    options.tags = splitTags(m_tags->text());
    options.customMetadata = m_metadata->values(&problem);
    options.isPrivate = m_private->isChecked();
    options.useUniqueFileName = m_unique->isChecked();
    options.whenExists = UploadBatchOptions::whenExistsFromName(m_whenExists->currentData().toString());
    options.extensionsJson = m_extensions->toPlainText().trimmed();
    if (problem.isEmpty() && !options.extensionsJson.isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(options.extensionsJson.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError)
            problem = tr("Extensions are not valid JSON: %1 (at character %2).")
                          .arg(parseError.errorString())
                          .arg(parseError.offset);
        else if (!document.isArray())
            problem = tr("Extensions must be a JSON array of objects, e.g. [{\"name\": \"remove-bg\"}].");
    }
    if (problem.isEmpty())
        problem = options.validationError();
    if (error)
        *error = problem;
    return options;
}

QString UploadOptionsDialog::errorText() const
{
    return m_error->text();
}

void UploadOptionsDialog::validate()
{
    QString problem;
    options(&problem);
    m_error->setText(problem);
    m_error->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_planned && m_files > 0 && problem.isEmpty());
}

void UploadOptionsDialog::accept()
{
    validate();
    QString problem;
    const UploadBatchOptions chosen = options(&problem);
    if (!problem.isEmpty())
        return; // the message is shown; the sheet stays open
    if (!m_planned || m_files == 0) {
        m_error->setText(m_planned ? tr("There is nothing to upload.") : tr("Still counting the files…"));
        m_error->show();
        return;
    }
    rememberOptions(chosen);
    QDialog::accept();
}

UploadBatchOptions UploadOptionsDialog::rememberedOptions()
{
    UploadBatchOptions options;
    const QString json = QSettings().value(RememberedKey).toString();
    if (!json.isEmpty() && !UploadBatchOptions::fromJson(json, &options))
        options = UploadBatchOptions();
    return options;
}

void UploadOptionsDialog::rememberOptions(const UploadBatchOptions &options)
{
    QSettings().setValue(RememberedKey, options.toJson());
}

} // namespace ikui
