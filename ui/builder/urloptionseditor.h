#pragma once

#include "url/urloptions.h"

#include <QList>
#include <QString>
#include <QWidget>

#include <utility>

class QCheckBox;
class QLabel;
class QRadioButton;
class QSpinBox;
class QTableWidget;

namespace ikui {

// The options of the builder's URL besides its steps: the transformation in the path or in the
// query, extra query parameters (an editable two-column table, in order), and a signature with
// an optional expiry. Emits edited() on every user change.
class UrlOptionsEditor : public QWidget
{
    Q_OBJECT

public:
    explicit UrlOptionsEditor(QWidget *parent = nullptr);

    struct Options
    {
        ik::TransformationPosition position = ik::TransformationPosition::Path;
        QList<std::pair<QString, QString>> queryParameters;
        bool sign = false;
        qint64 expireSeconds = 0;
    };

    void setOptions(const Options &options);
    Options options() const;
    // Query parameter rows with an empty name are ignored; this says so ("" when all is well).
    QString problem() const;

    QRadioButton *pathButton() const { return m_path; }
    QRadioButton *queryButton() const { return m_query; }
    QTableWidget *queryTable() const { return m_table; }
    QCheckBox *signBox() const { return m_sign; }
    QSpinBox *expirySpin() const { return m_expiry; }

public Q_SLOTS:
    // Adds an empty row and starts editing its name.
    void addQueryParameter();
    void removeSelectedQueryParameters();

Q_SIGNALS:
    void edited();

private:
    void notify();
    void updateEnabled();

    QRadioButton *m_path = nullptr;
    QRadioButton *m_query = nullptr;
    QTableWidget *m_table = nullptr;
    QCheckBox *m_sign = nullptr;
    QSpinBox *m_expiry = nullptr;
    QLabel *m_problem = nullptr;
    bool m_updating = false;
};

} // namespace ikui
