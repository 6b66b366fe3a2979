#pragma once

#include <QMainWindow>

namespace ikui {

// The application window: menus and, as the browser arrives, the library views.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

public Q_SLOTS:
    void showAbout();

private:
    void createMenus();
};

} // namespace ikui
