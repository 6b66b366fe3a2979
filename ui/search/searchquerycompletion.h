#pragma once

#include <QString>
#include <QStringList>

namespace ikui {

// What to offer while the user types an ImageKit searchQuery: after a field name its operators,
// elsewhere the field names (and AND / OR after a complete condition). Pure text logic, so the
// editor's QCompleter and the tests share it.
class SearchQueryCompletion
{
public:
    struct Context
    {
        int wordStart = 0;       // where the word being typed starts
        QString prefix;          // the part typed so far
        QStringList candidates;  // what may go there, filtered by prefix (case-insensitive)
    };

    static QStringList fieldNames();
    static QStringList operatorsFor(const QString &field);

    // Completion context at `cursor` in `text`. `customFields` adds "customMetadata.<name>".
    static Context contextAt(const QString &text, int cursor, const QStringList &customFields = {});
};

} // namespace ikui
