#include "control/ControlClient.h"

#include "control/Syntax.h"
#include "crypto/Crypto.h"
#include "onion/OnionAddress.h"

#include <QFile>
#include <QTimer>

#include <algorithm>
#include <cstring>

namespace rb::control {

namespace {

constexpr std::chrono::milliseconds ConsensusTimeout{120000};
const char* const ServerToControllerKey = "Tor safe cookie authentication server-to-controller hash";
const char* const ControllerToServerKey = "Tor safe cookie authentication controller-to-server hash";

// Delivers an error on the next event-loop turn (never from inside the
// caller's own call), even if the client is gone by then.
template <typename T> void later(const Callback<T>& done, Error error)
{
    QTimer::singleShot(0, [done, error = std::move(error)]() { done(error); });
}

template <typename T> void later(const Callback<T>& done, T value)
{
    auto shared = std::make_shared<T>(std::move(value));
    QTimer::singleShot(0, [done, shared]() { done(std::move(*shared)); });
}

Error cancelled()
{
    return makeError(ErrorCode::Cancelled, QStringLiteral("The control client was destroyed"));
}

Error protocolError(const QString& what, QByteArrayView detail = {})
{
    return makeError(ErrorCode::ProtocolError, what, printable(detail));
}

bool isHex(QByteArrayView v)
{
    return std::all_of(v.begin(), v.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
}

QByteArray joinTokens(const QList<QByteArray>& parts)
{
    QByteArray out;
    for (const QByteArray& p : parts) {
        if (!out.isEmpty()) {
            out.append(' ');
        }
        out.append(p);
    }
    return out;
}

Result<QByteArray> confArguments(const QList<ConfEntry>& entries)
{
    QList<QByteArray> parts;
    for (const ConfEntry& e : entries) {
        RB_TRY(QByteArray key, checkToken(e.key.toUtf8()));
        if (key.contains('=')) {
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("A configuration key contains '='"));
        }
        if (e.value) {
            RB_TRY(QByteArray v, configValue(e.value->toUtf8()));
            parts << key + '=' + v;
        } else {
            parts << key;
        }
    }
    if (parts.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("No configuration option given"));
    }
    return joinTokens(parts);
}

}  // namespace

QString authMethodName(AuthMethod method)
{
    switch (method) {
    case AuthMethod::Null:
        return QStringLiteral("NULL");
    case AuthMethod::SafeCookie:
        return QStringLiteral("SAFECOOKIE");
    case AuthMethod::Cookie:
        return QStringLiteral("COOKIE");
    case AuthMethod::HashedPassword:
        return QStringLiteral("HASHEDPASSWORD");
    }
    return QStringLiteral("?");
}

Result<ProtocolInfo> ProtocolInfo::parse(const Reply& reply)
{
    ProtocolInfo info;
    bool sawHeader = false;
    for (const ReplyLine& line : reply.lines) {
        RB_TRY(Fields f, parseFields(line.text, 64));
        if (f.positional.isEmpty()) {
            continue;
        }
        const QByteArray& kw = f.positional.constFirst();
        if (kw == "PROTOCOLINFO") {
            sawHeader = true;
            info.protocolInfoVersion = f.positional.size() > 1 ? f.positional[1].toInt() : 0;
        } else if (kw == "AUTH") {
            for (const QByteArray& m : f.value("METHODS").value_or(QByteArray()).split(',')) {
                if (!m.isEmpty()) {
                    info.authMethods << QString::fromLatin1(m).toUpper();
                }
            }
            if (auto cf = f.value("COOKIEFILE")) {
                info.cookieFile = QFile::decodeName(*cf);
            }
        } else if (kw == "VERSION") {
            info.torVersion = QString::fromUtf8(f.value("Tor").value_or(QByteArray()));
        }
    }
    if (!sawHeader) {
        return protocolError(QStringLiteral("tor's PROTOCOLINFO reply has no PROTOCOLINFO line"), reply.summary());
    }
    return info;
}

