#include "mainwindow.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Mediadesk"));
    QApplication::setOrganizationName(QStringLiteral("Mediadesk"));
    QApplication::setApplicationVersion(QStringLiteral(MEDIADESK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.mediadesk.Mediadesk"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/mediadesk.svg")));

    ikui::MainWindow window;
    window.show();
    return app.exec();
}
