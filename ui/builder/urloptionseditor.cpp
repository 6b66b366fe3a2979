#include "builder/urloptionseditor.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace ikui {

namespace {

// A year: longer expiries are better served by an unexpiring signature.
constexpr int MaximumExpirySeconds = 365 * 24 * 3600;

} // namespace

UrlOptionsEditor::UrlOptionsEditor(QWidget *parent)
    : QWidget(parent)
{
    auto *form = new QFormLayout(this);

    auto *positionRow = new QHBoxLayout;
    m_path = new QRadioButton(tr("In the path (/tr:w-300/image.jpg)"), this);
    m_path->setObjectName(QStringLiteral("positionPath"));
    m_query = new QRadioButton(tr("In the query (?tr=w-300)"), this);
    m_query->setObjectName(QStringLiteral("positionQuery"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_path);
    group->addButton(m_query);
    m_path->setChecked(true);
    positionRow->addWidget(m_path);
    positionRow->addWidget(m_query);
    positionRow->addStretch();
    form->addRow(tr("Transformation:"), positionRow);

    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("queryParameters"));
    m_table->setAccessibleName(tr("Extra query parameters"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setMinimumHeight(m_table->fontMetrics().height() * 5);
    auto *add = new QPushButton(tr("Add"), this);
    add->setObjectName(QStringLiteral("addQueryParameter"));
    add->setToolTip(tr("Add a query parameter (e.g. v=2 to bust caches)"));
    auto *remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(QStringLiteral("removeQueryParameter"));
    auto *tableButtons = new QVBoxLayout;
    tableButtons->addWidget(add);
    tableButtons->addWidget(remove);
    tableButtons->addStretch();
    auto *tableRow = new QHBoxLayout;
    tableRow->addWidget(m_table, 1);
    tableRow->addLayout(tableButtons);
    form->addRow(tr("Query parameters:"), tableRow);

    auto *signRow = new QHBoxLayout;
    m_sign = new QCheckBox(tr("Signed URL"), this);
    m_sign->setObjectName(QStringLiteral("signUrl"));
    m_sign->setToolTip(tr("Adds ik-s, a signature made with the account's private key"));
    m_expiry = new QSpinBox(this);
    m_expiry->setObjectName(QStringLiteral("expirySeconds"));
    m_expiry->setAccessibleName(tr("Signature expiry in seconds"));
    m_expiry->setRange(0, MaximumExpirySeconds);
    m_expiry->setSuffix(tr(" s"));
    m_expiry->setSpecialValueText(tr("never expires"));
    m_expiry->setToolTip(tr("Seconds until the signed URL expires (ik-t); 0 never expires"));
    signRow->addWidget(m_sign);
    signRow->addWidget(new QLabel(tr("Expires after:"), this));
    signRow->addWidget(m_expiry);
    signRow->addStretch();
    form->addRow(tr("Signature:"), signRow);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("optionsProblem"));
    m_problem->setVisible(false);
    form->addRow(m_problem);

    connect(m_path, &QRadioButton::toggled, this, [this] { notify(); });
    connect(m_sign, &QCheckBox::toggled, this, [this] {
        updateEnabled();
        notify();
    });
    connect(m_expiry, &QSpinBox::valueChanged, this, [this] { notify(); });
    connect(m_table, &QTableWidget::itemChanged, this, [this] { notify(); });
    connect(add, &QPushButton::clicked, this, [this] { addQueryParameter(); });
    connect(remove, &QPushButton::clicked, this, [this] { removeSelectedQueryParameters(); });
    updateEnabled();
}

void UrlOptionsEditor::setOptions(const Options &options)
{
    m_updating = true;
    (options.position == ik::TransformationPosition::Query ? m_query : m_path)->setChecked(true);
    m_table->setRowCount(0);
    for (const auto &[name, value] : options.queryParameters) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(name));
        m_table->setItem(row, 1, new QTableWidgetItem(value));
    }
    m_sign->setChecked(options.sign);
    m_expiry->setValue(int(std::clamp<qint64>(options.expireSeconds, 0, MaximumExpirySeconds)));
    m_updating = false;
    updateEnabled();
    notify();
}

UrlOptionsEditor::Options UrlOptionsEditor::options() const
{
    Options options;
    options.position = m_query->isChecked() ? ik::TransformationPosition::Query : ik::TransformationPosition::Path;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *name = m_table->item(row, 0);
        const QTableWidgetItem *value = m_table->item(row, 1);
        const QString key = name ? name->text().trimmed() : QString();
        if (!key.isEmpty())
            options.queryParameters.append({key, value ? value->text() : QString()});
    }
    options.sign = m_sign->isChecked();
    options.expireSeconds = options.sign ? m_expiry->value() : 0;
    return options;
}

QString UrlOptionsEditor::problem() const
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *name = m_table->item(row, 0);
        const QTableWidgetItem *value = m_table->item(row, 1);
        const bool hasValue = value && !value->text().isEmpty();
        const QString key = name ? name->text().trimmed() : QString();
        if (key.isEmpty() && hasValue)
            return tr("Query parameter %1 has a value but no name: it is left out.").arg(row + 1);
        if (key == QLatin1String("tr") || key == QLatin1String("ik-s") || key == QLatin1String("ik-t"))
            return tr("Query parameter \"%1\" is set by the builder itself: use the steps and the signature options.").arg(key);
    }
    return {};
}

void UrlOptionsEditor::addQueryParameter()
{
    const int row = m_table->rowCount();
    m_updating = true;
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem);
    m_table->setItem(row, 1, new QTableWidgetItem);
    m_updating = false;
    m_table->setCurrentCell(row, 0);
    m_table->editItem(m_table->item(row, 0));
}

void UrlOptionsEditor::removeSelectedQueryParameters()
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedIndexes())
        if (!rows.contains(index.row()))
            rows.append(index.row());
    if (rows.isEmpty() && m_table->currentRow() >= 0)
        rows.append(m_table->currentRow());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : rows)
        m_table->removeRow(row);
    notify();
}

void UrlOptionsEditor::notify()
{
    const QString text = problem();
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
    if (!m_updating)
        Q_EMIT edited();
}

void UrlOptionsEditor::updateEnabled()
{
    m_expiry->setEnabled(m_sign->isChecked());
}

} // namespace ikui