ControlClient::ControlClient(ControlChannel* channel, QObject* parent) : QObject(parent), m_channel(channel)
{
}

void ControlClient::command(const QByteArray& line, Callback<Reply> done)
{
    if (!m_channel) {
        later(done, makeError(ErrorCode::Disconnected, QStringLiteral("No control connection")));
        return;
    }
    m_channel->send(line, std::move(done), m_timeout);
}

void ControlClient::sendSimple(QByteArray line, Callback<void> done, bool sensitive)
{
    if (!m_channel) {
        later(done, makeError(ErrorCode::Disconnected, QStringLiteral("No control connection")));
        return;
    }
    m_channel->send(
        std::move(line),
        [done](Result<Reply> r) {
            if (!r) {
                done(r.error());
            } else {
                done(Status{});
            }
        },
        m_timeout, sensitive);
}

// --- authentication -------------------------------------------------------

void ControlClient::protocolInfo(Callback<ProtocolInfo> done)
{
    if (m_protocolInfo) {
        later(done, *m_protocolInfo);
        return;
    }
    QPointer<ControlClient> self(this);
    command("PROTOCOLINFO 1", [self, done](Result<Reply> r) {
        if (!r) {
            done(r.error());
            return;
        }
        auto info = ProtocolInfo::parse(*r);
        if (info.ok() && self) {
            self->m_protocolInfo = *info;
        }
        done(std::move(info));
    });
}

Result<crypto::SecretBuffer> ControlClient::readCookieFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("Cannot read the tor control cookie %1: %2").arg(path, f.errorString()));
    }
    QByteArray bytes = f.read(1025);
    const qsizetype n = bytes.size();
    crypto::SecretBuffer cookie = crypto::SecretBuffer::fromBytes(bytes);
    crypto::memzero(bytes);
    if (n != 32) {
        return makeError(ErrorCode::BadKey,
                         QStringLiteral("The tor control cookie %1 must be exactly 32 bytes (it has %2%3); "
                                        "point to tor's control_auth_cookie file")
                             .arg(path)
                             .arg(n > 1024 ? QStringLiteral("more than ") : QString())
                             .arg(std::min<qsizetype>(n, 1024)));
    }
    return cookie;
}

void ControlClient::authenticate(AuthCredentials credentials, Callback<AuthMethod> done)
{
    auto creds = std::make_shared<AuthCredentials>(std::move(credentials));
    if (m_protocolInfo) {
        authenticateWith(*m_protocolInfo, creds, std::move(done));
        return;
    }
    QPointer<ControlClient> self(this);
    protocolInfo([self, creds, done](Result<ProtocolInfo> info) {
        if (!info) {
            done(info.error());
            return;
        }
        if (!self) {
            done(cancelled());
            return;
        }
        self->authenticateWith(*info, creds, done);
    });
}

