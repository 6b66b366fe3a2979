#include "builder/transformationbuilder.h"
#include "session/filesearch.h"
#include "session/filestore.h"

#include "session/session.h"
#include "builder/builderoutput.h"
#include "builder/layereditor.h"
#include "builder/parametereditor.h"
#include "builder/preview/previewpanel.h"
#include "builder/urloptionseditor.h"
#include "search/searchbox.h"

#include "api/apiclient.h"
#include "api/imagekit.h"
#include "api/jobs/filelistjob.h"
#include "transform/transformationurlparser.h"
#include "util/clock.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolButton>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

#include <iterator>

namespace ikui {

namespace {

constexpr int ParameterEditMergeId = 1;
constexpr int LayerEditMergeId = 2;
constexpr int OptionsEditMergeId = 3;
constexpr int FileSearchLimit = 20;

// Warning text readable on light and dark palettes.
void styleAsMessage(QLabel *label)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xd0, 0x40, 0x30));
    label->setPalette(palette);
    label->setWordWrap(true);
}

QToolButton *actionButton(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setObjectName(QStringLiteral("button-") + action->objectName());
    return button;
}

} // namespace

// One undoable change: the document before and after. Edits of one control merge into one
// entry (typing "300" is one undo, not three). The change is applied when pushed, so the first
// redo() does nothing.
class TransformationBuilder::SnapshotCommand : public QUndoCommand
{
public:
    SnapshotCommand(TransformationBuilder *builder, ik::TransformationDocument before, ik::TransformationDocument after,
                    const QString &text, int mergeId, int step)
        : QUndoCommand(text)
        , m_builder(builder)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_mergeId(mergeId)
        , m_step(step)
    {
    }

    int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *next = static_cast<const SnapshotCommand *>(other);
        if (next->m_step != m_step)
            return false;
        m_after = next->m_after;
        return true;
    }
    void undo() override { m_builder->restoreFromHistory(m_before); }
    void redo() override
    {
        if (m_applied)
            m_builder->restoreFromHistory(m_after);
        m_applied = true;
    }

private:
    TransformationBuilder *m_builder;
    ik::TransformationDocument m_before;
    ik::TransformationDocument m_after;
    int m_mergeId;
    int m_step;
    bool m_applied = false;
};

TransformationBuilder::TransformationBuilder(Session *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_ownUrlBuilder(defaultUrlEndpoint(), QString())
    , m_clock(&ik::Clock::system())
    , m_presetFile(defaultPresetFile())
{
    setObjectName(QStringLiteral("transformationBuilder"));
    setWindowTitle(tr("URL builder"));
    setAttribute(Qt::WA_DeleteOnClose, false);
    m_undo = new QUndoStack(this);
    buildUi();
    createActions();
    createMenus();

    QString presetError;
    if (!m_presets.loadFile(m_presetFile, &presetError))
        m_presetMessage->setText(tr("Presets could not be read: %1").arg(presetError));
    reloadPresetCombo();

    // Start with one empty step: the editor is ready for the first parameter.
    m_document.steps.append(ik::TransformationStepSpec{});
    m_recorded = m_document;
    m_currentStep = 0;
    refreshAll();
    resize(1280, 860);
}

TransformationBuilder::~TransformationBuilder()
{
    if (m_fileSearch)
        m_fileSearch->cancel();
}

QString TransformationBuilder::defaultUrlEndpoint()
{
    return QStringLiteral("https://ik.imagekit.io/your_imagekit_id");
}

QString TransformationBuilder::defaultPresetFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/builder-presets.json");
}

const ik::UrlBuilder &TransformationBuilder::urlBuilder() const
{
    return m_session ? m_session->urlBuilder() : m_ownUrlBuilder;
}

void TransformationBuilder::setClock(const ik::Clock *clock)
{
    m_clock = clock ? clock : &ik::Clock::system();
    m_ownUrlBuilder.setClock(m_clock);
    if (m_session)
        m_session->urlBuilder().setClock(m_clock);
    refreshOutput();
}

// ---- layout -------------------------------------------------------------------------------

void TransformationBuilder::buildUi()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(buildFileRow());

    auto *vertical = new QSplitter(Qt::Vertical, central);
    vertical->setObjectName(QStringLiteral("builderVerticalSplitter"));
    auto *top = new QSplitter(Qt::Horizontal, vertical);
    top->setObjectName(QStringLiteral("builderTopSplitter"));
    top->addWidget(buildStepsPanel());
    top->addWidget(buildEditorPanel());
    m_preview = new PreviewPanel(m_session ? m_session->client()->networkAccessManager() : nullptr, top);
    m_preview->setObjectName(QStringLiteral("builderPreview"));
    top->addWidget(m_preview);
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 2);
    top->setStretchFactor(2, 3);
    top->setSizes({300, 460, 640});

    auto *bottom = new QSplitter(Qt::Horizontal, vertical);
    auto *optionsBox = new QGroupBox(tr("Options"), bottom);
    auto *optionsLayout = new QVBoxLayout(optionsBox);
    m_options = new UrlOptionsEditor(optionsBox);
    optionsLayout->addWidget(m_options);
    auto *outputBox = new QGroupBox(tr("Output"), bottom);
    auto *outputLayout = new QVBoxLayout(outputBox);
    m_output = new BuilderOutput(outputBox);
    outputLayout->addWidget(m_output);
    bottom->addWidget(optionsBox);
    bottom->addWidget(outputBox);
    bottom->setStretchFactor(0, 2);
    bottom->setStretchFactor(1, 3);
    vertical->addWidget(top);
    vertical->addWidget(bottom);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 1);
    layout->addWidget(vertical, 1);
    setCentralWidget(central);

    connect(m_options, &UrlOptionsEditor::edited, this, [this] { onOptionsEdited(); });
    connect(m_output, &BuilderOutput::copied, this, [this](BuilderOutput::Kind, const QString &) {
        statusBar()->showMessage(tr("Copied to the clipboard"), 3000);
    });
}

