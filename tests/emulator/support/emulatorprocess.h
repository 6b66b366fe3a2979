#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPair>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace emutest {

// A real `mediadesk-emulator` process on a free port, for tests: started with the given extra
// arguments, its port parsed from the "listening on http://127.0.0.1:<port>" line.
class EmulatorProcess
{
public:
    static QString executablePath();

    EmulatorProcess() = default;
    ~EmulatorProcess();

    // Starts the emulator with --port 0 --data-dir `dataDir` plus `extraArguments`; false (with
    // the process output in `error`) when it did not report a port within 20 s.
    bool start(const QString &dataDir, const QStringList &extraArguments, QString *error);
    void stop();

    quint16 port() const { return m_port; }
    QString origin() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    QString output() const;

private:
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QByteArray m_output;
};

// A finished HTTP exchange.
struct HttpResult {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 elapsedMs = 0;

    QByteArray header(const QByteArray &name) const;
    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
};

// One part of a multipart body built by the tests.
struct TestPart {
    QString name;
    QByteArray data;
    QString fileName;   // set for a file part
};

// Synchronous HTTP over QNetworkAccessManager with a timeout (tests only).
class HttpDriver
{
public:
    explicit HttpDriver(QString origin, QString privateKey = QStringLiteral("private_emulator_key"));

    HttpResult send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
                    const QByteArray &contentType = {}, bool authenticate = true,
                    const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});
    HttpResult get(const QString &pathAndQuery) { return send("GET", pathAndQuery); }
    HttpResult sendJson(const QByteArray &method, const QString &path, const QJsonObject &body)
    {
        return send(method, path, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json");
    }
    HttpResult upload(const QList<TestPart> &parts, bool authenticate = true);

    // Starts an upload without waiting (for concurrency tests).
    QNetworkReply *startUpload(const QList<TestPart> &parts);
    static QByteArray multipartBody(const QList<TestPart> &parts, QByteArray *contentType);

    QNetworkAccessManager &manager() { return m_manager; }
    QByteArray authorization() const;
    void setPrivateKey(const QString &key) { m_privateKey = key; }

private:
    QString m_origin;
    QString m_privateKey;
    QNetworkAccessManager m_manager;
};

// An encoded test image with a recognisable pattern.
QByteArray makeImage(int width, int height, const char *format, int seed = 0);

} // namespace emutest
