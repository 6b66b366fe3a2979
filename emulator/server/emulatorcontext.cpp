#include "server/emulatorcontext.h"

#include "custommetadata/custommetadataschema.h"

namespace ikemu {

QList<CustomMetadataField> EmulatorContext::customMetadataFields(bool includeDeleted) const
{
    QList<CustomMetadataField> out;
    const QList<CustomFieldRecord> records = store->customFields(includeDeleted);
    for (const CustomFieldRecord &r : records) {
        std::optional<CustomMetadataField> field = CustomMetadataField::fromJson(r.toJson());
        if (!field)
            continue;
        field->deleted = r.deleted;
        out.append(*field);
    }
    return out;
}

} // namespace ikemu
