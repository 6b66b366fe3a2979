#include "editing/metadatadraft.h"

#include "editing/custommetadatarules.h"
#include "session/custommetadatafields.h"

#include "api/options/tagrules.h"

#include <QCoreApplication>

namespace ikui {

namespace {

// "x,y,width,height" with whole, non-negative numbers and a positive size, or empty.
bool coordinatesValid(const QString &text)
{
    if (text.isEmpty())
        return true;
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != 4)
        return false;
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        const int value = parts.at(i).trimmed().toInt(&ok);
        if (!ok || value < 0 || (i >= 2 && value == 0))
            return false;
    }
    return true;
}

} // namespace

MetadataDraft::MetadataDraft(MetadataSelection *selection, CustomMetadataFields *fields, QObject *parent)
    : QObject(parent)
    , m_selection(selection)
    , m_fields(fields)
{
    connect(selection, &MetadataSelection::changed, this, [this] {
        validate();
        Q_EMIT changed();
    });
    if (fields) {
        connect(fields, &CustomMetadataFields::fieldsChanged, this, [this] {
            validate();
            Q_EMIT changed();
        });
    }
}

QList<ik::CustomMetadataField> MetadataDraft::fields() const
{
    return m_fields ? m_fields->fields() : QList<ik::CustomMetadataField>();
}

QList<MetadataDraft::TagChip> MetadataDraft::tags() const
{
    QList<TagChip> chips;
    const int total = m_selection->count();
    for (const MetadataSelection::TagCount &count : m_selection->tags()) {
        if (m_change.removeTags.contains(count.tag))
            continue;
        const bool staged = m_change.addTags.contains(count.tag);
        chips.append({count.tag, staged ? total : count.count, total, staged});
    }
    for (const QString &tag : m_change.addTags) {
        if (m_selection->tagCount(tag) == 0)
            chips.append({tag, total, total, true});
    }
    return chips;
}

QList<MetadataDraft::AiTagChip> MetadataDraft::aiTags() const
{
    QList<AiTagChip> chips;
    const int total = m_selection->count();
    for (const MetadataSelection::AiTagSummary &summary : m_selection->aiTags()) {
        if (!m_change.removeAiTags.contains(summary.name))
            chips.append({summary.name, summary.count, total, summary.confidence, summary.source});
    }
    return chips;
}

MetadataDraft::FieldValue MetadataDraft::metadata(const QString &field) const
{
    if (m_change.setMetadata.contains(field)) {
        const QJsonValue value = m_change.setMetadata.value(field);
        return {value.isNull() ? MetadataSelection::Agreement::NoneSet : MetadataSelection::Agreement::Same, value, true};
    }
    const MetadataSelection::ValueState state = m_selection->metadata(field);
    return {state.agreement, state.value, false};
}

MetadataDraft::FieldValue MetadataDraft::description() const
{
    if (m_change.description) {
        const QString text = *m_change.description;
        return {text.isEmpty() ? MetadataSelection::Agreement::NoneSet : MetadataSelection::Agreement::Same, QJsonValue(text), true};
    }
    const MetadataSelection::ValueState state = m_selection->description();
    return {state.agreement, state.value, false};
}

MetadataDraft::FieldValue MetadataDraft::coordinates() const
{
    if (m_change.coordinates) {
        const QString text = *m_change.coordinates;
        return {text.isEmpty() ? MetadataSelection::Agreement::NoneSet : MetadataSelection::Agreement::Same, QJsonValue(text), true};
    }
    const MetadataSelection::ValueState state = m_selection->coordinates();
    return {state.agreement, state.value, false};
}

QString MetadataDraft::addTag(const QString &text)
{
    const QString tag = text.trimmed();
    if (tag.isEmpty())
        return tr("Type a tag first.");
    if (tag.contains(QLatin1Char(',')))
        return tr("A tag cannot contain a comma: commas separate tags.");
    const QString problem = ik::tagTextProblem({tag});
    if (!problem.isEmpty())
        return problem;
    if (tag.size() > 500)
        return tr("A tag can have at most 500 characters.");
    m_change.removeTags.removeAll(tag);
    if (m_selection->tagCount(tag) < m_selection->count() && !m_change.addTags.contains(tag))
        m_change.addTags << tag;
    touch();
    return {};
}

void MetadataDraft::removeTag(const QString &tag)
{
    m_change.addTags.removeAll(tag);
    if (m_selection->tagCount(tag) > 0 && !m_change.removeTags.contains(tag))
        m_change.removeTags << tag;
    touch();
}

