#pragma once
// Onion-service time periods and shared-random runs, computed exactly as
// tor 0.4.9 does from the live consensus (hs_common.c, shared_random_client.c,
// nodelist.c:node_set_hsdir_index, hs_service.c):
//
//   V            = fresh-until - valid-after of the live consensus
//   period len   = TestingTorNetwork ? (24*V)/60 min
//                                    : hsdir_interval (default 1440, clamped to [5, 14400])
//   offset       = 12*V seconds (the SR phase duration; real network 720 min)
//   tp(t)        = (t/60 - offset/60) / len           (integer division)
//   SR run start = va - ((va / V) % 24) * V           (current run; previous = current - 24*V)
//   window A     = va in [SR run start, start of the TP after the SR run start)
//   window B     = otherwise (tor's hs_in_period_between_tp_and_srv() == 1)
//
// Descriptor plans (notes §3):        window A              window B
//   client fetch                      TP N,   previous SRV  TP N,   current SRV
//   first  (tor's desc_current)       TP N,   previous SRV  TP N-1, previous SRV
//   second (tor's desc_next)          TP N+1, current SRV   TP N,   current SRV
// A missing SRV is replaced by the disaster SRV of the plan's period.

#include "util/Result.h"

#include <QByteArray>
#include <QDateTime>

#include <optional>

namespace rb::hsdir {

class Consensus;

struct DescriptorPlan {
    quint64 periodNumber = 0;
    quint64 periodLengthMinutes = 0;
    QByteArray srv;            // 32 bytes (real or disaster)
    qint64 srvStartSecs = 0;   // start of the SR run whose SRV this is (OPE: T = now - srvStartSecs + 1)
    bool srvIsDisaster = false;
    bool usesCurrentSrv = false;  // false: previous SRV
};

class TimePeriod {
public:
    // hsdir_interval limits and default (hs_common.h, tor 0.4.9).
    static constexpr qint64 kDefaultLengthMinutes = 1440;
    static constexpr qint64 kMinLengthMinutes = 5;
    static constexpr qint64 kMaxLengthMinutes = 14400;
    static constexpr qint64 kRoundsPerPhase = 12;  // SHARED_RANDOM_N_ROUNDS
    static constexpr qint64 kPhasesPerRun = 2;     // SHARED_RANDOM_N_PHASES

    // validAfter / votingIntervalSeconds from the node's live consensus;
    // hsdirIntervalMinutes is the raw consensus parameter value (ignored on a
    // TestingTorNetwork; clamped like tor otherwise).
    static Result<TimePeriod> compute(const QDateTime& validAfter, qint64 votingIntervalSeconds, bool testingNetwork,
                                      qint64 hsdirIntervalMinutes = kDefaultLengthMinutes,
                                      std::optional<QByteArray> srvPrevious = std::nullopt,
                                      std::optional<QByteArray> srvCurrent = std::nullopt);
    // Everything from the consensus (V, hsdir_interval, SRVs).
    static Result<TimePeriod> fromConsensus(const Consensus& consensus, bool testingNetwork);

    [[nodiscard]] quint64 periodLengthMinutes() const { return m_lengthMin; }
    [[nodiscard]] qint64 rotationOffsetSeconds() const { return m_offsetSecs; }
    [[nodiscard]] qint64 rotationOffsetMinutes() const { return m_offsetSecs / 60; }
    [[nodiscard]] qint64 votingIntervalSeconds() const { return m_votingInterval; }
    [[nodiscard]] qint64 validAfterSecs() const { return m_validAfter; }
    [[nodiscard]] bool testingNetwork() const { return m_testing; }

    // N = tp(valid-after)
    [[nodiscard]] quint64 periodNumber() const { return m_periodNumber; }
    [[nodiscard]] quint64 periodNumberAt(qint64 secsSinceEpoch) const;
    // Start of period n: n*len*60 + offset seconds.
    [[nodiscard]] qint64 periodStartSecs(quint64 n) const;
    [[nodiscard]] QDateTime periodStart(quint64 n) const;
    // hs_get_start_time_of_next_time_period(t)
    [[nodiscard]] qint64 startOfNextPeriodSecs(qint64 secsSinceEpoch) const;

    enum class SrvRun { Previous, Current };
    [[nodiscard]] qint64 srvStartSecs(SrvRun run) const;
    [[nodiscard]] QDateTime srvStart(SrvRun run) const;
    [[nodiscard]] qint64 srvRunDurationSeconds() const { return kPhasesPerRun * kRoundsPerPhase * m_votingInterval; }

    [[nodiscard]] bool isInWindowA() const { return m_windowA; }

    [[nodiscard]] DescriptorPlan first() const;
    [[nodiscard]] DescriptorPlan second() const;
    [[nodiscard]] DescriptorPlan clientFetch() const;

    [[nodiscard]] const std::optional<QByteArray>& srvPrevious() const { return m_srvPrevious; }
    [[nodiscard]] const std::optional<QByteArray>& srvCurrent() const { return m_srvCurrent; }

    // H("shared-random-disaster" | INT_8(period_length) | INT_8(period_num))
    static QByteArray disasterSrv(quint64 periodNumber, quint64 periodLengthMinutes);

private:
    DescriptorPlan plan(quint64 tp, bool current) const;

    qint64 m_validAfter = 0;
    qint64 m_votingInterval = 0;
    bool m_testing = false;
    quint64 m_lengthMin = 0;
    qint64 m_offsetSecs = 0;
    quint64 m_periodNumber = 0;
    bool m_windowA = false;
    std::optional<QByteArray> m_srvPrevious;
    std::optional<QByteArray> m_srvCurrent;
};

}  // namespace rb::hsdir
