#pragma once

namespace ikui {

// Registers ikui's embedded resources (icons). ikui is a static library, so its resource data is
// linked only when something asks for it; every widget that uses ":/..." calls this first.
// Safe to call any number of times.
void initResources();

} // namespace ikui
