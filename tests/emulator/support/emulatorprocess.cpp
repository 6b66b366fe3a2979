#include "emulatorprocess.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QImage>
#include <QNetworkRequest>
#include <QPainter>
#include <QRegularExpression>
#include <QTimer>

namespace emutest {

QString EmulatorProcess::executablePath()
{
    return QStringLiteral(MEDIADESK_EMULATOR_PATH);
}

EmulatorProcess::~EmulatorProcess()
{
    stop();
}

bool EmulatorProcess::start(const QString &dataDir, const QStringList &extraArguments, QString *error)
{
    stop();
    m_output.clear();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    QStringList arguments = {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"), dataDir};
    arguments += extraArguments;
    m_process->start(executablePath(), arguments);
    static const QRegularExpression listening(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)"));
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        if (m_process->state() == QProcess::NotRunning)
            break;
        m_process->waitForReadyRead(100);
        m_output += m_process->readAll();
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(m_output));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return true;
        }
    }
    m_output += m_process->readAll();
    *error = QStringLiteral("the emulator did not start: %1").arg(QString::fromUtf8(m_output));
    return false;
}

void EmulatorProcess::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_output += m_process->readAll();
    m_process.reset();
    m_port = 0;
}

QString EmulatorProcess::output() const
{
    return QString::fromUtf8(m_output);
}

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

HttpDriver::HttpDriver(QString origin, QString privateKey)
    : m_origin(std::move(origin))
    , m_privateKey(std::move(privateKey))
{
}

QByteArray HttpDriver::authorization() const
{
    return "Basic " + (m_privateKey + QLatin1Char(':')).toUtf8().toBase64();
}

static HttpResult waitFor(QNetworkReply *reply)
{
    QElapsedTimer timer;
    timer.start();
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    HttpResult result;
    result.elapsedMs = timer.elapsed();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->isFinished() ? reply->error() : QNetworkReply::TimeoutError;
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return result;
}

HttpResult HttpDriver::send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
                            const QByteArray &contentType, bool authenticate,
                            const QList<QPair<QByteArray, QByteArray>> &extraHeaders)
{
    QNetworkRequest request(QUrl(m_origin + pathAndQuery));
    if (authenticate)
        request.setRawHeader("Authorization", authorization());
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    for (const auto &h : extraHeaders)
        request.setRawHeader(h.first, h.second);
    QNetworkReply *reply = m_manager.sendCustomRequest(request, method, body);
    return waitFor(reply);
}

QByteArray HttpDriver::multipartBody(const QList<TestPart> &parts, QByteArray *contentType)
{
    const QByteArray boundary = "----mediadeskTestBoundary7d3a";
    QByteArray body;
    for (const TestPart &p : parts) {
        body += "--" + boundary + "\r\n";
        body += "Content-Disposition: form-data; name=\"" + p.name.toUtf8() + '"';
        if (!p.fileName.isEmpty())
            body += "; filename=\"" + p.fileName.toUtf8() + '"';
        body += "\r\n\r\n" + p.data + "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    *contentType = "multipart/form-data; boundary=" + boundary;
    return body;
}

HttpResult HttpDriver::upload(const QList<TestPart> &parts, bool authenticate)
{
    QByteArray contentType;
    const QByteArray body = multipartBody(parts, &contentType);
    return send("POST", QStringLiteral("/api/v1/files/upload"), body, contentType, authenticate);
}

QNetworkReply *HttpDriver::startUpload(const QList<TestPart> &parts)
{
    QByteArray contentType;
    const QByteArray body = multipartBody(parts, &contentType);
    QNetworkRequest request(QUrl(m_origin + QStringLiteral("/api/v1/files/upload")));
    request.setRawHeader("Authorization", authorization());
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    return m_manager.post(request, body);
}

QByteArray makeImage(int width, int height, const char *format, int seed)
{
    QImage image(width, height, QImage::Format_ARGB32);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const int r = (x * 255) / qMax(1, width - 1);
            const int g = (y * 255) / qMax(1, height - 1);
            const int b = ((x / 8 + y / 8 + seed) % 2) * 200;
            image.setPixel(x, y, qRgba(r, g, (b + seed * 37) % 256, 255));
        }
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

} // namespace emutest
