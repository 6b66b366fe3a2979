#pragma once

#include <QWidget>

class QCompleter;
class QLabel;
class QLineEdit;
class QPushButton;
class QStringListModel;

namespace ikui {

// The advanced search bar: a line for an ImageKit searchQuery with completion of field names and
// operators (QCompleter over SearchQueryCompletion), a Search button, and a line under it that
// shows the server's error for the last query until the query is edited.
class SearchQueryEditor : public QWidget
{
    Q_OBJECT

public:
    explicit SearchQueryEditor(QWidget *parent = nullptr);

    QString query() const;
    void setQuery(const QString &query);
    // Custom metadata field names to offer as "customMetadata.<name>".
    void setCustomFields(const QStringList &names);
    QLineEdit *lineEdit() const { return m_edit; }
    QCompleter *completer() const { return m_completer; }

    // Shows the server's message (and hint) under the query; empty hides it.
    void showError(const QString &message, const QString &hint = {});
    QString errorText() const;

Q_SIGNALS:
    void searchRequested(const QString &searchQuery);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyErrorColor();
    void updateCompletions();
    void insertCompletion(const QString &completion);

    QLineEdit *m_edit;
    QPushButton *m_run;
    QLabel *m_error;
    QCompleter *m_completer;
    QStringListModel *m_completions;
    QStringList m_customFields;
    int m_wordStart = 0;
};

} // namespace ikui
