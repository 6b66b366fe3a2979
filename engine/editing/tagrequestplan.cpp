#include "editing/tagrequestplan.h"

#include <QMap>

namespace ikui {

namespace {

// Tags in lists of at most MaxTagCharacters characters (a single longer tag goes alone: the server
// answers for it).
QList<QStringList> chunkTags(const QStringList &tags)
{
    QList<QStringList> chunks;
    QStringList current;
    qsizetype length = 0;
    for (const QString &tag : tags) {
        if (!current.isEmpty() && length + tag.size() > TagRequest::MaxTagCharacters) {
            chunks << current;
            current.clear();
            length = 0;
        }
        current << tag;
        length += tag.size();
    }
    if (!current.isEmpty())
        chunks << current;
    return chunks;
}

void addRequests(QList<TagRequest> &out, TagRequest::Kind kind, const QList<QPair<QStringList, QStringList>> &groups)
{
    for (const auto &[tags, ids] : groups) {
        for (const QStringList &chunk : chunkTags(tags)) {
            for (qsizetype i = 0; i < ids.size(); i += TagRequest::MaxFiles)
                out << TagRequest{kind, ids.mid(i, TagRequest::MaxFiles), chunk};
        }
    }
}

} // namespace

QList<TagRequest> TagRequest::plan(const QList<FileMetadataDiff> &diffs)
{
    // Group files by the exact tag list they need, keeping the first-seen order of groups.
    auto group = [&diffs](QStringList FileMetadataDiff::*member) {
        QList<QPair<QStringList, QStringList>> groups;
        QMap<QStringList, qsizetype> where;
        for (const FileMetadataDiff &diff : diffs) {
            const QStringList &tags = diff.*member;
            if (tags.isEmpty())
                continue;
            const auto it = where.constFind(tags);
            if (it == where.cend()) {
                where.insert(tags, groups.size());
                groups.append({tags, {diff.fileId}});
            } else {
                groups[*it].second << diff.fileId;
            }
        }
        return groups;
    };
    QList<TagRequest> requests;
    addRequests(requests, Kind::Add, group(&FileMetadataDiff::addTags));
    addRequests(requests, Kind::Remove, group(&FileMetadataDiff::removeTags));
    addRequests(requests, Kind::RemoveAi, group(&FileMetadataDiff::removeAiTags));
    return requests;
}

} // namespace ikui
