#include "modaldialogs.h"

#include <QAbstractButton>
#include <QMessageBox>

namespace guitest {

QString messageText(const QMessageBox *box)
{
    return box->text() + QLatin1Char('\n') + box->informativeText();
}

bool clickButtonLabelled(QMessageBox *box, const QString &label)
{
    for (QAbstractButton *candidate : box->buttons()) {
        if (candidate->text().remove(QLatin1Char('&')) == label) {
            candidate->click();
            return true;
        }
    }
    return false;
}

} // namespace guitest
