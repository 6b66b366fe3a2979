#include "details/detailspane.h"

#include "operations/confirmationtext.h"
#include "operations/operation.h"
#include "operations/operationmanager.h"
#include "session/filedetailsloader.h"
#include "session/filestore.h"
#include "session/session.h"
#include "operations/errortext.h"

#include "api/apiclient.h"
#include "url/urlbuilder.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QGridLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QScrollArea>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ikui {

namespace {

constexpr int PreviewSize = 240;

QString jsonText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QLocale::c().toString(value.toDouble(), 'g', 12);
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

QString dateText(const QString &iso)
{
    const QDateTime when = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!when.isValid())
        return iso;
    return QLocale().toString(when.toLocalTime(), QLocale::ShortFormat);
}

QString yesNo(const std::optional<bool> &value)
{
    if (!value)
        return QCoreApplication::translate("ikui::DetailsPane", "unknown");
    return *value ? QCoreApplication::translate("ikui::DetailsPane", "yes")
                  : QCoreApplication::translate("ikui::DetailsPane", "no");
}

} // namespace

DetailsPane::DetailsPane(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("detailsPane"));
    setAccessibleName(tr("File details"));
    buildUi();
    clear();
}

void DetailsPane::buildUi()
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);

    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    scroll->setWidget(content);

    m_title = new QLabel(content);
    m_title->setObjectName(QStringLiteral("detailsTitle"));
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    m_fileWidgets = new QWidget(content);
    auto *fileLayout = new QVBoxLayout(m_fileWidgets);
    fileLayout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_fileWidgets);

    m_preview = new QLabel(m_fileWidgets);
    m_preview->setObjectName(QStringLiteral("detailsPreview"));
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setMinimumHeight(PreviewSize / 2);
    m_preview->setAccessibleName(tr("Preview"));
    fileLayout->addWidget(m_preview);

    // A grid, not a QFormLayout: the form gave wrapped values (URL, dates in a narrow pane) the
    // height of one line less than they need, clipping their last line.
    auto *form = new QGridLayout;
    form->setColumnStretch(1, 1);
    const QList<std::pair<const char *, QString>> fields = {
        {"name", tr("Name")}, {"path", tr("Path")}, {"url", tr("URL")}, {"type", tr("Type")},
        {"size", tr("Size")}, {"dimensions", tr("Dimensions")}, {"created", tr("Created")},
        {"updated", tr("Updated")}, {"tags", tr("Tags")}, {"aiTags", tr("AI tags")},
        {"customMetadata", tr("Custom metadata")}, {"customCoordinates", tr("Custom coordinates")},
        {"private", tr("Private")}, {"published", tr("Published")}, {"version", tr("Version")}};
    int row = 0;
    for (const auto &[key, label] : fields) {
        auto *value = new QLabel(m_fileWidgets);
        value->setObjectName(QStringLiteral("detail:") + QLatin1String(key));
        value->setWordWrap(true);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        value->setAccessibleName(label);
        auto *caption = new QLabel(label + QLatin1Char(':'), m_fileWidgets);
        caption->setBuddy(value);
        form->addWidget(caption, row, 0, Qt::AlignTop | Qt::AlignLeft);
        form->addWidget(value, row++, 1, Qt::AlignTop);
        m_fields.insert(QLatin1String(key), value);
    }
    fileLayout->addLayout(form);

    auto *metadataTitle = new QLabel(tr("Embedded metadata and EXIF"), m_fileWidgets);
    metadataTitle->setFont(m_title->font());
    fileLayout->addWidget(metadataTitle);
    m_metadata = new QTreeWidget(m_fileWidgets);
    m_metadata->setObjectName(QStringLiteral("detailsMetadata"));
    m_metadata->setAccessibleName(tr("Embedded metadata and EXIF"));
    m_metadata->setHeaderLabels({tr("Field"), tr("Value")});
    m_metadata->setMinimumHeight(140);
    m_metadata->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    fileLayout->addWidget(m_metadata);

    auto *versionsTitle = new QLabel(tr("Version history"), m_fileWidgets);
    versionsTitle->setFont(m_title->font());
    fileLayout->addWidget(versionsTitle);
    m_versions = new QTreeWidget(m_fileWidgets);
    m_versions->setObjectName(QStringLiteral("detailsVersions"));
    m_versions->setAccessibleName(tr("Version history"));
    m_versions->setHeaderLabels({tr("Version"), tr("Size"), tr("Created")});
    m_versions->setRootIsDecorated(false);
    m_versions->setMinimumHeight(100);
    fileLayout->addWidget(m_versions);
    connect(m_versions, &QTreeWidget::itemSelectionChanged, this, &DetailsPane::updateVersionButtons);

    auto *buttons = new QHBoxLayout;
    m_restore = new QPushButton(tr("Restore version"), m_fileWidgets);
    m_restore->setObjectName(QStringLiteral("restoreVersion"));
    m_restore->setAccessibleName(tr("Restore the selected version"));
    m_deleteVersion = new QPushButton(tr("Delete version"), m_fileWidgets);
    m_deleteVersion->setObjectName(QStringLiteral("deleteVersion"));
    m_deleteVersion->setAccessibleName(tr("Delete the selected version"));
    buttons->addWidget(m_restore);
    buttons->addWidget(m_deleteVersion);
    buttons->addStretch(1);
    fileLayout->addLayout(buttons);
    connect(m_restore, &QPushButton::clicked, this, [this] { restoreVersion(selectedVersionId()); });
    connect(m_deleteVersion, &QPushButton::clicked, this, [this] { deleteVersion(selectedVersionId()); });

    layout->addStretch(1);
    setMinimumWidth(280);
}

