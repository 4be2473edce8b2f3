// End-to-end proofs of the tor control client, the HSDir ring, the
// descriptor codec and tor's revision counter against REAL tor (0.4.9) in
// the private lab network (tests/lab/labnet.py). One lab per binary: 3
// authorities, 6 relays, a client and 2 ordinary onion-service nodes that
// publish normally.
//
//   authentication      SAFECOOKIE with the lab cookie; a wrong cookie fails
//                       with AuthFailed (SAFECOOKIE and COOKIE)
//   hsfetch             HSFETCH from the lab client → HS_DESC RECEIVED +
//                       HS_DESC_CONTENT; DescriptorDecoder fully verifies it
//   events              CIRC / CIRC_MINOR (HS_SERVICE_INTRO), HS_DESC
//                       CREATED / UPLOAD / UPLOADED, NOTICE parse into the
//                       typed events; every recorded event parses
//   hsdir ring          HS_DESC UPLOAD … HSDIR_INDEX= of a fresh ADD_ONION
//                       service equals HsDirRing for both descriptors
//   revision counter    tor's counters equal RevisionCounter::compute exactly
//   hspost              a descriptor re-encoded by DescriptorBuilder is
//                       accepted by every HSDir our ring picks and served back
//   rbctl node status   (when the command exists)

#include "labint/LabControl.h"

#include "control/CircuitEvent.h"
#include "control/ControlClient.h"
#include "control/HsDescContentEvent.h"
#include "control/HsDescEvent.h"
#include "control/LogEvent.h"
#include "crypto/Base32.h"
#include "crypto/Crypto.h"
#include "crypto/Ed25519.h"
#include "descriptor/DescriptorBuilder.h"
#include "descriptor/DescriptorDecoder.h"
#include "hsdir/Consensus.h"
#include "hsdir/HsDirRing.h"
#include "hsdir/TimePeriod.h"
#include "lab/LabNetwork.h"
#include "onion/MasterIdentity.h"
#include "onion/OnionAddress.h"
#include "onion/RevisionCounter.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using rb::Error;
using rb::ErrorCode;
using rb::Result;
using rb::Status;
using rb::control::CircuitEvent;
using rb::control::HsDescContentEvent;
using rb::control::HsDescEvent;
using rb::control::LogEvent;
using rb::control::Reply;
using rb::hsdir::DescriptorPlan;
using rb::hsdir::HsDirRing;
using rb::hsdir::TimePeriod;
using rb::lab::LabNetwork;
using rb::lab::TorNode;
using rb::labint::describe;
using rb::labint::TorConn;
using rb::labint::waitUntil;

#define RB_VERIFY_OK(expr)                                                               \
    do {                                                                                 \
        const auto& rb_ok_ref = (expr);                                                  \
        QVERIFY2(rb_ok_ref.ok(), qPrintable(rb_ok_ref.ok() ? QString() : describe(rb_ok_ref.error()))); \
    } while (false)

