#include "lab/LabTools.h"

#include "crypto/Crypto.h"
#include "crypto/Ed25519.h"
#include "crypto/SecretBuffer.h"
#include "onion/OnionAddress.h"
#ifdef RB_HAVE_MASTER_IDENTITY
#include "onion/MasterIdentity.h"
#endif

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QSaveFile>
#include <QTcpSocket>

namespace rb::lab {

namespace {

constexpr qsizetype kMaxControlLine = 1 << 20;

class LineReader {
public:
    LineReader(QTcpSocket& socket, int timeoutMs) : m_socket(socket), m_timeoutMs(timeoutMs) { m_timer.start(); }

    Result<QByteArray> line()
    {
        while (!m_socket.canReadLine()) {
            if (m_socket.bytesAvailable() > kMaxControlLine) {
                return makeError(ErrorCode::TooLarge, QStringLiteral("control line too long"));
            }
            const qint64 left = m_timeoutMs - m_timer.elapsed();
            if (left <= 0) {
                return makeError(ErrorCode::Timeout, QStringLiteral("control port did not answer in time"));
            }
            if (!m_socket.waitForReadyRead(static_cast<int>(left)) && !m_socket.canReadLine()) {
                if (m_socket.state() != QAbstractSocket::ConnectedState) {
                    return makeError(ErrorCode::Disconnected, QStringLiteral("control connection closed"),
                                     m_socket.errorString());
                }
            }
        }
        QByteArray l = m_socket.readLine(kMaxControlLine);
        while (l.endsWith('\n') || l.endsWith('\r')) {
            l.chop(1);
        }
        return l;
    }

private:
    QTcpSocket& m_socket;
    int m_timeoutMs;
    QElapsedTimer m_timer;
};

Result<ControlReply> readReply(LineReader& reader)
{
    ControlReply reply;
    while (true) {
        RB_TRY(const QByteArray l, reader.line());
        if (l.size() < 4) {
            return makeError(ErrorCode::ProtocolError, QStringLiteral("short control reply line"),
                             QString::fromUtf8(l));
        }
        const char sep = l.at(3);
        const QString code = QString::fromLatin1(l.left(3));
        if (code.startsWith(QLatin1Char('6'))) {
            if (sep == '+') {  // skip an event's data block
                while (true) {
                    RB_TRY(const QByteArray d, reader.line());
                    if (d == ".") {
                        break;
                    }
                }
            }
            continue;
        }
        reply.lines.append(QString::fromUtf8(l.mid(4)));
        if (sep == '+') {
            while (true) {
                RB_TRY(QByteArray d, reader.line());
                if (d == ".") {
                    break;
                }
                if (d.startsWith("..")) {
                    d.remove(0, 1);
                }
                reply.lines.append(QString::fromUtf8(d));
            }
        }
        if (sep == ' ') {
            reply.status = code;
            return reply;
        }
    }
}

Status writeAll(QTcpSocket& socket, const QByteArray& data, int timeoutMs)
{
    if (socket.write(data) != data.size()) {
        return makeError(ErrorCode::IoError, QStringLiteral("socket write failed"), socket.errorString());
    }
    QElapsedTimer t;
    t.start();
    while (socket.bytesToWrite() > 0) {
        if (t.elapsed() > timeoutMs || !socket.waitForBytesWritten(timeoutMs)) {
            return makeError(ErrorCode::Timeout, QStringLiteral("socket write timed out"), socket.errorString());
        }
    }
    return {};
}

Result<QByteArray> readExactly(QTcpSocket& socket, qint64 n, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (socket.bytesAvailable() < n) {
        const qint64 left = timeoutMs - t.elapsed();
        if (left <= 0 || !socket.waitForReadyRead(static_cast<int>(left))) {
            if (socket.bytesAvailable() >= n) {
                break;
            }
            return makeError(left <= 0 ? ErrorCode::Timeout : ErrorCode::Disconnected,
                             QStringLiteral("SOCKS proxy closed or timed out"), socket.errorString());
        }
    }
    return socket.read(n);
}

QString socksReplyName(int code)
{
    switch (code) {
    case 0x01: return QStringLiteral("general failure");
    case 0x02: return QStringLiteral("not allowed");
    case 0x03: return QStringLiteral("network unreachable");
    case 0x04: return QStringLiteral("host unreachable");
    case 0x05: return QStringLiteral("connection refused");
    case 0x06: return QStringLiteral("TTL expired");
    case 0x07: return QStringLiteral("command not supported");
    case 0x08: return QStringLiteral("address type not supported");
    case 0xF0: return QStringLiteral("onion service descriptor not found");
    case 0xF1: return QStringLiteral("onion service descriptor invalid");
    case 0xF2: return QStringLiteral("onion service introduction failed");
    case 0xF3: return QStringLiteral("onion service rendezvous failed");
    case 0xF4: return QStringLiteral("onion service missing client authorization");
    case 0xF5: return QStringLiteral("onion service wrong client authorization");
    case 0xF6: return QStringLiteral("onion service bad address");
    case 0xF7: return QStringLiteral("onion service introduction timed out");
    default: return QStringLiteral("unknown");
    }
}

#ifndef RB_HAVE_MASTER_IDENTITY
Status writeSecretFile(const QString& path, QByteArrayView data)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return makeError(ErrorCode::IoError, QStringLiteral("cannot write %1").arg(path), f.errorString());
    }
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (f.write(data.data(), data.size()) != data.size() || !f.commit()) {
        return makeError(ErrorCode::IoError, QStringLiteral("cannot write %1").arg(path), f.errorString());
    }
    return {};
}