void DetailsPane::setSession(Session *session)
{
    delete m_loader;
    m_loader = nullptr;
    m_operations = session ? session->operations() : nullptr;
    if (session) {
        m_loader = new FileDetailsLoader(session->imageKit(), session->files(), this);
        connect(session->files(), &FileStore::filesChanged, this, &DetailsPane::onFilesChanged);
        connect(session->files(), &FileStore::filesRemoved, this, [this](const QStringList &ids) {
            if (ids.contains(m_fileId))
                clear();
        });
        connect(m_loader, &FileDetailsLoader::detailsFailed, this, [this](const QString &fileId, const ik::ApiError &error) {
            if (fileId != m_fileId)
                return;
            m_title->setText(ErrorText::full(tr("Loading the file's details"), error));
            Q_EMIT errorOccurred(tr("Loading the file's details"), error);
        });
        connect(m_loader, &FileDetailsLoader::metadataLoaded, this,
                [this](const QString &fileId, const ik::FileMetadata &metadata) {
                    if (fileId == m_fileId)
                        fillMetadata(metadata);
                });
        connect(m_loader, &FileDetailsLoader::metadataFailed, this, [this](const QString &fileId, const ik::ApiError &error) {
            if (fileId != m_fileId)
                return;
            m_metadata->clear();
            auto *item = new QTreeWidgetItem(m_metadata, {tr("Not available"), error.message()});
            item->setToolTip(1, ErrorText::whatToTry(error));
            m_metadataLoaded = true;
        });
        connect(m_loader, &FileDetailsLoader::versionsLoaded, this,
                [this](const QString &fileId, const QList<ik::FileItem> &versions) {
                    if (fileId == m_fileId)
                        fillVersions(versions);
                });
        connect(m_loader, &FileDetailsLoader::versionsFailed, this, [this](const QString &fileId, const ik::ApiError &error) {
            if (fileId != m_fileId)
                return;
            m_versions->clear();
            new QTreeWidgetItem(m_versions, {ErrorText::summary(tr("Loading versions"), error)});
            m_versionsLoaded = true;
        });
    }
    clear();
}

void DetailsPane::onFilesChanged(const QStringList &ids)
{
    if (m_fileId.isEmpty() || !ids.contains(m_fileId) || !m_loader)
        return;
    const ik::FileItem *file = m_loader->store()->details(m_fileId);
    if (!file) {
        // Changed without a full answer (renamed, moved): ask for the details again.
        m_loader->loadDetails(m_fileId);
        return;
    }
    const bool newVersion = m_detailsLoaded && file->versionInfo.id != m_file.versionInfo.id;
    fillFile(*file);
    Q_EMIT fileLoaded(*file);
    if (newVersion) {
        m_versionsLoaded = false;
        m_loader->loadVersions(m_fileId);
        m_loader->loadMetadata(m_fileId);
    }
}