namespace {

qint64 nowSecs()
{
    return QDateTime::currentSecsSinceEpoch();
}

QString serviceIdOf(const QString& address)
{
    QString s = address;
    if (s.endsWith(QLatin1String(".onion"))) {
        s.chop(6);
    }
    return s;
}

QByteArray decodeB64(const QByteArray& text)
{
    auto r = rb::crypto::base64DecodeStrict(text);
    return r ? r.value() : QByteArray();
}

struct PlanMatch {
    QString which;  // "first" / "second"
    DescriptorPlan plan;
};

// Which of tor's two descriptors (notes §3) has this blinded key?
std::optional<PlanMatch> matchPlan(const TimePeriod& tp, const QByteArray& identityPk, const QByteArray& blinded)
{
    const std::pair<QString, DescriptorPlan> plans[] = {{QStringLiteral("first"), tp.first()},
                                                        {QStringLiteral("second"), tp.second()}};
    for (const auto& [name, plan] : plans) {
        auto b = rb::crypto::ed25519::blindPublicKey(identityPk, plan.periodNumber, plan.periodLengthMinutes);
        if (b && b.value() == blinded) {
            return PlanMatch{name, plan};
        }
    }
    return std::nullopt;
}

QString planText(const TimePeriod& tp)
{
    const DescriptorPlan f = tp.first();
    const DescriptorPlan s = tp.second();
    return QStringLiteral("va=%1 V=%2 len=%3min window %4: first TP %5 srvStart %6, second TP %7 srvStart %8")
        .arg(QDateTime::fromSecsSinceEpoch(tp.validAfterSecs(), Qt::UTC).toString(Qt::ISODate))
        .arg(tp.votingIntervalSeconds())
        .arg(tp.periodLengthMinutes())
        .arg(tp.isInWindowA() ? QStringLiteral("A") : QStringLiteral("B"))
        .arg(f.periodNumber)
        .arg(f.srvStartSecs)
        .arg(s.periodNumber)
        .arg(s.srvStartSecs);
}

Result<TimePeriod> periodOf(const rb::control::ConsensusSnapshot& snap)
{
    return TimePeriod::fromConsensus(snap.consensus, snap.testingTorNetwork);
}

// Returns a consensus snapshot taken at least `needSecs` before the next
// time-period or SR-run boundary (where the descriptor plans change), waiting
// past a boundary when it is too close. Keeps the multi-step proofs below from
// straddling a boundary (they occur every 240 s in the lab).
Result<rb::control::ConsensusSnapshot> stableWindow(TorConn& conn, qint64 needSecs)
{
    QElapsedTimer total;
    total.start();
    bool announced = false;
    while (total.elapsed() < 240000) {
        RB_TRY(auto snap, conn.consensus());
        RB_TRY(TimePeriod tp, periodOf(snap));
        const qint64 now = nowSecs();
        const qint64 nextRun = tp.srvStartSecs(TimePeriod::SrvRun::Current) + tp.srvRunDurationSeconds();
        const qint64 nextTp = tp.startOfNextPeriodSecs(tp.validAfterSecs());
        const qint64 boundary = std::min(nextRun, nextTp);
        if (boundary - now >= needSecs) {
            if (announced) {
                qInfo("  ... new window after %.0f s (node's consensus valid-after %s)",
                      static_cast<double>(total.elapsed()) / 1000.0,
                      qPrintable(QDateTime::fromSecsSinceEpoch(tp.validAfterSecs(), Qt::UTC).toString(Qt::ISODate)));
            }
            return snap;
        }
        if (!announced) {
            qInfo("  %lld s to the next period/SR boundary (< %lld s needed): waiting until the node has a "
                  "consensus past it",
                  boundary - now, needSecs);
            announced = true;
        }
        // Before the boundary: sleep past it; after it (the node's consensus
        // still predates it — clients fetch a new one some time after
        // fresh-until): poll.
        const qint64 wait = boundary > now ? boundary - now + 2 : 3;
        QTest::qWait(static_cast<int>(wait * 1000));
    }
    return rb::makeError(ErrorCode::Timeout, QStringLiteral("no stable time-period window within 240 s"));
}

// Same periods and SRVs (the descriptor plans did not change in between)?
bool samePlans(const TimePeriod& a, const TimePeriod& b)
{
    const auto eq = [](const DescriptorPlan& x, const DescriptorPlan& y) {
        return x.periodNumber == y.periodNumber && x.srv == y.srv && x.srvStartSecs == y.srvStartSecs;
    };
    return eq(a.first(), b.first()) && eq(a.second(), b.second()) && eq(a.clientFetch(), b.clientFetch());
}

// Parsed HS_DESC events of one connection.
QList<HsDescEvent> hsDescEvents(const TorConn& conn, qsizetype fromIndex = 0)
{
    QList<HsDescEvent> out;
    const auto& evs = conn.events();
    for (qsizetype i = fromIndex; i < evs.size(); ++i) {
        if (evs[i].reply.keyword() == "HS_DESC") {
            auto e = HsDescEvent::parse(evs[i].reply);
            if (e) {
                out.append(e.value());
            }
        }
    }
    return out;
}

// UPLOAD events of a service, grouped by blinded key (base64), in arrival order.
QMap<QByteArray, QList<HsDescEvent>> uploadsByKey(const TorConn& conn, const QByteArray& serviceId)
{
    QMap<QByteArray, QList<HsDescEvent>> out;
    for (const HsDescEvent& e : hsDescEvents(conn)) {
        if (e.action == HsDescEvent::Action::Upload && e.address == serviceId) {
            out[e.descriptorId].append(e);
        }
    }
    return out;
}

int countAction(const TorConn& conn, const QByteArray& serviceId, HsDescEvent::Action action)
{
    int n = 0;
    for (const HsDescEvent& e : hsDescEvents(conn)) {
        n += (e.action == action && e.address == serviceId) ? 1 : 0;
    }
    return n;
}

// Waits until a service has sent both descriptors (UPLOAD events for two
// blinded keys), the bursts are over (no new UPLOAD for quietMs) and at
// least one HSDir confirmed (UPLOADED).
bool waitForBothUploads(const TorConn& conn, const QByteArray& serviceId, int timeoutMs, int quietMs = 3000)
{
    qint64 lastCount = -1;
    QElapsedTimer quiet;
    return waitUntil(
        [&]() {
            const auto groups = uploadsByKey(conn, serviceId);
            qint64 n = 0;
            for (const auto& g : groups) {
                n += g.size();
            }
            if (n != lastCount) {
                lastCount = n;
                quiet.start();
            }
            return groups.size() >= 2 && quiet.elapsed() >= quietMs &&
                   countAction(conn, serviceId, HsDescEvent::Action::Uploaded) >= 1;
        },
        timeoutMs);
}

struct FetchResult {
    HsDescContentEvent content;
    std::optional<HsDescEvent> received;
    int attempts = 0;
    QStringList failures;  // "REASON via $FP~nick"
};

// HSFETCH from `conn` (retried while the HSDirs do not have it yet) until an
// HS_DESC_CONTENT with a body arrives for the address.
Result<FetchResult> fetchDescriptor(TorConn& conn, const QString& serviceId, const QStringList& servers,
                                    int timeoutMs)
{
    QElapsedTimer total;
    total.start();
    FetchResult out;
    while (total.elapsed() < timeoutMs) {
        ++out.attempts;
        const qsizetype from = conn.events().size();
        RB_TRY_STATUS(conn.hsFetch(serviceId, servers));
        std::optional<HsDescContentEvent> got;
        int failed = 0;
        int requested = 0;
        int emptyContents = 0;
        waitUntil(
            [&]() {
                failed = requested = emptyContents = 0;
                const auto& evs = conn.events();
                for (qsizetype i = from; i < evs.size(); ++i) {
                    const Reply& r = evs[i].reply;
                    if (r.keyword() == "HS_DESC_CONTENT") {
                        auto c = HsDescContentEvent::parse(r);
                        if (c && c->address == serviceId.toLatin1()) {
                            if (!c->body.isEmpty()) {
                                got = c.value();
                                return true;
                            }
                            ++emptyContents;
                        }
                    } else if (r.keyword() == "HS_DESC") {
                        auto e = HsDescEvent::parse(r);
                        if (e && e->address == serviceId.toLatin1()) {
                            if (e->action == HsDescEvent::Action::Requested) {
                                ++requested;
                            } else if (e->action == HsDescEvent::Action::Failed) {
                                ++failed;
                            }
                        }
                    }
                }
                // Every HSDir asked failed: retry.
                return requested > 0 && failed >= requested && emptyContents >= failed;
            },
            static_cast<int>(std::min<qint64>(20000, std::max<qint64>(1000, timeoutMs - total.elapsed()))));
        const auto& evs = conn.events();
        for (qsizetype i = from; i < evs.size(); ++i) {
            auto e = evs[i].reply.keyword() == "HS_DESC" ? HsDescEvent::parse(evs[i].reply)
                                                         : Result<HsDescEvent>(Error{});
            if (e && e->address == serviceId.toLatin1()) {
                if (e->action == HsDescEvent::Action::Received) {
                    out.received = e.value();
                } else if (e->action == HsDescEvent::Action::Failed) {
                    out.failures << QString::fromLatin1(e->reason + " via " +
                                                        (e->hsDir ? e->hsDir->toString() : QByteArray("?")));
                }
            }
        }
        if (got) {
            out.content = *got;
            return out;
        }
        QTest::qWait(1000);
    }
    return rb::makeError(ErrorCode::Timeout,
                         QStringLiteral("HSFETCH %1: no descriptor after %2 attempts in %3 ms (%4)")
                             .arg(serviceId)
                             .arg(out.attempts)
                             .arg(timeoutMs)
                             .arg(out.failures.mid(0, 6).join(QStringLiteral(", "))));
}

// What tor's info log says about the revision counter it set.
struct TorCounterLog {
    quint64 timePeriod = 0;
    qint64 srvStart = 0;
    qint64 now = 0;
    qint64 plaintext = 0;  // T = now - srvStart + 1
};

std::optional<TorCounterLog> findCounterInInfoLog(const QString& infoLog, quint64 counter)
{
    QFile f(infoLog);
    if (!f.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    static const QRegularExpression setting(
        QStringLiteral("Setting rev counter for TP #(\\d+): SRV started at (\\d+), now (\\d+)"));
    static const QRegularExpression encrypted(QStringLiteral("Encrypted revision counter (\\d+) to (\\d+)"));
    std::optional<TorCounterLog> last;
    std::optional<TorCounterLog> found;
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine());
        auto m = setting.match(line);
        if (m.hasMatch()) {
            last = TorCounterLog{m.captured(1).toULongLong(), m.captured(2).toLongLong(), m.captured(3).toLongLong(),
                                 0};
            continue;
        }
        m = encrypted.match(line);
        if (m.hasMatch() && last && m.captured(2).toULongLong() == counter) {
            found = *last;
            found->plaintext = m.captured(1).toLongLong();
        }
    }
    return found;
}

