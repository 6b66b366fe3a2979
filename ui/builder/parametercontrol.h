#pragma once

#include "url/transformparameters.h"

#include <QString>
#include <QWidget>

namespace ikui {

// The editor of one transformation parameter's value, generated from its table entry: the
// widget fits the entry's TransformValueType (a spin box for Integer, a combo for Choice, a
// colour button and hex field for Color ...). The value is always the text that goes into the
// URL after "code-".
//
// Controls do not decide whether the parameter is in the step: ParameterEditor does (its
// include check box). A control only edits the value and reports user edits.
class ParameterControl : public QWidget
{
    Q_OBJECT

public:
    const ik::TransformParameter &parameter() const { return m_parameter; }

    // The value's URL text (never empty: a fresh control shows a sensible default).
    virtual QString value() const = 0;
    // Shows `value`; false when the control cannot represent it (an out-of-range number, a
    // choice outside the table). The caller keeps such a value as is and says so.
    bool setValue(const QString &value);
    // One sentence when value() is not acceptable for this parameter, else empty.
    virtual QString validationError() const { return {}; }

Q_SIGNALS:
    // The user changed the value (not emitted by setValue()).
    void valueEdited();

protected:
    ParameterControl(const ik::TransformParameter &parameter, QWidget *parent);
    virtual bool showValue(const QString &value) = 0;
    // Subclasses call this from their widgets' change signals.
    void notifyEdited();
    // Tooltip, accessible name and description for an inner widget.
    void describe(QWidget *inner, const QString &role = QString()) const;

private:
    const ik::TransformParameter &m_parameter;
    bool m_settingValue = false;
};

// The one factory from TransformValueType to a control.
ParameterControl *createParameterControl(const ik::TransformParameter &parameter, QWidget *parent = nullptr);

// Why `text` is not a valid dimension (pixels, a 0-1 fraction, auto, or an arithmetic expression
// such as ih_div_2 or iw_mul_0.5_sub_10), or empty when it is. Positions (a layer's lx, ly) may
// be negative, written N20.
QString dimensionValueError(const QString &text, bool allowNegative = false);
// Why `text` is not a colour ImageKit accepts (RGB/RGBA hex, a named colour, or one of
// `keywords`), or empty.
QString colorValueError(const QString &text, const QStringList &keywords = {});

// "Height (h)": the label of a parameter in the editor.
QString parameterLabel(const ik::TransformParameter &parameter);

} // namespace ikui