QWidget *TransformationBuilder::buildFileRow()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    auto *label = new QLabel(tr("&Image:"), box);
    m_fileEdit = new QLineEdit(box);
    m_fileEdit->setObjectName(QStringLiteral("fileEdit"));
    m_fileEdit->setPlaceholderText(tr("A path (/photos/cat.jpg) or any URL of the account, with or without a transformation"));
    m_fileEdit->setAccessibleName(tr("Image path or URL"));
    m_fileEdit->setClearButtonEnabled(true);
    label->setBuddy(m_fileEdit);
    m_search = new SearchBox(box);
    m_search->setObjectName(QStringLiteral("fileSearch"));
    m_search->setPlaceholderText(tr("Find a file by name or tag…"));
    m_search->setAccessibleName(tr("Find a file"));
    m_search->setEnabled(m_session != nullptr);
    m_searchResults = new QStandardItemModel(this);
    m_searchCompleter = new QCompleter(m_searchResults, this);
    m_searchCompleter->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_searchCompleter->setCaseSensitivity(Qt::CaseInsensitive);
    m_search->setCompleter(m_searchCompleter);
    row->addWidget(label);
    row->addWidget(m_fileEdit, 3);
    row->addWidget(m_search, 1);
    layout->addLayout(row);
    m_fileMessage = new QLabel(box);
    m_fileMessage->setObjectName(QStringLiteral("fileMessage"));
    styleAsMessage(m_fileMessage);
    m_fileMessage->setVisible(false);
    layout->addWidget(m_fileMessage);

    connect(m_fileEdit, &QLineEdit::returnPressed, this, [this] { openFile(m_fileEdit->text()); });
    connect(m_search, &SearchBox::searchRequested, this, [this](const QString &query) { onSearchRequested(query); });
    connect(m_searchCompleter, qOverload<const QModelIndex &>(&QCompleter::activated), this,
            [this](const QModelIndex &index) { openFile(index.data(Qt::UserRole).toString()); });
    return box;
}

QWidget *TransformationBuilder::buildStepsPanel()
{
    auto *panel = new QWidget(this);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *stepsBox = new QGroupBox(tr("Steps"), panel);
    auto *stepsLayout = new QVBoxLayout(stepsBox);
    m_steps = new QListWidget(stepsBox);
    m_steps->setObjectName(QStringLiteral("stepList"));
    m_steps->setAccessibleName(tr("Transformation steps"));
    m_steps->setToolTip(tr("Steps run in order (chained with ':'). Drag to reorder; uncheck to disable a step."));
    m_steps->setDragDropMode(QAbstractItemView::InternalMove);
    m_steps->setDefaultDropAction(Qt::MoveAction);
    m_steps->setSelectionMode(QAbstractItemView::SingleSelection);
    stepsLayout->addWidget(m_steps, 1);
    layout->addWidget(stepsBox, 3);
    auto *stepButtons = new QGridLayout;
    stepButtons->setObjectName(QStringLiteral("stepButtons"));
    stepsLayout->addLayout(stepButtons);

    auto *layersBox = new QGroupBox(tr("Layers of the step"), panel);
    auto *layersLayout = new QVBoxLayout(layersBox);
    m_layers = new QListWidget(layersBox);
    m_layers->setObjectName(QStringLiteral("layerList"));
    m_layers->setAccessibleName(tr("Layers of the selected step"));
    m_layers->setToolTip(tr("Text and image overlays drawn by the selected step"));
    layersLayout->addWidget(m_layers, 1);
    auto *layerButtons = new QHBoxLayout;
    layerButtons->setObjectName(QStringLiteral("layerButtons"));
    layersLayout->addLayout(layerButtons);
    layout->addWidget(layersBox, 2);
    layout->addWidget(buildPresetsRow());

    connect(m_steps, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_refreshing)
            return;
        m_currentStep = row;
        m_currentLayer = -1;
        refreshLayers();
        refreshEditor();
        updateActions();
    });
    // Clicking the selected step again leaves the layer and shows the step's parameters.
    connect(m_steps, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        if (m_refreshing || m_steps->row(item) != m_currentStep || m_currentLayer < 0)
            return;
        selectLayer(-1);
    });
    connect(m_steps, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (m_refreshing)
            return;
        setStepEnabled(m_steps->row(item), item->checkState() == Qt::Checked);
    });
    connect(m_steps->model(), &QAbstractItemModel::rowsMoved, this, [this] {
        // After the drop has settled: the list then holds the items in their new order.
        QMetaObject::invokeMethod(this, [this] { onStepsReordered(); }, Qt::QueuedConnection);
    });
    connect(m_layers, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_refreshing)
            return;
        m_currentLayer = row;
        refreshEditor();
        updateActions();
    });
    return panel;
}