// Proves tor's revision counter of a descriptor it built equals
// RevisionCounter::compute(blinded expanded key, now - srvStart) for a `now`
// inside [tLow, tHigh] (the seconds in which tor can have refreshed it), and
// cross-checks tor's info log. Returns tor's `now`.
Result<qint64> checkTorRevisionCounter(const rb::onion::MasterIdentity& identity, const PlanMatch& pm,
                                       quint64 counter, qint64 tLow, qint64 tHigh, const QString& infoLog,
                                       QString* report)
{
    RB_TRY(auto bk, rb::crypto::ed25519::blindExpandedKey(identity.expandedKey(), identity.publicKey(),
                                                          pm.plan.periodNumber, pm.plan.periodLengthMinutes));
    const qint64 lo = tLow - pm.plan.srvStartSecs - 1;
    const qint64 hi = tHigh - pm.plan.srvStartSecs + 1;
    const quint64 cLo = rb::onion::RevisionCounter::compute(bk, lo);
    const quint64 cHi = rb::onion::RevisionCounter::compute(bk, hi);
    if (!(cLo <= counter && counter <= cHi)) {
        return rb::makeError(ErrorCode::BadSignature,
                             QStringLiteral("tor's counter %1 (%2 descriptor) is outside our bracket [%3, %4] for "
                                            "seconds since SRV start %5..%6")
                                 .arg(counter)
                                 .arg(pm.which)
                                 .arg(cLo)
                                 .arg(cHi)
                                 .arg(lo)
                                 .arg(hi));
    }
    std::optional<qint64> exact;
    for (qint64 s = lo; s <= hi; ++s) {
        if (rb::onion::RevisionCounter::compute(bk, s) == counter) {
            exact = s;
            break;
        }
    }
    if (!exact) {
        return rb::makeError(ErrorCode::BadSignature,
                             QStringLiteral("tor's counter %1 (%2 descriptor) lies in our bracket [%3, %4] but no "
                                            "second in %5..%6 since SRV start reproduces it exactly")
                                 .arg(counter)
                                 .arg(pm.which)
                                 .arg(cLo)
                                 .arg(cHi)
                                 .arg(lo)
                                 .arg(hi));
    }
    const qint64 torNow = pm.plan.srvStartSecs + *exact;
    *report = QStringLiteral("%1 descriptor TP %2: counter %3 = compute(key, %4 s since SRV start %5)")
                  .arg(pm.which)
                  .arg(pm.plan.periodNumber)
                  .arg(counter)
                  .arg(*exact)
                  .arg(pm.plan.srvStartSecs);
    if (const auto log = findCounterInInfoLog(infoLog, counter)) {
        if (log->timePeriod != pm.plan.periodNumber || log->srvStart != pm.plan.srvStartSecs ||
            log->now != torNow || log->plaintext != *exact + 1) {
            return rb::makeError(ErrorCode::BadSignature,
                                 QStringLiteral("tor's info log disagrees: TP #%1 SRV started at %2, now %3, T %4; we "
                                                "have TP %5, SRV start %6, now %7, T %8")
                                     .arg(log->timePeriod)
                                     .arg(log->srvStart)
                                     .arg(log->now)
                                     .arg(log->plaintext)
                                     .arg(pm.plan.periodNumber)
                                     .arg(pm.plan.srvStartSecs)
                                     .arg(torNow)
                                     .arg(*exact + 1));
        }
        *report += QStringLiteral("; tor's info log agrees (TP #%1, SRV started at %2, now %3)")
                       .arg(log->timePeriod)
                       .arg(log->srvStart)
                       .arg(log->now);
    } else {
        *report += QStringLiteral("; (line not found in tor's info log)");
    }
    return torNow;
}

rb::descriptor::DecodeOptions decodeOptions(const rb::hsdir::Consensus& c, const DescriptorPlan* plan)
{
    rb::descriptor::DecodeOptions o;
    o.now = nowSecs();
    o.expectedSendmeIncrement = static_cast<int>(c.param(QStringLiteral("cc_sendme_inc"), 31, 0, 255));
    o.maxDescriptorSize = static_cast<qsizetype>(c.param(QStringLiteral("HSV3MaxDescriptorSize"), 50000, 1, 1 << 30));
    o.checkEncKeyCrossCert = true;
    if (plan) {
        o.expectedTimePeriod = plan->periodNumber;
        o.expectedPeriodLengthMinutes = plan->periodLengthMinutes;
    }
    return o;
}

QString problemsText(const rb::descriptor::DecodedDescriptor& d)
{
    QStringList p;
    for (const auto& pr : d.problems) {
        p << pr.where + QStringLiteral(": ") + pr.error.toString();
    }
    return p.join(QStringLiteral("; "));
}

rb::control::AddOnionRequest addOnionRequest(quint16 backendPort)
{
    rb::control::AddOnionRequest req;
    req.flags = {QStringLiteral("DiscardPK")};
    req.ports = {{quint16{80}, QStringLiteral("127.0.0.1:%1").arg(backendPort)}};
    return req;
}

}  // namespace

class TestLabIntegration : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void safeCookieAuthentication();
    void wrongCookieFailsClearly();
    void hsFetchReturnsVerifiableDescriptor();
    void realEventsParseIntoTypedEvents();
    void hsDirRingEqualsTorsChoice();
    void hsPostOfReencodedDescriptor();
    void rbctlNodeStatus();
    void cleanup();
    void cleanupTestCase();

private:
    LabNetwork m_lab;
    qint64 m_readyAtMs = 0;
    QString m_labDir;
};

void TestLabIntegration::initTestCase()
{
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("tor")).isEmpty(), "tor is not installed");
    LabNetwork::Options o;
    o.nodes = 2;  // no master key: two ordinary services with their own keys, publishing normally
    QElapsedTimer t;
    t.start();
    const Status st = m_lab.start(o);
    if (!st.ok()) {
        m_lab.setKeepLogs(true);
    }
    QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : describe(st.error()) + QLatin1Char('\n') + m_lab.lastOutput()));
    m_readyAtMs = QDateTime::currentMSecsSinceEpoch();
    m_labDir = m_lab.dir();
    qInfo("FIGURE lab start: %.1f s wall clock (script: ready after %.1f s), dir %s",
          static_cast<double>(t.elapsed()) / 1000.0, m_lab.readySeconds(), qPrintable(m_labDir));
    QCOMPARE(m_lab.serviceCount(), 2);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(m_lab.service(i).mode, QStringLiteral("plain"));
        QVERIFY(m_lab.service(i).publishDescriptors);
    }
}

// 5. SAFECOOKIE with the cookie path from lab.json.
void TestLabIntegration::safeCookieAuthentication()
{
    const TorNode node = m_lab.service(0);
    TorConn conn(QStringLiteral("node0"));
    RB_VERIFY_OK(conn.connectTo(node.controlPort));
    auto info = rb::labint::await<rb::control::ProtocolInfo>(
        [&](rb::control::Callback<rb::control::ProtocolInfo> done) { conn.client().protocolInfo(done); }, 10000,
        QStringLiteral("PROTOCOLINFO"));
    RB_VERIFY_OK(info);
    QVERIFY2(info->offers(QStringLiteral("SAFECOOKIE")), qPrintable(info->authMethods.join(u',')));
    QCOMPARE(QFileInfo(info->cookieFile).canonicalFilePath(), QFileInfo(node.cookiePath).canonicalFilePath());
    QVERIFY2(info->torVersion.startsWith(QLatin1String("0.4.")), qPrintable(info->torVersion));

    rb::control::AuthCredentials creds;
    creds.cookieFile = node.cookiePath;
    auto method = conn.authenticate(std::move(creds));
    RB_VERIFY_OK(method);
    QCOMPARE(*method, rb::control::AuthMethod::SafeCookie);

    // Authenticated: commands work and agree with PROTOCOLINFO.
    auto version = conn.getInfo(QStringLiteral("version"));
    RB_VERIFY_OK(version);
    QVERIFY2(version->startsWith(info->torVersion.toLatin1()), version->constData());
    // The lab is "ready" when the CLIENT is bootstrapped; a service node can
    // still be finishing (seen: 95 %, circuit_create).
    QByteArray phase;
    QElapsedTimer bootTimer;
    bootTimer.start();
    const bool booted = waitUntil(
        [&]() {
            auto boot = conn.getInfo(QStringLiteral("status/bootstrap-phase"));
            phase = boot ? boot.value() : QByteArray("error: ") + describe(boot.error()).toUtf8();
            if (!phase.contains("PROGRESS=100")) {
                QTest::qWait(500);
                return false;
            }
            return true;
        },
        60000);
    QVERIFY2(booted, phase.constData());
    qInfo("  node0 bootstrapped to 100 %% %.1f s after this test started", static_cast<double>(bootTimer.elapsed()) / 1000.0);
}

