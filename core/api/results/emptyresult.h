#pragma once

#include "api/apierror.h"

namespace ik {

// Answer of the operations that return no data (204 deletes, copy/move file; 201 create
// folder): only the response metadata.
struct EmptyResult
{
    ResponseMetadata metadata;
};

} // namespace ik
