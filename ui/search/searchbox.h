#pragma once

#include <QLineEdit>
#include <QTimer>

namespace ikui {

// The quick search field above the content: emits searchRequested() with the searchQuery for
// the typed text once typing pauses (debounced), or at once on Enter. Escape clears it.
class SearchBox : public QLineEdit
{
    Q_OBJECT

public:
    static constexpr int DefaultDebounceMs = 300;

    explicit SearchBox(QWidget *parent = nullptr);

    void setDebounceMs(int ms) { m_debounce.setInterval(ms); }
    int debounceMs() const { return m_debounce.interval(); }
    // The searchQuery for the current text (empty when the box is empty).
    QString searchQuery() const;

Q_SIGNALS:
    // Empty `searchQuery`: the search was cleared.
    void searchRequested(const QString &searchQuery);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void emitIfChanged();

    QTimer m_debounce;
    QString m_lastEmitted;
};

} // namespace ikui
