#pragma once
// Typed asynchronous tor control commands on a ControlChannel.
// Every method takes a callback that fires exactly once (the channel
// guarantees it), with a typed Result. Nothing blocks.
//
// Authentication: PROTOCOLINFO once, then the best method tor offers for the
// credentials we hold: NULL, SAFECOOKIE (preferred; tor must prove it knows
// the cookie first), COOKIE, HASHEDPASSWORD. Cookies must be exactly 32 bytes.

#include "control/ControlChannel.h"
#include "control/Reply.h"
#include "crypto/SecretBuffer.h"
#include "hsdir/Consensus.h"
#include "util/Result.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace rb::control {

template <typename T> using Callback = std::function<void(Result<T>)>;

struct ProtocolInfo {
    int protocolInfoVersion = 0;
    QStringList authMethods;  // as tor lists them: NULL, HASHEDPASSWORD, COOKIE, SAFECOOKIE
    QString cookieFile;       // unescaped path (on the tor host), empty if none
    QString torVersion;       // e.g. "0.4.9.11"
    [[nodiscard]] bool offers(const QString& method) const { return authMethods.contains(method); }
    static Result<ProtocolInfo> parse(const Reply& reply);
};

enum class AuthMethod { Null, SafeCookie, Cookie, HashedPassword };
QString authMethodName(AuthMethod method);

// What we can authenticate with. Move-only (secrets).
struct AuthCredentials {
    std::optional<crypto::SecretBuffer> cookie;    // the cookie bytes (exactly 32)
    QString cookieFile;                            // a local cookie file, read when `cookie` is empty
    std::optional<crypto::SecretBuffer> password;  // HASHEDPASSWORD
    // Use the COOKIEFILE tor advertises (only for a tor on this machine).
    // Only ever used with SAFECOOKIE, where tor must prove knowledge of the
    // cookie before we answer, so a fake tor cannot make us leak a file.
    bool useAdvertisedCookieFile = false;
};

struct ConfEntry {
    QString key;
    std::optional<QString> value;  // nullopt: "key" without '=' (default / reset)
};

using InfoMap = QMap<QString, QByteArray>;

struct AddOnionRequest {
    // ED25519-V3 expanded secret key (64 bytes: scalar | PRF secret), or
    // empty for "NEW:ED25519-V3".
    std::optional<crypto::SecretBuffer> expandedKey;
    QStringList flags;                     // DiscardPK, Detach, …
    QList<QPair<quint16, QString>> ports;  // virtual port, target ("" = same port on 127.0.0.1)
    int maxStreams = -1;                   // -1: not sent
};

struct AddOnionResult {
    QString serviceId;                                // 56 chars, no ".onion"
    std::optional<crypto::SecretBuffer> expandedKey;  // when tor generated one (64 bytes)
};

// Raw inputs for rb::hsdir::Consensus.
struct ConsensusTexts {
    QByteArray microdescConsensus;   // GETINFO dir/status-vote/current/consensus-microdesc
    QByteArray microdescriptors;     // GETINFO md/all
    bool testingTorNetwork = false;  // GETCONF TestingTorNetwork
};

struct ConsensusSnapshot {
    hsdir::Consensus consensus;  // with microdescriptors attached (ed25519 ids)
    bool testingTorNetwork = false;
};

class ControlClient : public QObject {
    Q_OBJECT
public:
    // The client does not own the channel.
    explicit ControlClient(ControlChannel* channel, QObject* parent = nullptr);

    [[nodiscard]] ControlChannel* channel() const { return m_channel; }
    void setDefaultTimeout(std::chrono::milliseconds t) { m_timeout = t; }
    [[nodiscard]] std::chrono::milliseconds defaultTimeout() const { return m_timeout; }

    // Any command; error replies arrive as typed errors.
    void command(const QByteArray& line, Callback<Reply> done);

    // --- authentication ---
    // PROTOCOLINFO 1 (tor allows it once before authenticating; the result is cached).
    void protocolInfo(Callback<ProtocolInfo> done);
    [[nodiscard]] const std::optional<ProtocolInfo>& cachedProtocolInfo() const { return m_protocolInfo; }
    // Picks the best method tor offers for `credentials` and authenticates.
    void authenticate(AuthCredentials credentials, Callback<AuthMethod> done);
    void authenticateNull(Callback<void> done);
    void authenticateCookie(const crypto::SecretBuffer& cookie, Callback<void> done);
    void authenticateSafeCookie(const crypto::SecretBuffer& cookie, Callback<void> done);
    void authenticatePassword(const crypto::SecretBuffer& password, Callback<void> done);
    // Reads a cookie file; BadKey unless it holds exactly 32 bytes, IoError if unreadable.
    static Result<crypto::SecretBuffer> readCookieFile(const QString& path);

    // --- information and configuration ---
    void getInfo(const QStringList& keys, Callback<InfoMap> done,
                 std::optional<std::chrono::milliseconds> timeout = std::nullopt);
    void getInfoValue(const QString& key, Callback<QByteArray> done,
                      std::optional<std::chrono::milliseconds> timeout = std::nullopt);
    void getConf(const QStringList& keys, Callback<QList<ConfEntry>> done);
    void setConf(const QList<ConfEntry>& entries, Callback<void> done);
    void resetConf(const QList<ConfEntry>& entries, Callback<void> done);
    void saveConf(bool force, Callback<void> done);
    void signal(const QString& name, Callback<void> done);
    // Replaces the event set (SETEVENTS with an empty list clears it).
    void setEvents(const QStringList& events, Callback<void> done);

    // --- onion services ---
    // HSFETCH <addr> [SERVER=<fp>…]: results arrive as HS_DESC / HS_DESC_CONTENT events.
    void hsFetch(const QString& address, const QStringList& servers, Callback<void> done);
    // +HSPOST [SERVER=<fp>…] HSADDRESS=<addr> with the dot-escaped descriptor.
    // HSADDRESS is always sent (without it tor 0.4.9 never answers a v3 post).
    void hsPost(const QString& address, const QByteArray& descriptor, const QStringList& servers, Callback<void> done);
    void addOnion(AddOnionRequest request, Callback<AddOnionResult> done);
    void delOnion(const QString& serviceId, Callback<void> done);

    // --- consensus for the HSDir ring ---
    void fetchConsensusTexts(Callback<ConsensusTexts> done);
    void fetchConsensus(Callback<ConsensusSnapshot> done);

    // Pure helpers (public for tests).
    static Result<InfoMap> parseGetInfo(const Reply& reply, const QStringList& expectedKeys);
    static Result<QList<ConfEntry>> parseGetConf(const Reply& reply);
    // "$FP~nick" / "$FP" / "FP" → 40 upper-case hex (what SERVER= wants).
    static Result<QByteArray> serverFingerprint(const QString& server);
    // "<56 chars>[.onion]" → 56 lower-case chars, checksum verified.
    static Result<QByteArray> serviceIdArgument(const QString& address);

private:
    void authenticateWith(const ProtocolInfo& info, std::shared_ptr<AuthCredentials> creds, Callback<AuthMethod> done);
    void sendAuthenticate(QByteArray line, Callback<void> done);
    void sendSimple(QByteArray line, Callback<void> done, bool sensitive = false);

    QPointer<ControlChannel> m_channel;
    std::chrono::milliseconds m_timeout = ControlChannel::DefaultTimeout;
    std::optional<ProtocolInfo> m_protocolInfo;
};

}  // namespace rb::control
