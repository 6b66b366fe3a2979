#include "editing/metadataselection.h"

#include "session/filestore.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace ikui {

MetadataSelection::MetadataSelection(FileStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    if (store) {
        connect(store, &FileStore::filesChanged, this, &MetadataSelection::onFilesChanged);
        connect(store, &FileStore::filesRemoved, this, &MetadataSelection::onFilesRemoved);
    }
}

void MetadataSelection::setFiles(const QStringList &ids)
{
    QStringList files;
    files.reserve(ids.size());
    for (const QString &id : ids) {
        const FileEntry *entry = m_store ? m_store->entry(id) : nullptr;
        if (entry && !entry->isFolder() && !files.contains(id))
            files << id;
    }
    if (files == m_ids)
        return;
    m_ids = files;
    m_idSet = QSet<QString>(files.cbegin(), files.cend());
    m_dirty = true;
    Q_EMIT changed();
}

void MetadataSelection::onFilesChanged(const QStringList &ids)
{
    if (m_ids.isEmpty())
        return;
    const bool touched = std::any_of(ids.cbegin(), ids.cend(), [this](const QString &id) { return m_idSet.contains(id); });
    if (!touched)
        return;
    m_dirty = true;
    Q_EMIT changed();
}

void MetadataSelection::onFilesRemoved(const QStringList &ids)
{
    bool any = false;
    for (const QString &id : ids) {
        if (m_idSet.remove(id)) {
            m_ids.removeOne(id);
            any = true;
        }
    }
    if (!any)
        return;
    m_dirty = true;
    Q_EMIT changed();
}

void MetadataSelection::recompute() const
{
    if (!m_dirty)
        return;
    m_dirty = false;
    m_states.clear();
    m_tags.clear();
    m_aiTags.clear();
    if (!m_store)
        return;
    m_states.reserve(m_ids.size());
    QHash<QString, qsizetype> tagAt;
    QHash<QString, qsizetype> aiAt;
    for (const QString &id : m_ids) {
        const FileEntry *entry = m_store->entry(id);
        if (!entry)
            continue;
        m_states << EditableState::of(*entry);
        for (const QString &tag : entry->tags) {
            const auto it = tagAt.constFind(tag);
            if (it == tagAt.cend()) {
                tagAt.insert(tag, m_tags.size());
                m_tags.append({tag, 1});
            } else {
                ++m_tags[*it].count;
            }
        }
        if (!entry->extras)
            continue;
        for (const ik::AiTag &tag : entry->extras->aiTags) {
            const auto it = aiAt.constFind(tag.name);
            if (it == aiAt.cend()) {
                aiAt.insert(tag.name, m_aiTags.size());
                m_aiTags.append({tag.name, 1, tag.confidence.value_or(-1), tag.source});
            } else {
                AiTagSummary &summary = m_aiTags[*it];
                ++summary.count;
                if (tag.confidence && *tag.confidence > summary.confidence) {
                    summary.confidence = *tag.confidence;
                    summary.source = tag.source;
                }
            }
        }
    }
    std::stable_sort(m_tags.begin(), m_tags.end(), [](const TagCount &a, const TagCount &b) {
        if (a.count != b.count)
            return a.count > b.count;
        return a.tag.compare(b.tag, Qt::CaseInsensitive) < 0;
    });
    std::stable_sort(m_aiTags.begin(), m_aiTags.end(), [](const AiTagSummary &a, const AiTagSummary &b) {
        if (a.confidence != b.confidence)
            return a.confidence > b.confidence;
        return a.name < b.name;
    });
}

QList<EditableState> MetadataSelection::states() const
{
    recompute();
    return m_states;
}

QList<MetadataSelection::TagCount> MetadataSelection::tags() const
{
    recompute();
    return m_tags;
}

int MetadataSelection::tagCount(const QString &tag) const
{
    recompute();
    for (const TagCount &count : m_tags) {
        if (count.tag == tag)
            return count.count;
    }
    return 0;
}

QList<MetadataSelection::AiTagSummary> MetadataSelection::aiTags() const
{
    recompute();
    return m_aiTags;
}

int MetadataSelection::aiTagCount(const QString &name) const
{
    recompute();
    for (const AiTagSummary &summary : m_aiTags) {
        if (summary.name == name)
            return summary.count;
    }
    return 0;
}

MetadataSelection::ValueState MetadataSelection::merge(const QList<QJsonValue> &values)
{
    ValueState state;
    bool first = true;
    bool same = true;
    for (const QJsonValue &value : values) {
        const bool set = !value.isUndefined() && !value.isNull() && !(value.isString() && value.toString().isEmpty());
        if (set)
            ++state.setCount;
        const QJsonValue normalised = set ? value : QJsonValue(QJsonValue::Null);
        if (first) {
            state.value = normalised;
            first = false;
        } else if (normalised != state.value) {
            same = false;
        }
    }
    if (state.setCount == 0) {
        state.agreement = Agreement::NoneSet;
        state.value = QJsonValue(QJsonValue::Null);
    } else {
        state.agreement = same ? Agreement::Same : Agreement::Different;
    }
    return state;
}

MetadataSelection::ValueState MetadataSelection::metadata(const QString &field) const
{
    recompute();
    QList<QJsonValue> values;
    values.reserve(m_states.size());
    for (const EditableState &state : std::as_const(m_states))
        values << state.customMetadata.value(field);
    return merge(values);
}

MetadataSelection::ValueState MetadataSelection::description() const
{
    recompute();
    QList<QJsonValue> values;
    for (const EditableState &state : std::as_const(m_states))
        values << QJsonValue(state.description);
    return merge(values);
}

MetadataSelection::ValueState MetadataSelection::coordinates() const
{
    recompute();
    QList<QJsonValue> values;
    for (const EditableState &state : std::as_const(m_states))
        values << QJsonValue(state.customCoordinates);
    return merge(values);
}

} // namespace ikui
