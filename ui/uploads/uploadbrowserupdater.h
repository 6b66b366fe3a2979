#pragma once

#include "api/results/uploadresult.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace ikui {

class BrowserContext;

// Shows upload results in the browser without a manual refresh. Results are collected and applied
// at most once per interval (default 1 s), so a batch of thousands of small files does not make
// the view jump on every answer: a file uploaded into the listed folder is inserted at its sorted
// place (or its row replaced when it was a new version); a folder upload that created a subfolder
// of the listed folder relists it once; the folder tree relists the folders that got new children.
class UploadBrowserUpdater : public QObject
{
    Q_OBJECT

public:
    UploadBrowserUpdater(BrowserContext *browser, QObject *parent);

    void setInterval(int milliseconds);
    void fileUploaded(const ik::UploadResult &result);
    // Applies what is pending now (tests; and before navigating to an uploaded file).
    void flush();
    int pendingCount() const { return int(m_pending.size()); }

Q_SIGNALS:
    // After each flush that changed something.
    void browserUpdated(int insertedFiles);

private:
    BrowserContext *m_browser;
    QList<ik::UploadResult> m_pending;
    QSet<QString> m_relistedFor;    // subfolders of the listing already relisted for
    QTimer m_timer;
};

} // namespace ikui