QWidget *TransformationBuilder::buildEditorPanel()
{
    auto *panel = new QGroupBox(tr("Parameters"), this);
    auto *layout = new QVBoxLayout(panel);
    auto *tools = new QHBoxLayout;
    m_filter = new QLineEdit(panel);
    m_filter->setObjectName(QStringLiteral("parameterFilter"));
    m_filter->setPlaceholderText(tr("Filter parameters (name, code or help)"));
    m_filter->setAccessibleName(tr("Filter parameters"));
    m_filter->setClearButtonEnabled(true);
    m_legacy = new QCheckBox(tr("Legacy overlay parameters"), panel);
    m_legacy->setObjectName(QStringLiteral("legacyToggle"));
    m_legacy->setToolTip(tr("Show the 3.x overlay_* parameters (superseded by layers)"));
    tools->addWidget(m_filter, 1);
    tools->addWidget(m_legacy);
    layout->addLayout(tools);

    m_editorStack = new QStackedWidget(panel);
    m_emptyPage = new QLabel(tr("Add a step to start (Ctrl+N), or paste an ImageKit URL (Ctrl+V)."), m_editorStack);
    static_cast<QLabel *>(m_emptyPage)->setAlignment(Qt::AlignCenter);
    static_cast<QLabel *>(m_emptyPage)->setWordWrap(true);

    auto *stepScroll = new QScrollArea(m_editorStack);
    stepScroll->setWidgetResizable(true);
    stepScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // rows wrap to the width instead
    m_editorStack->setMinimumWidth(420);
    m_stepEditor = new ParameterEditor(ik::transformParameters(), stepScroll);
    m_stepEditor->setObjectName(QStringLiteral("stepParameters"));
    stepScroll->setWidget(m_stepEditor);
    m_stepPage = stepScroll;

    auto *layerScroll = new QScrollArea(m_editorStack);
    layerScroll->setWidgetResizable(true);
    layerScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_layerEditor = new LayerEditor(layerScroll);
    layerScroll->setWidget(m_layerEditor);
    m_layerPage = layerScroll;

    m_editorStack->addWidget(m_emptyPage);
    m_editorStack->addWidget(m_stepPage);
    m_editorStack->addWidget(m_layerPage);
    layout->addWidget(m_editorStack, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_stepEditor->setFilter(text);
        m_layerEditor->textParameterEditor()->setFilter(text);
        m_layerEditor->imageParameterEditor()->setFilter(text);
    });
    connect(m_legacy, &QCheckBox::toggled, m_stepEditor, &ParameterEditor::setShowLegacy);
    connect(m_stepEditor, &ParameterEditor::edited, this, [this] { onStepParametersEdited(); });
    connect(m_layerEditor, &LayerEditor::edited, this, [this] { onLayerEdited(); });
    return panel;
}

QWidget *TransformationBuilder::buildPresetsRow()
{
    auto *box = new QGroupBox(tr("Presets"), this);
    auto *layout = new QVBoxLayout(box);
    m_presetCombo = new QComboBox(box);
    m_presetCombo->setObjectName(QStringLiteral("presetCombo"));
    m_presetCombo->setAccessibleName(tr("Saved presets"));
    m_presetCombo->setToolTip(tr("Saved chains: apply one to the current file"));
    layout->addWidget(m_presetCombo);
    auto *buttons = new QGridLayout;
    buttons->setObjectName(QStringLiteral("presetButtons"));
    layout->addLayout(buttons);
    m_presetMessage = new QLabel(box);
    m_presetMessage->setObjectName(QStringLiteral("presetMessage"));
    styleAsMessage(m_presetMessage);
    layout->addWidget(m_presetMessage);
    return box;
}

