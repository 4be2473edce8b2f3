#pragma once
// A scripted tor control port on 127.0.0.1 for the publisher's unit tests
// (fault injection without a network): enough of the protocol for a
// NodeSession and the Publisher — PROTOCOLINFO, AUTHENTICATE (NULL, or
// COOKIE / SAFECOOKIE with AUTHCHALLENGE when `cookie` is set),
// GETINFO (version, bootstrap, circuit-status, hs/service/desc/id/…,
// consensus-microdesc, md/all, consensus/valid-after), GETCONF, SETEVENTS,
// +HSPOST (answers 250 OK, then per HSDir: UPLOADED, FAILED with a reason or
// nothing at all) — and knobs to misbehave (never answer a command, drop the
// connection). Events can be pushed at any time.

#include "crypto/Crypto.h"
#include "crypto/Ed25519.h"
#include "descriptor/DescriptorBuilder.h"
#include "descriptor/Ed25519Cert.h"
#include "descriptor/LinkSpecifier.h"
#include "descriptor/IntroPoint.h"
#include "hsdir/SyntheticNetwork.h"
#include "onion/MasterIdentity.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>

#include <sodium.h>

#include <functional>

namespace rb::test {

class FakeTorNode {
public:
    enum class UploadBehavior { Uploaded, Rejected, Silent };

    struct Post {
        QStringList servers;
        QByteArray address;
        QByteArray descriptor;
    };

    FakeTorNode()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this]() {
            while (QTcpSocket* s = m_server.nextPendingConnection()) {
                ++connections;
                if (refuseAuth) {
                    s->abort();
                    continue;
                }
                m_client = s;
                authenticated = false;
                m_expectedClientHash.clear();
                m_buffer.clear();
                m_inPost = false;
                QObject::connect(s, &QTcpSocket::readyRead, s, [this, s]() { onRead(s); });
            }
        });
    }

    quint16 port() const { return m_server.serverPort(); }
    bool hasClient() const { return m_client && m_client->state() == QAbstractSocket::ConnectedState; }
    void dropClient()
    {
        if (m_client) {
            m_client->abort();
        }
    }
    void send(const QByteArray& bytes)
    {
        if (m_client) {
            m_client->write(bytes);
            m_client->flush();
        }
    }
    void event(const QByteArray& line) { send("650 " + line + "\r\n"); }
    // Stops listening: new connections are refused (a dead tor).
    void shutdown()
    {
        dropClient();
        m_server.close();
    }

    // --- state the fake reports ---
    QByteArray masterId;              // 56 chars
    QByteArray descriptorText;        // GETINFO hs/service/desc/id/<masterId> ("" = 552 not found)
    QList<QByteArray> circuitLines;   // GETINFO circuit-status lines
    QByteArray consensusText;
    QByteArray microdescriptors;
    QByteArray validAfter;            // "yyyy-MM-dd HH:mm:ss"
    QByteArray publishHidServ = "0";
    QList<QByteArray> hsOptions;      // GETCONF HiddenServiceOptions lines ("HiddenServiceDir=/x", ...)
    QMap<QString, UploadBehavior> uploadBehavior;  // by HSDir fingerprint; default Uploaded
    QMap<QString, int> rejectTimes;   // HSDir fp -> how many posts to reject before accepting
    QSet<QByteArray> neverAnswer;     // command keywords that get no reply at all
    bool refuseAuth = false;
    // Non-empty: PROTOCOLINFO offers COOKIE,SAFECOOKIE with this COOKIEFILE
    // (instead of NULL) and AUTHENTICATE checks the cookie / SAFECOOKIE hash.
    QByteArray cookie;
    QByteArray advertisedCookieFile = "/run/tor/control.authcookie";

    // --- what the fake saw ---
    QList<QByteArray> received;  // command lines (not HSPOST data)
    QList<Post> posts;
    int connections = 0;
    int descriptorReads = 0;
    bool authenticated = false;  // the current connection authenticated
    int authAccepted = 0;
    int authRejected = 0;

    int countReceived(const QByteArray& prefix) const
    {
        int n = 0;
        for (const QByteArray& l : received) {
            n += l.startsWith(prefix) ? 1 : 0;
        }
        return n;
    }

    // An established intro circuit line for each intro point of a node descriptor.
    static QList<QByteArray> introCircuits(const QList<descriptor::IntroPoint>& ips, const QByteArray& masterId,
                                           int firstId = 100)
    {
        QList<QByteArray> out;
        int id = firstId;
        for (const auto& ip : ips) {
            out << QByteArray::number(id++) + " BUILT $AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA~g,$" +
                       ip.legacyId().toHex().toUpper() +
                       "~intro BUILD_FLAGS=IS_INTERNAL,NEED_CAPACITY,NEED_UPTIME PURPOSE=HS_SERVICE_INTRO "
                       "HS_STATE=HSSI_ESTABLISHED REND_QUERY=" +
                       masterId + " TIME_CREATED=2026-02-06T05:00:00.000000";
        }
        return out;
    }

