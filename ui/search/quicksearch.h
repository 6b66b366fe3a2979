#pragma once

#include <QString>

namespace ikui {

// The searchQuery the quick search box sends for what the user typed: files whose name starts
// with the text or that carry it as a tag, e.g. `name : "sun" OR tags IN ["sun"]`. Quotes and
// backslashes in the text are escaped so typing them cannot break out of the string.
// Empty (after trimming) text gives an empty query: the plain folder listing.
class QuickSearch
{
public:
    static QString searchQueryFor(const QString &typedText);
    // `text` as a double-quoted searchQuery string literal.
    static QString quoted(const QString &text);
};

} // namespace ikui
