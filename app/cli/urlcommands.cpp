#include "clicommand.h"

namespace cli {

// Filled in by the URL-generation work: url, auth-params, phash-distance.
void registerUrlCommands(CommandRegistry &)
{
}

} // namespace cli
