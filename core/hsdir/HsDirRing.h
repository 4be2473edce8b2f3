#pragma once
// The v3 HSDir hash ring, as tor's hs_get_responsible_hsdirs() builds it.
//
//   eligible         = "HSDir" flag, protover HSDir=2, ed25519 id known
//                      (microdescriptor), tor version not older than 0.3.0.8
//   hsdir_index(n)   = SHA3-256("node-idx" | ed25519_id | SRV | INT_8(tp) | INT_8(len))
//   hs_index(r)      = SHA3-256("store-at-idx" | blinded_pk | INT_8(r) | INT_8(len) | INT_8(tp))
//   for r = 1..hsdir_n_replicas: start at the first node whose hsdir_index
//   >= hs_index(r) (wrapping), take the next `spread` nodes not already taken
//   (spread = hsdir_spread_store for upload, hsdir_spread_fetch for fetch),
//   stopping after one full turn of the ring.
//
// The (SRV, tp, len) of a DescriptorPlan selects the ring; sorted rings are
// cached (a few entries) so first/second/fetch queries do not re-hash.

#include "hsdir/Consensus.h"
#include "hsdir/Relay.h"
#include "hsdir/TimePeriod.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMutex>
#include <QString>

#include <memory>
#include <vector>

namespace rb::hsdir {

struct HsDirChoice {
    Relay relay;
    QByteArray hsdirIndex;  // 32 bytes
    QByteArray hsIndex;     // 32 bytes: the hs_index of the replica that picked it (empty in sortedRing())
    int replica = 0;        // 1-based (0 in sortedRing())

    // Upper-case hex, as tor prints HSDIR_INDEX= in HS_DESC UPLOAD events.
    [[nodiscard]] QString hsdirIndexHex() const { return QString::fromLatin1(hsdirIndex.toHex().toUpper()); }
    [[nodiscard]] QString fingerprintHex() const { return relay.fingerprintHex(); }
};

class HsDirRing {
public:
    struct Params {
        int replicas = 2;     // hsdir_n_replicas, [1, 16]
        int spreadStore = 4;  // hsdir_spread_store, [1, 128]
        int spreadFetch = 3;  // hsdir_spread_fetch, [1, 128]
        static Params fromConsensus(const Consensus& consensus);
    };

    HsDirRing() = default;
    explicit HsDirRing(const Consensus& consensus);
    HsDirRing(QList<Relay> relays, Params params);  // relays are filtered for eligibility
    HsDirRing(const HsDirRing& other);
    HsDirRing& operator=(const HsDirRing& other);
    HsDirRing(HsDirRing&&) noexcept;
    HsDirRing& operator=(HsDirRing&&) noexcept;
    ~HsDirRing();

    [[nodiscard]] const Params& params() const { return m_params; }
    // The eligible relays, in consensus order (a copy; for diagnostics).
    [[nodiscard]] QList<Relay> eligible() const;
    [[nodiscard]] qsizetype eligibleCount() const { return static_cast<qsizetype>(m_eligibleIdx.size()); }

    // The HSDirs a service uploads the descriptor with this blinded key to
    // (hsdir_spread_store per replica), in tor's order: replica 1 first.
    [[nodiscard]] QList<Relay> responsibleForUpload(QByteArrayView blindedPk, const DescriptorPlan& plan) const;
    // The HSDirs a client asks (hsdir_spread_fetch per replica).
    [[nodiscard]] QList<Relay> responsibleForFetch(QByteArrayView blindedPk, const DescriptorPlan& plan) const;
    // Same selections with the index values (for HS_DESC UPLOAD HSDIR_INDEX= comparisons).
    [[nodiscard]] QList<HsDirChoice> choicesForUpload(QByteArrayView blindedPk, const DescriptorPlan& plan) const;
    [[nodiscard]] QList<HsDirChoice> choicesForFetch(QByteArrayView blindedPk, const DescriptorPlan& plan) const;
    // The whole ring for this plan, sorted by hsdir_index.
    [[nodiscard]] QList<HsDirChoice> sortedRing(const DescriptorPlan& plan) const;

    // Argument order = hash input order.
    static QByteArray hsIndex(QByteArrayView blindedPk, quint64 replica, quint64 periodLengthMinutes,
                              quint64 periodNumber);
    static QByteArray hsdirIndex(QByteArrayView ed25519Id, QByteArrayView srv, quint64 periodNumber,
                                 quint64 periodLengthMinutes);
    static bool isEligible(const Relay& relay) { return relay.isV3HsDir(); }

private:
    struct Ring;
    std::shared_ptr<const Ring> ringFor(const DescriptorPlan& plan) const;
    QList<HsDirChoice> select(QByteArrayView blindedPk, const DescriptorPlan& plan, int spread) const;

    QList<Relay> m_relays;                // all relays (shared with the consensus)
    std::vector<qsizetype> m_eligibleIdx;  // positions of eligible ones in m_relays
    Params m_params;
    mutable QMutex m_cacheMutex;
    mutable QList<std::shared_ptr<const Ring>> m_cache;
};

}  // namespace rb::hsdir
