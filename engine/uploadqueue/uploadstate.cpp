#include "uploadqueue/uploadstate.h"

#include <QCoreApplication>

namespace ikui {

bool isFinishedState(UploadState state)
{
    return state == UploadState::Done || state == UploadState::Failed || state == UploadState::Skipped
        || state == UploadState::Cancelled;
}

QString uploadStateText(UploadState state)
{
    switch (state) {
    case UploadState::Queued: return QCoreApplication::translate("ikui::UploadState", "Queued");
    case UploadState::Checking: return QCoreApplication::translate("ikui::UploadState", "Checking");
    case UploadState::Uploading: return QCoreApplication::translate("ikui::UploadState", "Uploading");
    case UploadState::Done: return QCoreApplication::translate("ikui::UploadState", "Done");
    case UploadState::Failed: return QCoreApplication::translate("ikui::UploadState", "Failed");
    case UploadState::Skipped: return QCoreApplication::translate("ikui::UploadState", "Skipped");
    case UploadState::Cancelled: return QCoreApplication::translate("ikui::UploadState", "Cancelled");
    }
    return {};
}

} // namespace ikui
