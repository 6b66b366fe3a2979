#pragma once

#include <QtGlobal>

namespace ikui {

// The whole queue at a glance, for the total bar of the upload panel.
struct UploadTotals
{
    qint64 files = 0;           // every item in the queue (any state)
    qint64 done = 0;
    qint64 failed = 0;
    qint64 skipped = 0;
    qint64 cancelled = 0;
    qint64 active = 0;          // Checking or Uploading now
    qint64 bytesTotal = 0;      // sizes of every item not Cancelled/Skipped
    qint64 bytesSent = 0;       // bytes of Done items plus progress of the ones in flight
    double bytesPerSecond = 0;  // recent rate over the last few seconds
    qint64 secondsLeft = -1;    // -1 when unknown (no rate yet, or nothing left)

    qint64 remainingFiles() const { return files - done - failed - skipped - cancelled; }
};

} // namespace ikui
