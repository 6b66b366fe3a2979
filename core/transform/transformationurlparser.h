#pragma once

#include "transform/transformationdocument.h"

#include <QString>
#include <QStringList>

namespace ik {

class Clock;

enum class TransformationUrlError {
    None,
    Empty,              // nothing pasted
    NotAUrl,            // not an absolute http(s) URL
    OtherEndpoint,      // a URL outside the endpoint without any ImageKit transformation
    MissingPath,        // the endpoint itself, with no file path
    MalformedTransformation, // a tr: segment or tr= value that cannot be read (empty code, l-end without layer...)
    TransformationTwice,     // tr both in the path and in the query
};

struct TransformationUrlParse
{
    TransformationDocument document;
    TransformationUrlError error = TransformationUrlError::None;
    QString errorMessage;  // one sentence for the user when !ok()
    QStringList warnings;  // what was read but changed or dropped (expired signature, fragment, ...)
    bool ok() const { return error == TransformationUrlError::None; }
};

// Reads an ImageKit delivery URL back into a document (the inverse of
// UrlBuilder::build(document.toUrlOptions())):
// - a URL under `urlEndpoint` gives `path` (percent-decoded, with a leading '/'); the chain comes
//   from a tr: first path segment (position Path) or from the tr query parameter (position Query);
// - a URL outside the endpoint that carries tr (or a signature) gives `src`, position Query (an
//   external URL transformed through a web-proxy origin); without either it is an error;
// - steps split at ':', parameters at ','; codes from transformParameters() become parameters
//   ("oa" is shared by overlay_text_transparency and overlay_alpha: it is kept as the code "oa",
//   and its name reads back as overlay_alpha), l-text/l-image ... l-end become layers (a layer
//   with a nested layer, or of another type, stays in raw as it was), a conditional block
//   (if-...,if-end) stays in raw as written, anything else goes to raw. A step is rebuilt as
//   parameters, layers, raw: a hand-written URL in another order reads back in that order;
// - query parameters other than tr, ik-s, ik-t and ik-sdk-version are kept in order;
// - ik-s sets sign; ik-t gives expireSeconds = ik-t - clock.now (an expired URL gives 300 and a
//   warning, so rebuilding makes a fresh signature the user can adjust).
TransformationUrlParse parseTransformationUrl(const QString &url, const QString &urlEndpoint);
TransformationUrlParse parseTransformationUrl(const QString &url, const QString &urlEndpoint, const Clock &clock);

// Reads a chain (the text after tr:, not URL-encoded) into steps; false with `error` set when
// it is malformed. Used for the raw chain field and by parseTransformationUrl().
bool parseTransformationChain(QStringView chain, QList<TransformationStepSpec> &steps, QString &error,
                              QStringList *warnings = nullptr);

} // namespace ik