// 5. A wrong cookie: a clear AuthFailed error (SAFECOOKIE: tor cannot prove
// it knows our cookie; COOKIE: tor answers 515), and a cookie file of the
// wrong size is refused before anything is sent.
void TestLabIntegration::wrongCookieFailsClearly()
{
    const TorNode node = m_lab.service(0);
    {
        TorConn conn(QStringLiteral("node0-safecookie"));
        RB_VERIFY_OK(conn.connectTo(node.controlPort));
        rb::control::AuthCredentials creds;
        creds.cookie = rb::crypto::SecretBuffer::fromBytes(rb::crypto::randomBytes(32));
        auto r = conn.authenticate(std::move(creds));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::AuthFailed);
        QVERIFY2(r.error().message.contains(QLatin1String("cookie")), qPrintable(r.error().message));
        qInfo("  SAFECOOKIE, wrong cookie: %s", qPrintable(describe(r.error())));
    }
    {
        TorConn conn(QStringLiteral("node0-cookie"));
        RB_VERIFY_OK(conn.connectTo(node.controlPort));
        auto info = rb::labint::await<rb::control::ProtocolInfo>(
            [&](rb::control::Callback<rb::control::ProtocolInfo> done) { conn.client().protocolInfo(done); }, 10000,
            QStringLiteral("PROTOCOLINFO"));
        RB_VERIFY_OK(info);
        QVERIFY(info->offers(QStringLiteral("COOKIE")));
        const auto wrong = rb::crypto::SecretBuffer::fromBytes(rb::crypto::randomBytes(32));
        auto r = rb::labint::await<void>(
            [&](rb::control::Callback<void> done) { conn.client().authenticateCookie(wrong, done); }, 10000,
            QStringLiteral("AUTHENTICATE"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::AuthFailed);
        QVERIFY2(r.error().detail.startsWith(QLatin1String("515")), qPrintable(describe(r.error())));
        qInfo("  COOKIE, wrong cookie: %s", qPrintable(describe(r.error())));
    }
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString path = tmp.filePath(QStringLiteral("short_cookie"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(31, 'x'));
        f.close();
        TorConn conn(QStringLiteral("node0-short"));
        RB_VERIFY_OK(conn.connectTo(node.controlPort));
        rb::control::AuthCredentials creds;
        creds.cookieFile = path;
        auto r = conn.authenticate(std::move(creds));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::BadKey);  // ControlClient::readCookieFile's contract
        QVERIFY2(r.error().message.contains(QLatin1String("32 bytes")), qPrintable(r.error().message));
    }
}

// 2. HSFETCH of a lab service from the lab client; the descriptor verifies.
void TestLabIntegration::hsFetchReturnsVerifiableDescriptor()
{
    const TorNode node = m_lab.service(0);
    const QString sid = serviceIdOf(node.onionAddress);
    auto addr = rb::onion::OnionAddress::parse(node.onionAddress);
    RB_VERIFY_OK(addr);

    const TorNode clientNode = m_lab.client();
    TorConn client(QStringLiteral("client"));
    RB_VERIFY_OK(client.open(clientNode.controlPort, clientNode.cookiePath));
    RB_VERIFY_OK(client.setEvents({QStringLiteral("HS_DESC"), QStringLiteral("HS_DESC_CONTENT")}));

    auto fetched = fetchDescriptor(client, sid, {}, 120000);
    RB_VERIFY_OK(fetched);
    const double sinceReady = static_cast<double>(QDateTime::currentMSecsSinceEpoch() - m_readyAtMs) / 1000.0;
    qInfo("FIGURE first HSFETCH success: %.1f s after the lab was ready (%d attempt(s); failures before: %s)",
          sinceReady, fetched->attempts, qPrintable(fetched->failures.join(QStringLiteral(", "))));

    // HS_DESC RECEIVED (typed) from the HSDir that served the content.
    QVERIFY2(fetched->received.has_value(), "no HS_DESC RECEIVED event");
    QCOMPARE(fetched->received->action, HsDescEvent::Action::Received);
    QVERIFY(fetched->received->hsDir.has_value());
    QVERIFY(fetched->content.hsDir.has_value());
    QCOMPARE(fetched->content.hsDir->fingerprint, fetched->received->hsDir->fingerprint);
    QCOMPARE(fetched->content.address, sid.toLatin1());

    auto snap = client.consensus();
    RB_VERIFY_OK(snap);
    auto tp = periodOf(*snap);
    RB_VERIFY_OK(tp);
    const DescriptorPlan fetchPlan = tp->clientFetch();

    auto decoded = rb::descriptor::DescriptorDecoder::decode(addr->publicKey(), fetched->content.body,
                                                             decodeOptions(snap->consensus, &fetchPlan));
    RB_VERIFY_OK(decoded);
    QVERIFY2(decoded->isValid(), qPrintable(problemsText(*decoded)));
    QVERIFY(decoded->signingCertValid);
    QVERIFY(decoded->signatureValid);
    QVERIFY(decoded->middleDecrypted);
    QVERIFY(decoded->innerDecrypted);
    QCOMPARE(decoded->blindedKeyMatchesPeriod, std::optional<bool>(true));
    QVERIFY(decoded->middlePaddedLikeTor);
    QVERIFY2(!decoded->inner.introPoints.isEmpty(), "no intro points");
    QCOMPARE(decoded->introReports.size(), decoded->inner.introPoints.size());
    for (const auto& rep : decoded->introReports) {
        QVERIFY(rep.authCertValid);
        QVERIFY(rep.encCertValid);
        QCOMPARE(rep.encCertMatchesEncKey, std::optional<bool>(true));
    }
    QVERIFY(decoded->outer.revisionCounter > 0);
    // The event's descriptor id is the blinded key the certificate carries.
    QCOMPARE(decodeB64(fetched->content.descriptorId), decoded->blindedKey);
    // Every intro point is a lab relay.
    QSet<QByteArray> labFps;
    for (const TorNode& r : m_lab.relays() + m_lab.authorities()) {
        labFps.insert(QByteArray::fromHex(r.fingerprint.toLatin1()));
    }
    for (const auto& ip : decoded->inner.introPoints) {
        QVERIFY2(labFps.contains(ip.legacyId()), qPrintable(ip.describe()));
    }
    qInfo("  %s: TP %llu, revision %llu, %lld intro point(s), %lld bytes, served by %s", qPrintable(sid.left(12)),
          static_cast<unsigned long long>(fetchPlan.periodNumber),
          static_cast<unsigned long long>(decoded->outer.revisionCounter),
          static_cast<long long>(decoded->inner.introPoints.size()), static_cast<long long>(decoded->size),
          fetched->content.hsDir->toString().constData());

    // A wrong key must not verify (the test can fail).
    const QByteArray otherPk = rb::onion::OnionAddress::parse(m_lab.service(1).onionAddress)->publicKey();
    auto wrong = rb::descriptor::DescriptorDecoder::decode(otherPk, fetched->content.body,
                                                           decodeOptions(snap->consensus, nullptr));
    QVERIFY(!wrong.ok());
}

