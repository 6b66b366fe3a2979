#include "one/one.h"
int one() { return 1; }
