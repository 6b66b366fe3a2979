#pragma once

#include "transform/transformationdocument.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QStackedWidget;

namespace ikui {

class ParameterEditor;

// Edits one text or image layer of a step: its input (the text, or the library path of the
// image) and its own nested parameters, generated from the layer tables (position, size,
// styling) by the same control factory as a step's.
class LayerEditor : public QWidget
{
    Q_OBJECT

public:
    explicit LayerEditor(QWidget *parent = nullptr);

    void setLayer(const ik::LayerSpec &layer);
    const ik::LayerSpec &layer() const { return m_layer; }

    QLineEdit *inputEdit() const { return m_input; }
    // The parameter editor for the current layer's kind.
    ParameterEditor *parameterEditor() const;
    ParameterEditor *textParameterEditor() const { return m_textParameters; }
    ParameterEditor *imageParameterEditor() const { return m_imageParameters; }
    QString inputError() const;

Q_SIGNALS:
    void edited();

private:
    void onInputEdited();

    ik::LayerSpec m_layer;
    QLabel *m_kind = nullptr;
    QLineEdit *m_input = nullptr;
    QLabel *m_inputMessage = nullptr;
    QStackedWidget *m_stack = nullptr;
    ParameterEditor *m_textParameters = nullptr;
    ParameterEditor *m_imageParameters = nullptr;
};

} // namespace ikui
