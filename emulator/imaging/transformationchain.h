#pragma once

#include <QList>
#include <QString>

namespace ikemu {

// One `code-value` parameter of an ImageKit transformation step, e.g. "w-300" -> {w, 300}.
// Flags ("e-grayscale") have an empty value; effects keep their "e-" prefix in the code and the
// part after the effect name as the value ("e-sharpen-10" -> {e-sharpen, 10}).
struct TransformParameter {
    QString code;
    QString value;
    QString raw; // as written, for error messages and the ignored-parameters list
};

// An overlay inside a step: `l-text,...,l-end` or `l-image,...,l-end`.
struct TransformLayer {
    QString type; // "text", "image", ...
    QList<TransformParameter> parameters;
};

// One step of the chain (between ':'): its own parameters and its layers, in the written order.
struct TransformStep {
    QList<TransformParameter> parameters;
    QList<TransformLayer> layers;
};

// Splits the chain text ("w-300,h-200:l-text,i-Hi,l-end") into steps, parameters and layers.
// The text is taken as already percent-decoded except for layer inputs, which ImageKit requires
// to be URL-encoded (the transformer decodes them). Returns an error message for a malformed chain
// (nested layer, l-end without a layer, empty parameter code); a layer left open ends with
// its step; empty when it is fine.
QString parseTransformationChain(const QString &chain, QList<TransformStep> *steps);

TransformParameter parseTransformParameter(const QString &text);

} // namespace ikemu
