#include "activity/dragoutwait.h"

#include "operations/dragoutdownload.h"

#include <QEventLoop>
#include <QKeyEvent>
#include <QLocale>
#include <QProgressDialog>
#include <QPushButton>
#include <QTimer>
#include <QWidget>

namespace ikui {

namespace {

// The bar counts permille of the bytes when their total is known, files otherwise.
constexpr int ByteScale = 1000;
constexpr int RefreshMs = 100;

} // namespace

DragOutWait::DragOutWait(DragOutDownload *download, QWidget *window, QObject *parent)
    : QObject(parent)
    , m_download(download)
    , m_window(window)
{
}

DragOutWait::~DragOutWait() = default;

QString DragOutWait::progressText(int done, int total, qint64 bytesReceived, qint64 bytesTotal)
{
    const QString files = tr("%1 of %n file(s)", nullptr, total).arg(done);
    if (bytesTotal <= 0)
        return files;
    const QLocale locale;
    return tr("%1, %2 of %3").arg(files, locale.formattedDataSize(bytesReceived), locale.formattedDataSize(bytesTotal));
}

DragOutWait::Outcome DragOutWait::exec()
{
    if (!m_download)
        return Outcome::Cancelled;
    m_download->start();
    if (!m_download->isFinished()) {
        QEventLoop loop;
        connect(m_download, &DragOutDownload::finished, &loop, &QEventLoop::quit);
        connect(m_download, &QObject::destroyed, &loop, &QEventLoop::quit);
        QTimer showTimer;
        showTimer.setSingleShot(true);
        connect(&showTimer, &QTimer::timeout, &loop, &QEventLoop::quit);
        showTimer.start(m_showDelayMs);
        loop.exec(QEventLoop::ExcludeUserInputEvents);
        if (m_download && !m_download->isFinished()) {
            // Still going after the delay: show where it is and let the user cancel. The
            // window-modal dialog keeps input away from the views, so input may flow again.
            showDialog();
            loop.exec(QEventLoop::AllEvents);
        }
    }
    m_dialog.reset();
    if (!m_download || m_download->isCancelled())
        return Outcome::Cancelled;
    return m_download->isComplete() ? Outcome::Ready : Outcome::Incomplete;
}

void DragOutWait::showDialog()
{
    m_dialog = std::make_unique<QProgressDialog>(m_window);
    QProgressDialog *dialog = m_dialog.get();
    dialog->setObjectName(QStringLiteral("dragOutProgress"));
    dialog->setWindowTitle(tr("Preparing the Drop"));
    dialog->setAccessibleName(tr("Progress of the files being prepared for the drop"));
    dialog->setLabelText(tr("Downloading %n file(s) for the drop…", nullptr, m_download->total()));
    dialog->setWindowModality(m_window ? Qt::WindowModal : Qt::ApplicationModal);
    // Shown and closed by us, not by QProgressDialog's own timing and auto-reset.
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    dialog->setMinimumDuration(0);
    auto *cancel = new QPushButton(tr("Cancel"), dialog);
    cancel->setObjectName(QStringLiteral("dragOutCancel"));
    cancel->setToolTip(tr("Stop downloading and drop nothing (Esc)"));
    dialog->setCancelButton(cancel);
    // Esc must reach the dialog even when a window shortcut also claims it (that would be ambiguous).
    dialog->installEventFilter(this);
    cancel->installEventFilter(this);
    const QPointer<DragOutDownload> download = m_download;
    const auto cancelDownload = [download] {
        if (download)
            download->cancel();
    };
    connect(dialog, &QProgressDialog::canceled, this, cancelDownload);
    connect(dialog, &QDialog::rejected, this, cancelDownload); // Esc
    // Refreshed on a timer, not from the download's signals: a modal QProgressDialog processes
    // events inside setValue(), which must not re-enter the download's reply handlers.
    auto *refresh = new QTimer(dialog);
    refresh->setInterval(RefreshMs);
    connect(refresh, &QTimer::timeout, this, &DragOutWait::updateDialog);
    refresh->start();
    updateDialog();
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

bool DragOutWait::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) {
        if (static_cast<QKeyEvent *>(event)->matches(QKeySequence::Cancel)) {
            event->accept();
            if (event->type() == QEvent::KeyPress && m_download)
                m_download->cancel();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

void DragOutWait::updateDialog()
{
    if (!m_dialog || !m_download)
        return;
    const qint64 bytesTotal = m_download->bytesTotal();
    const qint64 bytesReceived = m_download->bytesReceived();
    if (bytesTotal > 0) {
        m_dialog->setRange(0, ByteScale);
        m_dialog->setValue(int(qMin<qint64>(ByteScale, bytesReceived * ByteScale / bytesTotal)));
    } else {
        m_dialog->setRange(0, qMax(1, m_download->total()));
        m_dialog->setValue(m_download->doneCount());
    }
    m_dialog->setLabelText(tr("Downloading %n file(s) for the drop…", nullptr, m_download->total())
                           + QLatin1Char('\n')
                           + progressText(m_download->doneCount(), m_download->total(), bytesReceived, bytesTotal));
}

} // namespace ikui
