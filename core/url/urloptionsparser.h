#pragma once

#include "url/urloptions.h"

#include <QByteArrayView>
#include <QString>

namespace ik {

class OrderedJsonValue;

struct UrlOptionsParseResult
{
    UrlOptions options;
    QString error; // empty on success
    bool ok() const { return error.isEmpty(); }
};

// Reads the seed's url() option object from JSON, keeping the order of transformation parameters
// and query parameters. Keys: path, src, url_endpoint, transformation, transformation_position,
// query_parameters, signed, expire_seconds (camelCase spellings accepted too, as the seed's
// camel_to_snake does). Unknown keys and values of the wrong type are errors with the key's place,
// e.g. `transformation[0].width: null is not a valid value`.
UrlOptionsParseResult parseUrlOptions(QByteArrayView jsonUtf8);
UrlOptionsParseResult parseUrlOptions(const OrderedJsonValue &object);

} // namespace ik
