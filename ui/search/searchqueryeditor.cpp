#include "search/searchqueryeditor.h"

#include "search/searchquerycompletion.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStringListModel>
#include <QVBoxLayout>

namespace ikui {

SearchQueryEditor::SearchQueryEditor(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_run(new QPushButton(tr("Search"), this))
    , m_error(new QLabel(this))
    , m_completer(new QCompleter(this))
    , m_completions(new QStringListModel(this))
{
    setObjectName(QStringLiteral("searchQueryEditor"));
    m_edit->setObjectName(QStringLiteral("searchQueryEdit"));
    m_edit->setPlaceholderText(tr("searchQuery, e.g. (size < \"1mb\" AND width > 500) OR tags IN [\"banner\"]"));
    m_edit->setAccessibleName(tr("Advanced search query"));
    m_run->setObjectName(QStringLiteral("searchQueryRun"));
    m_run->setAccessibleName(tr("Run advanced search"));
    m_error->setObjectName(QStringLiteral("searchQueryError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setAccessibleName(tr("Search query error"));
    m_error->hide();
    applyErrorColor();

    m_completer->setModel(m_completions);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    // SearchQueryCompletion already filters by the typed prefix (quoted fields included).
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setWidget(m_edit);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            &SearchQueryEditor::insertCompletion);

    connect(m_edit, &QLineEdit::textEdited, this, [this] {
        showError({});
        updateCompletions();
    });
    connect(m_edit, &QLineEdit::returnPressed, this, [this] {
        if (m_completer->popup()->isVisible())
            return;
        Q_EMIT searchRequested(query());
    });
    connect(m_run, &QPushButton::clicked, this, [this] { Q_EMIT searchRequested(query()); });

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_edit, 1);
    row->addWidget(m_run);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_error);
}

void SearchQueryEditor::applyErrorColor()
{
    // A red that keeps above 4.5:1 contrast on light and on dark windows.
    QPalette colors = palette();
    const bool darkWindow = colors.color(QPalette::Window).lightness() < 128;
    colors.setColor(QPalette::WindowText, darkWindow ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28));
    m_error->setPalette(colors);
}

void SearchQueryEditor::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyErrorColor(); // the system switched between light and dark
}

QString SearchQueryEditor::query() const
{
    return m_edit->text().trimmed();
}

void SearchQueryEditor::setQuery(const QString &query)
{
    m_edit->setText(query);
    showError({});
}

void SearchQueryEditor::setCustomFields(const QStringList &names)
{
    m_customFields = names;
}

void SearchQueryEditor::showError(const QString &message, const QString &hint)
{
    if (message.isEmpty()) {
        m_error->clear();
        m_error->hide();
        return;
    }
    m_error->setText(hint.isEmpty() ? message : tr("%1\n%2").arg(message, hint));
    m_error->show();
}

QString SearchQueryEditor::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void SearchQueryEditor::updateCompletions()
{
    const auto context = SearchQueryCompletion::contextAt(m_edit->text(), m_edit->cursorPosition(), m_customFields);
    m_wordStart = context.wordStart;
    m_completions->setStringList(context.candidates);
    if (context.candidates.isEmpty() || (context.prefix.isEmpty() && context.candidates.size() > 8 && m_edit->text().isEmpty())) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->complete();
}

void SearchQueryEditor::insertCompletion(const QString &completion)
{
    QString text = m_edit->text();
    const int cursor = m_edit->cursorPosition();
    const QString inserted = completion + QLatin1Char(' ');
    text.replace(m_wordStart, cursor - m_wordStart, inserted);
    m_edit->setText(text);
    m_edit->setCursorPosition(m_wordStart + int(inserted.size()));
}

} // namespace ikui
