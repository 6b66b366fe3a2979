#include "clicommand.h"

namespace cli {

// Filled in by the API-client work: one command per ImageKit operation.
void registerApiCommands(CommandRegistry &)
{
}

} // namespace cli
