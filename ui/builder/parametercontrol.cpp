#include "builder/parametercontrol.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QColor>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QIcon>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QRegularExpression>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ikui {

namespace {

using ik::TransformParameter;
using ik::TransformValueType;

// Integers without a range in the table still need limits for a spin box.
constexpr int UnboundedIntegerMaximum = 99999;

QHBoxLayout *tightRow(QWidget *owner)
{
    auto *row = new QHBoxLayout(owner);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(4);
    return row;
}

// A single keyword such as dpr's "auto", shown at the bottom of a spin box's range.
QString singleKeyword(const TransformParameter &parameter)
{
    const QStringList keywords = parameter.allowedValueList();
    return keywords.size() == 1 ? keywords.first() : QString();
}

class LineControl : public ParameterControl
{
public:
    LineControl(const TransformParameter &parameter, QWidget *parent, const QString &placeholder)
        : ParameterControl(parameter, parent)
    {
        m_edit = new QLineEdit(this);
        m_edit->setObjectName(QStringLiteral("valueEdit"));
        m_edit->setPlaceholderText(placeholder);
        const QStringList keywords = parameter.allowedValueList();
        if (!keywords.isEmpty()) {
            auto *completer = new QCompleter(keywords, m_edit);
            completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
            m_edit->setCompleter(completer);
        }
        tightRow(this)->addWidget(m_edit);
        describe(m_edit);
        setFocusProxy(m_edit);
        connect(m_edit, &QLineEdit::textEdited, this, [this] { notifyEdited(); });
    }

    QString value() const override { return m_edit->text().trimmed(); }

protected:
    bool showValue(const QString &value) override
    {
        m_edit->setText(value);
        return true;
    }

