#pragma once
// Errors are values: every fallible core operation returns Result<T>.
// An Error carries a code (for program logic), a one-line message for the
// operator (what went wrong and what to do) and an optional detail for logs.

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace rb {

enum class ErrorCode {
    InvalidArgument,   // caller passed something malformed
    ParseError,        // input document/bytes malformed
    TooLarge,          // input exceeds an explicit limit
    BadChecksum,       // onion address checksum/version wrong
    BadKey,            // key file tag/size/mismatch
    BadSignature,      // signature or MAC verification failed
    Expired,           // certificate/descriptor expired
    CryptoFailure,     // primitive failed (should not happen)
    IoError,           // file or device I/O
    Timeout,           // operation timed out
    Disconnected,      // peer went away
    ProtocolError,     // peer violated the protocol
    AuthFailed,        // authentication rejected
    Rejected,          // peer answered with an error status
    NotFound,          // requested object absent
    NotReady,          // object exists but is not usable yet
    Unsupported,       // valid but unsupported input
    Cancelled,         // cancelled by the user
    PermissionDenied,  // OS / keychain denied
    Unavailable,       // backend not available (keychain, ssh, tor)
    Internal,          // programming error surfaced as value
};

QString errorCodeName(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::Internal;
    QString message;  // one line, operator-facing, says what to do
    QString detail;   // optional, for logs (never a secret)

    [[nodiscard]] QString toString() const
    {
        return detail.isEmpty() ? message : message + QStringLiteral(" (") + detail + QStringLiteral(")");
    }
};

inline Error makeError(ErrorCode code, QString message, QString detail = {})
{
    return Error{code, std::move(message), std::move(detail)};
}

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}  // NOLINT(google-explicit-constructor)
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}  // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    T* operator->() { return &std::get<0>(m_v); }
    const T* operator->() const { return &std::get<0>(m_v); }
    T& operator*() & { return std::get<0>(m_v); }
    const T& operator*() const& { return std::get<0>(m_v); }

    [[nodiscard]] const Error& error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}  // NOLINT(google-explicit-constructor)
    [[nodiscard]] bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

}  // namespace rb

// Propagate an error: RB_TRY(auto x, expr);
#define RB_CONCAT_INNER(a, b) a##b
#define RB_CONCAT(a, b) RB_CONCAT_INNER(a, b)
#define RB_TRY_IMPL(tmp, decl, expr)                 \
    auto tmp = (expr);                               \
    if (!tmp.ok()) return tmp.error();               \
    decl = std::move(tmp).value()
#define RB_TRY(decl, expr) RB_TRY_IMPL(RB_CONCAT(rb_try_tmp_, __LINE__), decl, expr)
#define RB_TRY_STATUS(expr)                                          \
    do {                                                             \
        auto rb_status_tmp = (expr);                                 \
        if (!rb_status_tmp.ok()) return rb_status_tmp.error();       \
    } while (false)
