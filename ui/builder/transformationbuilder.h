#pragma once

#include "transform/presets.h"
#include "transform/transformationdocument.h"
#include "url/urlbuilder.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QCheckBox;
class QComboBox;
class QCompleter;
class QLabel;
class QLineEdit;
class QListWidget;
class QStackedWidget;
class QStandardItemModel;
class QUndoStack;

namespace ik {
class Clock;
class FileListJob;
} // namespace ik

namespace ikui {

class FileSearch;

class BuilderOutput;
class LayerEditor;
class ParameterEditor;
class PreviewPanel;
class SearchBox;
class Session;
class UrlOptionsEditor;

// The URL transformation builder (issue #7): a file (a path, any URL of the account, or one
// found by name), a chain of steps edited through controls generated from the parameter table,
// text and image layers, URL options, the output (URL, signed URL, <img>, snippets), presets and
// the live preview.
//
// The window edits one ik::TransformationDocument; every widget shows a part of it. Changes to
// the chain go through an undo stack (Ctrl+Z). Open it with a file and a chain programmatically:
//     auto *builder = new TransformationBuilder(session);
//     builder->setDocument(document);   // or openFile("/photos/cat.jpg") / pasteUrl(url)
class TransformationBuilder : public QMainWindow
{
    Q_OBJECT

public:
    // `session` gives the endpoint, the private key (signing), file search and the preview's
    // network; without one the builder still works for URLs of `defaultUrlEndpoint()`.
    explicit TransformationBuilder(Session *session, QWidget *parent = nullptr);
    ~TransformationBuilder() override;

    static QString defaultUrlEndpoint();
    // The presets file: <AppDataLocation>/builder-presets.json unless set (tests).
    static QString defaultPresetFile();

    const ik::TransformationDocument &document() const { return m_document; }
    // Shows `document` (undoable).
    void setDocument(const ik::TransformationDocument &document);

    // The URL of the document as built now ("" when it cannot be built; see urlError()).
    QString currentUrl() const;
    QString urlError() const;
    // The endpoint, private key and clock used for URLs.
    const ik::UrlBuilder &urlBuilder() const;
    // The clock for expiring signatures and for reading pasted ik-t (tests pin it).
    void setClock(const ik::Clock *clock);

    // Reads a path ("/photos/cat.jpg") or a URL of the account into the document: a URL with a
    // transformation or options replaces the chain (undoable), a plain one only changes the
    // file. False with fileMessage() set on error; the document is then unchanged.
    bool openFile(const QString &pathOrUrl);
    bool pasteUrl(const QString &url) { return openFile(url); }
    QString fileMessage() const;

    // Presets (the chain only; the file and the options stay).
    void setPresetFile(const QString &fileName);
    QStringList presetNames() const;
    bool savePreset(const QString &name, QString *error = nullptr);
    bool applyPreset(const QString &name, QString *error = nullptr);
    bool deletePreset(const QString &name, QString *error = nullptr);
    bool exportPresets(const QString &fileName, QString *error = nullptr) const;
    // Adds the presets of a file (names already used get " (2)"); returns the names added.
    bool importPresets(const QString &fileName, QStringList *added = nullptr, QString *error = nullptr);

    int currentStep() const { return m_currentStep; }
    int currentLayer() const { return m_currentLayer; }
    void selectStep(int index);
    void selectLayer(int index);

    // The widgets, for tests and screenshots.
    QListWidget *stepList() const { return m_steps; }
    QListWidget *layerList() const { return m_layers; }
    ParameterEditor *stepEditor() const { return m_stepEditor; }
    LayerEditor *layerEditor() const { return m_layerEditor; }
    UrlOptionsEditor *optionsEditor() const { return m_options; }
    BuilderOutput *output() const { return m_output; }
    PreviewPanel *preview() const { return m_preview; }
    QLineEdit *fileEdit() const { return m_fileEdit; }
    SearchBox *fileSearch() const { return m_search; }
    QCompleter *fileSearchCompleter() const { return m_searchCompleter; }
    QCheckBox *legacyToggle() const { return m_legacy; }
    QUndoStack *undoStack() const { return m_undo; }
    QAction *action(const QString &objectName) const;

public Q_SLOTS:
    void addStep();
    void duplicateStep();
    void removeStep();
    void moveStepUp();
    void moveStepDown();
    void toggleStepEnabled();
    void setStepEnabled(int index, bool enabled);
    void moveStep(int from, int to);
    void addTextLayer();
    void addImageLayer();
    void removeLayer();
    void copyUrl();
    void pasteFromClipboard();

Q_SIGNALS:
    // The document changed (any edit); the URL may have changed.
    void documentChanged();

private:
    class SnapshotCommand;
    friend class SnapshotCommand;

    void buildUi();
    QWidget *buildFileRow();
    QWidget *buildStepsPanel();
    QWidget *buildEditorPanel();
    QWidget *buildPresetsRow();
    void createActions();
    void createMenus();

    // Records the change from the last recorded document to m_document (already applied).
    // Edits with the same non-negative mergeId and step merge into one undo entry.
    void recordChange(const QString &text, int mergeId = -1);
    void restoreFromHistory(const ik::TransformationDocument &document);
    void refreshAll();
    void refreshSteps();
    void refreshLayers();
    void refreshEditor();
    void refreshOutput();
    void updateActions();
    QString stepTitle(int index) const;

    void onStepParametersEdited();
    void onLayerEdited();
    void onOptionsEdited();
    void onStepsReordered();
    void onSearchRequested(const QString &searchQuery);
    void setFileMessage(const QString &text, bool isError);
    void reloadPresetCombo();
    bool persistPresets(QString *error) const;
    void askSavePreset();
    void askDeletePreset();
    void askExportPresets();
    void askImportPresets();

    QPointer<Session> m_session;
    ik::UrlBuilder m_ownUrlBuilder;
    const ik::Clock *m_clock;
    ik::TransformationDocument m_document;
    ik::TransformationDocument m_recorded; // the document of the undo stack's current state
    int m_currentStep = -1;
    int m_currentLayer = -1;
    bool m_refreshing = false;

    ik::PresetCollection m_presets;
    QString m_presetFile;

    QUndoStack *m_undo = nullptr;
    QLineEdit *m_fileEdit = nullptr;
    QLabel *m_fileMessage = nullptr;
    SearchBox *m_search = nullptr;
    QCompleter *m_searchCompleter = nullptr;
    QStandardItemModel *m_searchResults = nullptr;
    FileSearch *m_fileSearch = nullptr; // created with the first search
    QListWidget *m_steps = nullptr;
    QListWidget *m_layers = nullptr;
    QStackedWidget *m_editorStack = nullptr;
    QLineEdit *m_filter = nullptr;
    QCheckBox *m_legacy = nullptr;
    ParameterEditor *m_stepEditor = nullptr;
    LayerEditor *m_layerEditor = nullptr;
    QWidget *m_emptyPage = nullptr;
    QWidget *m_stepPage = nullptr;
    QWidget *m_layerPage = nullptr;
    UrlOptionsEditor *m_options = nullptr;
    BuilderOutput *m_output = nullptr;
    PreviewPanel *m_preview = nullptr;
    QComboBox *m_presetCombo = nullptr;
    QLabel *m_presetMessage = nullptr;
};

} // namespace ikui