// 1. Real events parse into the typed events.
void TestLabIntegration::realEventsParseIntoTypedEvents()
{
    const TorNode node = m_lab.service(0);
    TorConn conn(QStringLiteral("node0"));
    RB_VERIFY_OK(conn.open(node.controlPort, node.cookiePath));
    auto before = stableWindow(conn, 45);
    RB_VERIFY_OK(before);
    RB_VERIFY_OK(conn.setEvents({QStringLiteral("CIRC"), QStringLiteral("CIRC_MINOR"), QStringLiteral("HS_DESC"),
                                 QStringLiteral("NOTICE"), QStringLiteral("WARN")}));

    // A fresh ephemeral service: intro circuits, two descriptors built and uploaded.
    auto added = conn.addOnion(addOnionRequest(node.backendPort));
    RB_VERIFY_OK(added);
    const QByteArray sid = added->serviceId.toLatin1();
    const auto delOnion = qScopeGuard([&]() { (void)conn.delOnion(added->serviceId); });

    const auto introEstablished = [&]() {
        for (const Reply& r : conn.eventsWithKeyword("CIRC_MINOR")) {
            auto c = CircuitEvent::parse(r);
            if (c && c->isServiceIntro() && c->isIntroEstablished() && c->rendQuery == sid) {
                return true;
            }
        }
        return false;
    };
    const bool done = waitUntil(
        [&]() {
            return countAction(conn, sid, HsDescEvent::Action::Created) >= 2 &&
                   countAction(conn, sid, HsDescEvent::Action::Uploaded) >= 1 && introEstablished();
        },
        90000);
    QVERIFY2(done, qPrintable(QStringLiteral("after 90 s: %1 CREATED, %2 UPLOAD, %3 UPLOADED, intro established %4")
                                  .arg(countAction(conn, sid, HsDescEvent::Action::Created))
                                  .arg(countAction(conn, sid, HsDescEvent::Action::Upload))
                                  .arg(countAction(conn, sid, HsDescEvent::Action::Uploaded))
                                  .arg(introEstablished())));

    // A NOTICE log event: SIGNAL HEARTBEAT logs tor's heartbeat at notice level.
    RB_VERIFY_OK(conn.signal(QStringLiteral("HEARTBEAT")));
    const auto heartbeat = [&]() -> std::optional<LogEvent> {
        for (const Reply& r : conn.eventsWithKeyword("NOTICE")) {
            auto l = LogEvent::parse(r);
            if (l && l->message.contains("Heartbeat")) {
                return l.value();
            }
        }
        return std::nullopt;
    };
    QVERIFY2(waitUntil([&]() { return heartbeat().has_value(); }, 15000), "no NOTICE Heartbeat event");
    QCOMPARE(heartbeat()->severity, LogEvent::Severity::Notice);

    // Every event tor sent parses into its typed form.
    QStringList parseFailures;
    QMap<QByteArray, int> counts;
    for (const auto& ev : conn.events()) {
        const QByteArray kw = ev.reply.keyword();
        ++counts[kw];
        Status st;
        if (kw == "CIRC" || kw == "CIRC_MINOR") {
            auto c = CircuitEvent::parse(ev.reply);
            if (!c) {
                st = c.error();
            } else if (c->minor != (kw == "CIRC_MINOR")) {
                st = rb::makeError(ErrorCode::Internal, QStringLiteral("minor flag wrong"));
            }
        } else if (kw == "HS_DESC") {
            auto e = HsDescEvent::parse(ev.reply);
            if (!e) {
                st = e.error();
            }
        } else if (LogEvent::isLogKeyword(kw)) {
            auto l = LogEvent::parse(ev.reply);
            if (!l) {
                st = l.error();
            }
        } else {
            st = rb::makeError(ErrorCode::Internal, QStringLiteral("unexpected event keyword"));
        }
        if (!st.ok()) {
            parseFailures << QString::fromLatin1(ev.reply.summary().left(200)) + QStringLiteral(" → ") +
                                 describe(st.error());
        }
    }
    QStringList countText;
    for (auto it = counts.begin(); it != counts.end(); ++it) {
        countText << QStringLiteral("%1 %2").arg(QString::fromLatin1(it.key())).arg(it.value());
    }
    qInfo("  events recorded: %s", qPrintable(countText.join(QStringLiteral(", "))));
    QVERIFY2(parseFailures.isEmpty(), qPrintable(parseFailures.mid(0, 5).join(QLatin1Char('\n'))));

    // CIRC: intro circuits of our service, launched and built through lab relays.
    QSet<QByteArray> labFps;
    for (const TorNode& r : m_lab.relays() + m_lab.authorities()) {
        labFps.insert(r.fingerprint.toLatin1().toUpper());
    }
    int introCircs = 0;
    int builtIntro = 0;
    for (const Reply& r : conn.eventsWithKeyword("CIRC")) {
        const CircuitEvent c = CircuitEvent::parse(r).value();
        if (!c.isServiceIntro()) {
            continue;
        }
        QVERIFY2(c.hsState == "HSSI_CONNECTING" || c.hsState == "HSSI_ESTABLISHED", r.summary().constData());
        QVERIFY(c.timeCreated.isValid());
        if (c.status != "LAUNCHED" && c.rendQuery != sid) {
            continue;  // another service's intro circuit (the node's own)
        }
        ++introCircs;
        if (c.status == "BUILT") {
            ++builtIntro;
            QVERIFY2(!c.path.isEmpty(), r.summary().constData());
            for (const auto& hop : c.path) {
                QVERIFY2(labFps.contains(hop.fingerprint), hop.toString().constData());
            }
        }
    }
    QVERIFY2(introCircs >= 1 && builtIntro >= 1,
             qPrintable(QStringLiteral("intro CIRC events: %1, BUILT %2").arg(introCircs).arg(builtIntro)));
    // CIRC_MINOR: HSSI_CONNECTING → HSSI_ESTABLISHED for our service.
    int established = 0;
    for (const Reply& r : conn.eventsWithKeyword("CIRC_MINOR")) {
        const CircuitEvent c = CircuitEvent::parse(r).value();
        QVERIFY(c.minor);
        if (c.isServiceIntro() && c.isIntroEstablished() && c.rendQuery == sid) {
            ++established;
            QCOMPARE(c.status, QByteArray("PURPOSE_CHANGED"));
            QCOMPARE(c.oldPurpose, QByteArray("HS_SERVICE_INTRO"));
            QCOMPARE(c.oldHsState, QByteArray("HSSI_CONNECTING"));
            QVERIFY(!c.path.isEmpty());
        }
    }
    QVERIFY(established >= 1);

    // HS_DESC CREATED: one per descriptor, carrying both blinded keys.
    auto after = conn.consensus();
    RB_VERIFY_OK(after);
    auto tpBefore = periodOf(*before);
    auto tp = periodOf(*after);
    RB_VERIFY_OK(tp);
    RB_VERIFY_OK(tpBefore);
    QVERIFY2(samePlans(*tpBefore, *tp), "a period boundary passed during the test");
    const QByteArray pk = rb::onion::OnionAddress::parse(added->serviceId)->publicKey();
    QSet<QString> createdPlans;
    int uploads = 0;
    int uploaded = 0;
    for (const HsDescEvent& e : hsDescEvents(conn)) {
        if (e.address != sid) {
            continue;
        }
        switch (e.action) {
        case HsDescEvent::Action::Created: {
            QVERIFY(!e.hsDir.has_value());
            QCOMPARE(e.authType, QByteArray("UNKNOWN"));
            const QByteArray blinded = decodeB64(e.descriptorId);
            QCOMPARE(blinded.size(), 32);
            const auto m = matchPlan(*tp, pk, blinded);
            QVERIFY2(m.has_value(), qPrintable(planText(*tp)));
            createdPlans.insert(m->which);
            break;
        }
        case HsDescEvent::Action::Upload:
            ++uploads;
            QVERIFY(e.hsDir.has_value());
            QCOMPARE(e.hsDir->fingerprint.size(), 40);
            QCOMPARE(decodeB64(e.descriptorId).size(), 32);
            QCOMPARE(e.hsDirIndex.size(), 64);
            break;
        case HsDescEvent::Action::Uploaded:
            ++uploaded;
            QVERIFY(e.hsDir.has_value());
            QVERIFY(labFps.contains(e.hsDir->fingerprint));
            break;
        default:
            break;
        }
    }
    QCOMPARE(createdPlans, (QSet<QString>{QStringLiteral("first"), QStringLiteral("second")}));
    QVERIFY(uploads >= 2);
    QVERIFY(uploaded >= 1);
    qInfo("  service %s: CREATED first+second, %d UPLOAD, %d UPLOADED, %d intro established", sid.left(12).constData(),
          uploads, uploaded, established);
}

