#include "shell/resources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE must be used outside any namespace.
static bool registerIkuiResources()
{
    Q_INIT_RESOURCE(resources);
    return true;
}

namespace ikui {

void initResources()
{
    static const bool registered = registerIkuiResources();
    Q_UNUSED(registered);
}

} // namespace ikui
