#include "builder/preview/previewresult.h"

namespace ikui {

QString PreviewFailure::text() const
{
    if (hint.isEmpty())
        return serverMessage;
    return serverMessage + QLatin1Char('\n') + hint;
}

} // namespace ikui