void ControlClient::authenticateWith(const ProtocolInfo& info, std::shared_ptr<AuthCredentials> creds,
                                     Callback<AuthMethod> done)
{
    auto finish = [done](AuthMethod m) {
        return [done, m](Status st) {
            if (!st.ok()) {
                done(st.error());
            } else {
                done(m);
            }
        };
    };
    if (info.offers(QStringLiteral("NULL"))) {
        authenticateNull(finish(AuthMethod::Null));
        return;
    }
    std::optional<crypto::SecretBuffer> cookie;
    bool advertised = false;
    QString advertisedProblem;
    if (creds->cookie) {
        if (creds->cookie->size() != 32) {
            later(done, makeError(ErrorCode::InvalidArgument,
                                  QStringLiteral("The tor control cookie must be exactly 32 bytes (got %1)")
                                      .arg(creds->cookie->size())));
            return;
        }
        cookie = creds->cookie->clone();
    } else if (!creds->cookieFile.isEmpty()) {
        auto c = readCookieFile(creds->cookieFile);
        if (!c) {
            later(done, c.error());
            return;
        }
        cookie = std::move(c.value());
    } else if (creds->useAdvertisedCookieFile && info.offers(QStringLiteral("SAFECOOKIE")) &&
               !info.cookieFile.isEmpty()) {
        auto c = readCookieFile(info.cookieFile);
        if (c) {
            cookie = std::move(c.value());
            advertised = true;
        } else {
            advertisedProblem = c.error().message;
        }
    }
    if (cookie && info.offers(QStringLiteral("SAFECOOKIE"))) {
        authenticateSafeCookie(*cookie, finish(AuthMethod::SafeCookie));
        return;
    }
    if (cookie && !advertised && info.offers(QStringLiteral("COOKIE"))) {
        authenticateCookie(*cookie, finish(AuthMethod::Cookie));
        return;
    }
    if (creds->password && info.offers(QStringLiteral("HASHEDPASSWORD"))) {
        authenticatePassword(*creds->password, finish(AuthMethod::HashedPassword));
        return;
    }
    const QString offered = info.authMethods.isEmpty() ? QStringLiteral("no method") : info.authMethods.join(u',');
    later(done, makeError(ErrorCode::AuthFailed,
                          QStringLiteral("tor accepts %1 but no matching credentials were given: pass the control "
                                         "cookie file or the control password")
                              .arg(offered),
                          advertisedProblem));
}

void ControlClient::sendAuthenticate(QByteArray line, Callback<void> done)
{
    sendSimple(std::move(line), std::move(done), /*sensitive=*/true);
}

void ControlClient::authenticateNull(Callback<void> done)
{
    sendAuthenticate("AUTHENTICATE", std::move(done));
}

void ControlClient::authenticateCookie(const crypto::SecretBuffer& cookie, Callback<void> done)
{
    if (cookie.size() != 32) {
        later(done,
              makeError(ErrorCode::InvalidArgument,
                        QStringLiteral("The tor control cookie must be exactly 32 bytes (got %1)").arg(cookie.size())));
        return;
    }
    QByteArray hex = cookie.view().toByteArray().toHex();  // temporary copies wiped below
    QByteArray line = "AUTHENTICATE " + hex;
    crypto::memzero(hex);
    sendAuthenticate(std::move(line), std::move(done));
}

void ControlClient::authenticateSafeCookie(const crypto::SecretBuffer& cookie, Callback<void> done)
{
    if (cookie.size() != 32) {
        later(done,
              makeError(ErrorCode::InvalidArgument,
                        QStringLiteral("The tor control cookie must be exactly 32 bytes (got %1)").arg(cookie.size())));
        return;
    }
    const QByteArray clientNonce = crypto::randomBytes(32);
    auto cookieCopy = std::make_shared<crypto::SecretBuffer>(cookie.clone());
    QPointer<ControlClient> self(this);
    command("AUTHCHALLENGE SAFECOOKIE " + clientNonce.toHex(), [self, done, clientNonce, cookieCopy](Result<Reply> r) {
        if (!r) {
            done(r.error());
            return;
        }
        auto f = parseFields(r->endText(), 16);
        if (!f || f->positional.value(0) != "AUTHCHALLENGE") {
            done(protocolError(QStringLiteral("tor sent a malformed AUTHCHALLENGE reply")));
            return;
        }
        const QByteArray serverHashHex = f->value("SERVERHASH").value_or(QByteArray());
        const QByteArray serverNonceHex = f->value("SERVERNONCE").value_or(QByteArray());
        if (serverHashHex.size() != 64 || serverNonceHex.size() != 64 || !isHex(serverHashHex) ||
            !isHex(serverNonceHex)) {
            done(protocolError(QStringLiteral("tor's AUTHCHALLENGE reply lacks a 32-byte SERVERHASH/SERVERNONCE")));
            return;
        }
        const QByteArray serverHash = QByteArray::fromHex(serverHashHex);
        const QByteArray serverNonce = QByteArray::fromHex(serverNonceHex);
        crypto::SecretBuffer msg(96);
        std::memcpy(msg.data(), cookieCopy->data(), 32);
        std::memcpy(msg.data() + 32, clientNonce.constData(), 32);
        std::memcpy(msg.data() + 64, serverNonce.constData(), 32);
        QByteArray expected = crypto::hmacSha256(QByteArrayView(ServerToControllerKey), msg.view());
        const bool match = crypto::constantTimeEquals(expected, serverHash);
        crypto::memzero(expected);
        if (!match) {
            done(makeError(ErrorCode::AuthFailed,
                           QStringLiteral("tor could not prove it knows our control cookie (SAFECOOKIE server hash "
                                          "mismatch): the cookie is wrong or stale (tor rewrites it at every start)")));
            return;
        }
        if (!self) {
            done(cancelled());
            return;
        }
        QByteArray clientHash = crypto::hmacSha256(QByteArrayView(ControllerToServerKey), msg.view());
        QByteArray hex = clientHash.toHex();
        crypto::memzero(clientHash);
        QByteArray line = "AUTHENTICATE " + hex;
        crypto::memzero(hex);
        self->sendAuthenticate(std::move(line), done);
    });
}