void TransformationBuilder::createActions()
{
    struct Spec
    {
        const char *name;
        QString text;
        QKeySequence shortcut;
        QString toolTip;
        void (TransformationBuilder::*slot)();
    };
    const Spec specs[] = {
        {"addStep", tr("&Add step"), QKeySequence(Qt::CTRL | Qt::Key_N), tr("Add an empty step after the selected one"), &TransformationBuilder::addStep},
        {"duplicateStep", tr("D&uplicate step"), QKeySequence(Qt::CTRL | Qt::Key_D), tr("Copy the selected step below it"), &TransformationBuilder::duplicateStep},
        {"removeStep", tr("&Remove step"), QKeySequence(Qt::CTRL | Qt::Key_Delete), tr("Remove the selected step (Ctrl+Z brings it back)"), &TransformationBuilder::removeStep},
        {"moveStepUp", tr("Move step &up"), QKeySequence(Qt::ALT | Qt::Key_Up), tr("Run the selected step earlier"), &TransformationBuilder::moveStepUp},
        {"moveStepDown", tr("Move step do&wn"), QKeySequence(Qt::ALT | Qt::Key_Down), tr("Run the selected step later"), &TransformationBuilder::moveStepDown},
        {"toggleStep", tr("&Enable/disable step"), QKeySequence(Qt::CTRL | Qt::Key_E), tr("Leave the step out of the URL without deleting it"), &TransformationBuilder::toggleStepEnabled},
        {"addTextLayer", tr("Add &text layer"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), tr("Draw text over the image in the selected step"), &TransformationBuilder::addTextLayer},
        {"addImageLayer", tr("Add &image layer"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I), tr("Draw another library image over this one"), &TransformationBuilder::addImageLayer},
        {"removeLayer", tr("Remove &layer"), QKeySequence(), tr("Remove the selected layer"), &TransformationBuilder::removeLayer},
        {"copyUrl", tr("&Copy URL"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), tr("Copy the URL to the clipboard"), &TransformationBuilder::copyUrl},
        {"pasteUrl", tr("&Paste URL"), QKeySequence::Paste, tr("Read an ImageKit URL from the clipboard into steps and options"), &TransformationBuilder::pasteFromClipboard},
        {"savePreset", tr("&Save chain as preset…"), QKeySequence(Qt::CTRL | Qt::Key_S), tr("Save the steps under a name"), &TransformationBuilder::askSavePreset},
        {"applyPreset", tr("&Apply preset"), QKeySequence(), tr("Replace the steps with the chosen preset's"), nullptr},
        {"deletePreset", tr("&Delete preset…"), QKeySequence(), tr("Delete the chosen preset"), &TransformationBuilder::askDeletePreset},
        {"exportPresets", tr("&Export presets…"), QKeySequence(), tr("Write every preset to a JSON file"), &TransformationBuilder::askExportPresets},
        {"importPresets", tr("&Import presets…"), QKeySequence(), tr("Add the presets of a JSON file"), &TransformationBuilder::askImportPresets},
    };
    for (const Spec &spec : specs) {
        auto *action = new QAction(spec.text, this);
        action->setObjectName(QString::fromLatin1(spec.name));
        action->setToolTip(spec.shortcut.isEmpty() ? spec.toolTip
                                                   : spec.toolTip + QStringLiteral(" (") + spec.shortcut.toString(QKeySequence::NativeText) + QLatin1Char(')'));
        if (!spec.shortcut.isEmpty())
            action->setShortcut(spec.shortcut);
        // Window-wide, but a focused text field keeps its own Ctrl+V, Ctrl+D...
        action->setShortcutContext(Qt::WindowShortcut);
        if (spec.slot)
            connect(action, &QAction::triggered, this, spec.slot);
        addAction(action);
    }
    connect(action(QStringLiteral("applyPreset")), &QAction::triggered, this, [this] {
        QString error;
        if (!applyPreset(m_presetCombo->currentText(), &error))
            m_presetMessage->setText(error);
    });
    // Delete in the step list removes the step, as in any list.
    auto *deleteKey = new QShortcut(QKeySequence(QKeySequence::Delete), m_steps);
    deleteKey->setContext(Qt::WidgetShortcut);
    connect(deleteKey, &QShortcut::activated, this, [this] { removeStep(); });
    auto *deleteLayerKey = new QShortcut(QKeySequence(QKeySequence::Delete), m_layers);
    deleteLayerKey->setContext(Qt::WidgetShortcut);
    connect(deleteLayerKey, &QShortcut::activated, this, [this] { removeLayer(); });

    auto *undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("undo"));
    undo->setShortcut(QKeySequence::Undo);
    auto *redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("redo"));
    redo->setShortcut(QKeySequence::Redo);
    addAction(undo);
    addAction(redo);
    auto *close = new QAction(tr("&Close"), this);
    close->setObjectName(QStringLiteral("closeBuilder"));
    close->setShortcut(QKeySequence::Close);
    connect(close, &QAction::triggered, this, &QWidget::close);
    addAction(close);
    auto *focusFile = new QAction(tr("Go to the &image field"), this);
    focusFile->setObjectName(QStringLiteral("focusFile"));
    focusFile->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(focusFile, &QAction::triggered, this, [this] {
        m_fileEdit->setFocus();
        m_fileEdit->selectAll();
    });
    addAction(focusFile);
    auto *findFile = new QAction(tr("&Find a file"), this);
    findFile->setObjectName(QStringLiteral("findFile"));
    findFile->setShortcut(QKeySequence::Find);
    connect(findFile, &QAction::triggered, this, [this] { m_search->setFocus(); });
    addAction(findFile);

    // The buttons under the lists show the same actions.
    auto *stepButtons = m_steps->parentWidget()->findChild<QGridLayout *>(QStringLiteral("stepButtons"));
    const char *stepActions[] = {"addStep", "duplicateStep", "removeStep", "moveStepUp", "moveStepDown", "toggleStep"};
    for (int i = 0; i < int(std::size(stepActions)); ++i)
        stepButtons->addWidget(actionButton(action(QString::fromLatin1(stepActions[i])), m_steps->parentWidget()), i / 3, i % 3);
    auto *layerButtons = m_layers->parentWidget()->findChild<QHBoxLayout *>(QStringLiteral("layerButtons"));
    for (const char *name : {"addTextLayer", "addImageLayer", "removeLayer"})
        layerButtons->addWidget(actionButton(action(QString::fromLatin1(name)), m_layers->parentWidget()));
    auto *presetButtons = m_presetCombo->parentWidget()->findChild<QGridLayout *>(QStringLiteral("presetButtons"));
    const char *presetActions[] = {"savePreset", "applyPreset", "deletePreset", "exportPresets", "importPresets"};
    for (int i = 0; i < int(std::size(presetActions)); ++i)
        presetButtons->addWidget(actionButton(action(QString::fromLatin1(presetActions[i])), m_presetCombo->parentWidget()), i / 3, i % 3);
}

void TransformationBuilder::createMenus()
{
    auto add = [this](QMenu *menu, const char *name) { menu->addAction(action(QString::fromLatin1(name))); };
    QMenu *file = menuBar()->addMenu(tr("&File"));
    add(file, "focusFile");
    add(file, "findFile");
    file->addSeparator();
    add(file, "closeBuilder");
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    add(edit, "undo");
    add(edit, "redo");
    edit->addSeparator();
    add(edit, "copyUrl");
    add(edit, "pasteUrl");
    QMenu *step = menuBar()->addMenu(tr("&Step"));
    for (const char *name : {"addStep", "duplicateStep", "removeStep", "moveStepUp", "moveStepDown", "toggleStep"})
        add(step, name);
    step->addSeparator();
    for (const char *name : {"addTextLayer", "addImageLayer", "removeLayer"})
        add(step, name);
    QMenu *presets = menuBar()->addMenu(tr("&Presets"));
    for (const char *name : {"savePreset", "applyPreset", "deletePreset"})
        add(presets, name);
    presets->addSeparator();
    add(presets, "exportPresets");
    add(presets, "importPresets");
}

QAction *TransformationBuilder::action(const QString &objectName) const
{
    const auto actions = this->actions();
    for (QAction *candidate : actions)
        if (candidate->objectName() == objectName)
            return candidate;
    return nullptr;
}

// ---- document and history -----------------------------------------------------------------

void TransformationBuilder::setDocument(const ik::TransformationDocument &document)
{
    m_document = document;
    m_currentStep = m_document.steps.isEmpty() ? -1 : 0;
    m_currentLayer = -1;
    refreshAll();
    recordChange(tr("Set the transformation"));
}

void TransformationBuilder::recordChange(const QString &text, int mergeId)
{
    if (m_document == m_recorded)
        return;
    m_undo->push(new SnapshotCommand(this, m_recorded, m_document, text, mergeId, m_currentStep));
    m_recorded = m_document;
    Q_EMIT documentChanged();
}