    QLineEdit *m_edit = nullptr;
};

class DimensionControl : public LineControl
{
public:
    DimensionControl(const TransformParameter &parameter, QWidget *parent)
        : LineControl(parameter, parent, QStringLiteral("300, 0.5, auto or ih_div_2"))
    {
        auto *completer = new QCompleter(QStringList{QStringLiteral("auto"), QStringLiteral("iw_div_2"),
                                                     QStringLiteral("ih_div_2"), QStringLiteral("iw_mul_0.5")}, m_edit);
        m_edit->setCompleter(completer);
    }
    QString validationError() const override
    {
        const QString code = parameter().codeText();
        return dimensionValueError(value(), code == QLatin1String("lx") || code == QLatin1String("ly"));
    }
};

class TextControl : public LineControl
{
public:
    TextControl(const TransformParameter &parameter, QWidget *parent)
        : LineControl(parameter, parent, parameter.allowedValueList().join(QLatin1String(", ")))
    {
    }
    QString validationError() const override
    {
        return value().isEmpty() ? QStringLiteral("Enter a value.") : QString();
    }
};

class PathControl : public LineControl
{
public:
    PathControl(const TransformParameter &parameter, QWidget *parent)
        : LineControl(parameter, parent, QStringLiteral("/folder/image.jpg"))
    {
    }
    QString validationError() const override
    {
        const QString path = value();
        if (path.isEmpty())
            return QStringLiteral("Enter the path of a file in the media library.");
        if (path.contains(QLatin1Char(',')) || path.contains(QLatin1Char(':')))
            return QStringLiteral("A library path cannot contain ',' or ':' in a transformation.");
        return {};
    }
};

class RawControl : public LineControl
{
public:
    RawControl(const TransformParameter &parameter, QWidget *parent)
        : LineControl(parameter, parent, QStringLiteral("e-upscale,l-text,i-Hello,l-end"))
    {
        m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    }
    QString validationError() const override
    {
        if (value().isEmpty())
            return QStringLiteral("Enter transformation text, e.g. e-upscale.");
        if (value().contains(QLatin1Char('/')) || value().contains(QLatin1Char('?')))
            return QStringLiteral("Raw text cannot contain '/' or '?': they would end the transformation.");
        return {};
    }
};

// "-" applies the effect with its defaults; a value tunes it.
class FlagOrValueControl : public LineControl
{
public:
    FlagOrValueControl(const TransformParameter &parameter, QWidget *parent)
        : LineControl(parameter, parent, QStringLiteral("default (or a value)"))
    {
    }
    QString value() const override
    {
        const QString text = LineControl::value();
        return text.isEmpty() ? QStringLiteral("-") : text;
    }

protected:
    bool showValue(const QString &value) override
    {
        m_edit->setText(value == QLatin1String("-") ? QString() : value);
        return true;
    }
};

class BooleanControl : public ParameterControl
{
public:
    BooleanControl(const TransformParameter &parameter, QWidget *parent)
        : ParameterControl(parameter, parent)
    {
        m_check = new QCheckBox(this);
        m_check->setObjectName(QStringLiteral("valueCheck"));
        m_check->setChecked(true);
        updateText();
        tightRow(this)->addWidget(m_check);
        describe(m_check);
        setFocusProxy(m_check);
        connect(m_check, &QCheckBox::toggled, this, [this] {
            updateText();
            notifyEdited();
        });
    }
    QString value() const override { return m_check->isChecked() ? QStringLiteral("true") : QStringLiteral("false"); }

protected:
    bool showValue(const QString &value) override
    {
        if (value != QLatin1String("true") && value != QLatin1String("false"))
            return false;
        m_check->setChecked(value == QLatin1String("true"));
        updateText();
        return true;
    }

private:
    void updateText() { m_check->setText(value()); }
    QCheckBox *m_check = nullptr;
};

class ChoiceControl : public ParameterControl
{
public:
    ChoiceControl(const TransformParameter &parameter, QWidget *parent)
        : ParameterControl(parameter, parent)
    {
        m_combo = new QComboBox(this);
        m_combo->setObjectName(QStringLiteral("valueCombo"));
        m_combo->addItems(parameter.allowedValueList());
        tightRow(this)->addWidget(m_combo);
        describe(m_combo);
        setFocusProxy(m_combo);
        connect(m_combo, &QComboBox::activated, this, [this] { notifyEdited(); });
    }
    QString value() const override { return m_combo->currentText(); }

protected:
    bool showValue(const QString &value) override
    {
        const int index = m_combo->findText(value);
        if (index < 0)
            return false;
        m_combo->setCurrentIndex(index);
        return true;
    }

private:
    QComboBox *m_combo = nullptr;
};

class IntegerControl : public ParameterControl
{
public:
    IntegerControl(const TransformParameter &parameter, QWidget *parent, bool withSlider)
        : ParameterControl(parameter, parent)
    {
        int minimum = 0;
        int maximum = UnboundedIntegerMaximum;
        if (parameter.hasRange()) {
            minimum = static_cast<int>(parameter.minimum);
            if (parameter.maximum > parameter.minimum)
                maximum = static_cast<int>(parameter.maximum);
        }
        auto *row = tightRow(this);
        if (withSlider) {
            m_slider = new QSlider(Qt::Horizontal, this);
            m_slider->setObjectName(QStringLiteral("valueSlider"));
            m_slider->setRange(minimum, maximum);
            m_slider->setPageStep(10);
            describe(m_slider, QStringLiteral("slider"));
            row->addWidget(m_slider, 1);
        }
        m_spin = new QSpinBox(this);
        m_spin->setObjectName(QStringLiteral("valueSpin"));
        m_spin->setRange(minimum, maximum);
        m_spin->setAccelerated(true);
        // Quality starts high: a fresh slider at 1 would wreck the preview.
        const int initial = withSlider ? std::min(maximum, 80) : minimum;
        m_spin->setValue(initial);
        describe(m_spin);
        row->addWidget(m_spin);
        setFocusProxy(m_slider ? static_cast<QWidget *>(m_slider) : m_spin);
        if (m_slider) {
            m_slider->setValue(initial);
            connect(m_slider, &QSlider::valueChanged, m_spin, &QSpinBox::setValue);
            connect(m_spin, &QSpinBox::valueChanged, m_slider, &QSlider::setValue);
        }
        connect(m_spin, &QSpinBox::valueChanged, this, [this] { notifyEdited(); });
    }
    QString value() const override { return QString::number(m_spin->value()); }

protected:
    bool showValue(const QString &value) override
    {
        bool ok = false;
        const int number = value.toInt(&ok);
        if (!ok || number < m_spin->minimum() || number > m_spin->maximum())
            return false;
        m_spin->setValue(number);
        return true;
    }

private:
    QSlider *m_slider = nullptr;
    QSpinBox *m_spin = nullptr;
};

// A decimal spin box; a single keyword (dpr's "auto") is shown one step below the range.
class NumberControl : public ParameterControl
{
public:
    NumberControl(const TransformParameter &parameter, QWidget *parent)
        : ParameterControl(parameter, parent)
        , m_keyword(singleKeyword(parameter))
    {
        m_spin = new QDoubleSpinBox(this);
        m_spin->setObjectName(QStringLiteral("valueSpin"));
        m_spin->setDecimals(2);
        m_spin->setSingleStep(0.1);
        const double minimum = parameter.hasRange() ? parameter.minimum : 0.0;
        const double maximum = parameter.maximum > minimum ? parameter.maximum : double(UnboundedIntegerMaximum);
        m_keywordValue = minimum - m_spin->singleStep();
        m_spin->setRange(m_keyword.isEmpty() ? minimum : m_keywordValue, maximum);
        if (!m_keyword.isEmpty())
            m_spin->setSpecialValueText(m_keyword);
        m_spin->setValue(std::clamp(1.0, minimum, maximum));
        tightRow(this)->addWidget(m_spin);
        describe(m_spin);
        setFocusProxy(m_spin);
        connect(m_spin, &QDoubleSpinBox::valueChanged, this, [this] { notifyEdited(); });
    }
    QString value() const override
    {
        if (!m_keyword.isEmpty() && m_spin->value() <= m_spin->minimum())
            return m_keyword;
        return QString::number(m_spin->value(), 'g', 6);
    }

protected:
    bool showValue(const QString &value) override
    {
        if (!m_keyword.isEmpty() && value == m_keyword) {
            m_spin->setValue(m_spin->minimum());
            return true;
        }
        bool ok = false;
        const double number = value.toDouble(&ok);
        const double lowest = m_keyword.isEmpty() ? m_spin->minimum() : m_keywordValue + m_spin->singleStep();
        if (!ok || number < lowest - 1e-9 || number > m_spin->maximum() + 1e-9)
            return false;
        m_spin->setValue(number);
        // The spin box rounds to its decimals: a value it cannot show exactly is not ours.
        return std::abs(m_spin->value() - number) < 1e-9;
    }

private:
    QDoubleSpinBox *m_spin = nullptr;
    QString m_keyword;
    double m_keywordValue = 0;
};

// ImageKit writes RGBA as RRGGBBAA; Qt's "#AARRGGBB" puts alpha first.
QColor colorFromImageKit(const QString &text)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?$"));
    if (hex.match(text).hasMatch()) {
        QColor color(QStringLiteral("#") + text.left(6));
        if (text.size() == 8)
            color.setAlpha(text.mid(6, 2).toInt(nullptr, 16));
        return color;
    }
    if (QColor::isValidColorName(text))
        return QColor::fromString(text);
    return {};
}

