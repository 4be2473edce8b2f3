#include "secrets/KeyFileSource.h"

#include "crypto/Crypto.h"

#include <QFile>

#ifndef Q_OS_WIN
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace rb::secrets {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

}  // namespace

Result<crypto::SecretBuffer> KeyFileSource::decodeHex(QByteArrayView hex)
{
    qsizetype b = 0;
    qsizetype e = hex.size();
    while (b < e && (hex[b] == ' ' || hex[b] == '\n' || hex[b] == '\r' || hex[b] == '\t')) {
        ++b;
    }
    while (e > b && (hex[e - 1] == ' ' || hex[e - 1] == '\n' || hex[e - 1] == '\r' || hex[e - 1] == '\t')) {
        --e;
    }
    const qsizetype n = e - b;
    if (n == 0 || n % 2 != 0) {
        return makeError(
            ErrorCode::ParseError,
            QStringLiteral("The hex key has %1 digits; it needs an even, non-zero number of hex digits.").arg(n));
    }
    crypto::SecretBuffer out(static_cast<std::size_t>(n / 2));
    for (qsizetype i = 0; i < n / 2; ++i) {
        const int hi = hexValue(hex[b + 2 * i]);
        const int lo = hexValue(hex[b + 2 * i + 1]);
        if (hi < 0 || lo < 0) {
            return makeError(ErrorCode::ParseError,
                             QStringLiteral("The hex key contains a character that is not a hex digit."));
        }
        out.data()[i] = static_cast<std::uint8_t>((hi << 4) | lo);
    }
    return out;
}

Result<crypto::SecretBuffer> KeyFileSource::fromEnvironment(const char* variable, qsizetype expectedSize)
{
    const QString name = QString::fromLatin1(variable);
    if (!qEnvironmentVariableIsSet(variable)) {
        return makeError(ErrorCode::NotFound, QStringLiteral("The environment variable %1 is not set.").arg(name));
    }
    QByteArray value = qgetenv(variable);
    if (value.size() > kMaxFileSize) {
        crypto::memzero(value);
        return makeError(ErrorCode::TooLarge, QStringLiteral("The environment variable %1 is too long.").arg(name));
    }
    auto decoded = decodeHex(value);
    crypto::memzero(value);
    if (!decoded) {
        return makeError(decoded.error().code,
                         QStringLiteral("The environment variable %1 must hold the key as hex: %2")
                             .arg(name, decoded.error().message));
    }
    if (expectedSize >= 0 && decoded.value().size() != static_cast<std::size_t>(expectedSize)) {
        return makeError(ErrorCode::BadKey, QStringLiteral("The environment variable %1 holds %2 bytes; expected %3 "
                                                           "(%4 hex digits).")
                                                .arg(name)
                                                .arg(decoded.value().size())
                                                .arg(expectedSize)
                                                .arg(expectedSize * 2));
    }
    return decoded;
}

Result<crypto::SecretBuffer> KeyFileSource::readFile(const QString& path, qsizetype maxSize)
{
#ifdef Q_OS_WIN
    // NTFS ACLs are not checked here; the file should live in the user's profile.
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::IoError, QStringLiteral("Cannot open the key file %1.").arg(path), f.errorString());
    }
    if (f.size() > maxSize) {
        return makeError(ErrorCode::TooLarge,
                         QStringLiteral("The key file %1 is larger than %2 bytes.").arg(path).arg(maxSize));
    }
    QByteArray bytes = f.readAll();
    crypto::SecretBuffer out = crypto::SecretBuffer::fromBytes(bytes);
    crypto::memzero(bytes);
    return out;
#else
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
    if (fd < 0) {
        const int err = errno;
        if (err == ELOOP) {
            return makeError(ErrorCode::PermissionDenied,
                             QStringLiteral("The key file %1 is a symbolic link; point to the real file.").arg(path));
        }
        return makeError(
            err == ENOENT ? ErrorCode::NotFound : ErrorCode::IoError,
            QStringLiteral("Cannot open the key file %1: %2.").arg(path, QString::fromLocal8Bit(std::strerror(err))));
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        return makeError(ErrorCode::IoError, QStringLiteral("The key file %1 is not a regular file.").arg(path));
    }
    if (st.st_uid != ::geteuid()) {
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("The key file %1 is owned by another user (uid %2); it must belong to you.")
                             .arg(path)
                             .arg(st.st_uid));
    }
    const unsigned mode = st.st_mode & 07777;
    if (mode != 0600 && mode != 0400) {
        return makeError(
            ErrorCode::PermissionDenied,
            QStringLiteral("The key file %1 has permissions %2; run 'chmod 600 %1' (only you may read it).")
                .arg(path, QStringLiteral("0") + QString::number(mode, 8)));
    }
    if (st.st_size > maxSize) {
        return makeError(ErrorCode::TooLarge, QStringLiteral("The key file %1 is %2 bytes; at most %3 are accepted.")
                                                  .arg(path)
                                                  .arg(st.st_size)
                                                  .arg(maxSize));
    }
    if (st.st_size == 0) {
        return makeError(ErrorCode::BadKey, QStringLiteral("The key file %1 is empty.").arg(path));
    }
    crypto::SecretBuffer out(static_cast<std::size_t>(st.st_size));
    std::size_t got = 0;
    while (got < out.size()) {
        const ssize_t n = ::read(fd, out.data() + got, out.size() - got);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return makeError(ErrorCode::IoError, QStringLiteral("Reading the key file %1 failed.").arg(path));
        }
        got += static_cast<std::size_t>(n);
    }
    return out;
#endif
}

}  // namespace rb::secrets