void ControlClient::authenticatePassword(const crypto::SecretBuffer& password, Callback<void> done)
{
    auto quoted = quoteArgument(password.view());
    if (!quoted) {
        later(done, makeError(ErrorCode::InvalidArgument,
                              QStringLiteral("The control password contains a line break or NUL byte; tor cannot "
                                             "accept it")));
        return;
    }
    QByteArray line = "AUTHENTICATE " + quoted.value();
    crypto::memzero(quoted.value());
    sendAuthenticate(std::move(line), std::move(done));
}

// --- information and configuration ---------------------------------------

Result<InfoMap> ControlClient::parseGetInfo(const Reply& reply, const QStringList& expectedKeys)
{
    InfoMap m;
    for (const ReplyLine& line : reply.lines) {
        if (line.kind == ReplyLine::Kind::End && line.text == "OK") {
            continue;
        }
        if (line.kind == ReplyLine::Kind::Data) {
            QByteArray key = line.text;
            if (key.endsWith('=')) {
                key.chop(1);
            }
            m.insert(QString::fromLatin1(key), line.data);
            continue;
        }
        auto [key, value] = splitKeyValue(line.text);
        m.insert(QString::fromLatin1(key), value.value_or(QByteArray()));
    }
    for (const QString& k : expectedKeys) {
        if (!m.contains(k)) {
            return protocolError(QStringLiteral("tor's GETINFO reply lacks the key %1").arg(k), reply.summary());
        }
    }
    return m;
}

void ControlClient::getInfo(const QStringList& keys, Callback<InfoMap> done,
                            std::optional<std::chrono::milliseconds> timeout)
{
    QList<QByteArray> parts{"GETINFO"};
    for (const QString& k : keys) {
        auto t = checkToken(k.toUtf8());
        if (!t) {
            later(done, t.error());
            return;
        }
        parts << t.value();
    }
    if (keys.isEmpty()) {
        later(done, makeError(ErrorCode::InvalidArgument, QStringLiteral("GETINFO needs at least one key")));
        return;
    }
    if (!m_channel) {
        later(done, makeError(ErrorCode::Disconnected, QStringLiteral("No control connection")));
        return;
    }
    m_channel->send(
        joinTokens(parts),
        [keys, done](Result<Reply> r) {
            if (!r) {
                done(r.error());
                return;
            }
            done(parseGetInfo(*r, keys));
        },
        timeout.value_or(m_timeout));
}

