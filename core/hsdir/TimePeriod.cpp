#include "hsdir/TimePeriod.h"

#include "crypto/Crypto.h"
#include "hsdir/Consensus.h"

#include <algorithm>

namespace rb::hsdir {

namespace {
constexpr qint64 kMaxVotingIntervalSeconds = 24 * 3600;  // tor's V3AuthVotingInterval upper bound
}

Result<TimePeriod> TimePeriod::compute(const QDateTime& validAfter, qint64 votingIntervalSeconds, bool testingNetwork,
                                       qint64 hsdirIntervalMinutes, std::optional<QByteArray> srvPrevious,
                                       std::optional<QByteArray> srvCurrent)
{
    if (!validAfter.isValid()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("No valid-after time: fetch a live consensus from tor first"));
    }
    if (votingIntervalSeconds <= 0 || votingIntervalSeconds > kMaxVotingIntervalSeconds) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("The voting interval must be between 1 s and 24 h; check the consensus "
                                        "(fresh-until - valid-after)"),
                         QStringLiteral("V = %1 s").arg(votingIntervalSeconds));
    }
    for (const auto* srv : {&srvPrevious, &srvCurrent}) {
        if (srv->has_value() && (*srv)->size() != 32) {
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("A shared random value must be 32 bytes"));
        }
    }
    TimePeriod tp;
    tp.m_validAfter = validAfter.toSecsSinceEpoch();
    tp.m_votingInterval = votingIntervalSeconds;
    tp.m_testing = testingNetwork;
    tp.m_offsetSecs = kRoundsPerPhase * votingIntervalSeconds;  // sr_state_get_phase_duration()
    if (testingNetwork) {
        // get_time_period_length(): one SR protocol run, in whole minutes.
        const qint64 len = (kPhasesPerRun * kRoundsPerPhase * votingIntervalSeconds) / 60;
        if (len <= 0) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("On a testing network the voting interval must be at least 3 s "
                                            "(a time period is 24 voting intervals, in whole minutes)"),
                             QStringLiteral("V = %1 s").arg(votingIntervalSeconds));
        }
        tp.m_lengthMin = static_cast<quint64>(len);
    } else {
        tp.m_lengthMin = static_cast<quint64>(std::clamp(hsdirIntervalMinutes, kMinLengthMinutes, kMaxLengthMinutes));
    }
    if (tp.m_validAfter / 60 <= tp.m_offsetSecs / 60) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("The consensus valid-after time is implausibly early; check the node's clock"));
    }
    tp.m_periodNumber = tp.periodNumberAt(tp.m_validAfter);
    const qint64 srvStart = tp.srvStartSecs(SrvRun::Current);
    tp.m_windowA = tp.m_validAfter >= srvStart && tp.m_validAfter < tp.startOfNextPeriodSecs(srvStart);
    if (!tp.m_windowA && tp.m_periodNumber == 0) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("The consensus valid-after time is implausibly early; check the node's clock"));
    }
    tp.m_srvPrevious = std::move(srvPrevious);
    tp.m_srvCurrent = std::move(srvCurrent);
    return tp;
}

Result<TimePeriod> TimePeriod::fromConsensus(const Consensus& consensus, bool testingNetwork)
{
    const qint64 interval =
        consensus.param(QStringLiteral("hsdir_interval"), kDefaultLengthMinutes, kMinLengthMinutes, kMaxLengthMinutes);
    return compute(consensus.validAfter, consensus.votingIntervalSeconds(), testingNetwork, interval,
                   consensus.srvPrevious, consensus.srvCurrent);
}

quint64 TimePeriod::periodNumberAt(qint64 secsSinceEpoch) const
{
    // hs_get_time_period_num(): minutes since the epoch minus the offset in
    // whole minutes, divided by the period length.
    const qint64 minutes = secsSinceEpoch / 60;
    const qint64 offsetMinutes = m_offsetSecs / 60;
    if (minutes <= offsetMinutes || m_lengthMin == 0) {
        return 0;
    }
    return static_cast<quint64>(minutes - offsetMinutes) / m_lengthMin;
}

qint64 TimePeriod::periodStartSecs(quint64 n) const
{
    return static_cast<qint64>(n * m_lengthMin * 60) + m_offsetSecs;
}

QDateTime TimePeriod::periodStart(quint64 n) const
{
    return QDateTime::fromSecsSinceEpoch(periodStartSecs(n), Qt::UTC);
}

qint64 TimePeriod::startOfNextPeriodSecs(qint64 secsSinceEpoch) const
{
    return periodStartSecs(periodNumberAt(secsSinceEpoch) + 1);
}

qint64 TimePeriod::srvStartSecs(SrvRun run) const
{
    // sr_state_get_start_time_of_current_protocol_run() with a live consensus.
    const qint64 rounds = kPhasesPerRun * kRoundsPerPhase;
    const qint64 slot = (m_validAfter / m_votingInterval) % rounds;
    const qint64 current = m_validAfter - slot * m_votingInterval;
    return run == SrvRun::Current ? current : current - srvRunDurationSeconds();
}

QDateTime TimePeriod::srvStart(SrvRun run) const
{
    return QDateTime::fromSecsSinceEpoch(srvStartSecs(run), Qt::UTC);
}

QByteArray TimePeriod::disasterSrv(quint64 periodNumber, quint64 periodLengthMinutes)
{
    crypto::Sha3_256 h;
    h.add(QByteArrayView("shared-random-disaster"));
    h.addU64(periodLengthMinutes);
    h.addU64(periodNumber);
    const crypto::Digest32 d = h.finish();
    return QByteArray(reinterpret_cast<const char*>(d.data()), static_cast<qsizetype>(d.size()));
}

DescriptorPlan TimePeriod::plan(quint64 tp, bool current) const
{
    DescriptorPlan p;
    p.periodNumber = tp;
    p.periodLengthMinutes = m_lengthMin;
    p.usesCurrentSrv = current;
    const std::optional<QByteArray>& srv = current ? m_srvCurrent : m_srvPrevious;
    if (srv.has_value()) {
        p.srv = *srv;
    } else {
        p.srv = disasterSrv(tp, m_lengthMin);
        p.srvIsDisaster = true;
    }
    p.srvStartSecs = srvStartSecs(current ? SrvRun::Current : SrvRun::Previous);
    return p;
}

DescriptorPlan TimePeriod::first() const
{
    return m_windowA ? plan(m_periodNumber, false) : plan(m_periodNumber - 1, false);
}

DescriptorPlan TimePeriod::second() const
{
    return m_windowA ? plan(m_periodNumber + 1, true) : plan(m_periodNumber, true);
}

DescriptorPlan TimePeriod::clientFetch() const
{
    return m_windowA ? plan(m_periodNumber, false) : plan(m_periodNumber, true);
}

}  // namespace rb::hsdir