void DetailsPane::clear()
{
    ++m_generation;
    m_fileId.clear();
    m_file = {};
    m_detailsLoaded = m_metadataLoaded = m_versionsLoaded = false;
    if (m_previewReply)
        m_previewReply->abort();
    m_title->setText(tr("Nothing selected"));
    m_fileWidgets->hide();
}

void DetailsPane::showSelectionCount(int count)
{
    clear();
    m_title->setText(tr("%n item(s) selected", nullptr, count));
}

void DetailsPane::showFolder(const QString &folderPath)
{
    clear();
    m_title->setText(tr("Folder %1").arg(folderPath));
}

void DetailsPane::showFile(const QString &fileId)
{
    if (fileId.isEmpty()) {
        clear();
        return;
    }
    if (fileId == m_fileId && m_detailsLoaded)
        return;
    clear();
    m_fileId = fileId;
    m_title->setText(tr("Loading…"));
    for (QLabel *label : std::as_const(m_fields))
        label->clear();
    m_metadata->clear();
    m_versions->clear();
    m_preview->clear();
    updateVersionButtons();
    m_fileWidgets->show();
    loadDetails();
    loadMetadata();
    loadVersions();
}

void DetailsPane::loadDetails()
{
    if (m_loader)
        m_loader->loadDetails(m_fileId);
}

void DetailsPane::loadMetadata()
{
    if (m_loader)
        m_loader->loadMetadata(m_fileId);
}

void DetailsPane::loadVersions()
{
    if (m_loader)
        m_loader->loadVersions(m_fileId);
}

void DetailsPane::fillFile(const ik::FileItem &file)
{
    m_file = file;
    m_detailsLoaded = true;
    m_title->setText(file.name);
    setField(QStringLiteral("name"), file.name);
    setField(QStringLiteral("path"), file.filePath);
    setField(QStringLiteral("url"), file.url);
    setField(QStringLiteral("type"), file.mime.isEmpty() ? file.fileType : file.mime);
    setField(QStringLiteral("size"), file.size ? QLocale().formattedDataSize(*file.size) : QString());
    setField(QStringLiteral("dimensions"), file.width && file.height
                                               ? QStringLiteral("%1 × %2").arg(*file.width).arg(*file.height)
                                               : QString());
    setField(QStringLiteral("created"), dateText(file.createdAt));
    setField(QStringLiteral("updated"), dateText(file.updatedAt));
    setField(QStringLiteral("tags"), file.tags.isEmpty() ? tr("none") : file.tags.join(QStringLiteral(", ")));
    QStringList aiTags;
    for (const ik::AiTag &tag : file.aiTags)
        aiTags << tag.name;
    setField(QStringLiteral("aiTags"), aiTags.isEmpty() ? tr("none") : aiTags.join(QStringLiteral(", ")));
    QStringList metadata;
    for (auto it = file.customMetadata.begin(); it != file.customMetadata.end(); ++it)
        metadata << QStringLiteral("%1: %2").arg(it.key(), jsonText(it.value()));
    setField(QStringLiteral("customMetadata"), metadata.isEmpty() ? tr("none") : metadata.join(QLatin1Char('\n')));
    setField(QStringLiteral("customCoordinates"), file.customCoordinates.isEmpty() ? tr("none") : file.customCoordinates);
    setField(QStringLiteral("private"), yesNo(file.isPrivateFile));
    setField(QStringLiteral("published"), yesNo(file.isPublished));
    setField(QStringLiteral("version"), file.versionInfo.name);

    if (file.fileType == QLatin1String("image"))
        loadPreview(file);
    else
        m_preview->setText(file.mime);
}