// 3. Our HSDir ring = the HSDirs tor itself uploads to (both descriptors),
// with identical HSDIR_INDEX values.
void TestLabIntegration::hsDirRingEqualsTorsChoice()
{
    const TorNode node = m_lab.service(1);
    TorConn conn(QStringLiteral("node1"));
    RB_VERIFY_OK(conn.open(node.controlPort, node.cookiePath));
    auto before = stableWindow(conn, 45);
    RB_VERIFY_OK(before);
    RB_VERIFY_OK(conn.setEvents({QStringLiteral("HS_DESC")}));
    auto added = conn.addOnion(addOnionRequest(node.backendPort));
    RB_VERIFY_OK(added);
    const auto delOnion = qScopeGuard([&]() { (void)conn.delOnion(added->serviceId); });
    const QByteArray sid = added->serviceId.toLatin1();
    const QByteArray pk = rb::onion::OnionAddress::parse(added->serviceId)->publicKey();
    QElapsedTimer t;
    t.start();
    QVERIFY2(waitForBothUploads(conn, sid, 90000),
             qPrintable(QStringLiteral("uploads seen for %1 blinded key(s)").arg(uploadsByKey(conn, sid).size())));
    qInfo("  both descriptors uploaded %.1f s after ADD_ONION", static_cast<double>(t.elapsed()) / 1000.0);

    auto snap = conn.consensus();
    RB_VERIFY_OK(snap);
    auto tp = periodOf(*snap);
    RB_VERIFY_OK(tp);
    auto tpBefore = periodOf(*before);
    RB_VERIFY_OK(tpBefore);
    QVERIFY2(samePlans(*tpBefore, *tp), "a period boundary passed during the test");
    const HsDirRing ring(snap->consensus);
    qInfo("  %s; ring: %lld eligible HSDirs, replicas %d, spread store %d", qPrintable(planText(*tp)),
          static_cast<long long>(ring.eligible().size()), ring.params().replicas, ring.params().spreadStore);
    QVERIFY(ring.eligible().size() >= 9);

    const auto groups = uploadsByKey(conn, sid);
    QCOMPARE(groups.size(), 2);
    QSet<QString> plansSeen;
    for (auto it = groups.begin(); it != groups.end(); ++it) {
        const QByteArray blinded = decodeB64(it.key());
        QCOMPARE(blinded.size(), 32);
        const auto m = matchPlan(*tp, pk, blinded);
        QVERIFY2(m.has_value(), qPrintable(QStringLiteral("blinded key %1 is neither plan: %2")
                                               .arg(QString::fromLatin1(it.key()), planText(*tp))));
        plansSeen.insert(m->which);
        const QList<rb::hsdir::HsDirChoice> ours = ring.choicesForUpload(blinded, m->plan);
        QStringList torList;
        QStringList ourList;
        for (const HsDescEvent& e : it.value()) {
            torList << QString::fromLatin1(e.hsDir->fingerprint) + QLatin1Char('/') +
                           QString::fromLatin1(e.hsDirIndex.toUpper());
        }
        for (const auto& c : ours) {
            ourList << c.fingerprintHex() + QLatin1Char('/') + c.hsdirIndexHex();
        }
        // Same HSDirs, same order (replica 1 first), same indices.
        QCOMPARE(torList, ourList);
        qInfo("  %s descriptor (TP %llu, %s SRV): tor uploaded to %lld HSDirs = our ring, HSDIR_INDEX equal",
              qPrintable(m->which), static_cast<unsigned long long>(m->plan.periodNumber),
              m->plan.usesCurrentSrv ? "current" : "previous", static_cast<long long>(ours.size()));
    }
    QCOMPARE(plansSeen, (QSet<QString>{QStringLiteral("first"), QStringLiteral("second")}));
}

