#include "editing/editablestate.h"

#include "session/fileentry.h"

namespace ikui {

EditableState EditableState::of(const FileEntry &entry)
{
    EditableState state;
    state.id = entry.id;
    state.name = entry.name;
    state.tags = entry.tags;
    if (entry.extras) {
        state.aiTags = entry.extras->aiTags;
        state.customMetadata = entry.extras->customMetadata;
        state.description = entry.extras->description;
        state.customCoordinates = entry.extras->customCoordinates;
    }
    return state;
}

} // namespace ikui
