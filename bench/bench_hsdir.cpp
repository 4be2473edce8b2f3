// HSDir ring over a synthetic 8,000-relay microdesc consensus (90% HSDirs).
//
// BM_HsDirRing_BuildAndSelect: what a publish round costs: build the ring
//   for both descriptors (one SHA3 hsdir_index per eligible relay per
//   descriptor + sort) and select the upload HSDirs for both.
// BM_HsDirRing_PrimitiveFloor: only the SHA3-256 calls that operation needs
//   (2 x eligible hsdir_index + 2 x replicas hs_index), nothing else.
// The ratio of the two is the overhead of our code over the hashing.
#include "crypto/Crypto.h"
#include "hsdir/Consensus.h"
#include "hsdir/HsDirRing.h"
#include "hsdir/SyntheticNetwork.h"
#include "hsdir/TimePeriod.h"

#include <benchmark/benchmark.h>

#include <QCryptographicHash>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

constexpr int kRelays = 8000;

struct Fixture {
    QByteArray consensusText;
    QByteArray microdescText;
    rb::hsdir::Consensus consensus;
    rb::hsdir::DescriptorPlan first;
    rb::hsdir::DescriptorPlan second;
    QByteArray blindedFirst;
    QByteArray blindedSecond;
    int replicas = 0;
};

const Fixture& fixture()
{
    static const Fixture f = [] {
        Fixture x;
        rb::test::SyntheticHeader h;
        h.validAfter = QDateTime(QDate(2026, 2, 6), QTime(15, 0), Qt::UTC);
        h.params = {{"hsdir_interval", 1440}, {"hsdir_n_replicas", 2}, {"hsdir_spread_fetch", 3},
                    {"hsdir_spread_store", 4}};
        h.srvPrevious = QCryptographicHash::hash("previous", QCryptographicHash::Sha3_256);
        h.srvCurrent = QCryptographicHash::hash("current", QCryptographicHash::Sha3_256);
        const auto relays = rb::test::makeRelays(kRelays);
        x.consensusText = rb::test::buildConsensus(h, relays);
        x.microdescText = rb::test::buildMicrodescriptors(relays);
        auto c = rb::hsdir::Consensus::parse(x.consensusText);
        if (!c.ok() || !c->attachMicrodescriptors(x.microdescText).ok()) {
            std::fprintf(stderr, "fixture: synthetic consensus does not parse\n");
            std::abort();
        }
        x.consensus = std::move(c).value();
        auto tp = rb::hsdir::TimePeriod::fromConsensus(x.consensus, false);
        if (!tp.ok()) {
            std::abort();
        }
        x.first = tp->first();
        x.second = tp->second();
        x.blindedFirst = QCryptographicHash::hash("blinded-first", QCryptographicHash::Sha3_256);
        x.blindedSecond = QCryptographicHash::hash("blinded-second", QCryptographicHash::Sha3_256);
        x.replicas = rb::hsdir::HsDirRing::Params::fromConsensus(x.consensus).replicas;
        return x;
    }();
    return f;
}

void BM_HsDirRing_BuildAndSelect(benchmark::State& state)
{
    const Fixture& f = fixture();
    for (auto _ : state) {
        const rb::hsdir::HsDirRing ring(f.consensus);
        auto a = ring.choicesForUpload(f.blindedFirst, f.first);
        auto b = ring.choicesForUpload(f.blindedSecond, f.second);
        benchmark::DoNotOptimize(a);
        benchmark::DoNotOptimize(b);
    }
    state.counters["eligible"] = f.consensus.eligibleHsDirCount();
}
BENCHMARK(BM_HsDirRing_BuildAndSelect)->Unit(benchmark::kMillisecond);

void BM_HsDirRing_PrimitiveFloor(benchmark::State& state)
{
    const Fixture& f = fixture();
    QList<QByteArray> eds;
    for (const auto& r : f.consensus.relays) {
        if (rb::hsdir::HsDirRing::isEligible(r)) {
            eds.append(r.ed25519Id);
        }
    }
    for (auto _ : state) {
        for (const auto* plan : {&f.first, &f.second}) {
            for (const QByteArray& ed : eds) {
                rb::crypto::Sha3_256 h;
                h.add(QByteArrayView("node-idx")).add(ed).add(plan->srv).addU64(plan->periodNumber).addU64(plan->periodLengthMinutes);
                auto d = h.finish();
                benchmark::DoNotOptimize(d);
            }
            const QByteArray& blinded = plan == &f.first ? f.blindedFirst : f.blindedSecond;
            for (int r = 1; r <= f.replicas; ++r) {
                rb::crypto::Sha3_256 h;
                h.add(QByteArrayView("store-at-idx")).add(blinded).addU64(static_cast<std::uint64_t>(r)).addU64(plan->periodLengthMinutes).addU64(plan->periodNumber);
                auto d = h.finish();
                benchmark::DoNotOptimize(d);
            }
        }
    }
    state.counters["eligible"] = static_cast<double>(eds.size());
}
BENCHMARK(BM_HsDirRing_PrimitiveFloor)->Unit(benchmark::kMillisecond);

// Selection once the rings are cached (republish within one consensus).
void BM_HsDirRing_SelectCached(benchmark::State& state)
{
    const Fixture& f = fixture();
    const rb::hsdir::HsDirRing ring(f.consensus);
    (void)ring.choicesForUpload(f.blindedFirst, f.first);
    (void)ring.choicesForUpload(f.blindedSecond, f.second);
    for (auto _ : state) {
        auto a = ring.choicesForUpload(f.blindedFirst, f.first);
        auto b = ring.choicesForUpload(f.blindedSecond, f.second);
        benchmark::DoNotOptimize(a);
        benchmark::DoNotOptimize(b);
    }
}
BENCHMARK(BM_HsDirRing_SelectCached)->Unit(benchmark::kMicrosecond);

// For context: parsing the 8,000-relay consensus and its md/all.
void BM_Consensus_Parse8000(benchmark::State& state)
{
    const Fixture& f = fixture();
    for (auto _ : state) {
        auto c = rb::hsdir::Consensus::parse(f.consensusText);
        benchmark::DoNotOptimize(c);
    }
    state.SetBytesProcessed(state.iterations() * f.consensusText.size());
}
BENCHMARK(BM_Consensus_Parse8000)->Unit(benchmark::kMillisecond);

void BM_Consensus_AttachMicrodescriptors8000(benchmark::State& state)
{
    const Fixture& f = fixture();
    auto base = rb::hsdir::Consensus::parse(f.consensusText);
    for (auto _ : state) {
        rb::hsdir::Consensus c = *base;
        auto s = c.attachMicrodescriptors(f.microdescText);
        benchmark::DoNotOptimize(s);
    }
    state.SetBytesProcessed(state.iterations() * f.microdescText.size());
}
BENCHMARK(BM_Consensus_AttachMicrodescriptors8000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
