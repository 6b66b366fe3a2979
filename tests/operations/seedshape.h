#pragma once

// The typed results of ikcore written back in the reference SDK's result shape (snake_case
// attribute names, null for what is absent), so tests can compare them with the `expected`
// objects recorded in tests/data/requests.json. Built from the typed members, not from the raw
// body: a parsing mistake shows up as a mismatch.

#include "api/results/bulkdeleteresult.h"
#include "api/results/bulkjob.h"
#include "api/results/bulkjobstatus.h"
#include "api/results/custommetadatafield.h"
#include "api/results/emptyresult.h"
#include "api/results/fileitem.h"
#include "api/results/filelist.h"
#include "api/results/filemetadata.h"
#include "api/results/purgerequest.h"
#include "api/results/purgestatus.h"
#include "api/results/renameresult.h"
#include "api/results/tagsresult.h"
#include "api/results/uploadresult.h"

#include <QJsonObject>
#include <QString>

namespace seedshape {

QJsonObject of(const ik::FileItem &file);
QJsonObject of(const ik::FileList &list);
QJsonObject of(const ik::UploadResult &upload);
QJsonObject of(const ik::FileMetadata &metadata);
QJsonObject of(const ik::CustomMetadataField &field);
QJsonObject of(const ik::CustomMetadataFieldList &list);
QJsonObject of(const ik::TagsResult &result);
QJsonObject of(const ik::BulkDeleteResult &result);
QJsonObject of(const ik::RenameResult &result);
QJsonObject of(const ik::PurgeRequest &result);
QJsonObject of(const ik::PurgeStatus &result);
QJsonObject of(const ik::BulkJob &result);
QJsonObject of(const ik::BulkJobStatus &result);
QJsonObject of(const ik::EmptyResult &result);

// Compact JSON text of any value, for failure messages.
QString toText(const QJsonValue &value);

// Compares an expected seed object with ours. Absent, null, "", [] and {} all mean "nothing"
// (the vectors README: absent fields are empty). Objects carrying "__class__" are compared key
// by key; *where names the first difference.
bool matches(const QJsonValue &expected, const QJsonValue &actual, const QString &path, QString *where);

} // namespace seedshape
