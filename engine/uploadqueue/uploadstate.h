#pragma once

#include <QMetaType>
#include <QString>

namespace ikui {

// The life of one queue item. Queued -> (Checking) -> Uploading -> Done | Failed, or Skipped
// (WhenExists::Skip found the name taken) or Cancelled (by the user). Checking asks the server
// whether an earlier attempt already stored the file (exactly-once) or whether the name is taken.
// The numeric values are stored in the queue database: never renumber them.
enum class UploadState {
    Queued = 0,
    Checking = 1,
    Uploading = 2,
    Done = 3,
    Failed = 4,
    Skipped = 5,
    Cancelled = 6,
};

// True for Done, Failed, Skipped and Cancelled.
bool isFinishedState(UploadState state);
// "Queued", "Checking", "Uploading", "Done", "Failed", "Skipped", "Cancelled" (translatable).
QString uploadStateText(UploadState state);

} // namespace ikui

Q_DECLARE_METATYPE(ikui::UploadState)
