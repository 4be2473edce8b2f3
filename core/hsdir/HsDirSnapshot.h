#pragma once
// One-stop view of "where do descriptors go right now", built from what a
// node's control port gives us:
//   GETINFO dir/status-vote/current/consensus-microdesc   -> consensusText
//   GETINFO md/all (or md/id/<fp> answers concatenated)    -> microdescriptorsText
//   GETCONF TestingTorNetwork                              -> testingNetwork
// The voting interval defaults to the consensus' own (fresh-until -
// valid-after, which is what tor uses); pass one only to override it.

#include "hsdir/Consensus.h"
#include "hsdir/HsDirRing.h"
#include "hsdir/TimePeriod.h"
#include "util/Result.h"

#include <QByteArrayView>

#include <optional>

namespace rb::hsdir {

class HsDirSnapshot {
public:
    enum class Descriptor { First, Second };

    static Result<HsDirSnapshot> fromControlPort(QByteArrayView consensusText, QByteArrayView microdescriptorsText,
                                                 bool testingNetwork,
                                                 std::optional<qint64> votingIntervalSeconds = std::nullopt);
    static Result<HsDirSnapshot> fromConsensus(Consensus consensus, bool testingNetwork,
                                               std::optional<qint64> votingIntervalSeconds = std::nullopt);

    [[nodiscard]] const Consensus& consensus() const { return m_consensus; }
    [[nodiscard]] const TimePeriod& timePeriod() const { return m_period; }
    [[nodiscard]] const HsDirRing& ring() const { return m_ring; }

    [[nodiscard]] DescriptorPlan plan(Descriptor which) const;
    // HSDirs for the descriptor whose blinded key was derived for plan(which).periodNumber.
    [[nodiscard]] QList<HsDirChoice> uploadTargets(Descriptor which, QByteArrayView blindedPk) const;
    [[nodiscard]] QList<HsDirChoice> fetchTargets(QByteArrayView blindedPk) const;

private:
    Consensus m_consensus;
    TimePeriod m_period;
    HsDirRing m_ring;
};

}  // namespace rb::hsdir
