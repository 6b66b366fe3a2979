#pragma once

#include "accounts/profile.h"

namespace ikemu {
class EmulatorServer;
}

namespace guitest {

// A profile called `name` for an account on a running emulator: its public key, delivery URL
// endpoint, and its address as both the API and the upload base.
ikui::Profile profileFor(const QString &name, const ikemu::EmulatorServer &server);

} // namespace guitest
