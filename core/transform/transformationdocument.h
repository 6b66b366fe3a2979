#pragma once

#include "url/urloptions.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace ik {

// Ordered (code, value) pairs as they appear in the URL: ("w", "300") -> w-300. The value "-"
// stands for the bare code (e-grayscale); path values (di, image layer inputs) are library paths
// with '/' ("/folder/logo.png"), the URL form with '@@' is made when building.
using TransformCodeValues = QList<std::pair<QString, QString>>;

// A text or image overlay inside a step: l-text,i-Hello,fs-40,l-end. Its own parameters come
// from textLayerParameters() / imageLayerParameters() (core/url/transformparameters.h).
struct LayerSpec
{
    enum class Kind { Text, Image };
    Kind kind = Kind::Text;
    QString input;                  // the text, or the library path of the image ("/logos/a.png")
    TransformCodeValues parameters; // ordered, e.g. ("fs","40"),("co","FFFFFF"),("lx","10")

    bool operator==(const LayerSpec &) const = default;
};

// One step of the chain (the text between two ':' in tr:...).
struct TransformationStepSpec
{
    bool enabled = true;            // a disabled step stays in the document but not in the URL
    TransformCodeValues parameters; // ordered (code, value) from transformParameters(), e.g. ("w","300"),("c","force")
    QList<LayerSpec> layers;        // rendered after the parameters
    QString raw;                    // anything else, inserted as is after the layers (e.g. "e-upscale")

    bool isEmpty() const { return parameters.isEmpty() && layers.isEmpty() && raw.isEmpty(); }
    bool operator==(const TransformationStepSpec &) const = default;
};

// Everything the transformation builder edits; UrlBuilder::build(document.toUrlOptions()) gives
// its URL and parseTransformationUrl() (transformationurlparser.h) reads a URL back into one.
// Canonical form (what parsing produces): path starts with '/', path values start with '/', no
// empty or disabled steps, src documents use position Query, and a document without steps has
// position Path (the URL does not show it). Such documents round trip exactly:
// parseTransformationUrl(build(doc)) == doc (tests/builder checks every table parameter).
struct TransformationDocument
{
    QString path;  // relative to the URL endpoint, "/folder/image.jpg"; wins over src
    QString src;   // or a complete URL (always transformed through the query)
    QList<TransformationStepSpec> steps;
    TransformationPosition position = TransformationPosition::Path;
    QList<std::pair<QString, QString>> queryParameters; // extra ?key=value, in order
    bool sign = false;          // add ik-s (needs the private key in the UrlBuilder)
    qint64 expireSeconds = 0;   // with sign: ik-t = now + expireSeconds; 0 never expires

    // Skips disabled and empty steps; layers become ImageKit layer syntax in a raw entry.
    UrlOptions toUrlOptions() const;
    // The steps that reach the URL (enabled, not empty).
    QList<TransformationStepSpec> effectiveSteps() const;

    bool operator==(const TransformationDocument &) const = default;
};

// The transformation string of the enabled steps, as in tr:<this> (not URL-encoded).
QString transformationChainText(const QList<TransformationStepSpec> &steps);

// ImageKit's syntax for one layer: l-text,i-Hello,fs-40,l-end. Text made only of letters,
// digits, space, '.', '_' and '-' is written as i-<text>; other text as ie-<base64> (its '+',
// '/' and '=' percent-encoded, so the segment survives any position). Image paths are written
// i-<path with '/' as '@@'>, or ie-<base64> when they hold other characters than those above.
// A font family (ff) with a '/' is a font file in the library: written with '@@' like a path, and
// read back with a leading '/'.
QString layerText(const LayerSpec &layer);

// What in the document would make a broken or misleading URL, one sentence each for the user
// (empty when all is well): no path or src, a value holding ',' or ':' (they separate parameters
// and steps) or '/' (it would end the tr: segment), a layer without input, a negative expiry.
// Disabled steps are not checked: they do not reach the URL.
QStringList transformationProblems(const TransformationDocument &document);

// True when text can be written as i-<text> in a layer (see layerText()).
bool isPlainLayerInput(QStringView text);

} // namespace ik
