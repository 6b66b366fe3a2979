// Must compile: the control for widgets_probe.cpp, with the same usage requirements.
#include <QCoreApplication>
#include "util/clock.h"

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    return int(ik::Clock::system().nowSeconds() == 0);
}