void TransformationBuilder::restoreFromHistory(const ik::TransformationDocument &document)
{
    m_document = document;
    m_recorded = document;
    if (m_currentStep >= m_document.steps.size())
        m_currentStep = int(m_document.steps.size()) - 1;
    if (m_currentStep < 0 && !m_document.steps.isEmpty())
        m_currentStep = 0;
    m_currentLayer = -1;
    refreshAll();
    Q_EMIT documentChanged();
}

void TransformationBuilder::refreshAll()
{
    m_refreshing = true;
    const QString fileText = m_document.path.isEmpty() ? m_document.src : m_document.path;
    if (m_fileEdit->text() != fileText)
        m_fileEdit->setText(fileText);
    UrlOptionsEditor::Options options;
    options.position = m_document.position;
    options.queryParameters = m_document.queryParameters;
    options.sign = m_document.sign;
    options.expireSeconds = m_document.expireSeconds;
    m_options->setOptions(options);
    m_refreshing = false;
    refreshSteps();
    refreshLayers();
    refreshEditor();
    refreshOutput();
    updateActions();
}

QString TransformationBuilder::stepTitle(int index) const
{
    ik::TransformationStepSpec step = m_document.steps.at(index);
    step.enabled = true;
    const QString chain = ik::transformationChainText({step});
    QString title = tr("%1. %2").arg(index + 1).arg(chain.isEmpty() ? tr("(empty step)") : chain);
    if (!m_document.steps.at(index).enabled)
        title += tr("  (disabled)");
    return title;
}

void TransformationBuilder::refreshSteps()
{
    m_refreshing = true;
    m_steps->clear();
    for (int i = 0; i < m_document.steps.size(); ++i) {
        auto *item = new QListWidgetItem(stepTitle(i), m_steps);
        item->setData(Qt::UserRole, i);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable | Qt::ItemIsDragEnabled);
        item->setCheckState(m_document.steps.at(i).enabled ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(tr("Step %1: uncheck to leave it out of the URL").arg(i + 1));
        if (!m_document.steps.at(i).enabled)
            item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
    }
    if (m_currentStep >= m_steps->count())
        m_currentStep = m_steps->count() - 1;
    m_steps->setCurrentRow(m_currentStep);
    m_refreshing = false;
}

void TransformationBuilder::refreshLayers()
{
    m_refreshing = true;
    m_layers->clear();
    if (m_currentStep >= 0 && m_currentStep < m_document.steps.size()) {
        const auto &layers = m_document.steps.at(m_currentStep).layers;
        for (const ik::LayerSpec &layer : layers) {
            const QString kind = layer.kind == ik::LayerSpec::Kind::Text ? tr("Text") : tr("Image");
            new QListWidgetItem(tr("%1: %2").arg(kind, layer.input), m_layers);
        }
    }
    if (m_currentLayer >= m_layers->count())
        m_currentLayer = m_layers->count() - 1;
    m_layers->setCurrentRow(m_currentLayer);
    m_refreshing = false;
}

void TransformationBuilder::refreshEditor()
{
    if (m_currentStep < 0 || m_currentStep >= m_document.steps.size()) {
        m_editorStack->setCurrentWidget(m_emptyPage);
        return;
    }
    const ik::TransformationStepSpec &step = m_document.steps.at(m_currentStep);
    if (m_currentLayer >= 0 && m_currentLayer < step.layers.size()) {
        m_layerEditor->setLayer(step.layers.at(m_currentLayer));
        m_editorStack->setCurrentWidget(m_layerPage);
    } else {
        m_stepEditor->setValues(step.parameters, step.raw);
        m_editorStack->setCurrentWidget(m_stepPage);
    }
}

void TransformationBuilder::refreshOutput()
{
    if (!m_output)
        return;
    m_output->update(m_document, urlBuilder());
    if (!m_preview)
        return;
    ik::TransformationDocument original = m_document;
    original.steps.clear();
    original.queryParameters.clear();
    const ik::UrlResult originalUrl = urlBuilder().build(original.toUrlOptions());
    const bool hasFile = !m_document.path.isEmpty() || !m_document.src.isEmpty();
    m_preview->setOriginalUrl(hasFile && originalUrl.ok() ? QUrl(originalUrl.url) : QUrl());
    m_preview->setTransformedUrl(hasFile && !m_output->url().isEmpty() ? QUrl(m_output->url()) : QUrl());
}

void TransformationBuilder::updateActions()
{
    const bool hasStep = m_currentStep >= 0 && m_currentStep < m_document.steps.size();
    const int count = int(m_document.steps.size());
    action(QStringLiteral("duplicateStep"))->setEnabled(hasStep);
    action(QStringLiteral("removeStep"))->setEnabled(hasStep);
    action(QStringLiteral("moveStepUp"))->setEnabled(hasStep && m_currentStep > 0);
    action(QStringLiteral("moveStepDown"))->setEnabled(hasStep && m_currentStep < count - 1);
    action(QStringLiteral("toggleStep"))->setEnabled(hasStep);
    action(QStringLiteral("addTextLayer"))->setEnabled(hasStep);
    action(QStringLiteral("addImageLayer"))->setEnabled(hasStep);
    action(QStringLiteral("removeLayer"))->setEnabled(hasStep && m_currentLayer >= 0);
    const bool hasPreset = m_presetCombo->count() > 0;
    action(QStringLiteral("applyPreset"))->setEnabled(hasPreset);
    action(QStringLiteral("deletePreset"))->setEnabled(hasPreset);
    action(QStringLiteral("exportPresets"))->setEnabled(hasPreset);
}

QString TransformationBuilder::currentUrl() const
{
    return m_output->url();
}

QString TransformationBuilder::urlError() const
{
    return m_output->urlError();
}

// ---- edits ---------------------------------------------------------------------------------