#endif

}  // namespace

Result<QList<ControlReply>> controlQuery(quint16 port, const QString& cookiePath, const QStringList& commands,
                                         int timeoutMs)
{
    crypto::SecretBuffer cookie(32);
    {
        QFile f(cookiePath);
        if (!f.open(QIODevice::ReadOnly)) {
            return makeError(ErrorCode::NotFound, QStringLiteral("cannot read control cookie %1").arg(cookiePath),
                             f.errorString());
        }
        if (f.size() != 32 || f.read(reinterpret_cast<char*>(cookie.data()), 32) != 32) {
            return makeError(ErrorCode::BadKey, QStringLiteral("control cookie %1 is not 32 bytes").arg(cookiePath));
        }
    }
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(timeoutMs)) {
        return makeError(ErrorCode::Unavailable, QStringLiteral("cannot connect to control port %1").arg(port),
                         socket.errorString());
    }
    LineReader reader(socket, timeoutMs);
    // Hex-encode straight from the secret buffer; wipe the command afterwards.
    QByteArray auth = QByteArrayLiteral("AUTHENTICATE ");
    auth.reserve(auth.size() + 66);
    static constexpr char kHex[] = "0123456789abcdef";
    for (std::size_t i = 0; i < cookie.size(); ++i) {
        auth.append(kHex[cookie.data()[i] >> 4]);
        auth.append(kHex[cookie.data()[i] & 0x0F]);
    }
    auth.append("\r\n");
    const Status sent = writeAll(socket, auth, timeoutMs);
    crypto::memzero(auth);
    RB_TRY_STATUS(sent);
    RB_TRY(const ControlReply authReply, readReply(reader));
    if (authReply.status != QLatin1String("250")) {
        return makeError(ErrorCode::AuthFailed, QStringLiteral("control port %1 rejected the cookie").arg(port),
                         authReply.lines.join(QLatin1Char(' ')));
    }
    QList<ControlReply> replies;
    for (const QString& c : commands) {
        if (c.contains(QLatin1Char('\r')) || c.contains(QLatin1Char('\n'))) {
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("control command contains CR/LF"));
        }
        RB_TRY_STATUS(writeAll(socket, c.toUtf8() + "\r\n", timeoutMs));
        RB_TRY(ControlReply r, readReply(reader));
        replies.append(std::move(r));
    }
    (void)writeAll(socket, QByteArrayLiteral("QUIT\r\n"), 1000);
    socket.disconnectFromHost();
    return replies;
}

