#include "builder/layereditor.h"

#include "builder/parametereditor.h"
#include "url/transformparameters.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace ikui {

LayerEditor::LayerEditor(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("layerEditor"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *form = new QFormLayout;
    m_kind = new QLabel(this);
    m_kind->setObjectName(QStringLiteral("layerKind"));
    m_input = new QLineEdit(this);
    m_input->setObjectName(QStringLiteral("layerInput"));
    m_inputMessage = new QLabel(this);
    m_inputMessage->setObjectName(QStringLiteral("layerInputMessage"));
    m_inputMessage->setWordWrap(true);
    m_inputMessage->setVisible(false);
    form->addRow(tr("Layer:"), m_kind);
    form->addRow(tr("Input:"), m_input);
    form->addRow(QString(), m_inputMessage);
    layout->addLayout(form);

    m_stack = new QStackedWidget(this);
    m_textParameters = new ParameterEditor(ik::textLayerParameters(), m_stack);
    m_textParameters->setObjectName(QStringLiteral("textLayerParameters"));
    m_imageParameters = new ParameterEditor(ik::imageLayerParameters(), m_stack);
    m_imageParameters->setObjectName(QStringLiteral("imageLayerParameters"));
    m_stack->addWidget(m_textParameters);
    m_stack->addWidget(m_imageParameters);
    layout->addWidget(m_stack, 1);

    connect(m_input, &QLineEdit::textEdited, this, [this] { onInputEdited(); });
    for (ParameterEditor *editor : {m_textParameters, m_imageParameters}) {
        connect(editor, &ParameterEditor::edited, this, [this, editor] {
            m_layer.parameters = editor->values();
            Q_EMIT edited();
        });
    }
    setLayer(ik::LayerSpec{});
}

void LayerEditor::setLayer(const ik::LayerSpec &layer)
{
    m_layer = layer;
    const bool text = layer.kind == ik::LayerSpec::Kind::Text;
    m_kind->setText(text ? tr("Text layer (l-text)") : tr("Image layer (l-image)"));
    m_input->setText(layer.input);
    m_input->setPlaceholderText(text ? tr("The text to draw") : tr("/folder/logo.png"));
    m_input->setAccessibleName(text ? tr("Layer text") : tr("Layer image path"));
    m_input->setToolTip(text ? tr("Text with any characters: other than letters, digits, space, '.', '_' and '-' it is sent base64-encoded (ie-)")
                             : tr("Path of an image in the media library"));
    m_stack->setCurrentWidget(text ? m_textParameters : m_imageParameters);
    parameterEditor()->setValues(layer.parameters);
    m_inputMessage->setVisible(false);
}

ParameterEditor *LayerEditor::parameterEditor() const
{
    return m_layer.kind == ik::LayerSpec::Kind::Text ? m_textParameters : m_imageParameters;
}

QString LayerEditor::inputError() const
{
    const QString input = m_input->text();
    if (input.trimmed().isEmpty())
        return m_layer.kind == ik::LayerSpec::Kind::Text ? tr("Enter the text of the layer.")
                                                         : tr("Enter the path of an image in the media library.");
    return {};
}

void LayerEditor::onInputEdited()
{
    const QString error = inputError();
    m_inputMessage->setText(error);
    m_inputMessage->setVisible(!error.isEmpty());
    if (!error.isEmpty())
        return;
    QString input = m_input->text();
    // Library paths are canonical with a leading '/', as a pasted URL reads back.
    if (m_layer.kind == ik::LayerSpec::Kind::Image && !input.startsWith(QLatin1Char('/')))
        input.prepend(QLatin1Char('/'));
    m_layer.input = input;
    Q_EMIT edited();
}

} // namespace ikui
