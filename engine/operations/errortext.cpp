#include "operations/errortext.h"

#include <QCoreApplication>

namespace ikui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ikui::ErrorText", text);
}
} // namespace

QString ErrorText::summary(const QString &what, const ik::ApiError &error)
{
    const QString message = error.message().isEmpty() ? error.className() : error.message();
    return tr("%1 failed: %2").arg(what, message);
}

QString ErrorText::whatToTry(const ik::ApiError &error)
{
    if (!error.help().isEmpty())
        return error.help();
    switch (error.kind()) {
    case ik::ErrorKind::Unauthorized:
        return tr("Check the account's private key in the account settings.");
    case ik::ErrorKind::Forbidden:
        return tr("The account is not allowed to do this: check its plan and permissions.");
    case ik::ErrorKind::NotFound:
        return tr("It may have been moved or deleted elsewhere: press F5 to refresh.");
    case ik::ErrorKind::Conflict:
        return tr("Something with that name exists already, or a folder job is still running: choose another name or wait and retry.");
    case ik::ErrorKind::TooManyRequests:
        return tr("The server is rate limiting: wait a moment and retry.");
    case ik::ErrorKind::InternalServer:
    case ik::ErrorKind::Network:
    case ik::ErrorKind::Timeout:
        return tr("Check the network connection and retry.");
    case ik::ErrorKind::BadRequest:
    case ik::ErrorKind::InvalidArgument:
        return tr("Correct the input and retry.");
    case ik::ErrorKind::PartialSuccess:
        return tr("Some items were done: refresh to see which, then retry the rest.");
    case ik::ErrorKind::Cancelled:
        return tr("Cancelled: nothing more was sent.");
    case ik::ErrorKind::UnparseableResponse:
    case ik::ErrorKind::Unknown:
        break;
    }
    return tr("Retry; if it keeps failing, check the server's status.");
}

QString ErrorText::full(const QString &what, const ik::ApiError &error)
{
    return summary(what, error) + QLatin1Char('\n') + whatToTry(error);
}

} // namespace ikui
