#pragma once

// Splits a recorded multipart/form-data body into its parts, strictly (RFC 7578 framing):
//
//   QString error;
//   const auto parts = iktest::MultipartParser::parse(request.body, request.header("content-type"), &error);
//   QVERIFY2(parts, qPrintable(error));
//   parts->at(0).name, .fileName, .hasFileName, .contentType, .data, .headers
//
// Returns std::nullopt (and the reason in *error) when the Content-Type has no boundary, the body
// does not start with the first delimiter, a part has no header block, or the closing delimiter
// is missing.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace iktest {

struct MultipartPart
{
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray name;          // from Content-Disposition: form-data; name="..."
    QByteArray fileName;      // from filename="...", when present
    bool hasFileName = false;
    QByteArray contentType;   // the part's Content-Type, empty when absent
    QByteArray data;
};

class MultipartParser
{
public:
    // The boundary parameter of a Content-Type header value (quotes removed), or empty.
    static QByteArray boundary(const QByteArray &contentType);
    static std::optional<QList<MultipartPart>> parse(const QByteArray &body, const QByteArray &contentType,
                                                     QString *error = nullptr);
};

} // namespace iktest
