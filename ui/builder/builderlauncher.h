#pragma once

#include <QObject>
#include <QString>

class QAction;
class QMenu;
class QMenuBar;

namespace ikui {

class BrowserContext;
class TransformationBuilder;

// Opens URL builders from the main window: "Open in URL Builder" (Ctrl+B, the context menu) on
// the selected file, and "URL Builder" in the Tools menu with no file. Each builder is its own
// top-level window, owned by the main window and deleted when closed. Kept out of MainWindow so
// its only hook there is one member, one menu and one context-menu line.
class BuilderLauncher : public QObject
{
    Q_OBJECT

public:
    explicit BuilderLauncher(BrowserContext *browser);

    // objectName "openInBuilder", Ctrl+B: the selected file (or an empty builder without one).
    QAction *openSelectedAction() const { return m_openSelected; }
    // objectName "openBuilder": an empty builder.
    QAction *openEmptyAction() const { return m_openEmpty; }
    // A "&Tools" menu with both actions, added to the window's menu bar.
    QMenu *addToolsMenu(QMenuBar *menuBar);

    // Opens a builder on `path` (a library path; empty for none).
    TransformationBuilder *openBuilder(const QString &path = QString());

private:
    QString selectedFilePath() const;

    BrowserContext *m_browser;
    QAction *m_openSelected = nullptr;
    QAction *m_openEmpty = nullptr;
};

} // namespace ikui
