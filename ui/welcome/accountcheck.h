#pragma once

#include "accounts/profile.h"

#include <QObject>
#include <QPointer>
#include <QString>

namespace ik {
class ApiError;
class FileListJob;
} // namespace ik

namespace ikui {

class Session;

// Checks an account before it is saved with the cheapest authenticated call there is (list one
// file) and turns a failure into a sentence that says which field is wrong.
class AccountCheck : public QObject
{
    Q_OBJECT

public:
    // The field a failure points at, so the form can focus it.
    enum class Field { None, Name, PrivateKey, PublicKey, UrlEndpoint, ApiBase };
    Q_ENUM(Field)

    explicit AccountCheck(QObject *parent = nullptr);
    ~AccountCheck() override;

    // Validates the input at once (failed() before returning when it is bad), then asks the
    // server. Answers with exactly one of succeeded/failed. A new start() abandons the previous one.
    void start(const Profile &profile, const QString &privateKey);
    void cancel();
    bool isRunning() const { return m_session != nullptr; }

    // The input problems found without a network call; empty message when there are none.
    static QString inputError(const Profile &profile, const QString &privateKey, Field *field);
    // What a failed check means for the user.
    static QString explain(const ik::ApiError &error, const QUrl &apiBase, Field *field);

Q_SIGNALS:
    void succeeded(const ikui::Profile &profile);
    void failed(const QString &message, ikui::AccountCheck::Field field);

private:
    Session *m_session = nullptr;
    QPointer<ik::FileListJob> m_job;
};

} // namespace ikui
