// libFuzzer target: rb::hsdir::Microdescriptor::parseAll (md/all text) and
// Consensus::attachMicrodescriptors on a tiny fixed consensus.
#include "hsdir/Consensus.h"
#include "hsdir/Microdescriptor.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {
const rb::hsdir::Consensus& baseConsensus()
{
    static const rb::hsdir::Consensus c = [] {
        auto parsed = rb::hsdir::Consensus::parse(
            "network-status-version 3 microdesc\n"
            "vote-status consensus\n"
            "valid-after 2026-02-06 05:00:00\n"
            "fresh-until 2026-02-06 06:00:00\n"
            "valid-until 2026-02-06 08:00:00\n"
            "voting-delay 300 300\n"
            "known-flags Fast HSDir Running Stable V2Dir Valid\n"
            "r a AAECAwQFBgcICQoLDA0ODxAREhM 2026-02-06 04:00:00 10.0.0.1 9001 0\n"
            "m a7JYRpDJZkTQKuhPWRarpNMGpfywRjQ4lXZsTPrCrkg\n"  // first body of corpus/microdesc/md-all-3.txt
            "s Fast HSDir Running Stable V2Dir Valid\n"
            "pr HSDir=2\n");
        if (!parsed.ok()) {
            std::abort();
        }
        return std::move(parsed).value();
    }();
    return c;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArrayView text(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    rb::hsdir::Microdescriptor::Limits limits;
    limits.maxTotalBytes = 1 << 20;
    limits.maxCount = 5000;
    auto mds = rb::hsdir::Microdescriptor::parseAll(text, limits);
    if (mds.ok()) {
        for (const auto& md : *mds) {
            if (md.digest.size() != 32 || (!md.ed25519Id.isEmpty() && md.ed25519Id.size() != 32) ||
                md.ntorOnionKey.size() != 32) {
                std::abort();  // invariant of a successful parse
            }
        }
    }
    rb::hsdir::Consensus c = baseConsensus();
    (void)c.attachMicrodescriptors(text);
    return 0;
}