private:
    static QByteArray dataBlock(const QByteArray& keyEq, const QByteArray& body)
    {
        QByteArray out = "250+" + keyEq + "\r\n";
        for (QByteArray line : body.split('\n')) {
            if (line.startsWith('.')) {
                line.prepend('.');
            }
            out += line + "\r\n";
        }
        if (body.endsWith('\n')) {
            out.chop(2);  // split() produced a trailing empty line
        }
        return out + ".\r\n";
    }

    void onRead(QTcpSocket* s)
    {
        m_buffer += s->readAll();
        qsizetype nl;
        while ((nl = m_buffer.indexOf('\n')) >= 0) {
            QByteArray line = m_buffer.left(nl);
            m_buffer.remove(0, nl + 1);
            if (line.endsWith('\r')) {
                line.chop(1);
            }
            if (m_inPost) {
                if (line == ".") {
                    m_inPost = false;
                    finishPost();
                } else {
                    m_post.descriptor += (line.startsWith("..") ? line.mid(1) : line) + '\n';
                }
                continue;
            }
            received.append(line);
            handle(line);
        }
    }

    void handle(const QByteArray& line)
    {
        const QByteArray kw = line.split(' ').first();
        if (neverAnswer.contains(kw) || (kw == "GETINFO" && neverAnswer.contains(line.split(' ').value(1)))) {
            if (kw == "+HSPOST") {
                m_inPost = true;
                m_post = Post{};
                m_silentPost = true;
            }
            return;
        }
        if (kw == "PROTOCOLINFO") {
            const QByteArray auth = cookie.isEmpty() ? QByteArray("250-AUTH METHODS=NULL\r\n")
                                                     : "250-AUTH METHODS=COOKIE,SAFECOOKIE COOKIEFILE=\"" +
                                                           advertisedCookieFile + "\"\r\n";
            send("250-PROTOCOLINFO 1\r\n" + auth + "250-VERSION Tor=\"0.4.9.11\"\r\n250 OK\r\n");
        } else if (kw == "AUTHCHALLENGE" && !cookie.isEmpty()) {
            const QByteArray clientNonce = QByteArray::fromHex(line.split(' ').value(2));
            const QByteArray serverNonce = crypto::randomBytes(32);
            const QByteArray msg = cookie + clientNonce + serverNonce;
            m_expectedClientHash =
                crypto::hmacSha256(QByteArrayView("Tor safe cookie authentication controller-to-server hash"), msg);
            const QByteArray serverHash =
                crypto::hmacSha256(QByteArrayView("Tor safe cookie authentication server-to-controller hash"), msg);
            send("250 AUTHCHALLENGE SERVERHASH=" + serverHash.toHex().toUpper() +
                 " SERVERNONCE=" + serverNonce.toHex().toUpper() + "\r\n");
        } else if (kw == "AUTHENTICATE") {
            const QByteArray given = QByteArray::fromHex(line.split(' ').value(1));
            const bool ok = cookie.isEmpty() || (!m_expectedClientHash.isEmpty() && given == m_expectedClientHash) ||
                            given == cookie;
            if (ok) {
                authenticated = true;
                ++authAccepted;
                send("250 OK\r\n");
            } else {
                ++authRejected;
                send("515 Authentication failed: Safe cookie response did not match expected value.\r\n");
                dropClient();
            }
        } else if (kw == "SETEVENTS") {
            send("250 OK\r\n");
        } else if (kw == "GETINFO") {
            QByteArray reply;
            for (const QByteArray& key : line.split(' ').mid(1)) {
                if (key == "version") {
                    reply += "250-version=0.4.9.11\r\n";
                } else if (key == "status/bootstrap-phase") {
                    reply += "250-status/bootstrap-phase=NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY=\"Done\"\r\n";
                } else if (key == "circuit-status") {
                    reply += dataBlock("circuit-status=", circuitLines.join('\n') + (circuitLines.isEmpty() ? "" : "\n"));
                } else if (key == "hs/service/desc/id/" + masterId) {
                    ++descriptorReads;
                    if (descriptorText.isEmpty()) {
                        send("552 Unrecognized key \"" + key + "\"\r\n");
                        return;
                    }
                    reply += dataBlock(key + "=", descriptorText);
                } else if (key == "dir/status-vote/current/consensus-microdesc") {
                    reply += dataBlock(key + "=", consensusText);
                } else if (key == "md/all") {
                    reply += dataBlock(key + "=", microdescriptors);
                } else if (key == "consensus/valid-after") {
                    reply += "250-consensus/valid-after=" + validAfter + "\r\n";
                } else {
                    send("552 Unrecognized key \"" + key + "\"\r\n");
                    return;
                }
            }
            send(reply + "250 OK\r\n");
        } else if (kw == "GETCONF") {
            QByteArray reply;
            for (const QByteArray& key : line.split(' ').mid(1)) {
                if (key == "PublishHidServDescriptors") {
                    reply += "250-PublishHidServDescriptors=" + publishHidServ + "\r\n";
                } else if (key == "HiddenServiceOptions") {
                    for (const QByteArray& o : hsOptions) {
                        reply += "250-" + o + "\r\n";
                    }
                } else if (key == "TestingTorNetwork") {
                    reply += "250-TestingTorNetwork=0\r\n";
                }
            }
            if (reply.isEmpty()) {
                send("250 OK\r\n");
            } else {
                reply[reply.lastIndexOf("250-") + 3] = ' ';
                send(reply);
            }
        } else if (kw == "+HSPOST") {
            m_inPost = true;
            m_silentPost = false;
            m_post = Post{};
            for (const QByteArray& w : line.split(' ').mid(1)) {
                if (w.startsWith("SERVER=")) {
                    m_post.servers << QString::fromLatin1(w.mid(7));
                } else if (w.startsWith("HSADDRESS=")) {
                    m_post.address = w.mid(10);
                }
            }
        } else {
            send("510 Unrecognized command\r\n");
        }
    }

    void finishPost()
    {
        posts.append(m_post);
        if (m_silentPost) {
            return;
        }
        send("250 OK\r\n");
        for (const QString& fp : m_post.servers) {
            UploadBehavior b = uploadBehavior.value(fp, UploadBehavior::Uploaded);
            if (rejectTimes.value(fp) > 0) {
                rejectTimes[fp] -= 1;
                b = UploadBehavior::Rejected;
            }
            const QByteArray who = "$" + fp.toLatin1() + "~hsdir";
            if (b == UploadBehavior::Uploaded) {
                event("HS_DESC UPLOADED " + m_post.address + " UNKNOWN " + who);
            } else if (b == UploadBehavior::Rejected) {
                event("HS_DESC FAILED " + m_post.address + " UNKNOWN " + who + " REASON=UPLOAD_REJECTED");
            }
        }
    }

    QTcpServer m_server;
    QPointer<QTcpSocket> m_client;
    QByteArray m_buffer;
    QByteArray m_expectedClientHash;
    bool m_inPost = false;
    bool m_silentPost = false;
    Post m_post;
};

