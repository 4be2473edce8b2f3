#include "hsdir/HsDirSnapshot.h"

namespace rb::hsdir {

Result<HsDirSnapshot> HsDirSnapshot::fromControlPort(QByteArrayView consensusText,
                                                     QByteArrayView microdescriptorsText, bool testingNetwork,
                                                     std::optional<qint64> votingIntervalSeconds)
{
    RB_TRY(Consensus consensus, Consensus::parse(consensusText));
    if (consensus.flavor != Consensus::Flavor::Microdesc) {
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("The HSDir ring needs the microdesc consensus "
                                        "(GETINFO dir/status-vote/current/consensus-microdesc), not the ns one"));
    }
    RB_TRY_STATUS(consensus.attachMicrodescriptors(microdescriptorsText));
    return fromConsensus(std::move(consensus), testingNetwork, votingIntervalSeconds);
}

Result<HsDirSnapshot> HsDirSnapshot::fromConsensus(Consensus consensus, bool testingNetwork,
                                                   std::optional<qint64> votingIntervalSeconds)
{
    RB_TRY(TimePeriod period, [&]() -> Result<TimePeriod> {
        if (!votingIntervalSeconds) {
            return TimePeriod::fromConsensus(consensus, testingNetwork);
        }
        const qint64 interval = consensus.param(QStringLiteral("hsdir_interval"), TimePeriod::kDefaultLengthMinutes,
                                                TimePeriod::kMinLengthMinutes, TimePeriod::kMaxLengthMinutes);
        return TimePeriod::compute(consensus.validAfter, *votingIntervalSeconds, testingNetwork, interval,
                                   consensus.srvPrevious, consensus.srvCurrent);
    }());
    if (consensus.eligibleHsDirCount() == 0) {
        return makeError(ErrorCode::NotReady,
                         QStringLiteral("No usable HSDir in the consensus yet (none has the HSDir flag, HSDir=2 and a "
                                        "known microdescriptor); wait for tor to fetch microdescriptors and retry"));
    }
    HsDirSnapshot s;
    s.m_ring = HsDirRing(consensus);
    s.m_consensus = std::move(consensus);
    s.m_period = std::move(period);
    return s;
}

DescriptorPlan HsDirSnapshot::plan(Descriptor which) const
{
    return which == Descriptor::First ? m_period.first() : m_period.second();
}

QList<HsDirChoice> HsDirSnapshot::uploadTargets(Descriptor which, QByteArrayView blindedPk) const
{
    return m_ring.choicesForUpload(blindedPk, plan(which));
}

QList<HsDirChoice> HsDirSnapshot::fetchTargets(QByteArrayView blindedPk) const
{
    return m_ring.choicesForFetch(blindedPk, m_period.clientFetch());
}

}  // namespace rb::hsdir
