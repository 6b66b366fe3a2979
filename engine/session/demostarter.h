#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>

namespace ikui {

class Session;

// Starts the offline demo without freezing the window: the first start generates the demo library
// (a few seconds of CPU), so DemoSession::prepare runs on a worker thread (QtConcurrent) and only
// the quick server start happens on this thread. Answers with exactly one of finished/failed.
class DemoStarter : public QObject
{
    Q_OBJECT

public:
    explicit DemoStarter(QObject *parent = nullptr);
    ~DemoStarter() override;

    // Ignored while a start is running.
    void start(const QString &dataDir);
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    // The receiver owns the session.
    void finished(ikui::Session *session);
    // What went wrong and what to do about it.
    void failed(const QString &message);

private:
    void onPrepared();

    QFutureWatcher<QString> m_preparation;  // the worker's error, empty on success
    QString m_dataDir;
    bool m_running = false;
};

} // namespace ikui
