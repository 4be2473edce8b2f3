#include "util/Result.h"

namespace rb {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument: return QStringLiteral("invalid-argument");
    case ErrorCode::ParseError: return QStringLiteral("parse-error");
    case ErrorCode::TooLarge: return QStringLiteral("too-large");
    case ErrorCode::BadChecksum: return QStringLiteral("bad-checksum");
    case ErrorCode::BadKey: return QStringLiteral("bad-key");
    case ErrorCode::BadSignature: return QStringLiteral("bad-signature");
    case ErrorCode::Expired: return QStringLiteral("expired");
    case ErrorCode::CryptoFailure: return QStringLiteral("crypto-failure");
    case ErrorCode::IoError: return QStringLiteral("io-error");
    case ErrorCode::Timeout: return QStringLiteral("timeout");
    case ErrorCode::Disconnected: return QStringLiteral("disconnected");
    case ErrorCode::ProtocolError: return QStringLiteral("protocol-error");
    case ErrorCode::AuthFailed: return QStringLiteral("auth-failed");
    case ErrorCode::Rejected: return QStringLiteral("rejected");
    case ErrorCode::NotFound: return QStringLiteral("not-found");
    case ErrorCode::NotReady: return QStringLiteral("not-ready");
    case ErrorCode::Unsupported: return QStringLiteral("unsupported");
    case ErrorCode::Cancelled: return QStringLiteral("cancelled");
    case ErrorCode::PermissionDenied: return QStringLiteral("permission-denied");
    case ErrorCode::Unavailable: return QStringLiteral("unavailable");
    case ErrorCode::Internal: return QStringLiteral("internal");
    }
    return QStringLiteral("unknown");
}

}  // namespace rb