// A node descriptor for the master (as tor would serve it) with `count` intro points.
struct NodeDescriptor {
    QByteArray text;
    QList<descriptor::IntroPoint> introPoints;
};

inline NodeDescriptor makeNodeDescriptor(const onion::MasterIdentity& master, quint64 period, int count,
                                         quint64 revision = 12345, const QList<QByteArray>& relayIds = {})
{
    NodeDescriptor out;
    crypto::PublicKey nodePk;
    const crypto::SecretBuffer nodeSk = crypto::ed25519::generate(&nodePk);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (int i = 0; i < count; ++i) {
        descriptor::IntroPoint ip;
        ip.linkSpecifiers.append(descriptor::LinkSpecifier::ipv4(0x7f000001U, static_cast<quint16>(9000 + i)));
        ip.linkSpecifiers.append(descriptor::LinkSpecifier::legacyId(i < relayIds.size() ? relayIds.at(i)
                                                                                      : crypto::randomBytes(20)));
        ip.linkSpecifiers.append(descriptor::LinkSpecifier::ed25519Id(crypto::randomBytes(32)));
        unsigned char sk[32];
        crypto::randomFill(sk, sizeof sk);
        ip.onionKey = QByteArray(32, Qt::Uninitialized);
        crypto_scalarmult_curve25519_base(reinterpret_cast<unsigned char*>(ip.onionKey.data()), sk);
        crypto::randomFill(sk, sizeof sk);
        ip.encKey = QByteArray(32, Qt::Uninitialized);
        crypto_scalarmult_curve25519_base(reinterpret_cast<unsigned char*>(ip.encKey.data()), sk);
        crypto::PublicKey authPk;
        (void)crypto::ed25519::generate(&authPk);
        const auto exp = descriptor::Ed25519Cert::expiryHoursFor(now, descriptor::kCertLifetimeSeconds);
        ip.authKeyCert =
            descriptor::Ed25519Cert::create(descriptor::CertType::HsIntroAuth, authPk, nodeSk, nodePk, exp, true)
                .value();
        const auto encEd = crypto::ed25519::ed25519FromCurve25519(ip.encKey, 0).value();
        ip.encKeyCert =
            descriptor::Ed25519Cert::create(descriptor::CertType::HsIntroEncKey, encEd, nodeSk, nodePk, exp, true)
                .value();
        out.introPoints.append(ip);
    }
    descriptor::DescriptorBuildParams p;
    p.timePeriod = period;
    p.periodLengthMinutes = 1440;
    p.revisionCounter = revision;
    p.introPoints = out.introPoints;
    out.text = descriptor::DescriptorBuilder::build(master.expandedKey(), master.publicKey(), p).value().text;
    // The builder re-certifies intro points: take them back from the text so
    // auth keys match what a decoder sees (they are the same keys).
    return out;
}

// A synthetic real-network consensus (1-hour voting, 1440-minute periods) valid now.
struct FakeConsensus {
    QByteArray text;
    QByteArray microdescriptors;
    QByteArray validAfter;
    QDateTime validAfterTime;
};

inline FakeConsensus makeFakeConsensus(int relays = 12)
{
    FakeConsensus c;
    SyntheticHeader h;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    h.validAfter = QDateTime::fromSecsSinceEpoch(now - now % 3600, Qt::UTC);
    h.votingInterval = 3600;
    h.srvPrevious = QByteArray(32, '\x11');
    h.srvCurrent = QByteArray(32, '\x22');
    QList<SyntheticRelay> rs;
    for (int i = 0; i < relays; ++i) {
        rs.append(makeRelay(i, true));
    }
    c.text = buildConsensus(h, rs);
    c.microdescriptors = buildMicrodescriptors(rs);
    c.validAfterTime = h.validAfter;
    c.validAfter = h.validAfter.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toLatin1();
    return c;
}

}  // namespace rb::test
