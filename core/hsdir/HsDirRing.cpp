#include "hsdir/HsDirRing.h"

#include "crypto/Crypto.h"

#include <QMutexLocker>

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

namespace rb::hsdir {

namespace {
constexpr qsizetype kRingCacheEntries = 4;  // first, second, fetch (+1 spare across a rotation)

QByteArray toBytes(const crypto::Digest32& d)
{
    return QByteArray(reinterpret_cast<const char*>(d.data()), static_cast<qsizetype>(d.size()));
}

int clampParam(const Consensus& c, const char* name, int def, int lo, int hi)
{
    return static_cast<int>(c.param(QString::fromLatin1(name), def, lo, hi));
}
}  // namespace

struct HsDirRing::Ring {
    QByteArray srv;
    quint64 periodNumber = 0;
    quint64 periodLength = 0;
    struct Entry {
        crypto::Digest32 index;
        qsizetype relay;  // position in m_relays
    };
    std::vector<Entry> entries;  // sorted by index
};

HsDirRing::Params HsDirRing::Params::fromConsensus(const Consensus& consensus)
{
    // hs_common.c: hs_get_hsdir_n_replicas / _spread_fetch / _spread_store.
    Params p;
    p.replicas = clampParam(consensus, "hsdir_n_replicas", 2, 1, 16);
    p.spreadFetch = clampParam(consensus, "hsdir_spread_fetch", 3, 1, 128);
    p.spreadStore = clampParam(consensus, "hsdir_spread_store", 4, 1, 128);
    return p;
}

HsDirRing::HsDirRing(const Consensus& consensus) : HsDirRing(consensus.relays, Params::fromConsensus(consensus)) {}

HsDirRing::HsDirRing(QList<Relay> relays, Params params) : m_params(params)
{
    m_params.replicas = std::clamp(m_params.replicas, 1, 16);
    m_params.spreadStore = std::clamp(m_params.spreadStore, 1, 128);
    m_params.spreadFetch = std::clamp(m_params.spreadFetch, 1, 128);
    // Keep the (implicitly shared) list as is and remember which entries are
    // eligible: no per-relay copies, one eligibility test per relay.
    m_relays = std::move(relays);
    for (qsizetype i = 0; i < m_relays.size(); ++i) {
        if (isEligible(std::as_const(m_relays)[i])) {
            m_eligibleIdx.push_back(i);
        }
    }
}

QList<Relay> HsDirRing::eligible() const
{
    QList<Relay> out;
    out.reserve(static_cast<qsizetype>(m_eligibleIdx.size()));
    for (const qsizetype i : m_eligibleIdx) {
        out.append(m_relays[i]);
    }
    return out;
}

HsDirRing::HsDirRing(const HsDirRing& other)
    : m_relays(other.m_relays), m_eligibleIdx(other.m_eligibleIdx), m_params(other.m_params)
{
    QMutexLocker lock(&other.m_cacheMutex);
    m_cache = other.m_cache;
}

HsDirRing& HsDirRing::operator=(const HsDirRing& other)
{
    if (this != &other) {
        QList<std::shared_ptr<const Ring>> cache;
        {
            QMutexLocker lock(&other.m_cacheMutex);
            cache = other.m_cache;
        }
        m_relays = other.m_relays;
        m_eligibleIdx = other.m_eligibleIdx;
        m_params = other.m_params;
        QMutexLocker lock(&m_cacheMutex);
        m_cache = std::move(cache);
    }
    return *this;
}

HsDirRing::HsDirRing(HsDirRing&& other) noexcept
    : m_relays(std::move(other.m_relays)),
      m_eligibleIdx(std::move(other.m_eligibleIdx)),
      m_params(other.m_params),
      m_cache(std::move(other.m_cache))
{
}

HsDirRing& HsDirRing::operator=(HsDirRing&& other) noexcept
{
    if (this != &other) {
        m_relays = std::move(other.m_relays);
        m_eligibleIdx = std::move(other.m_eligibleIdx);
        m_params = other.m_params;
        m_cache = std::move(other.m_cache);
    }
    return *this;
}

HsDirRing::~HsDirRing() = default;

QByteArray HsDirRing::hsIndex(QByteArrayView blindedPk, quint64 replica, quint64 periodLengthMinutes,
                              quint64 periodNumber)
{
    crypto::Sha3_256 h;
    h.add(QByteArrayView("store-at-idx")).add(blindedPk).addU64(replica).addU64(periodLengthMinutes).addU64(periodNumber);
    return toBytes(h.finish());
}

QByteArray HsDirRing::hsdirIndex(QByteArrayView ed25519Id, QByteArrayView srv, quint64 periodNumber,
                                 quint64 periodLengthMinutes)
{
    crypto::Sha3_256 h;
    h.add(QByteArrayView("node-idx")).add(ed25519Id).add(srv).addU64(periodNumber).addU64(periodLengthMinutes);
    return toBytes(h.finish());
}

std::shared_ptr<const HsDirRing::Ring> HsDirRing::ringFor(const DescriptorPlan& plan) const
{
    {
        QMutexLocker lock(&m_cacheMutex);
        for (const auto& ring : m_cache) {
            if (ring->periodNumber == plan.periodNumber && ring->periodLength == plan.periodLengthMinutes &&
                ring->srv == plan.srv) {
                return ring;
            }
        }
    }
    auto ring = std::make_shared<Ring>();
    ring->srv = plan.srv;
    ring->periodNumber = plan.periodNumber;
    ring->periodLength = plan.periodLengthMinutes;
    ring->entries.reserve(m_eligibleIdx.size());
    for (const qsizetype i : m_eligibleIdx) {
        crypto::Sha3_256 h;
        h.add(QByteArrayView("node-idx"))
            .add(m_relays[i].ed25519Id)
            .add(plan.srv)
            .addU64(plan.periodNumber)
            .addU64(plan.periodLengthMinutes);
        ring->entries.push_back(Ring::Entry{h.finish(), i});
    }
    const QList<Relay>& relays = m_relays;
    std::sort(ring->entries.begin(), ring->entries.end(), [&relays](const Ring::Entry& a, const Ring::Entry& b) {
        const int c = std::memcmp(a.index.data(), b.index.data(), a.index.size());
        if (c != 0) {
            return c < 0;
        }
        // Equal indices only for duplicated ed25519 ids: order by RSA id so
        // the result is deterministic (tor's qsort order is unspecified).
        return relays[a.relay].rsaId < relays[b.relay].rsaId;
    });
    QMutexLocker lock(&m_cacheMutex);
    if (m_cache.size() >= kRingCacheEntries) {
        m_cache.removeFirst();
    }
    m_cache.append(ring);
    return ring;
}

QList<HsDirChoice> HsDirRing::select(QByteArrayView blindedPk, const DescriptorPlan& plan, int spread) const
{
    QList<HsDirChoice> out;
    if (blindedPk.size() != 32 || plan.srv.size() != 32 || m_eligibleIdx.empty()) {
        return out;
    }
    const auto ring = ringFor(plan);
    const std::size_t n = ring->entries.size();
    std::vector<bool> taken(n, false);
    for (int replica = 1; replica <= m_params.replicas; ++replica) {
        const QByteArray hs =
            hsIndex(blindedPk, static_cast<quint64>(replica), plan.periodLengthMinutes, plan.periodNumber);
        // smartlist_bsearch_idx: first node whose index is >= hs_index.
        const auto it = std::lower_bound(ring->entries.begin(), ring->entries.end(), hs,
                                         [](const Ring::Entry& e, const QByteArray& key) {
                                             return std::memcmp(e.index.data(), key.constData(), e.index.size()) < 0;
                                         });
        std::size_t idx = static_cast<std::size_t>(it - ring->entries.begin());
        if (idx == n) {
            idx = 0;
        }
        const std::size_t start = idx;
        int added = 0;
        while (added < spread) {
            if (!taken[idx]) {
                taken[idx] = true;
                const Ring::Entry& e = ring->entries[idx];
                out.append(HsDirChoice{m_relays[e.relay], toBytes(e.index), hs, replica});
                ++added;
            }
            if (++idx == n) {
                idx = 0;
            }
            if (idx == start) {
                break;  // went round the whole ring
            }
        }
    }
    return out;
}

QList<HsDirChoice> HsDirRing::choicesForUpload(QByteArrayView blindedPk, const DescriptorPlan& plan) const
{
    return select(blindedPk, plan, m_params.spreadStore);
}

QList<HsDirChoice> HsDirRing::choicesForFetch(QByteArrayView blindedPk, const DescriptorPlan& plan) const
{
    return select(blindedPk, plan, m_params.spreadFetch);
}

QList<Relay> HsDirRing::responsibleForUpload(QByteArrayView blindedPk, const DescriptorPlan& plan) const
{
    QList<Relay> out;
    for (HsDirChoice& c : choicesForUpload(blindedPk, plan)) {
        out.append(std::move(c.relay));
    }
    return out;
}

QList<Relay> HsDirRing::responsibleForFetch(QByteArrayView blindedPk, const DescriptorPlan& plan) const
{
    QList<Relay> out;
    for (HsDirChoice& c : choicesForFetch(blindedPk, plan)) {
        out.append(std::move(c.relay));
    }
    return out;
}

QList<HsDirChoice> HsDirRing::sortedRing(const DescriptorPlan& plan) const
{
    QList<HsDirChoice> out;
    if (plan.srv.size() != 32) {
        return out;
    }
    const auto ring = ringFor(plan);
    out.reserve(static_cast<qsizetype>(ring->entries.size()));
    for (const auto& e : ring->entries) {
        out.append(HsDirChoice{m_relays[e.relay], toBytes(e.index), {}, 0});
    }
    return out;
}

}  // namespace rb::hsdir
