#include "serverprofile.h"

#include "server/emulatorserver.h"

namespace guitest {

ikui::Profile profileFor(const QString &name, const ikemu::EmulatorServer &server)
{
    ikui::Profile profile;
    profile.name = name;
    profile.publicKey = server.config().publicKey;
    profile.urlEndpoint = server.urlEndpoint().toString();
    profile.apiBase = server.baseUrl();
    profile.uploadBase = server.baseUrl();
    return profile;
}

} // namespace guitest
