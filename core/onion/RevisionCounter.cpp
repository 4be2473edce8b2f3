#include "onion/RevisionCounter.h"

#include "crypto/Crypto.h"

#include <QtEndian>

#include <sodium.h>

#include <algorithm>
#include <array>
#include <vector>

namespace rb::onion {

namespace {
// sizeof("rev-counter-generation") in tor: the terminating NUL is hashed too.
constexpr char kOpeKeyPrefix[] = "rev-counter-generation";
}  // namespace

crypto::SecretBuffer RevisionCounter::opeKey(const crypto::SecretBuffer& blindedExpandedKey)
{
    if (blindedExpandedKey.size() != 64) {
        return {};
    }
    crypto::Sha3_256 h;
    h.add(reinterpret_cast<const std::uint8_t*>(kOpeKeyPrefix), sizeof(kOpeKeyPrefix));
    h.add(blindedExpandedKey.data(), blindedExpandedKey.size());
    auto digest = h.finish();
    crypto::SecretBuffer key = crypto::SecretBuffer::fromBytes(
        QByteArrayView(reinterpret_cast<const char*>(digest.data()), static_cast<qsizetype>(digest.size())));
    sodium_memzero(digest.data(), digest.size());  // not elided like a plain fill
    return key;
}

quint64 RevisionCounter::encrypt(const std::uint8_t* key32, qint64 plaintext)
{
    const std::size_t n = static_cast<std::size_t>(std::clamp<qint64>(plaintext, 1, kMaxPlaintext));
    // One keystream call for all 2n bytes, then a tight, vectorisable sum.
    // The buffer is reused per thread (up to 512 KiB) so the hot path does not
    // page-fault a fresh allocation every time.
    thread_local std::vector<std::uint8_t> stream;
    if (stream.size() < 2 * static_cast<std::size_t>(kMaxPlaintext)) {
        stream.assign(2 * static_cast<std::size_t>(kMaxPlaintext), 0);
    }
    static constexpr std::array<std::uint8_t, 16> kZeroIv{};
    crypto::aes256ctrKeystream(key32, kZeroIv.data(), stream.data(), 2 * n);
    // Sum the little-endian 16-bit words four at a time (SWAR): each 64-bit
    // load holds four words; two accumulators keep them in 32-bit lanes. A
    // lane receives at most kMaxPlaintext/4 words of at most 0xffff, which
    // fits in 32 bits, so no lane can overflow into its neighbour.
    static_assert((kMaxPlaintext / 4) * 0xffff < (qint64{1} << 32));
    constexpr std::uint64_t kLanes = 0x0000ffff0000ffffULL;
    const std::uint8_t* p = stream.data();
    const std::size_t bytes = 2 * n;
    std::uint64_t even = 0;
    std::uint64_t odd = 0;
    std::size_t i = 0;
    for (; i + 8 <= bytes; i += 8) {
        const std::uint64_t w = qFromLittleEndian<quint64>(p + i);
        even += w & kLanes;
        odd += (w >> 16) & kLanes;
    }
    std::uint64_t sum = (even & 0xffffffffU) + (even >> 32) + (odd & 0xffffffffU) + (odd >> 32);
    for (; i < bytes; i += 2) {
        sum += static_cast<std::uint64_t>(p[i]) | (static_cast<std::uint64_t>(p[i + 1]) << 8);
    }
    sodium_memzero(stream.data(), 2 * n);
    return sum + n;  // tor adds 1 per word
}

quint64 RevisionCounter::compute(const crypto::SecretBuffer& blindedExpandedKey, qint64 secondsSinceSrvStart)
{
    const crypto::SecretBuffer key = opeKey(blindedExpandedKey);
    if (key.isEmpty()) {
        return 0;
    }
    // tor: seconds_since_start_of_srv++ then capped at OPE_INPUT_MAX.
    const qint64 seconds = std::max<qint64>(secondsSinceSrvStart, 0);
    const qint64 plaintext = std::min(seconds, kMaxPlaintext - 1) + 1;
    return encrypt(key.data(), plaintext);
}

}  // namespace rb::onion
