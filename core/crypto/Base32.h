#pragma once
#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace rb::crypto {
// RFC 4648 base32, lower-case, no padding (as used by onion addresses).
QByteArray base32Encode(QByteArrayView data);
// Accepts upper or lower case, no padding; rejects other characters and
// non-zero trailing bits.
Result<QByteArray> base32Decode(QByteArrayView text);
// Strict base64 (tor accepts missing padding): rejects characters outside the
// alphabet except whitespace/newlines, which are skipped.
Result<QByteArray> base64DecodeStrict(QByteArrayView text);
QByteArray base64EncodeUnpadded(QByteArrayView data);
}  // namespace rb::crypto
