#pragma once

#include "api/apierror.h"

#include <QString>

namespace ikui {

// What the user reads when an operation fails: the server's own message, and what to try next.
class ErrorText
{
public:
    // "<what> failed: <server message>"
    static QString summary(const QString &what, const ik::ApiError &error);
    // The server's help text when it sent one, else advice for the kind of failure.
    static QString whatToTry(const ik::ApiError &error);
    // Both, on two lines.
    static QString full(const QString &what, const ik::ApiError &error);
};

} // namespace ikui
