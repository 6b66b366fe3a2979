#pragma once

#include "session/filestore.h"
#include "api/imagekit.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

namespace ikui {


// The account's tags as far as the session knows them: every tag on a file the store holds
// (listings, search results, edits), plus what a search of the library answered. Completes what
// the user types and tells whether a tag is used anywhere yet (a new tag is marked as such).
class TagCatalog : public QObject
{
    Q_OBJECT

public:
    enum class Usage { Unknown, Used, New };

    TagCatalog(const ik::ImageKit &imagekit, FileStore *store, QObject *parent = nullptr);

    // Known tags, sorted case-insensitively.
    QStringList tags() const;
    // Up to `limit` known tags containing `text` (case-insensitive), those starting with it first.
    QStringList completions(const QString &text, int limit = 20) const;
    // Used when a file the session knows has it or the search found one; New when the search found
    // none; Unknown until lookUp() has an answer.
    Usage usage(const QString &tag) const;
    // Asks the library (one search, once per tag) whether any file has `tag`.
    void lookUp(const QString &tag);

Q_SIGNALS:
    void usageKnown(const QString &tag, ikui::TagCatalog::Usage usage);

private:
    void rebuild() const;

    ik::ImageKit m_imagekit;
    QPointer<FileStore> m_store;
    mutable bool m_dirty = true;
    mutable QStringList m_sorted;
    mutable QSet<QString> m_known;
    QHash<QString, Usage> m_searched;
    QSet<QString> m_asking;
};

} // namespace ikui
