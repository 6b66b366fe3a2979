#pragma once

#include "api/apijob.h"
#include "api/results/filelist.h"

namespace ik {

// List and search files, or list the versions of a file.
// Created by ik::ImageKit; emits finished(result) or failed(error), then done().
class FileListJob : public ApiJob
{
    Q_OBJECT

public:
    FileListJob(ApiClient *client, ApiRequest request, ApiError validationError = {});

    // The result after finished(); empty before.
    const FileList &result() const { return m_result; }

    // Deferred parsing: the job checks the status but does not parse the body; it emits
    // bodyReceived(metadata) instead of finished(result), so the caller can run
    // FileList::fromResponse elsewhere (a worker thread: a 1,000-entry page takes far longer
    // than one UI frame). Set before the job starts (right after creating it).
    void setParseDeferred(bool deferred) { m_parseDeferred = deferred; }
    bool isParseDeferred() const { return m_parseDeferred; }

Q_SIGNALS:
    void finished(const ik::FileList &result);
    // Deferred parsing only: the successful response, unparsed.
    void bodyReceived(const ik::ResponseMetadata &metadata);

protected:
    std::optional<ApiError> handleSuccess(const ResponseMetadata &metadata) override;

private:
    FileList m_result;
    bool m_parseDeferred = false;
};

} // namespace ik
