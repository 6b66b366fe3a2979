#pragma once

#include <QString>
#include <QStringView>

namespace ik::urlencoding {

// Percent-encodes text for a URL path the way a WHATWG URL serializer does: UTF-8 bytes of
// non-ASCII characters, C0 controls, space, " # < > ? ` { } ^ \ and DEL become %XX (upper-case hex);
// '%' stays when two hex digits follow (an existing escape) and becomes %25 otherwise. Everything
// else, including / : , ; = & @ + ! ' ( ) * $ ~, is kept, so clean ASCII input is unchanged.
void appendPathEncoded(QString &out, QStringView text);

// Same idea for a query or fragment that is already in URL form: only what may not appear raw
// (non-ASCII, controls, space, " # < > ` and stray '%') is encoded; '&', '=', '+' keep their meaning.
void appendQueryTextEncoded(QString &out, QStringView text);

// application/x-www-form-urlencoded, as Python's quote_plus: A-Z a-z 0-9 _ . - ~ stay, space
// becomes '+', everything else %XX of its UTF-8 bytes.
void appendFormEncoded(QString &out, QStringView text);

// The inverse of form encoding: '+' is a space, %XX are bytes, and the bytes are read as UTF-8
// (invalid sequences become U+FFFD). A '%' without two hex digits is kept literally.
QString formDecoded(QStringView text);

// Makes any URL text valid without changing what it means: the part before the first '?' goes
// through appendPathEncoded (the scheme and host of clean input are unaffected), the rest through
// appendQueryTextEncoded. This is the encoding the signature is computed over, so for a URL with
// non-ASCII characters it equals the seed SDK's encoded string to sign.
QString percentEncodedUrl(QStringView url);

// `text` without any '/' at either end, as the seed's strip("/") (endpoints, paths, src).
QStringView withoutOuterSlashes(QStringView text);

// True when text contains only characters that may appear raw in a URL (the output of the
// functions above always does).
bool isUrlSafeAscii(QStringView text);

} // namespace ik::urlencoding