void ControlClient::getInfoValue(const QString& key, Callback<QByteArray> done,
                                 std::optional<std::chrono::milliseconds> timeout)
{
    getInfo(
        QStringList{key},
        [key, done](Result<InfoMap> r) {
            if (!r) {
                done(r.error());
                return;
            }
            done(r->value(key));
        },
        timeout);
}

Result<QList<ConfEntry>> ControlClient::parseGetConf(const Reply& reply)
{
    QList<ConfEntry> out;
    for (const ReplyLine& line : reply.lines) {
        if (line.kind == ReplyLine::Kind::End && line.text == "OK") {
            continue;
        }
        if (line.kind == ReplyLine::Kind::Data) {
            QByteArray key = line.text;
            if (key.endsWith('=')) {
                key.chop(1);
            }
            QByteArray v = line.data;
            if (v.endsWith('\n')) {
                v.chop(1);
            }
            out.append(ConfEntry{QString::fromLatin1(key), QString::fromUtf8(v)});
            continue;
        }
        auto [key, value] = splitKeyValue(line.text);
        if (key.isEmpty()) {
            return protocolError(QStringLiteral("tor sent a malformed GETCONF line"), line.text);
        }
        out.append(ConfEntry{QString::fromLatin1(key),
                             value ? std::optional<QString>(QString::fromUtf8(*value)) : std::nullopt});
    }
    return out;
}

void ControlClient::getConf(const QStringList& keys, Callback<QList<ConfEntry>> done)
{
    QList<QByteArray> parts{"GETCONF"};
    for (const QString& k : keys) {
        auto t = checkToken(k.toUtf8());
        if (!t) {
            later(done, t.error());
            return;
        }
        parts << t.value();
    }
    command(joinTokens(parts), [done](Result<Reply> r) {
        if (!r) {
            done(r.error());
            return;
        }
        done(parseGetConf(*r));
    });
}

void ControlClient::setConf(const QList<ConfEntry>& entries, Callback<void> done)
{
    auto args = confArguments(entries);
    if (!args) {
        later(done, args.error());
        return;
    }
    sendSimple("SETCONF " + args.value(), std::move(done));
}

void ControlClient::resetConf(const QList<ConfEntry>& entries, Callback<void> done)
{
    auto args = confArguments(entries);
    if (!args) {
        later(done, args.error());
        return;
    }
    sendSimple("RESETCONF " + args.value(), std::move(done));
}

void ControlClient::saveConf(bool force, Callback<void> done)
{
    sendSimple(force ? QByteArray("SAVECONF FORCE") : QByteArray("SAVECONF"), std::move(done));
}

void ControlClient::signal(const QString& name, Callback<void> done)
{
    auto t = checkToken(name.toUtf8());
    if (!t) {
        later(done, t.error());
        return;
    }
    sendSimple("SIGNAL " + t.value(), std::move(done));
}

void ControlClient::setEvents(const QStringList& events, Callback<void> done)
{
    QList<QByteArray> parts{"SETEVENTS"};
    for (const QString& e : events) {
        auto t = checkToken(e.toUtf8());
        if (!t) {
            later(done, t.error());
            return;
        }
        parts << t.value();
    }
    sendSimple(joinTokens(parts), std::move(done));
}

// --- onion services --------------------------------------------------------

Result<QByteArray> ControlClient::serverFingerprint(const QString& server)
{
    auto ln = parseLongName(server.toLatin1());
    if (!ln) {
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("Not a relay fingerprint: %1 (expected $<40 hex digits>[~nickname])").arg(server.left(80)));
    }
    return ln->fingerprint;
}

Result<QByteArray> ControlClient::serviceIdArgument(const QString& address)
{
    RB_TRY(onion::OnionAddress a, onion::OnionAddress::parse(address));
    return a.serviceId().toLatin1();
}