void MetadataDraft::removeAiTag(const QString &name)
{
    if (m_selection->aiTagCount(name) > 0 && !m_change.removeAiTags.contains(name))
        m_change.removeAiTags << name;
    touch();
}

void MetadataDraft::removeAllAiTags()
{
    for (const MetadataSelection::AiTagSummary &summary : m_selection->aiTags()) {
        if (!m_change.removeAiTags.contains(summary.name))
            m_change.removeAiTags << summary.name;
    }
    touch();
}

QString MetadataDraft::promoteAiTag(const QString &name)
{
    return addTag(name);
}

void MetadataDraft::setMetadata(const QString &field, const QJsonValue &value)
{
    const MetadataSelection::ValueState state = m_selection->metadata(field);
    const bool unchanged = state.agreement != MetadataSelection::Agreement::Different && state.value == value
        && (value.isNull() || state.setCount == m_selection->count());
    if (unchanged)
        m_change.setMetadata.remove(field);
    else
        m_change.setMetadata.insert(field, value);
    touch();
}

void MetadataDraft::unsetMetadata(const QString &field)
{
    if (m_selection->metadata(field).setCount == 0)
        m_change.setMetadata.remove(field);
    else
        m_change.setMetadata.insert(field, QJsonValue(QJsonValue::Null));
    touch();
}

void MetadataDraft::resetMetadata(const QString &field)
{
    m_change.setMetadata.remove(field);
    touch();
}

void MetadataDraft::setDescription(const QString &text)
{
    const MetadataSelection::ValueState state = m_selection->description();
    const QString common = state.agreement == MetadataSelection::Agreement::Same ? state.value.toString() : QString();
    if (state.agreement != MetadataSelection::Agreement::Different && text == common)
        m_change.description.reset();
    else
        m_change.description = text;
    touch();
}

void MetadataDraft::setCoordinates(const QString &coordinates)
{
    const MetadataSelection::ValueState state = m_selection->coordinates();
    const QString common = state.agreement == MetadataSelection::Agreement::Same ? state.value.toString() : QString();
    if (state.agreement != MetadataSelection::Agreement::Different && coordinates == common)
        m_change.coordinates.reset();
    else
        m_change.coordinates = coordinates;
    touch();
}

void MetadataDraft::stage(const MetadataChange &change)
{
    for (const QString &tag : change.addTags) {
        m_change.removeTags.removeAll(tag);
        if (!m_change.addTags.contains(tag))
            m_change.addTags << tag;
    }
    for (const QString &tag : change.removeTags) {
        m_change.addTags.removeAll(tag);
        if (!m_change.removeTags.contains(tag))
            m_change.removeTags << tag;
    }
    for (const QString &name : change.removeAiTags) {
        if (!m_change.removeAiTags.contains(name))
            m_change.removeAiTags << name;
    }
    for (auto it = change.setMetadata.begin(); it != change.setMetadata.end(); ++it)
        m_change.setMetadata.insert(it.key(), it.value());
    if (change.description)
        m_change.description = change.description;
    if (change.coordinates)
        m_change.coordinates = change.coordinates;
    touch();
}

void MetadataDraft::revert()
{
    if (m_change.isEmpty() && m_problems.isEmpty())
        return;
    m_change = {};
    touch();
}

void MetadataDraft::touch()
{
    validate();
    Q_EMIT changed();
}

void MetadataDraft::validate()
{
    m_problems.clear();
    const QList<ik::CustomMetadataField> known = fields();
    for (auto it = m_change.setMetadata.begin(); it != m_change.setMetadata.end(); ++it) {
        const ik::CustomMetadataField *field = CustomMetadataRules::find(known, it.key());
        if (!field) {
            if (m_fields && m_fields->isLoaded())
                m_problems.insert(it.key(), tr("The account has no custom metadata field “%1” (any more).").arg(it.key()));
            continue;
        }
        if (CustomMetadataRules::isReadOnly(*field) && m_selection->metadata(it.key()).setCount > 0) {
            m_problems.insert(it.key(), tr("“%1” is read only: it cannot be changed once set.").arg(field->label));
            continue;
        }
        const QString problem = CustomMetadataRules::valueProblem(*field, it.value());
        if (!problem.isEmpty())
            m_problems.insert(it.key(), problem);
    }
    if (m_change.coordinates && !coordinatesValid(*m_change.coordinates))
        m_problems.insert(QStringLiteral("coordinates"),
                          tr("Coordinates are four whole numbers: x, y, width and height, with a width and height above 0."));
}

} // namespace ikui
