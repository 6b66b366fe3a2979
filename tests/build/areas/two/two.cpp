#include "two/two.h"
#include "one/one.h"
int two() { return one() + 1; }