void ControlClient::hsFetch(const QString& address, const QStringList& servers, Callback<void> done)
{
    auto id = serviceIdArgument(address);
    if (!id) {
        later(done, id.error());
        return;
    }
    QList<QByteArray> parts{"HSFETCH", id.value()};
    for (const QString& s : servers) {
        auto fp = serverFingerprint(s);
        if (!fp) {
            later(done, fp.error());
            return;
        }
        parts << "SERVER=" + fp.value();
    }
    sendSimple(joinTokens(parts), std::move(done));
}

void ControlClient::hsPost(const QString& address, const QByteArray& descriptor, const QStringList& servers,
                           Callback<void> done)
{
    auto id = serviceIdArgument(address);
    if (!id) {
        later(done, id.error());
        return;
    }
    if (descriptor.isEmpty() || descriptor.contains('\0')) {
        later(done, makeError(ErrorCode::InvalidArgument,
                              QStringLiteral("The descriptor to post is empty or contains a NUL byte")));
        return;
    }
    QList<QByteArray> parts{"+HSPOST"};
    for (const QString& s : servers) {
        auto fp = serverFingerprint(s);
        if (!fp) {
            later(done, fp.error());
            return;
        }
        parts << "SERVER=" + fp.value();
    }
    parts << "HSADDRESS=" + id.value();
    if (!m_channel) {
        later(done, makeError(ErrorCode::Disconnected, QStringLiteral("No control connection")));
        return;
    }
    m_channel->sendWithData(
        joinTokens(parts), descriptor,
        [done](Result<Reply> r) {
            if (!r) {
                done(r.error());
            } else {
                done(Status{});
            }
        },
        m_timeout);
}

void ControlClient::addOnion(AddOnionRequest request, Callback<AddOnionResult> done)
{
    QByteArray line = "ADD_ONION ";
    if (request.expandedKey) {
        if (request.expandedKey->size() != 64) {
            later(done, makeError(ErrorCode::InvalidArgument,
                                  QStringLiteral("An ED25519-V3 onion key must be 64 bytes (expanded secret key)")));
            return;
        }
        QByteArray b64 = request.expandedKey->view().toByteArray().toBase64();
        line += "ED25519-V3:" + b64;
        crypto::memzero(b64);
    } else {
        line += "NEW:ED25519-V3";
    }
    auto fail = [&](const Error& e) {
        crypto::memzero(line);
        later(done, e);
    };
    if (!request.flags.isEmpty()) {
        QList<QByteArray> flags;
        for (const QString& fl : request.flags) {
            auto t = checkToken(fl.toUtf8());
            if (!t || t->contains(',')) {
                fail(makeError(ErrorCode::InvalidArgument, QStringLiteral("Invalid ADD_ONION flag %1").arg(fl)));
                return;
            }
            flags << t.value();
        }
        line += " Flags=" + flags.join(',');
    }
    if (request.maxStreams >= 0) {
        line += " MaxStreams=" + QByteArray::number(request.maxStreams);
    }
    if (request.ports.isEmpty()) {
        fail(makeError(ErrorCode::InvalidArgument, QStringLiteral("ADD_ONION needs at least one port")));
        return;
    }
    for (const auto& [virt, target] : request.ports) {
        line += " Port=" + QByteArray::number(virt);
        if (!target.isEmpty()) {
            auto t = checkToken(target.toUtf8());
            if (!t) {
                fail(t.error());
                return;
            }
            line += ',' + t.value();
        }
    }
    if (!m_channel) {
        fail(makeError(ErrorCode::Disconnected, QStringLiteral("No control connection")));
        return;
    }
    m_channel->send(
        std::move(line),
        [done](Result<Reply> r) {
            if (!r) {
                done(r.error());
                return;
            }
            AddOnionResult out;
            Reply reply = std::move(r.value());
            std::optional<Error> problem;
            for (ReplyLine& l : reply.lines) {
                auto [key, value] = splitKeyValue(l.text);
                if (key == "ServiceID" && value) {
                    out.serviceId = QString::fromLatin1(*value);
                } else if (key == "PrivateKey" && value) {
                    const qsizetype colon = value->indexOf(':');
                    QByteArray blob = value->mid(colon + 1);
                    auto raw = QByteArray::fromBase64Encoding(blob, QByteArray::AbortOnBase64DecodingErrors);
                    if (raw && raw.decoded.size() == 64) {
                        out.expandedKey = crypto::SecretBuffer::fromBytes(raw.decoded);
                    } else {
                        problem = protocolError(QStringLiteral("tor returned an unreadable ADD_ONION private key"));
                    }
                    crypto::memzero(raw.decoded);
                    crypto::memzero(blob);
                    crypto::memzero(*value);
                    crypto::memzero(l.text);
                }
            }
            if (problem) {
                done(*problem);
            } else if (out.serviceId.size() != 56) {
                done(protocolError(QStringLiteral("tor's ADD_ONION reply lacks a v3 ServiceID")));
            } else {
                done(std::move(out));
            }
        },
        m_timeout, /*sensitive=*/true);
}