void TransformationBuilder::onStepParametersEdited()
{
    if (m_currentStep < 0 || m_currentStep >= m_document.steps.size())
        return;
    ik::TransformationStepSpec &step = m_document.steps[m_currentStep];
    step.parameters = m_stepEditor->values();
    step.raw = m_stepEditor->raw();
    if (QListWidgetItem *item = m_steps->item(m_currentStep)) {
        m_refreshing = true;
        item->setText(stepTitle(m_currentStep));
        m_refreshing = false;
    }
    refreshOutput();
    recordChange(tr("Edit step %1").arg(m_currentStep + 1), ParameterEditMergeId);
}

void TransformationBuilder::onLayerEdited()
{
    if (m_currentStep < 0 || m_currentStep >= m_document.steps.size())
        return;
    ik::TransformationStepSpec &step = m_document.steps[m_currentStep];
    if (m_currentLayer < 0 || m_currentLayer >= step.layers.size())
        return;
    step.layers[m_currentLayer] = m_layerEditor->layer();
    m_refreshing = true;
    if (QListWidgetItem *item = m_steps->item(m_currentStep))
        item->setText(stepTitle(m_currentStep));
    if (QListWidgetItem *item = m_layers->item(m_currentLayer)) {
        const QString kind = step.layers.at(m_currentLayer).kind == ik::LayerSpec::Kind::Text ? tr("Text") : tr("Image");
        item->setText(tr("%1: %2").arg(kind, step.layers.at(m_currentLayer).input));
    }
    m_refreshing = false;
    refreshOutput();
    recordChange(tr("Edit layer"), LayerEditMergeId);
}

void TransformationBuilder::onOptionsEdited()
{
    if (m_refreshing)
        return;
    const UrlOptionsEditor::Options options = m_options->options();
    m_document.position = options.position;
    m_document.queryParameters = options.queryParameters;
    m_document.sign = options.sign;
    m_document.expireSeconds = options.expireSeconds;
    refreshOutput();
    recordChange(tr("Change the URL options"), OptionsEditMergeId);
}

void TransformationBuilder::addStep()
{
    const int at = m_currentStep < 0 ? int(m_document.steps.size()) : m_currentStep + 1;
    m_document.steps.insert(at, ik::TransformationStepSpec{});
    m_currentStep = at;
    m_currentLayer = -1;
    refreshAll();
    recordChange(tr("Add a step"));
}

void TransformationBuilder::duplicateStep()
{
    if (m_currentStep < 0 || m_currentStep >= m_document.steps.size())
        return;
    m_document.steps.insert(m_currentStep + 1, m_document.steps.at(m_currentStep));
    ++m_currentStep;
    m_currentLayer = -1;
    refreshAll();
    recordChange(tr("Duplicate step %1").arg(m_currentStep));
}

void TransformationBuilder::removeStep()
{
    if (m_currentStep < 0 || m_currentStep >= m_document.steps.size())
        return;
    const int removed = m_currentStep;
    m_document.steps.removeAt(removed);
    m_currentStep = std::min(removed, int(m_document.steps.size()) - 1);
    m_currentLayer = -1;
    refreshAll();
    recordChange(tr("Remove step %1").arg(removed + 1));
    statusBar()->showMessage(tr("Step %1 removed; Ctrl+Z brings it back").arg(removed + 1), 5000);
}

void TransformationBuilder::moveStepUp()
{
    moveStep(m_currentStep, m_currentStep - 1);
}

void TransformationBuilder::moveStepDown()
{
    moveStep(m_currentStep, m_currentStep + 1);
}

void TransformationBuilder::moveStep(int from, int to)
{
    const int count = int(m_document.steps.size());
    if (from < 0 || from >= count || to < 0 || to >= count || from == to)
        return;
    m_document.steps.move(from, to);
    m_currentStep = to;
    m_currentLayer = -1;
    refreshAll();
    recordChange(tr("Move step %1").arg(from + 1));
}

void TransformationBuilder::onStepsReordered()
{
    if (m_refreshing)
        return;
    QList<ik::TransformationStepSpec> reordered;
    int newCurrent = -1;
    for (int row = 0; row < m_steps->count(); ++row) {
        const int original = m_steps->item(row)->data(Qt::UserRole).toInt();
        if (original < 0 || original >= m_document.steps.size()) {
            refreshSteps(); // not a move we understand: show the document again
            return;
        }
        reordered.append(m_document.steps.at(original));
        if (original == m_currentStep)
            newCurrent = row;
    }
    if (reordered.size() != m_document.steps.size()) {
        refreshSteps();
        return;
    }
    m_document.steps = reordered;
    m_currentStep = newCurrent;
    m_currentLayer = -1;
    refreshAll();
    recordChange(tr("Reorder the steps"));
}

void TransformationBuilder::toggleStepEnabled()
{
    if (m_currentStep >= 0 && m_currentStep < m_document.steps.size())
        setStepEnabled(m_currentStep, !m_document.steps.at(m_currentStep).enabled);
}

void TransformationBuilder::setStepEnabled(int index, bool enabled)
{
    if (index < 0 || index >= m_document.steps.size() || m_document.steps.at(index).enabled == enabled)
        return;
    m_document.steps[index].enabled = enabled;
    refreshAll();
    recordChange(enabled ? tr("Enable step %1").arg(index + 1) : tr("Disable step %1").arg(index + 1));
}

void TransformationBuilder::addTextLayer()
{
    if (m_currentStep < 0 || m_currentStep >= m_document.steps.size())
        return;
    ik::LayerSpec layer;
    layer.kind = ik::LayerSpec::Kind::Text;
    layer.input = tr("Hello");
    layer.parameters = {{QStringLiteral("fs"), QStringLiteral("40")}, {QStringLiteral("co"), QStringLiteral("FFFFFF")}};
    auto &layers = m_document.steps[m_currentStep].layers;
    layers.append(layer);
    m_currentLayer = int(layers.size()) - 1;
    refreshAll();
    recordChange(tr("Add a text layer"));
    m_layerEditor->inputEdit()->setFocus();
    m_layerEditor->inputEdit()->selectAll();
}

