#pragma once

#include "session/fileentry.h"

#include "api/apierror.h"

#include <QString>
#include <QVector>

namespace ikui {

// One list-files page turned into FileEntry rows, in the server's order (type=all: folders
// first, then files).
struct ParsedFilePage
{
    QVector<FileEntry> entries;
    // Entries the server sent (what a pager compares with the limit); equals entries.size().
    qsizetype entryCount = 0;
    // Why the body is not a listing; empty on success.
    QString error;

    bool ok() const { return error.isEmpty(); }
};

// Parses a list-files response body into compact rows. A pure function of its input, so it
// runs on a worker thread (QtConcurrent): JSON parsing and building 1,000 rows would block the
// UI thread for far longer than a frame. Repeated strings (folder, MIME type, tags) are shared
// within the page; the model re-interns them into its own pool.
class FilePageParser
{
public:
    static ParsedFilePage parse(const ik::ResponseMetadata &response);
};

} // namespace ikui