void ControlClient::delOnion(const QString& serviceId, Callback<void> done)
{
    auto id = serviceIdArgument(serviceId);
    if (!id) {
        later(done, id.error());
        return;
    }
    sendSimple("DEL_ONION " + id.value(), std::move(done));
}

// --- consensus ---------------------------------------------------------------

void ControlClient::fetchConsensusTexts(Callback<ConsensusTexts> done)
{
    QPointer<ControlClient> self(this);
    const auto timeout = std::max(m_timeout, ConsensusTimeout);
    auto texts = std::make_shared<ConsensusTexts>();
    getInfoValue(
        QStringLiteral("dir/status-vote/current/consensus-microdesc"),
        [self, done, texts, timeout](Result<QByteArray> consensus) {
            if (!consensus) {
                Error e = consensus.error();
                if (e.code == ErrorCode::Rejected) {
                    e.code = ErrorCode::NotReady;
                    e.message =
                        QStringLiteral("tor has no microdescriptor consensus yet (still bootstrapping?): ") + e.message;
                }
                done(e);
                return;
            }
            if (!self) {
                done(cancelled());
                return;
            }
            texts->microdescConsensus = std::move(consensus.value());
            self->getInfoValue(
                QStringLiteral("md/all"),
                [self, done, texts](Result<QByteArray> mds) {
                    if (!mds) {
                        done(mds.error());
                        return;
                    }
                    if (!self) {
                        done(cancelled());
                        return;
                    }
                    texts->microdescriptors = std::move(mds.value());
                    self->getConf(
                        QStringList{QStringLiteral("TestingTorNetwork")}, [done, texts](Result<QList<ConfEntry>> conf) {
                            if (!conf) {
                                done(conf.error());
                                return;
                            }
                            for (const ConfEntry& e : *conf) {
                                if (e.key.compare(QLatin1String("TestingTorNetwork"), Qt::CaseInsensitive) == 0) {
                                    texts->testingTorNetwork = e.value.value_or(QString()) == QLatin1String("1");
                                }
                            }
                            done(std::move(*texts));
                        });
                },
                timeout);
        },
        timeout);
}

void ControlClient::fetchConsensus(Callback<ConsensusSnapshot> done)
{
    fetchConsensusTexts([done](Result<ConsensusTexts> texts) {
        if (!texts) {
            done(texts.error());
            return;
        }
        auto c = hsdir::Consensus::parse(texts->microdescConsensus);
        if (!c) {
            done(c.error());
            return;
        }
        if (!texts->microdescriptors.isEmpty()) {
            const Status st = c->attachMicrodescriptors(texts->microdescriptors);
            if (!st.ok()) {
                done(st.error());
                return;
            }
        }
        done(ConsensusSnapshot{std::move(c.value()), texts->testingTorNetwork});
    });
}

}  // namespace rb::control
