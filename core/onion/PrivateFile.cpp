#include "onion/PrivateFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#include <sys/types.h>
#endif

namespace rb::onion {

namespace {

constexpr QFileDevice::Permissions kOwnerRw = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kOwnerRwx = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

Error fileError(const QFileDevice& f, const QString& action, const QString& path)
{
    const ErrorCode code =
        f.error() == QFileDevice::PermissionsError ? ErrorCode::PermissionDenied : ErrorCode::IoError;
    return makeError(code,
                     QStringLiteral("Cannot %1 %2: %3").arg(action, QDir::toNativeSeparators(path), f.errorString()));
}

}  // namespace

Result<crypto::SecretBuffer> PrivateFile::read(const QString& path, qsizetype maxSize)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("No file at %1: check the path").arg(QDir::toNativeSeparators(path)));
    }
    if (!info.isFile()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 is not a regular file").arg(QDir::toNativeSeparators(path)));
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return fileError(f, QStringLiteral("read"), path);
    }
    const qint64 size = f.size();
    if (size > maxSize) {
        return makeError(ErrorCode::TooLarge,
                         QStringLiteral("%1 is %2 bytes, far larger than a key file (at most %3): pick the key file")
                             .arg(QDir::toNativeSeparators(path))
                             .arg(size)
                             .arg(maxSize));
    }
    crypto::SecretBuffer buf(static_cast<std::size_t>(size));
    qint64 got = 0;
    while (got < size) {
        const qint64 n = f.read(reinterpret_cast<char*>(buf.data()) + got, size - got);
        if (n < 0) {
            return fileError(f, QStringLiteral("read"), path);
        }
        if (n == 0) {
            break;
        }
        got += n;
    }
    if (got != size) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("%1 changed while it was read: try again").arg(QDir::toNativeSeparators(path)));
    }
    return buf;
}

Status PrivateFile::write(const QString& path, QByteArrayView content)
{
    QSaveFile f(path);
    // Unbuffered: the content (often a secret) goes straight to the file, not
    // through QIODevice's heap write buffer, which would not be wiped.
    if (!f.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        return fileError(f, QStringLiteral("write"), path);
    }
    // Restrict the temporary file before the first byte goes in.
    if (!f.setPermissions(kOwnerRw)) {
        f.cancelWriting();
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("Cannot make %1 private (mode 0600)").arg(QDir::toNativeSeparators(path)));
    }
    if (f.write(content.data(), content.size()) != content.size()) {
        f.cancelWriting();
        return fileError(f, QStringLiteral("write"), path);
    }
    if (!f.flush() || !f.commit()) {
        return fileError(f, QStringLiteral("save"), path);
    }
    return {};
}

Status PrivateFile::ensurePrivateDir(const QString& dir, ExistingDir existing)
{
    const QFileInfo info(dir);
    if (info.exists() && !info.isDir()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 exists and is not a directory").arg(QDir::toNativeSeparators(dir)));
    }
    const bool created = !info.exists();
    if (created) {
        const QString parent = info.absolutePath();
        if (!QDir().mkpath(parent)) {
            return makeError(ErrorCode::IoError,
                             QStringLiteral("Cannot create directory %1").arg(QDir::toNativeSeparators(parent)));
        }
#ifdef Q_OS_UNIX
        // Create the leaf 0700 directly, so it is never open to others.
        if (::mkdir(QFile::encodeName(info.absoluteFilePath()).constData(), S_IRWXU) != 0 && !QFileInfo::exists(dir)) {
            return makeError(ErrorCode::IoError,
                             QStringLiteral("Cannot create directory %1").arg(QDir::toNativeSeparators(dir)));
        }
#else
        if (!QDir().mkpath(dir)) {
            return makeError(ErrorCode::IoError,
                             QStringLiteral("Cannot create directory %1").arg(QDir::toNativeSeparators(dir)));
        }
#endif
    }
    if (!created && existing == ExistingDir::Keep) {
        return {};
    }
    // tor refuses a HiddenServiceDir that others can enter; secrets go here.
    const QFileDevice::Permissions current = QFile::permissions(dir);
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                                            QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    const bool tooOpen = (current & others).toInt() != 0 || (current & kOwnerRwx) != kOwnerRwx;
    if (tooOpen && !QFile::setPermissions(dir, kOwnerRwx)) {
        return makeError(
            ErrorCode::PermissionDenied,
            QStringLiteral("Cannot set %1 to mode 0700 (tor requires it)").arg(QDir::toNativeSeparators(dir)));
    }
    return {};
}

Result<QString> PrivateFile::backup(const QString& path)
{
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    QString target = path + QStringLiteral(".bak-") + stamp;
    for (int n = 1; QFileInfo::exists(target); ++n) {
        target = path + QStringLiteral(".bak-") + stamp + QStringLiteral("-") + QString::number(n);
    }
    RB_TRY(const crypto::SecretBuffer content, read(path, 1024 * 1024));
    RB_TRY_STATUS(write(target, content.view()));
    return target;
}

}  // namespace rb::onion
