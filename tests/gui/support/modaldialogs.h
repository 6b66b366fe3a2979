#pragma once

#include <QApplication>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <functional>

class QMessageBox;

namespace guitest {

// Runs `answer` once on the next modal dialog of type Dialog, from inside that dialog's own event
// loop (exec() blocks the test until the dialog closes). Polls every 20 ms for as long as
// `context` lives.
//   onNextModal<QInputDialog>(this, [](QInputDialog *dialog) { dialog->setTextValue(..); dialog->accept(); });
template<typename Dialog>
void onNextModal(QObject *context, std::function<void(Dialog *)> answer)
{
    auto *timer = new QTimer(context);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, context, [timer, answer] {
        auto *dialog = qobject_cast<Dialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        timer->stop();
        timer->deleteLater();
        answer(dialog);
    });
    timer->start();
}

// A message box's text and informative text, one per line: what the user reads.
QString messageText(const QMessageBox *box);

// Clicks the button whose text without its '&' mnemonic marker is `label`; false when there is none.
bool clickButtonLabelled(QMessageBox *box, const QString &label);

} // namespace guitest