// 4. HSPOST of a descriptor re-encoded by our core (new revision counter from
// RevisionCounter::compute) to our ring's HSDirs: 250 OK, UPLOADED from every
// HSDir, and the HSDir serves it back. Also proves tor's own counters equal
// RevisionCounter::compute exactly (the OPE key derivation against tor).
void TestLabIntegration::hsPostOfReencodedDescriptor()
{
    const TorNode node = m_lab.service(1);
    const TorNode clientNode = m_lab.client();
    auto identity = rb::onion::MasterIdentity::generate();
    RB_VERIFY_OK(identity);
    const QString sid = identity->address().serviceId();
    const QByteArray pk = identity->publicKey();

    TorConn svc(QStringLiteral("node1"));
    RB_VERIFY_OK(svc.open(node.controlPort, node.cookiePath));
    TorConn client(QStringLiteral("client"));
    RB_VERIFY_OK(client.open(clientNode.controlPort, clientNode.cookiePath));
    auto before = stableWindow(svc, 60);
    RB_VERIFY_OK(before);
    RB_VERIFY_OK(svc.setEvents({QStringLiteral("HS_DESC")}));
    RB_VERIFY_OK(client.setEvents({QStringLiteral("HS_DESC"), QStringLiteral("HS_DESC_CONTENT")}));

    // The service runs OUR key (ADD_ONION ED25519-V3:<expanded key>).
    const qint64 tAdd = nowSecs();
    QElapsedTimer sinceAdd;
    sinceAdd.start();
    rb::control::AddOnionRequest req = addOnionRequest(node.backendPort);
    req.expandedKey = identity->expandedKey().clone();
    auto added = svc.addOnion(std::move(req));
    RB_VERIFY_OK(added);
    QCOMPARE(added->serviceId, sid);
    const auto delOnion = qScopeGuard([&]() { (void)svc.delOnion(sid); });
    QVERIFY2(waitForBothUploads(svc, sid.toLatin1(), 90000), "tor did not upload both descriptors");
    const double uploadedAfter = static_cast<double>(sinceAdd.elapsed()) / 1000.0;

    auto snap = svc.consensus();
    RB_VERIFY_OK(snap);
    auto tp = periodOf(*snap);
    RB_VERIFY_OK(tp);
    const HsDirRing ring(snap->consensus);

    // (a) tor's current descriptor (GETINFO hs/service/desc/id/): decode and
    // check its revision counter against RevisionCounter::compute.
    auto current = svc.getInfo(QStringLiteral("hs/service/desc/id/") + sid);
    RB_VERIFY_OK(current);
    const qint64 tGot = nowSecs();
    auto decodedCurrent = rb::descriptor::DescriptorDecoder::decode(pk, *current, decodeOptions(snap->consensus, nullptr));
    RB_VERIFY_OK(decodedCurrent);
    const auto currentPlan = matchPlan(*tp, pk, decodedCurrent->blindedKey);
    QVERIFY2(currentPlan.has_value(), qPrintable(planText(*tp)));
    QCOMPARE(currentPlan->which, QStringLiteral("first"));  // tor's desc_current
    QString report;
    auto torNowCurrent = checkTorRevisionCounter(*identity, *currentPlan, decodedCurrent->outer.revisionCounter, tAdd,
                                                 tGot, node.infoLog, &report);
    RB_VERIFY_OK(torNowCurrent);
    qInfo("  OPE vs tor: %s", qPrintable(report));

    // (b) the descriptor a client fetches (client-fetch plan), via HSFETCH.
    auto fetched = fetchDescriptor(client, sid, {}, 60000);
    RB_VERIFY_OK(fetched);
    const qint64 tFetched = nowSecs();
    qInfo("FIGURE fresh service: both descriptors uploaded %.1f s after ADD_ONION (incl. 3 s quiet wait), first "
          "HSFETCH success from the client %.1f s after ADD_ONION (%d attempt(s))",
          uploadedAfter, static_cast<double>(sinceAdd.elapsed()) / 1000.0, fetched->attempts);
    auto decoded = rb::descriptor::DescriptorDecoder::decode(pk, fetched->content.body,
                                                             decodeOptions(snap->consensus, nullptr));
    RB_VERIFY_OK(decoded);
    QVERIFY2(decoded->isValid(), qPrintable(problemsText(*decoded)));
    const auto plan = matchPlan(*tp, pk, decoded->blindedKey);
    QVERIFY2(plan.has_value(), qPrintable(planText(*tp)));
    QCOMPARE(plan->plan.periodNumber, tp->clientFetch().periodNumber);
    QCOMPARE(plan->which, tp->isInWindowA() ? QStringLiteral("first") : QStringLiteral("second"));
    auto torNow = checkTorRevisionCounter(*identity, *plan, decoded->outer.revisionCounter, tAdd, tFetched,
                                          node.infoLog, &report);
    RB_VERIFY_OK(torNow);
    qInfo("  OPE vs tor: %s", qPrintable(report));
    QVERIFY(!decoded->inner.introPoints.isEmpty());

    // Rebuild it with our core, one second later than tor at least.
    QVERIFY(waitUntil([&]() { return nowSecs() > *torNow; }, 3000));
    const qint64 buildNow = nowSecs();
    rb::descriptor::DescriptorBuildParams params;
    params.timePeriod = plan->plan.periodNumber;
    params.periodLengthMinutes = plan->plan.periodLengthMinutes;
    params.introPoints = decoded->inner.introPoints;
    params.now = buildNow;
    params.sendmeIncrement =
        static_cast<std::uint8_t>(snap->consensus.param(QStringLiteral("cc_sendme_inc"), 31, 0, 255));
    const qint64 sinceSrv = buildNow - plan->plan.srvStartSecs;
    params.revisionCounterFn = [sinceSrv](const rb::crypto::SecretBuffer& blindedExpanded) {
        return static_cast<std::uint64_t>(rb::onion::RevisionCounter::compute(blindedExpanded, sinceSrv));
    };
    auto built = rb::descriptor::DescriptorBuilder::build(identity->expandedKey(), pk, params);
    RB_VERIFY_OK(built);
    QCOMPARE(built->blindedPublicKey, decoded->blindedKey);
    QVERIFY2(built->revisionCounter > decoded->outer.revisionCounter,
             qPrintable(QStringLiteral("ours %1, tor's %2").arg(built->revisionCounter).arg(decoded->outer.revisionCounter)));
    QVERIFY(built->descriptorSigningPublicKey != decoded->descriptorSigningKey);
    QCOMPARE(built->introPointCount, static_cast<int>(decoded->inner.introPoints.size()));
    // Self-check before posting.
    auto mine = rb::descriptor::DescriptorDecoder::decode(pk, built->text, decodeOptions(snap->consensus, &plan->plan));
    RB_VERIFY_OK(mine);
    QVERIFY2(mine->isValid(), qPrintable(problemsText(*mine)));

    // HSPOST to our ring's HSDirs through the lab client.
    const QList<rb::hsdir::Relay> hsdirs = ring.responsibleForUpload(built->blindedPublicKey, plan->plan);
    QVERIFY(!hsdirs.isEmpty());
    QStringList servers;
    QSet<QByteArray> pending;
    for (const auto& r : hsdirs) {
        servers << QStringLiteral("$") + r.fingerprintHex();
        pending.insert(r.fingerprintHex().toLatin1());
    }
    client.clearEvents();
    QElapsedTimer postTimer;
    postTimer.start();
    RB_VERIFY_OK(client.hsPost(sid, built->text, servers));  // "250 OK"
    QSet<QByteArray> confirmed;
    QStringList failures;
    const bool allConfirmed = waitUntil(
        [&]() {
            confirmed.clear();
            failures.clear();
            for (const HsDescEvent& e : hsDescEvents(client)) {
                if (e.address != sid.toLatin1() || !e.hsDir) {
                    continue;
                }
                if (e.action == HsDescEvent::Action::Uploaded) {
                    confirmed.insert(e.hsDir->fingerprint);
                } else if (e.action == HsDescEvent::Action::Failed) {
                    failures << QString::fromLatin1(e.hsDir->toString() + ' ' + e.reason);
                }
            }
            return confirmed.size() >= pending.size() || !failures.isEmpty();
        },
        60000);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QStringLiteral(", "))));
    QVERIFY2(allConfirmed, qPrintable(QStringLiteral("%1 of %2 HSDirs confirmed").arg(confirmed.size()).arg(pending.size())));
    QCOMPARE(confirmed, pending);
    QVERIFY2(countAction(client, sid.toLatin1(), HsDescEvent::Action::Upload) == 0, "HSPOST emitted UPLOAD");
    qInfo("  HSPOST: %lld HSDirs confirmed UPLOADED in %.1f s (revision %llu > tor's %llu)",
          static_cast<long long>(confirmed.size()), static_cast<double>(postTimer.elapsed()) / 1000.0,
          static_cast<unsigned long long>(built->revisionCounter),
          static_cast<unsigned long long>(decoded->outer.revisionCounter));

    // The HSDir now serves OUR descriptor.
    auto back = fetchDescriptor(client, sid, {servers.first()}, 30000);
    RB_VERIFY_OK(back);
    QCOMPARE(back->content.hsDir->fingerprint, servers.first().mid(1).toLatin1());
    auto served = rb::descriptor::DescriptorDecoder::decode(pk, back->content.body, decodeOptions(snap->consensus, nullptr));
    RB_VERIFY_OK(served);
    QCOMPARE(served->outer.revisionCounter, built->revisionCounter);
    QCOMPARE(served->descriptorSigningKey, built->descriptorSigningPublicKey);

    auto after = svc.consensus();
    RB_VERIFY_OK(after);
    auto tpAfter = periodOf(*after);
    RB_VERIFY_OK(tpAfter);
    QVERIFY2(samePlans(*tp, *tpAfter), "a period boundary passed during the test");
}

