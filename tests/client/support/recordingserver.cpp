#include "recordingserver.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#ifdef Q_OS_LINUX
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#endif

namespace iktest {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 207: return "Multi-Status";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
    }
}

QString formDecode(QByteArray text)
{
    text.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(text));
}

} // namespace

QByteArray RecordedRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool RecordedRequest::hasHeader(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QList<QPair<QString, QString>> RecordedRequest::queryItems() const
{
    QList<QPair<QString, QString>> items;
    if (rawQuery.isEmpty())
        return items;
    for (const QByteArray &pair : rawQuery.split('&')) {
        const qsizetype eq = pair.indexOf('=');
        if (eq < 0)
            items.append({formDecode(pair), QString()});
        else
            items.append({formDecode(pair.left(eq)), formDecode(pair.mid(eq + 1))});
    }
    return items;
}

ScriptedResponse ScriptedResponse::json(int status, const QByteArray &body)
{
    return text(status, "application/json", body);
}

ScriptedResponse ScriptedResponse::text(int status, const QByteArray &contentType, const QByteArray &body)
{
    ScriptedResponse r;
    r.status = status;
    r.body = body;
    if (!contentType.isEmpty())
        r.headers.append({"Content-Type", contentType});
    return r;
}

ScriptedResponse ScriptedResponse::empty(int status)
{
    ScriptedResponse r;
    r.status = status;
    return r;
}

ScriptedResponse ScriptedResponse::dropConnection()
{
    ScriptedResponse r;
    r.fault = Fault::CloseBeforeResponse;
    return r;
}

ScriptedResponse ScriptedResponse::dropMidBody(int status, const QByteArray &body)
{
    ScriptedResponse r = json(status, body);
    r.fault = Fault::CloseMidBody;
    return r;
}

ScriptedResponse ScriptedResponse::hang()
{
    ScriptedResponse r;
    r.fault = Fault::NeverAnswer;
    return r;
}

ScriptedResponse &ScriptedResponse::withHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
    return *this;
}

ScriptedResponse &ScriptedResponse::withDelay(int ms)
{
    delayMs = ms;
    return *this;
}

ScriptedResponse &ScriptedResponse::trickled(int size, int intervalMs)
{
    chunkSize = size;
    chunkIntervalMs = intervalMs;
    return *this;
}

// Per-connection parser state: request line and headers, then a body by Content-Length or chunks.
struct RecordingServer::Connection
{
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, ChunkTrailer, Responding, Closed };

    QTcpSocket *socket = nullptr;
    int id = 0;
    State state = State::Head;
    QByteArray buffer;
    RecordedRequest request;
    qint64 remaining = 0;
    bool closeAfterResponse = false;
};

RecordingServer::RecordingServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    m_defaultResponse = ScriptedResponse::json(200, "{}");
    connect(m_server, &QTcpServer::newConnection, this, &RecordingServer::onNewConnection);
}

RecordingServer::~RecordingServer()
{
    qDeleteAll(m_connections);
    qDeleteAll(m_closed);
}

bool RecordingServer::listen(quint16 port)
{
    return m_server->listen(QHostAddress::LocalHost, port);
}

quint16 RecordingServer::port() const
{
    return m_server->serverPort();
}

QUrl RecordingServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port()));
}

void RecordingServer::enqueue(const ScriptedResponse &response)
{
    m_queue.append(response);
}

void RecordingServer::setDefaultResponse(const ScriptedResponse &response)
{
    m_defaultResponse = response;
}

void RecordingServer::setResponder(std::function<std::optional<ScriptedResponse>(const RecordedRequest &)> responder)
{
    m_responder = std::move(responder);
}

void RecordingServer::setBodyStoreLimit(qint64 bytes)
{
    m_bodyStoreLimit = bytes;
}

void RecordingServer::clearRequests()
{
    m_requests.clear();
    m_bodyBytesReceived = 0;
    m_maxOpenRequests = m_openRequests;
}

void RecordingServer::closeAllConnections()
{
    const auto sockets = m_connections.keys();
    for (QTcpSocket *socket : sockets)
        socket->abort();
}

void RecordingServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        // Without this, a response written in two pieces waits for the client's delayed ACK
        // (Nagle): 40 ms per request on loopback.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        auto *connection = new Connection;
        connection->socket = socket;
        connection->id = ++m_connectionCount;
        m_connections.insert(socket, connection);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            Connection *c = m_connections.take(socket);
            if (!c)
                return;
            if (c->state != Connection::State::Head)
                --m_openRequests; // a request was open on it
            // The parser may still be running on this connection (abort() from inside it):
            // delete it on the next turn.
            c->state = Connection::State::Closed;
            m_closed.append(c);
            QTimer::singleShot(0, this, [this] {
                qDeleteAll(m_closed);
                m_closed.clear();
            });
            socket->deleteLater();
        });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void RecordingServer::onReadyRead(QTcpSocket *socket)
{
    Connection *connection = m_connections.value(socket);
    if (!connection)
        return;
    connection->buffer.append(socket->readAll());
#ifdef Q_OS_LINUX
    // QNetworkAccessManager leaves Nagle on, and loopback's 64 KiB MSS makes every upload
    // piece "small": acknowledge at once (re-armed after each read) so the client never waits
    // for a 40 ms delayed ACK between pieces.
    const int one = 1;
    ::setsockopt(int(socket->socketDescriptor()), IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
#endif
    parseAvailable(*connection);
}

void RecordingServer::parseAvailable(Connection &c)
{
    using State = Connection::State;
    const auto storeBody = [this, &c](const QByteArray &bytes) {
        c.request.bodySize += bytes.size();
        m_bodyBytesReceived += bytes.size();
        if (m_bodyStoreLimit < 0) {
            c.request.body.append(bytes);
        } else if (c.request.body.size() < m_bodyStoreLimit) {
            c.request.body.append(bytes.left(m_bodyStoreLimit - c.request.body.size()));
        }
    };

    for (;;) {
        switch (c.state) {
        case State::Responding:
            return; // the rest waits until the response is written (no pipelining needed)
        case State::Closed:
            return;
        case State::Head: {
            const qsizetype end = c.buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = c.buffer.left(end);
            c.buffer.remove(0, end + 4);
            QList<QByteArray> lines = head.split('\n');
            for (QByteArray &line : lines)
                line = line.trimmed();
            const QList<QByteArray> requestLine = lines.value(0).split(' ');
            c.request = RecordedRequest();
            c.request.connectionId = c.id;
            c.request.method = requestLine.value(0);
            c.request.target = requestLine.value(1);
            const qsizetype q = c.request.target.indexOf('?');
            c.request.path = q < 0 ? c.request.target : c.request.target.left(q);
            c.request.rawQuery = q < 0 ? QByteArray() : c.request.target.mid(q + 1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    c.request.headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
            }
            c.closeAfterResponse = c.request.header("connection").compare("close", Qt::CaseInsensitive) == 0;
            ++m_openRequests;
            m_maxOpenRequests = qMax(m_maxOpenRequests, m_openRequests);
            if (c.request.header("expect").compare("100-continue", Qt::CaseInsensitive) == 0)
                c.socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            if (c.request.header("transfer-encoding").toLower().contains("chunked")) {
                c.state = State::ChunkSize;
            } else {
                c.remaining = c.request.header("content-length").toLongLong();
                c.state = State::Body;
            }
            break;
        }
        case State::Body: {
            const qint64 take = qMin<qint64>(c.remaining, c.buffer.size());
            if (take > 0) {
                if (take == c.buffer.size()) {
                    storeBody(c.buffer);
                    c.buffer.clear();
                } else {
                    storeBody(c.buffer.left(take));
                    c.buffer.remove(0, take);
                }
                c.remaining -= take;
            }
            if (c.remaining > 0)
                return;
            requestComplete(c);
            break;
        }
        case State::ChunkSize: {
            const qsizetype eol = c.buffer.indexOf("\r\n");
            if (eol < 0)
                return;
            const QByteArray sizeText = c.buffer.left(eol).split(';').value(0).trimmed();
            c.buffer.remove(0, eol + 2);
            bool ok = false;
            c.remaining = sizeText.toLongLong(&ok, 16);
            if (!ok) {
                c.socket->abort();
                return;
            }
            c.state = c.remaining == 0 ? State::ChunkTrailer : State::ChunkData;
            break;
        }
        case State::ChunkData: {
            const qint64 take = qMin<qint64>(c.remaining, c.buffer.size());
            storeBody(c.buffer.left(take));
            c.buffer.remove(0, take);
            c.remaining -= take;
            if (c.remaining > 0)
                return;
            c.state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd:
            if (c.buffer.size() < 2)
                return;
            c.buffer.remove(0, 2);
            c.state = State::ChunkSize;
            break;
        case State::ChunkTrailer: {
            const qsizetype eol = c.buffer.indexOf("\r\n");
            if (eol < 0)
                return;
            c.buffer.remove(0, eol + 2);
            if (eol == 0)
                requestComplete(c);
            break;
        }
        }
    }
}

void RecordingServer::requestComplete(Connection &c)
{
    c.state = Connection::State::Responding;
    m_requests.append(c.request);
    const int index = int(m_requests.size()) - 1;
    const ScriptedResponse response = responseFor(m_requests.at(index));
    QPointer<QTcpSocket> socket = c.socket;
    Q_EMIT requestReceived(index);
    if (response.delayMs > 0) {
        QTimer::singleShot(response.delayMs, this, [this, socket, response] {
            if (socket)
                sendResponse(socket, response);
        });
    } else if (socket) {
        sendResponse(socket, response);
    }
}

ScriptedResponse RecordingServer::responseFor(const RecordedRequest &request)
{
    if (m_responder) {
        if (std::optional<ScriptedResponse> r = m_responder(request))
            return *r;
    }
    if (!m_queue.isEmpty())
        return m_queue.takeFirst();
    return m_defaultResponse;
}

void RecordingServer::sendResponse(QTcpSocket *socket, const ScriptedResponse &response)
{
    using Fault = ScriptedResponse::Fault;
    if (!m_connections.contains(socket))
        return;
    if (response.fault == Fault::NeverAnswer)
        return;
    if (response.fault == Fault::CloseBeforeResponse) {
        socket->abort();
        return;
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    bool hasLength = false;
    for (const auto &h : response.headers) {
        head += h.first + ": " + h.second + "\r\n";
        hasLength = hasLength || h.first.compare("content-length", Qt::CaseInsensitive) == 0;
    }
    if (!hasLength)
        head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    head += "\r\n";

    if (response.fault == Fault::CloseMidBody) {
        socket->write(head + response.body.left(response.body.size() / 2));
        socket->flush();
        // Give the bytes a moment to leave before the reset, so the client sees a partial body.
        QPointer<QTcpSocket> guard = socket;
        QTimer::singleShot(20, this, [guard] {
            if (guard)
                guard->abort();
        });
        return;
    }
    if (response.chunkSize > 0 && response.body.size() > response.chunkSize) {
        socket->write(head);
        writeBodyChunk(socket, response.body, response.chunkSize, response.chunkIntervalMs);
        return;
    }
    socket->write(head + response.body);
    responseFinished(socket);
}

void RecordingServer::writeBodyChunk(QTcpSocket *socket, QByteArray remaining, int chunkSize, int intervalMs)
{
    socket->write(remaining.left(chunkSize));
    remaining.remove(0, chunkSize);
    if (remaining.isEmpty()) {
        responseFinished(socket);
        return;
    }
    QPointer<QTcpSocket> guard = socket;
    QTimer::singleShot(intervalMs, this, [this, guard, remaining, chunkSize, intervalMs] {
        if (guard && m_connections.contains(guard.data()))
            writeBodyChunk(guard.data(), remaining, chunkSize, intervalMs);
    });
}

void RecordingServer::responseFinished(QTcpSocket *socket)
{
    Connection *c = m_connections.value(socket);
    if (!c)
        return;
    --m_openRequests;
    if (c->closeAfterResponse) {
        socket->disconnectFromHost();
        c->state = Connection::State::Head; // no longer counted as open
        return;
    }
    c->state = Connection::State::Head;
    if (!c->buffer.isEmpty())
        parseAvailable(*c);
}

} // namespace iktest
