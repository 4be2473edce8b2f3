#pragma once
// Reading and writing small secret files: size-limited reads straight into a
// SecretBuffer, writes through QSaveFile with mode 0600 set before any byte
// is written, private (0700) directories.

#include "crypto/SecretBuffer.h"
#include "util/Result.h"

#include <QByteArrayView>
#include <QString>

namespace rb::onion {

class PrivateFile {
public:
    // Reads the whole file if it is at most maxSize bytes.
    static Result<crypto::SecretBuffer> read(const QString& path, qsizetype maxSize);
    // Atomically replaces path (QSaveFile), permissions 0600.
    static Status write(const QString& path, QByteArrayView content);
    enum class ExistingDir { Keep, Tighten };
    // Creates dir (and parents) if missing, the directory itself 0700. An
    // existing dir is left alone (Keep) or set to 0700 if others can enter it
    // (Tighten: tor refuses a HiddenServiceDir that is not 0700).
    static Status ensurePrivateDir(const QString& dir, ExistingDir existing);
    // Copies path to "<path>.bak-<UTC yyyyMMddTHHmmssZ>[-n]" (0600); returns the backup path.
    static Result<QString> backup(const QString& path);
};

}  // namespace rb::onion