// rbctl node status against a lab service node.
void TestLabIntegration::rbctlNodeStatus()
{
    const QString rbctl = qEnvironmentVariable("RB_RBCTL");
    if (rbctl.isEmpty() || !QFileInfo(rbctl).isExecutable()) {
        QSKIP("RB_RBCTL is not set (run through ctest)");
    }
    const TorNode node = m_lab.service(0);
    QProcess p;
    p.start(rbctl, {QStringLiteral("node"), QStringLiteral("status"), QStringLiteral("--control"),
                    QStringLiteral("127.0.0.1:%1").arg(node.controlPort), QStringLiteral("--cookie"), node.cookiePath,
                    QStringLiteral("--json")});
    QVERIFY(p.waitForStarted(10000));
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished(5000);
        QFAIL("rbctl node status did not finish within 60 s");
    }
    const QByteArray out = p.readAllStandardOutput();
    const QByteArray errText = p.readAllStandardError();
    if (errText.contains("unknown command 'node'")) {
        QSKIP("rbctl has no `node` command yet");
    }
    QVERIFY2(p.exitCode() == 0, QByteArray(errText + out).constData());
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(out, &pe);
    QVERIFY2(pe.error == QJsonParseError::NoError && doc.isObject(), out.constData());
    const QJsonObject root = doc.object();
    qInfo("  rbctl node status --json: %lld bytes, exit 0", static_cast<long long>(out.size()));

    // Cross-check with our own control connection.
    TorConn conn(QStringLiteral("node0"));
    RB_VERIFY_OK(conn.open(node.controlPort, node.cookiePath));
    auto version = conn.getInfo(QStringLiteral("version"));
    RB_VERIFY_OK(version);
    auto circuits = conn.getInfo(QStringLiteral("circuit-status"));
    RB_VERIFY_OK(circuits);
    auto parsed = CircuitEvent::parseCircuitStatus(*circuits);
    RB_VERIFY_OK(parsed);
    const QString sid = serviceIdOf(node.onionAddress);
    int ourEstablished = 0;
    for (const CircuitEvent& c : *parsed) {
        ourEstablished += (c.isServiceIntro() && c.isIntroEstablished() && c.rendQuery == sid.toLatin1()) ? 1 : 0;
    }

    QCOMPARE(root.value(QStringLiteral("ok")).toBool(), true);
    QCOMPARE(root.value(QStringLiteral("auth")).toString(), QStringLiteral("SAFECOOKIE"));
    QCOMPARE(root.value(QStringLiteral("torVersion")).toString(), QString::fromLatin1(*version));
    const QJsonObject boot = root.value(QStringLiteral("bootstrap")).toObject();
    QCOMPARE(boot.value(QStringLiteral("progress")).toInt(), 100);
    QCOMPARE(boot.value(QStringLiteral("tag")).toString(), QStringLiteral("done"));
    QCOMPARE(root.value(QStringLiteral("publishHidServDescriptors")).toBool(), true);

    const QJsonArray configured =
        root.value(QStringLiteral("onionServices")).toObject().value(QStringLiteral("configured")).toArray();
    QCOMPARE(configured.size(), 1);
    const QJsonObject svc = configured.first().toObject();
    QCOMPARE(svc.value(QStringLiteral("address")).toString(), node.onionAddress);
    QCOMPARE(QFileInfo(svc.value(QStringLiteral("dir")).toString()).canonicalFilePath(),
             QFileInfo(node.hsDir).canonicalFilePath());
    QCOMPARE(svc.value(QStringLiteral("onionbalanceInstance")).toBool(), false);

    const QJsonObject intro = root.value(QStringLiteral("introCircuits")).toObject();
    const QJsonObject mine = intro.value(QStringLiteral("byService")).toObject().value(sid).toObject();
    const int established = mine.value(QStringLiteral("established")).toInt();
    // Two descriptors x 3 intro points; intro circuits can rotate between the two reads.
    QVERIFY2(established >= 3 && ourEstablished >= 3,
             qPrintable(QStringLiteral("rbctl %1, GETINFO circuit-status %2").arg(established).arg(ourEstablished)));
    QVERIFY2(std::abs(established - ourEstablished) <= 1,
             qPrintable(QStringLiteral("rbctl %1, GETINFO circuit-status %2").arg(established).arg(ourEstablished)));
    QVERIFY(intro.value(QStringLiteral("established")).toInt() >= established);
    QSet<QByteArray> labFps;
    for (const TorNode& r : m_lab.relays() + m_lab.authorities()) {
        labFps.insert(r.fingerprint.toLatin1().toUpper());
    }
    const QJsonArray relays = mine.value(QStringLiteral("introRelays")).toArray();
    QVERIFY(!relays.isEmpty());
    for (const QJsonValue& r : relays) {
        auto ln = rb::control::parseLongName(r.toString().toLatin1());
        RB_VERIFY_OK(ln);
        QVERIFY2(labFps.contains(ln->fingerprint), qPrintable(r.toString()));
    }
    qInfo("  rbctl node status: tor %s, bootstrap 100, service %s, %d established intro circuit(s) (GETINFO: %d)",
          qPrintable(root.value(QStringLiteral("torVersion")).toString()), qPrintable(sid.left(12)), established,
          ourEstablished);
}

void TestLabIntegration::cleanup()
{
    if (QTest::currentTestFailed()) {
        m_lab.setKeepLogs(true);
    }
}

void TestLabIntegration::cleanupTestCase()
{
    const bool keep = m_lab.keepLogs();
    const Status st = m_lab.stop(keep);
    if (keep) {
        qInfo("lab logs kept in %s", qPrintable(m_labDir));
    }
    QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : describe(st.error())));
    if (!m_labDir.isEmpty()) {
        const QList<qint64> left = LabNetwork::processesMentioning(m_labDir);
        QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("%1 lab process(es) left").arg(left.size())));
    }
}

QTEST_GUILESS_MAIN(TestLabIntegration)
#include "TestLabIntegration.moc"
