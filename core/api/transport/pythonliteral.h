#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace ik {

// Reads a Python literal (what `ast.literal_eval` accepts for data) as JSON: dicts, lists, tuples,
// strings in single or double quotes with Python escapes, adjacent string literals concatenated
// ("a " "b" -> "a b"), ints, floats, True/False/None, trailing commas. The reference SDK parses
// error bodies this way, and real ImageKit test fixtures rely on it (single-quoted dicts, JSON
// with adjacent literals). Anything else (HTML, empty, truncated) is rejected with a reason.
class PythonLiteral
{
public:
    static std::optional<QJsonValue> parse(const QByteArray &text, QString *error = nullptr);
};

} // namespace ik