QString imageKitHex(const QColor &color)
{
    QString text = color.name(QColor::HexRgb).mid(1).toUpper();
    if (color.alpha() != 255)
        text += QStringLiteral("%1").arg(color.alpha(), 2, 16, QLatin1Char('0')).toUpper();
    return text;
}

class ColorControl : public ParameterControl
{
public:
    ColorControl(const TransformParameter &parameter, QWidget *parent)
        : ParameterControl(parameter, parent)
    {
        m_button = new QToolButton(this);
        m_button->setObjectName(QStringLiteral("colorButton"));
        describe(m_button, QStringLiteral("pick colour"));
        m_edit = new QLineEdit(QStringLiteral("FFFFFF"), this);
        m_edit->setObjectName(QStringLiteral("valueEdit"));
        m_edit->setPlaceholderText(QStringLiteral("FFFFFF, FF000080 or red"));
        const QStringList keywords = parameter.allowedValueList();
        if (!keywords.isEmpty()) {
            auto *completer = new QCompleter(keywords, m_edit);
            completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
            m_edit->setCompleter(completer);
        }
        describe(m_edit);
        auto *row = tightRow(this);
        row->addWidget(m_button);
        row->addWidget(m_edit, 1);
        setFocusProxy(m_edit);
        updateSwatch();
        connect(m_edit, &QLineEdit::textEdited, this, [this] {
            updateSwatch();
            notifyEdited();
        });
        connect(m_button, &QToolButton::clicked, this, [this] { pickColor(); });
    }
    QString value() const override { return m_edit->text().trimmed(); }
    QString validationError() const override { return colorValueError(value(), parameter().allowedValueList()); }

protected:
    bool showValue(const QString &value) override
    {
        m_edit->setText(value);
        updateSwatch();
        return true;
    }

private:
    void pickColor()
    {
        QColor initial = colorFromImageKit(value());
        const QColor chosen = QColorDialog::getColor(initial.isValid() ? initial : QColor(Qt::white), this,
                                                     parameterLabel(parameter()), QColorDialog::ShowAlphaChannel);
        if (!chosen.isValid())
            return;
        m_edit->setText(imageKitHex(chosen));
        updateSwatch();
        notifyEdited();
    }