void TransformationBuilder::addImageLayer()
{
    if (m_currentStep < 0 || m_currentStep >= m_document.steps.size())
        return;
    ik::LayerSpec layer;
    layer.kind = ik::LayerSpec::Kind::Image;
    // The open file is a valid image of the account: a start the user then changes.
    layer.input = m_document.path.isEmpty() ? QStringLiteral("/logo.png") : m_document.path;
    layer.parameters = {{QStringLiteral("w"), QStringLiteral("bw_mul_0.3")}};
    auto &layers = m_document.steps[m_currentStep].layers;
    layers.append(layer);
    m_currentLayer = int(layers.size()) - 1;
    refreshAll();
    recordChange(tr("Add an image layer"));
    m_layerEditor->inputEdit()->setFocus();
    m_layerEditor->inputEdit()->selectAll();
}

void TransformationBuilder::removeLayer()
{
    if (m_currentStep < 0 || m_currentStep >= m_document.steps.size())
        return;
    auto &layers = m_document.steps[m_currentStep].layers;
    if (m_currentLayer < 0 || m_currentLayer >= layers.size())
        return;
    layers.removeAt(m_currentLayer);
    m_currentLayer = std::min(m_currentLayer, int(layers.size()) - 1);
    refreshAll();
    recordChange(tr("Remove a layer"));
}

void TransformationBuilder::selectStep(int index)
{
    if (index < 0 || index >= m_document.steps.size())
        return;
    m_steps->setCurrentRow(index);
    if (m_currentLayer >= 0)
        selectLayer(-1);
}

void TransformationBuilder::selectLayer(int index)
{
    m_currentLayer = index;
    m_refreshing = true;
    m_layers->setCurrentRow(index);
    if (index < 0)
        m_layers->clearSelection();
    m_refreshing = false;
    refreshEditor();
    updateActions();
}

void TransformationBuilder::copyUrl()
{
    m_output->copy(BuilderOutput::Kind::Url);
}

void TransformationBuilder::pasteFromClipboard()
{
    const QString text = QApplication::clipboard()->text().trimmed();
    if (text.isEmpty()) {
        setFileMessage(tr("The clipboard holds no text to read as a URL."), true);
        return;
    }
    if (openFile(text))
        m_fileEdit->setText(m_document.path.isEmpty() ? m_document.src : m_document.path);
}

// ---- file --------------------------------------------------------------------------------

bool TransformationBuilder::openFile(const QString &pathOrUrl)
{
    const QString text = pathOrUrl.trimmed();
    if (text.isEmpty()) {
        setFileMessage(tr("Enter the path of a file (/photos/cat.jpg) or a URL of the account."), true);
        return false;
    }
    const bool looksLikeUrl = text.contains(QLatin1String("://"));
    if (!looksLikeUrl) {
        if (text.contains(QLatin1Char('?')) || text.contains(QLatin1Char('#'))) {
            setFileMessage(tr("\"%1\" is not a file path: paths hold no '?' or '#'.").arg(text), true);
            return false;
        }
        QString path = text;
        if (!path.startsWith(QLatin1Char('/')))
            path.prepend(QLatin1Char('/'));
        m_document.path = path;
        m_document.src.clear();
        setFileMessage(QString(), false);
        refreshAll();
        recordChange(tr("Open %1").arg(m_document.path));
        return true;
    }

    const ik::TransformationUrlParse parsed = ik::parseTransformationUrl(text, urlBuilder().urlEndpoint(), *m_clock);
    if (!parsed.ok()) {
        setFileMessage(parsed.errorMessage, true);
        return false;
    }
    const ik::TransformationDocument &read = parsed.document;
    const bool carriesChain = !read.steps.isEmpty() || !read.queryParameters.isEmpty() || read.sign;
    if (carriesChain) {
        m_document = read;
        m_currentStep = m_document.steps.isEmpty() ? -1 : 0;
        m_currentLayer = -1;
    } else {
        m_document.path = read.path;
        m_document.src = read.src;
    }
    setFileMessage(parsed.warnings.join(QLatin1Char(' ')), false);
    refreshAll();
    recordChange(carriesChain ? tr("Paste a URL") : tr("Open %1").arg(read.path.isEmpty() ? read.src : read.path));
    return true;
}

QString TransformationBuilder::fileMessage() const
{
    return m_fileMessage->text();
}

void TransformationBuilder::setFileMessage(const QString &text, bool isError)
{
    m_fileMessage->setText(text);
    m_fileMessage->setVisible(!text.isEmpty());
    m_fileMessage->setAccessibleDescription(isError ? tr("Error") : tr("Note"));
}

void TransformationBuilder::onSearchRequested(const QString &searchQuery)
{
    m_searchResults->clear();
    if (!m_session || searchQuery.isEmpty()) {
        if (m_fileSearch)
            m_fileSearch->cancel();
        return;
    }
    if (!m_fileSearch) {
        // Through the session's loader: the builder window never talks to the server itself.
        m_fileSearch = new FileSearch(m_session->imageKit(), m_session->files(), this);
        connect(m_fileSearch, &FileSearch::resultsReady, this, [this](const QList<ik::FileItem> &files) {
            m_searchResults->clear();
            for (const ik::FileItem &file : files) {
                auto *item = new QStandardItem(file.filePath);
                item->setData(file.filePath, Qt::UserRole);
                item->setToolTip(file.url);
                m_searchResults->appendRow(item);
            }
            if (files.isEmpty())
                statusBar()->showMessage(tr("No file matches"), 3000);
            else if (m_search->hasFocus())
                m_searchCompleter->complete();
        });
        connect(m_fileSearch, &FileSearch::failed, this, [this](const ik::ApiError &error) {
            statusBar()->showMessage(tr("Search failed: %1").arg(error.message()), 5000);
        });
    }
    m_fileSearch->search(searchQuery, FileSearchLimit);
}