void DetailsPane::fillMetadata(const ik::FileMetadata &metadata)
{
    m_metadata->clear();
    m_metadataLoaded = true;
    auto *general = new QTreeWidgetItem(m_metadata, {tr("File")});
    for (auto it = metadata.fields.begin(); it != metadata.fields.end(); ++it) {
        if (it.key() == QLatin1String("exif"))
            continue;
        new QTreeWidgetItem(general, {it.key(), jsonText(it.value())});
    }
    general->setExpanded(true);
    const QList<std::pair<QString, const ik::ExifGroup *>> groups = {
        {tr("Image"), &metadata.image},     {tr("EXIF"), &metadata.exif},
        {tr("GPS"), &metadata.gps},         {tr("Thumbnail"), &metadata.thumbnail},
        {tr("Interoperability"), &metadata.interoperability}, {tr("Maker notes"), &metadata.makernote}};
    for (const auto &[name, group] : groups) {
        if (group->isEmpty())
            continue;
        auto *groupItem = new QTreeWidgetItem(m_metadata, {name});
        for (auto it = group->tags.begin(); it != group->tags.end(); ++it)
            new QTreeWidgetItem(groupItem, {it.key(), jsonText(it.value())});
    }
    const QJsonObject embedded = m_file.embeddedMetadata;
    if (!embedded.isEmpty()) {
        auto *embeddedItem = new QTreeWidgetItem(m_metadata, {tr("Embedded")});
        for (auto it = embedded.begin(); it != embedded.end(); ++it)
            new QTreeWidgetItem(embeddedItem, {it.key(), jsonText(it.value())});
    }
}

void DetailsPane::fillVersions(const QList<ik::FileItem> &versions)
{
    m_versions->clear();
    m_versionsLoaded = true;
    // Newest first: the server lists oldest first.
    for (auto it = versions.crbegin(); it != versions.crend(); ++it) {
        const ik::FileItem &version = *it;
        const bool current = version.type != QLatin1String("file-version");
        QString name = version.versionInfo.name.isEmpty() ? version.versionInfo.id : version.versionInfo.name;
        if (current)
            name = tr("%1 (current)").arg(name);
        auto *item = new QTreeWidgetItem(m_versions, {name, version.size ? QLocale().formattedDataSize(*version.size) : QString(),
                                                      dateText(version.createdAt)});
        item->setData(0, Qt::UserRole, version.versionInfo.id);
        item->setData(0, Qt::UserRole + 1, current);
    }
    updateVersionButtons();
}

QStringList DetailsPane::versionIds() const
{
    QStringList ids;
    for (int i = 0; i < m_versions->topLevelItemCount(); ++i)
        ids << m_versions->topLevelItem(i)->data(0, Qt::UserRole).toString();
    return ids;
}

QString DetailsPane::fieldText(const QString &field) const
{
    QLabel *label = m_fields.value(field);
    return label ? label->text() : QString();
}

void DetailsPane::setField(const QString &field, const QString &text)
{
    if (QLabel *label = m_fields.value(field))
        label->setText(text);
}

QString DetailsPane::selectedVersionId() const
{
    const auto selected = m_versions->selectedItems();
    return selected.isEmpty() ? QString() : selected.first()->data(0, Qt::UserRole).toString();
}

QString DetailsPane::versionNameOf(const QString &versionId) const
{
    for (int i = 0; i < m_versions->topLevelItemCount(); ++i) {
        if (m_versions->topLevelItem(i)->data(0, Qt::UserRole).toString() == versionId)
            return m_versions->topLevelItem(i)->text(0);
    }
    return versionId;
}

void DetailsPane::updateVersionButtons()
{
    const auto selected = m_versions->selectedItems();
    const bool olderSelected = !selected.isEmpty() && !selected.first()->data(0, Qt::UserRole + 1).toBool()
        && !selected.first()->data(0, Qt::UserRole).toString().isEmpty();
    m_restore->setEnabled(olderSelected);
    m_deleteVersion->setEnabled(olderSelected);
}

bool DetailsPane::confirm(const QString &title, const QString &text)
{
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("confirmDialog"));
    box.setDefaultButton(QMessageBox::Cancel);
    return box.exec() == QMessageBox::Yes;
}

void DetailsPane::restoreVersion(const QString &versionId)
{
    if (!m_loader || m_fileId.isEmpty() || versionId.isEmpty())
        return;
    if (!confirm(tr("Restore version"), ConfirmationText::restoreVersion(m_file.name, versionNameOf(versionId))))
        return;
    // The answer goes into the store: this pane, the grid, the list and thumbnails follow it.
    startOperation(m_loader->restoreVersion(m_fileId, versionId, tr("Restore %1 of %2").arg(versionNameOf(versionId), m_file.name)));
}

