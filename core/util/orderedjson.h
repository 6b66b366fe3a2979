#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <memory>
#include <utility>

namespace ik {

// A JSON value that keeps object members in the order they were written. QJsonObject sorts its
// keys, which loses the meaning of transformation steps and query parameters, so those are
// read through this small parser instead.
class OrderedJsonValue
{
public:
    enum class Type { Null, Bool, Number, String, Array, Object };
    using Member = std::pair<QString, OrderedJsonValue>;

    OrderedJsonValue() = default;
    static OrderedJsonValue fromBool(bool value);
    static OrderedJsonValue fromInteger(qint64 value);
    static OrderedJsonValue fromDouble(double value);
    static OrderedJsonValue fromString(QString value);
    static OrderedJsonValue fromArray(QList<OrderedJsonValue> items);
    static OrderedJsonValue fromObject(QList<Member> members);

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isNumber() const { return m_type == Type::Number; }
    bool isString() const { return m_type == Type::String; }
    bool isArray() const { return m_type == Type::Array; }
    bool isObject() const { return m_type == Type::Object; }

    bool toBool() const { return m_bool; }
    // True when the number was written without fraction or exponent and fits in 64 bits.
    bool isInteger() const { return m_isInteger; }
    qint64 toInteger() const { return m_integer; }
    double toDouble() const { return m_double; }
    const QString &toString() const { return m_string; }
    const QList<OrderedJsonValue> &items() const;
    const QList<Member> &members() const;

    // Member lookup by key (first match); nullptr when absent or not an object.
    const OrderedJsonValue *find(QStringView key) const;

    // "null", "a boolean", "a number", ... for error messages.
    static QString typeName(Type type);
    QString typeName() const { return typeName(m_type); }

private:
    Type m_type = Type::Null;
    bool m_bool = false;
    bool m_isInteger = false;
    qint64 m_integer = 0;
    double m_double = 0;
    QString m_string;
    // Shared, immutable once built: copies of a parsed document stay cheap.
    std::shared_ptr<const QList<OrderedJsonValue>> m_items;
    std::shared_ptr<const QList<Member>> m_members;
};

struct OrderedJsonParseResult
{
    OrderedJsonValue value;
    QString error;       // empty on success; says what is wrong and where (character offset)
    bool ok() const { return error.isEmpty(); }
};

// Parses one complete JSON text (RFC 8259) from UTF-8 bytes. Trailing non-space text, invalid
// UTF-8, bad escapes and nesting deeper than 64 levels are errors, never crashes.
OrderedJsonParseResult parseOrderedJson(QByteArrayView utf8);

} // namespace ik
