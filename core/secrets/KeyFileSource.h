#pragma once
// Reads a seed/key for headless use (rbctl, servers) without a keychain:
//  - from a file, only if its permissions are strict: a regular file (no
//    symlink), owned by the current user, mode 0600 or 0400; read straight
//    into a SecretBuffer (checks on the open descriptor, so no race);
//  - from an environment variable holding hex.
// The bytes are returned as-is; the caller decodes the key format.

#include "crypto/SecretBuffer.h"
#include "util/Result.h"

#include <QByteArrayView>
#include <QString>

namespace rb::secrets {

class KeyFileSource {
public:
    static constexpr qsizetype kMaxFileSize = 64 * 1024;

    static Result<crypto::SecretBuffer> readFile(const QString& path, qsizetype maxSize = kMaxFileSize);
    // expectedSize < 0: any size (at most kMaxFileSize / 2 bytes).
    static Result<crypto::SecretBuffer> fromEnvironment(const char* variable, qsizetype expectedSize = -1);
    // Strict hex (upper or lower case, surrounding whitespace ignored) into a SecretBuffer.
    static Result<crypto::SecretBuffer> decodeHex(QByteArrayView hex);
};

}  // namespace rb::secrets