// ---- presets -----------------------------------------------------------------------------

void TransformationBuilder::setPresetFile(const QString &fileName)
{
    m_presetFile = fileName;
    m_presets = ik::PresetCollection();
    QString error;
    m_presetMessage->setText(m_presets.loadFile(fileName, &error) ? QString() : tr("Presets could not be read: %1").arg(error));
    reloadPresetCombo();
}

QStringList TransformationBuilder::presetNames() const
{
    QStringList names;
    for (const auto &preset : m_presets.presets())
        names.append(preset.name);
    return names;
}

bool TransformationBuilder::savePreset(const QString &name, QString *error)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        if (error)
            *error = tr("Give the preset a name.");
        return false;
    }
    if (m_document.steps.isEmpty()) {
        if (error)
            *error = tr("There are no steps to save.");
        return false;
    }
    const ik::PresetCollection before = m_presets;
    m_presets.save(ik::TransformationPreset{trimmed, m_document.steps});
    if (!persistPresets(error)) {
        m_presets = before;
        return false;
    }
    reloadPresetCombo();
    m_presetCombo->setCurrentText(trimmed);
    m_presetMessage->clear();
    return true;
}

bool TransformationBuilder::persistPresets(QString *error) const
{
    // The data folder does not exist before the first preset.
    QDir().mkpath(QFileInfo(m_presetFile).absolutePath());
    QString saveError;
    if (m_presets.saveFile(m_presetFile, &saveError))
        return true;
    if (error)
        *error = tr("Could not save the presets: %1").arg(saveError);
    return false;
}

bool TransformationBuilder::applyPreset(const QString &name, QString *error)
{
    const ik::TransformationPreset *preset = m_presets.find(name);
    if (!preset) {
        if (error)
            *error = tr("There is no preset named \"%1\".").arg(name);
        return false;
    }
    m_document.steps = preset->steps;
    m_currentStep = m_document.steps.isEmpty() ? -1 : 0;
    m_currentLayer = -1;
    refreshAll();
    recordChange(tr("Apply preset %1").arg(preset->name));
    return true;
}

bool TransformationBuilder::deletePreset(const QString &name, QString *error)
{
    const ik::PresetCollection before = m_presets;
    if (!m_presets.remove(name)) {
        if (error)
            *error = tr("There is no preset named \"%1\".").arg(name);
        return false;
    }
    if (!persistPresets(error)) {
        m_presets = before;
        return false;
    }
    reloadPresetCombo();
    return true;
}

bool TransformationBuilder::exportPresets(const QString &fileName, QString *error) const
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(fileName), file.errorString());
        return false;
    }
    file.write(ik::presetsToJson(m_presets.presets()));
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(fileName), file.errorString());
        return false;
    }
    return true;
}

bool TransformationBuilder::importPresets(const QString &fileName, QStringList *added, QString *error)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(fileName), file.errorString());
        return false;
    }
    const ik::PresetParse parsed = ik::presetsFromJson(file.readAll());
    if (!parsed.ok()) {
        if (error)
            *error = tr("%1 is not a presets file: %2").arg(QDir::toNativeSeparators(fileName), parsed.error);
        return false;
    }
    const ik::PresetCollection before = m_presets;
    const QStringList names = m_presets.import(parsed.presets);
    if (!persistPresets(error)) {
        m_presets = before;
        return false;
    }
    if (added)
        *added = names;
    reloadPresetCombo();
    return true;
}

void TransformationBuilder::reloadPresetCombo()
{
    const QString current = m_presetCombo->currentText();
    m_presetCombo->clear();
    m_presetCombo->addItems(presetNames());
    const int index = m_presetCombo->findText(current);
    if (index >= 0)
        m_presetCombo->setCurrentIndex(index);
    if (m_steps)
        updateActions();
}

void TransformationBuilder::askSavePreset()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save preset"), tr("Name of the preset:"), QLineEdit::Normal,
                                               m_presetCombo->currentText(), &ok);
    if (!ok)
        return;
    QString error;
    if (!savePreset(name, &error))
        QMessageBox::warning(this, tr("Save preset"), error);
    else
        statusBar()->showMessage(tr("Preset \"%1\" saved").arg(name.trimmed()), 3000);
}

void TransformationBuilder::askDeletePreset()
{
    const QString name = m_presetCombo->currentText();
    if (name.isEmpty())
        return;
    if (QMessageBox::question(this, tr("Delete preset"), tr("Delete the preset \"%1\"?").arg(name)) != QMessageBox::Yes)
        return;
    QString error;
    if (!deletePreset(name, &error))
        QMessageBox::warning(this, tr("Delete preset"), error);
}

void TransformationBuilder::askExportPresets()
{
    const QString fileName = QFileDialog::getSaveFileName(this, tr("Export presets"),
                                                          QDir::home().filePath(QStringLiteral("mediadesk-presets.json")),
                                                          tr("JSON files (*.json)"));
    if (fileName.isEmpty())
        return;
    QString error;
    if (!exportPresets(fileName, &error))
        QMessageBox::warning(this, tr("Export presets"), error);
    else
        statusBar()->showMessage(tr("%n preset(s) exported", nullptr, int(m_presets.presets().size())), 3000);
}

void TransformationBuilder::askImportPresets()
{
    const QString fileName = QFileDialog::getOpenFileName(this, tr("Import presets"), QDir::homePath(),
                                                          tr("JSON files (*.json);;All files (*)"));
    if (fileName.isEmpty())
        return;
    QStringList added;
    QString error;
    if (!importPresets(fileName, &added, &error))
        QMessageBox::warning(this, tr("Import presets"), error);
    else
        statusBar()->showMessage(tr("Imported: %1").arg(added.join(QStringLiteral(", "))), 5000);
}

} // namespace ikui