Result<QByteArray> socksHttpGet(quint16 socksPort, const QString& host, quint16 port, const QByteArray& path,
                                int timeoutMs)
{
    const QByteArray hostBytes = host.toLatin1();
    if (hostBytes.isEmpty() || hostBytes.size() > 255) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("bad host name for SOCKS5"));
    }
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), socksPort);
    if (!socket.waitForConnected(timeoutMs)) {
        return makeError(ErrorCode::Unavailable, QStringLiteral("cannot connect to SOCKS port %1").arg(socksPort),
                         socket.errorString());
    }
    RB_TRY_STATUS(writeAll(socket, QByteArray("\x05\x01\x00", 3), timeoutMs));
    RB_TRY(const QByteArray method, readExactly(socket, 2, timeoutMs));
    if (method.at(0) != 0x05 || method.at(1) != 0x00) {
        return makeError(ErrorCode::ProtocolError, QStringLiteral("SOCKS proxy refused the no-auth method"));
    }
    QByteArray req("\x05\x01\x00\x03", 4);
    req.append(static_cast<char>(hostBytes.size()));
    req.append(hostBytes);
    req.append(static_cast<char>((port >> 8) & 0xFF));
    req.append(static_cast<char>(port & 0xFF));
    RB_TRY_STATUS(writeAll(socket, req, timeoutMs));
    RB_TRY(const QByteArray head, readExactly(socket, 4, timeoutMs));
    const int rep = static_cast<unsigned char>(head.at(1));
    if (head.at(0) != 0x05) {
        return makeError(ErrorCode::ProtocolError, QStringLiteral("bad SOCKS5 reply"));
    }
    if (rep != 0) {
        return makeError(ErrorCode::Rejected,
                         QStringLiteral("SOCKS CONNECT to %1 failed: 0x%2 %3")
                             .arg(host, QString::number(rep, 16), socksReplyName(rep)));
    }
    qint64 addrLen = 0;
    switch (head.at(3)) {
    case 0x01: addrLen = 4; break;
    case 0x04: addrLen = 16; break;
    case 0x03: {
        RB_TRY(const QByteArray l, readExactly(socket, 1, timeoutMs));
        addrLen = static_cast<unsigned char>(l.at(0));
        break;
    }
    default: return makeError(ErrorCode::ProtocolError, QStringLiteral("bad SOCKS5 address type"));
    }
    RB_TRY(const QByteArray bound, readExactly(socket, addrLen + 2, timeoutMs));
    (void)bound;
    const QByteArray httpReq = QByteArrayLiteral("GET ") + path + QByteArrayLiteral(" HTTP/1.0\r\nHost: ") + hostBytes +
                               QByteArrayLiteral("\r\nConnection: close\r\n\r\n");
    RB_TRY_STATUS(writeAll(socket, httpReq, timeoutMs));
    QByteArray response;
    QElapsedTimer t;
    t.start();
    while (socket.state() == QAbstractSocket::ConnectedState && t.elapsed() < timeoutMs) {
        socket.waitForReadyRead(static_cast<int>(std::max<qint64>(1, timeoutMs - t.elapsed())));
        response += socket.readAll();
        if (response.size() > (1 << 22)) {
            return makeError(ErrorCode::TooLarge, QStringLiteral("HTTP response too large"));
        }
    }
    response += socket.readAll();
    if (response.isEmpty()) {
        return makeError(ErrorCode::Disconnected, QStringLiteral("empty HTTP response from %1").arg(host));
    }
    return response;
}

Result<QString> writeTestMasterKey(const QString& dir)
{
#ifdef RB_HAVE_MASTER_IDENTITY
    // The product's own key code: tor then cross-checks its files.
    RB_TRY(const onion::MasterIdentity id, onion::MasterIdentity::generate());
    RB_TRY_STATUS(id.exportTorFiles(dir));
    return id.address().toString();
#else
    crypto::ensureInitialized();
    if (!QDir().mkpath(dir)) {
        return makeError(ErrorCode::IoError, QStringLiteral("cannot create %1").arg(dir));
    }
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    crypto::PublicKey pk;
    const crypto::SecretBuffer expanded = crypto::ed25519::generate(&pk);
    RB_TRY(const onion::OnionAddress address, onion::OnionAddress::fromPublicKey(pk));

    // PROTOCOL-NOTES §6: 32-byte NUL-padded tag, then the 64-byte expanded key / 32-byte A.
    crypto::SecretBuffer secretFile(96);
    const QByteArray secretTag("== ed25519v1-secret: type0 ==");
    std::copy(secretTag.begin(), secretTag.end(), secretFile.data());
    std::copy(expanded.data(), expanded.data() + 64, secretFile.data() + 32);
    QByteArray publicFile("== ed25519v1-public: type0 ==");
    publicFile.append(QByteArray(32 - publicFile.size(), '\0'));
    publicFile.append(pk);

    RB_TRY_STATUS(writeSecretFile(dir + QStringLiteral("/hs_ed25519_secret_key"), secretFile.view()));
    RB_TRY_STATUS(writeSecretFile(dir + QStringLiteral("/hs_ed25519_public_key"), publicFile));
    const QByteArray hostname = address.toString().toLatin1() + "\n";
    RB_TRY_STATUS(writeSecretFile(dir + QStringLiteral("/hostname"), hostname));
    return address.toString();
#endif
}

QMap<QString, QStringList> consensusFlags(const QStringList& lines)
{
    QMap<QString, QStringList> out;
    QString current;
    for (QString l : lines) {
        if (l.startsWith(QLatin1String("ns/all="))) {
            l = l.mid(7);
        }
        if (l.startsWith(QLatin1String("r "))) {
            const QStringList parts = l.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            current.clear();
            if (parts.size() > 2) {
                QByteArray id = parts.at(2).toLatin1();
                while (id.size() % 4 != 0) {
                    id.append('=');
                }
                const QByteArray raw = QByteArray::fromBase64(id);
                if (raw.size() == 20) {
                    current = QString::fromLatin1(raw.toHex().toUpper());
                    out.insert(current, {});
                }
            }
        } else if (l.startsWith(QLatin1String("s ")) && !current.isEmpty()) {
            QStringList flags = l.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            flags.removeFirst();
            out.insert(current, flags);
        }
    }
    return out;
}

}  // namespace rb::lab
