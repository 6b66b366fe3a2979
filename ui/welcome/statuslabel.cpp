#include "welcome/statuslabel.h"

#include <QEvent>

namespace ikui {

StatusLabel::StatusLabel(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("statusLabel"));
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setAccessibleName(QStringLiteral("Status"));
}

QColor StatusLabel::errorColor(const QPalette &palette)
{
    const bool darkWindow = palette.color(QPalette::Window).lightness() < 128;
    return darkWindow ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28);
}

void StatusLabel::showStatus(const QString &text, bool isError)
{
    m_isError = isError;
    setText(text);
    setProperty("error", isError);
    applyColor();
}

void StatusLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_applying)
        applyColor();
}

void StatusLabel::applyColor()
{
    // Start from the parent's palette so a theme switch reaches the normal text colour too.
    QPalette colors = parentWidget() ? parentWidget()->palette() : palette();
    if (m_isError)
        colors.setColor(QPalette::WindowText, errorColor(colors));
    m_applying = true; // setPalette() sends a PaletteChange of its own
    setPalette(colors);
    m_applying = false;
}

} // namespace ikui
