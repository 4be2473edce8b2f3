// libFuzzer target: rb::hsdir::Consensus::parse, then (on success) the
// ring and time-period code fed from whatever the parser accepted.
#include "hsdir/Consensus.h"
#include "hsdir/HsDirRing.h"
#include "hsdir/TimePeriod.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    rb::hsdir::Consensus::Limits limits;
    limits.maxDocumentBytes = 1 << 20;
    limits.maxRelays = 2000;
    const QByteArrayView text(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    auto parsed = rb::hsdir::Consensus::parse(text, limits);
    if (!parsed.ok()) {
        return 0;
    }
    rb::hsdir::Consensus& c = *parsed;
    (void)c.param(QStringLiteral("hsdir_interval"), 1440, 5, 14400);
    for (const bool testing : {false, true}) {
        auto tp = rb::hsdir::TimePeriod::fromConsensus(c, testing);
        if (!tp.ok()) {
            continue;
        }
        // Give every relay an ed25519 id so the ring code runs too.
        for (auto& r : c.relays) {
            r.ed25519Id = r.rsaId.leftJustified(32, 'e');
        }
        const rb::hsdir::HsDirRing ring(c);
        const QByteArray blinded(32, 'b');
        (void)ring.choicesForUpload(blinded, tp->first());
        (void)ring.choicesForUpload(blinded, tp->second());
        (void)ring.choicesForFetch(blinded, tp->clientFetch());
    }
    return 0;
}
