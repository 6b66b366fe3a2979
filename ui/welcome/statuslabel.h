#pragma once

#include <QLabel>

namespace ikui {

// The one-line status under the account forms: plain messages in the window's text colour,
// errors in a red chosen for the current palette (dark red on light windows, a light red on dark
// ones, both above 4.5:1 contrast), kept right when the system palette changes.
class StatusLabel : public QLabel
{
    Q_OBJECT

public:
    explicit StatusLabel(QWidget *parent = nullptr);

    void showStatus(const QString &text, bool isError);
    bool isError() const { return m_isError; }

    // The error red that reads on `palette`'s window colour.
    static QColor errorColor(const QPalette &palette);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColor();

    bool m_isError = false;
    bool m_applying = false;
};

} // namespace ikui
