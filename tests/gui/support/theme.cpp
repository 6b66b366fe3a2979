#include "theme.h"

#include <QApplication>
#include <QStyle>
#include <QTest>

namespace guitest {

QString themeName(Theme theme)
{
    return theme == Theme::Dark ? QStringLiteral("dark") : QStringLiteral("light");
}

QPalette lightPalette()
{
    return QApplication::style()->standardPalette();
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2b), base(0x1e, 0x1e, 0x1e), text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, QColor(0x35, 0x84, 0xe4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Mid, QColor(0x40, 0x40, 0x40));
    return p;
}

QPalette paletteFor(Theme theme)
{
    return theme == Theme::Dark ? darkPalette() : lightPalette();
}

void addThemeRows()
{
    QTest::addColumn<Theme>("theme");
    for (const Theme theme : {Theme::Light, Theme::Dark})
        QTest::newRow(qPrintable(themeName(theme))) << theme;
}

ThemeScope::ThemeScope(Theme theme)
    : m_previous(QApplication::palette())
{
    QApplication::setPalette(paletteFor(theme));
}

ThemeScope::~ThemeScope()
{
    QApplication::setPalette(m_previous);
}

} // namespace guitest
