#pragma once

#include "api/apirequest.h"

#include <QString>

class QHttpMultiPart;
class QObject;

namespace ik {

// Turns MultipartFields into a QHttpMultiPart whose file parts stream from disk or from the
// caller's device: QHttpMultiPart reads them piecewise while sending, so memory does not grow
// with the file size. Files are opened here (when the request is sent) and owned by the
// returned object; a caller's device is rewound to its start and must be random-access
// (its size is needed for Content-Length).
class MultipartBody
{
public:
    // nullptr and the reason in *error when a file cannot be opened or a device is unusable.
    static QHttpMultiPart *build(const QList<MultipartField> &fields, QString *error);
    // Content-Disposition parameter value: quotes and line breaks percent-escaped as browsers do.
    static QByteArray escapeParameter(const QByteArray &value);
};

} // namespace ik
