#pragma once

// A loopback HTTP/1.1 server for client tests: real sockets, no mocks.
//
//   iktest::RecordingServer server;
//   QVERIFY(server.listen());                        // 127.0.0.1, a free port
//   client.setApiBase(server.baseUrl());             // http://127.0.0.1:<port>
//   server.enqueue(iktest::ScriptedResponse::json(200, R"({"ok":true})"));
//   ... run the job ...
//   QTRY_COMPARE(server.requestCount(), 1);
//   const iktest::RecordedRequest &r = server.requests().at(0);
//   r.method, r.path, r.rawQuery, r.header("authorization"), r.body, r.queryItems()
//
// Which response answers a request, first match wins:
//   1. setResponder(fn): fn(request) returns a ScriptedResponse, or std::nullopt to fall through;
//   2. enqueue(response): a FIFO consumed in the order requests arrive;
//   3. setDefaultResponse(response): 200 with body "{}" unless changed.
// A ScriptedResponse can wait (`delayMs`), trickle its body (`chunkSize`/`chunkIntervalMs`),
// close the connection before answering (`dropConnection()`), after part of the body
// (`dropMidBody()`), or never answer (`hang()`).
//
// Large uploads: setBodyStoreLimit(n) keeps only the first n body bytes of each request;
// `bodySize` still counts every byte received, so a 1 GiB upload costs no memory here.
// Request bodies sent with `Transfer-Encoding: chunked` are decoded.
// maxOpenRequests(): the most requests that were received but not yet fully answered at once
// (what a client-side concurrency cap must bound).

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

class QTcpServer;
class QTcpSocket;

namespace iktest {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct RecordedRequest
{
    QByteArray method;     // as on the request line, e.g. "POST"
    QByteArray target;     // request target as sent: path and query
    QByteArray path;       // the target before '?', still percent-encoded
    QByteArray rawQuery;   // the target after '?', as sent (empty if none)
    HeaderList headers;    // in arrival order, names as sent
    QByteArray body;       // the body (possibly cut to the store limit), de-chunked
    qint64 bodySize = 0;   // every body byte received, stored or not
    int connectionId = 0;  // which TCP connection carried it (1, 2, ...)

    // Case-insensitive; the first value, empty when absent.
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    // rawQuery split on '&' and '=', '+' as space, %XX decoded as UTF-8, in order.
    QList<QPair<QString, QString>> queryItems() const;
};

struct ScriptedResponse
{
    enum class Fault {
        None,
        CloseBeforeResponse,  // close the connection without answering
        CloseMidBody,         // send the headers and half of the body, then close
        NeverAnswer,          // keep the connection open and never answer
    };

    int status = 200;
    HeaderList headers;   // Content-Length is added automatically
    QByteArray body;
    int delayMs = 0;          // wait this long after the request before answering
    int chunkSize = 0;        // > 0: write the body in pieces of this size ...
    int chunkIntervalMs = 0;  // ... this far apart
    Fault fault = Fault::None;

    static ScriptedResponse json(int status, const QByteArray &body);
    static ScriptedResponse text(int status, const QByteArray &contentType, const QByteArray &body);
    static ScriptedResponse empty(int status);
    static ScriptedResponse dropConnection();
    static ScriptedResponse dropMidBody(int status, const QByteArray &body);
    static ScriptedResponse hang();

    ScriptedResponse &withHeader(const QByteArray &name, const QByteArray &value);
    ScriptedResponse &withDelay(int ms);
    ScriptedResponse &trickled(int chunkSize, int intervalMs);
};

class RecordingServer : public QObject
{
    Q_OBJECT

public:
    explicit RecordingServer(QObject *parent = nullptr);
    ~RecordingServer() override;

    // Listens on 127.0.0.1 (port 0 = any free port).
    bool listen(quint16 port = 0);
    quint16 port() const;
    QUrl baseUrl() const;  // http://127.0.0.1:<port>

    void enqueue(const ScriptedResponse &response);
    void setDefaultResponse(const ScriptedResponse &response);
    void setResponder(std::function<std::optional<ScriptedResponse>(const RecordedRequest &)> responder);
    // Keep at most this many body bytes per request; -1 (default) keeps everything.
    void setBodyStoreLimit(qint64 bytes);

    const QList<RecordedRequest> &requests() const { return m_requests; }
    int requestCount() const { return int(m_requests.size()); }
    void clearRequests();
    int connectionCount() const { return m_connectionCount; }
    int openRequests() const { return m_openRequests; }
    int maxOpenRequests() const { return m_maxOpenRequests; }
    // Body bytes received so far, including requests still arriving.
    qint64 bodyBytesReceived() const { return m_bodyBytesReceived; }
    // Closes every open connection (for tests of a server going away).
    void closeAllConnections();

Q_SIGNALS:
    // A request was received completely; `index` is its position in requests().
    void requestReceived(int index);

private:
    struct Connection;
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void parseAvailable(Connection &connection);
    void requestComplete(Connection &connection);
    ScriptedResponse responseFor(const RecordedRequest &request);
    void sendResponse(QTcpSocket *socket, const ScriptedResponse &response);
    void writeBodyChunk(QTcpSocket *socket, QByteArray remaining, int chunkSize, int intervalMs);
    void responseFinished(QTcpSocket *socket);

    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, Connection *> m_connections;
    QList<Connection *> m_closed; // disconnected, deleted on the next event loop turn
    QList<RecordedRequest> m_requests;
    QList<ScriptedResponse> m_queue;
    ScriptedResponse m_defaultResponse;
    std::function<std::optional<ScriptedResponse>(const RecordedRequest &)> m_responder;
    qint64 m_bodyStoreLimit = -1;
    qint64 m_bodyBytesReceived = 0;
    int m_connectionCount = 0;
    int m_openRequests = 0;
    int m_maxOpenRequests = 0;
};

} // namespace iktest
