#include "search/searchbox.h"

#include "search/quicksearch.h"

#include <QKeyEvent>

namespace ikui {

SearchBox::SearchBox(QWidget *parent)
    : QLineEdit(parent)
{
    setObjectName(QStringLiteral("searchBox"));
    setPlaceholderText(tr("Search names and tags (Ctrl+F)"));
    setAccessibleName(tr("Search names and tags"));
    setClearButtonEnabled(true);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(DefaultDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &SearchBox::emitIfChanged);
    connect(this, &QLineEdit::textEdited, &m_debounce, [this] { m_debounce.start(); });
    // The clear button changes the text without textEdited.
    connect(this, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty())
            m_debounce.start();
    });
    connect(this, &QLineEdit::returnPressed, this, [this] {
        m_debounce.stop();
        emitIfChanged();
    });
}

QString SearchBox::searchQuery() const
{
    return QuickSearch::searchQueryFor(text());
}

void SearchBox::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && !text().isEmpty()) {
        clear();
        m_debounce.stop();
        emitIfChanged();
        return;
    }
    QLineEdit::keyPressEvent(event);
}

void SearchBox::emitIfChanged()
{
    const QString query = searchQuery();
    if (query == m_lastEmitted)
        return;
    m_lastEmitted = query;
    Q_EMIT searchRequested(query);
}

} // namespace ikui
