#pragma once

#include "transform/transformationdocument.h"

#include <QString>

namespace ik {

// Code that produces the document's URL in other tools. Parameters with a name in
// transformParameters() use it; everything else (layers, raw, codes outside the table, a code
// repeated in one step) goes into the step's "raw" entry in URL order, so every snippet builds
// exactly the URL of UrlBuilder::build(document.toUrlOptions()) with the same endpoint, key and
// clock.

// The seed SDK's url() options as ordered JSON (one line): {"path": ..., "transformation": [...],
// "transformation_position": "query", "query_parameters": {...}, "signed": true,
// "expire_seconds": 300}. Values are strings. This is what `mediadesk-cli url` reads.
QString urlOptionsJson(const TransformationDocument &document);

// Python (imagekitio 4.x): constructing the client and `image_url = imagekit.url({...})`, the
// options dict being urlOptionsJson() spread over lines with True/False for booleans.
QString pythonSnippet(const TransformationDocument &document, const QString &urlEndpoint);

// Node (imagekit-javascript / imagekit 4-6): `imagekit.url({ path, transformation: [{ height: "300" }],
// transformationPosition, signed, expireSeconds, queryParameters })` with camelCase names.
QString nodeSnippet(const TransformationDocument &document, const QString &urlEndpoint);

// `curl -fsS -o <file name> '<url>'`, the URL single-quoted for POSIX shells.
QString curlSnippet(const QString &url);

// `mediadesk-cli [--url-endpoint E] url '<urlOptionsJson>'` (signed URLs need IMAGEKIT_PRIVATE_KEY,
// said in a comment line). Without an endpoint the CLI takes IMAGEKIT_URL_ENDPOINT.
QString cliSnippet(const TransformationDocument &document, const QString &urlEndpoint = QString());

// `text` quoted for a POSIX shell: 'it'\''s'.
QString shellQuoted(const QString &text);

} // namespace ik