void DetailsPane::deleteVersion(const QString &versionId)
{
    if (!m_loader || m_fileId.isEmpty() || versionId.isEmpty())
        return;
    if (!confirm(tr("Delete version"), ConfirmationText::deleteVersion(m_file.name, versionNameOf(versionId))))
        return;
    const QString fileId = m_fileId;
    Operation *operation = m_loader->deleteVersion(fileId, versionId, tr("Delete %1 of %2").arg(versionNameOf(versionId), m_file.name));
    connect(operation, &Operation::finished, this, [this, operation, fileId, versionId] {
        if (operation->state() != Operation::State::Succeeded)
            return;
        Q_EMIT versionDeleted(fileId, versionId);
        if (fileId == m_fileId) {
            m_versionsLoaded = false;
            loadVersions();
        }
    });
    startOperation(operation);
}

void DetailsPane::startOperation(Operation *operation)
{
    connect(operation, &Operation::finished, this, [this, operation] {
        if (!operation->itemFailures().isEmpty())
            Q_EMIT errorOccurred(operation->title(), operation->itemFailures().first().error);
        Q_EMIT operationEnded(operation->title(), operation->state() == Operation::State::Succeeded);
    });
    const QString title = operation->title();
    QString why;
    if (!m_operations || !m_operations->start(operation, &why)) {
        Q_EMIT errorOccurred(title, ik::ApiError(ik::ErrorKind::InvalidArgument, why));
        Q_EMIT operationEnded(title, false);
    }
}

QPixmap DetailsPane::previewPixmap() const
{
    return m_preview->pixmap();
}

QUrl DetailsPane::previewUrlFor(const ik::FileItem &file) const
{
    // A rendition of the preview's size at this screen's pixel ratio, made from the original (the
    // library's own thumbnail is 200 px: blurry when enlarged), signed for a private file.
    const int pixels = int(PreviewSize * devicePixelRatioF());
    if (m_loader && !file.filePath.isEmpty() && !m_loader->urlEndpoint().isEmpty()) {
        ik::UrlBuilder urls(m_loader->urlEndpoint(), m_loader->privateKey());
        ik::UrlOptions options;
        options.path = file.filePath;
        options.transformation = {{{QStringLiteral("width"), ik::UrlValue(qint64(pixels))},
                                   {QStringLiteral("height"), ik::UrlValue(qint64(pixels))},
                                   {QStringLiteral("crop"), ik::UrlValue(QStringLiteral("at_max"))}}};
        options.sign = file.isPrivateFile.value_or(false) && !m_loader->privateKey().isEmpty();
        const ik::UrlResult result = urls.build(options);
        if (result.ok())
            return QUrl(result.url);
    }
    return QUrl(!file.thumbnail.isEmpty() ? file.thumbnail : file.url);
}

void DetailsPane::loadPreview(const ik::FileItem &file)
{
    if (!m_loader || !m_loader->network())
        return;
    const QUrl previewUrl = previewUrlFor(file);
    if (!previewUrl.isValid() || previewUrl.isEmpty()) {
        m_preview->setText(tr("No preview"));
        return;
    }
    QNetworkAccessManager *network = m_loader->network();
    if (m_previewReply)
        m_previewReply->abort();
    QNetworkReply *reply = network->get(QNetworkRequest(previewUrl));
    m_previewReply = reply;
    const quint64 generation = m_generation;
    connect(reply, &QNetworkReply::finished, this, [this, reply, generation] {
        reply->deleteLater();
        if (generation != m_generation || reply->error() == QNetworkReply::OperationCanceledError)
            return;
        QPixmap pixmap;
        if (reply->error() != QNetworkReply::NoError || !pixmap.loadFromData(reply->readAll())) {
            // Say why instead of leaving an empty frame.
            m_preview->setText(tr("No preview: %1").arg(reply->errorString()));
            return;
        }
        const qreal ratio = devicePixelRatioF();
        const QSize target = QSize(PreviewSize, PreviewSize) * ratio;
        // Only ever shrink: enlarging is what makes a preview soft.
        if (pixmap.width() > target.width() || pixmap.height() > target.height())
            pixmap = pixmap.scaled(target, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        pixmap.setDevicePixelRatio(ratio);
        m_preview->setPixmap(pixmap);
        ++m_previewCount;
    });
}

} // namespace ikui
