#pragma once

#include "session/filestore.h"
#include "editing/editablestate.h"

#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

namespace ikui {


// The merged editable state of the selected files (digiKam's DisjointMetadata): for every tag
// on how many files it is, for every field whether the files agree. The one place that answers
// "all, some or none" for the editor's widgets; it follows the store, so an edit answered by the
// server (or made anywhere else) shows at once.
class MetadataSelection : public QObject
{
    Q_OBJECT

public:
    struct TagCount
    {
        QString tag;
        int count = 0;              // files that have it; == count() when all do
    };
    struct AiTagSummary
    {
        QString name;
        int count = 0;
        double confidence = -1;     // the highest among the files, -1 when none was given
        QString source;
    };
    enum class Agreement { NoneSet, Same, Different };
    struct ValueState
    {
        Agreement agreement = Agreement::NoneSet;
        QJsonValue value;           // the common value when Same (also when set on only some: Different)
        int setCount = 0;           // files that have a value
    };

    explicit MetadataSelection(FileStore *store, QObject *parent = nullptr);

    FileStore *store() const { return m_store; }
    // The selected files (folders and ids the store does not know are left out).
    void setFiles(const QStringList &ids);
    QStringList fileIds() const { return m_ids; }
    int count() const { return int(m_ids.size()); }
    bool isEmpty() const { return m_ids.isEmpty(); }

    QList<EditableState> states() const;
    // Tags on all files first, then by count, then by name.
    QList<TagCount> tags() const;
    int tagCount(const QString &tag) const;
    QList<AiTagSummary> aiTags() const;
    int aiTagCount(const QString &name) const;
    ValueState metadata(const QString &field) const;
    ValueState description() const;
    ValueState coordinates() const;

Q_SIGNALS:
    // The selection, or a selected file's fields, changed.
    void changed();

private:
    void recompute() const;
    void onFilesChanged(const QStringList &ids);
    void onFilesRemoved(const QStringList &ids);
    static ValueState merge(const QList<QJsonValue> &values);

    QPointer<FileStore> m_store;
    QStringList m_ids;
    QSet<QString> m_idSet;
    mutable bool m_dirty = true;
    mutable QList<EditableState> m_states;
    mutable QList<TagCount> m_tags;
    mutable QList<AiTagSummary> m_aiTags;
};

} // namespace ikui
