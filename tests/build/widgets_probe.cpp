// Must NOT compile: ikcore's usage requirements do not put QtWidgets on the include path.
#include <QWidget>
#include "util/clock.h"

int main()
{
    QWidget widget;
    return int(ik::Clock::system().nowSeconds() == 0);
}