    void updateSwatch()
    {
        const int side = m_button->fontMetrics().height();
        QPixmap swatch(side, side);
        swatch.fill(Qt::transparent);
        QPainter painter(&swatch);
        const QColor color = colorFromImageKit(value());
        painter.setPen(palette().color(QPalette::WindowText));
        if (color.isValid())
            painter.setBrush(color);
        painter.drawRect(swatch.rect().adjusted(0, 0, -1, -1));
        if (!color.isValid())
            painter.drawLine(swatch.rect().bottomLeft(), swatch.rect().topRight());
        painter.end();
        m_button->setIcon(QIcon(swatch));
    }

    QToolButton *m_button = nullptr;
    QLineEdit *m_edit = nullptr;
};

} // namespace

ParameterControl::ParameterControl(const ik::TransformParameter &parameter, QWidget *parent)
    : QWidget(parent)
    , m_parameter(parameter)
{
    setObjectName(QStringLiteral("param-") + parameter.nameText());
    setToolTip(QString::fromUtf8(parameter.help));
}

bool ParameterControl::setValue(const QString &value)
{
    const bool previous = m_settingValue;
    m_settingValue = true;
    const bool shown = showValue(value);
    m_settingValue = previous;
    return shown;
}

void ParameterControl::notifyEdited()
{
    if (!m_settingValue)
        Q_EMIT valueEdited();
}

void ParameterControl::describe(QWidget *inner, const QString &role) const
{
    const QString label = parameterLabel(m_parameter);
    inner->setToolTip(QString::fromUtf8(m_parameter.help));
    inner->setAccessibleName(role.isEmpty() ? label : label + QStringLiteral(", ") + role);
    inner->setAccessibleDescription(QString::fromUtf8(m_parameter.help));
}

ParameterControl *createParameterControl(const ik::TransformParameter &parameter, QWidget *parent)
{
    switch (parameter.valueType) {
    case TransformValueType::Dimension:
        return new DimensionControl(parameter, parent);
    case TransformValueType::Integer:
        return new IntegerControl(parameter, parent, QLatin1String(parameter.name).endsWith(QLatin1String("quality")));
    case TransformValueType::Number:
        return new NumberControl(parameter, parent);
    case TransformValueType::Boolean:
        return new BooleanControl(parameter, parent);
    case TransformValueType::Choice:
        return new ChoiceControl(parameter, parent);
    case TransformValueType::Color:
        return new ColorControl(parameter, parent);
    case TransformValueType::Path:
        return new PathControl(parameter, parent);
    case TransformValueType::Text:
        return new TextControl(parameter, parent);
    case TransformValueType::FlagOrValue:
        return new FlagOrValueControl(parameter, parent);
    case TransformValueType::Raw:
        return new RawControl(parameter, parent);
    }
    return new RawControl(parameter, parent);
}

QString dimensionValueError(const QString &text, bool allowNegative)
{
    // operand (_operator_ operand)*, operands being numbers (N for negative) or the image's,
    // the current's or the base's characteristics.
    static const QRegularExpression expression(QStringLiteral(
        "^(N?[0-9]+(\\.[0-9]+)?|N?\\.[0-9]+|[icb](w|h|ar|du))"
        "(_(add|sub|mul|div|mod|pow)_(N?[0-9]+(\\.[0-9]+)?|N?\\.[0-9]+|[icb](w|h|ar|du)))*$"));
    if (text.isEmpty())
        return QStringLiteral("Enter a size: pixels (300), a fraction of the original (0.5), auto, or an expression (ih_div_2).");
    if (text == QLatin1String("auto"))
        return {};
    if (!expression.match(text).hasMatch())
        return QStringLiteral("\"%1\" is not a size: use pixels (300), a fraction of the original (0.5), auto, "
                              "or an expression such as ih_div_2 or iw_mul_0.5_sub_10.").arg(text);
    if (!allowNegative && text.startsWith(QLatin1Char('N')))
        return QStringLiteral("A size cannot be negative.");
    return {};
}

QString colorValueError(const QString &text, const QStringList &keywords)
{
    if (text.isEmpty())
        return QStringLiteral("Enter a colour: hex RGB (FF0000), RGBA (FF000080) or a name (red).");
    if (keywords.contains(text) || colorFromImageKit(text).isValid())
        return {};
    return QStringLiteral("\"%1\" is not a colour: use hex RGB (FF0000), RGBA (FF000080) or a name (red).").arg(text);
}

QString parameterLabel(const ik::TransformParameter &parameter)
{
    QString words = parameter.nameText();
    words.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!words.isEmpty())
        words[0] = words.at(0).toUpper();
    return QStringLiteral("%1 (%2)").arg(words, parameter.codeText());
}

} // namespace ikui
