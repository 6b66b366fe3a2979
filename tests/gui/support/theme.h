#pragma once

#include <QMetaType>
#include <QPalette>
#include <QString>

namespace guitest {

// The two palettes screenshots are taken in.
enum class Theme { Light, Dark };

// "light" or "dark": the row names of addThemeRows() and part of screenshot file names.
QString themeName(Theme theme);

// The style's own palette (the light one on Fusion).
QPalette lightPalette();
// A dark palette with every role the app's widgets paint with (Mid draws the builder's frames).
QPalette darkPalette();
QPalette paletteFor(Theme theme);

// For a _data function: a column "theme" (guitest::Theme) with the rows "light" and "dark".
void addThemeRows();

// Sets the application palette of a theme for its lifetime and puts the previous one back.
class ThemeScope
{
public:
    explicit ThemeScope(Theme theme);
    ~ThemeScope();
    ThemeScope(const ThemeScope &) = delete;
    ThemeScope &operator=(const ThemeScope &) = delete;

private:
    QPalette m_previous;
};

} // namespace guitest

Q_DECLARE_METATYPE(guitest::Theme)
