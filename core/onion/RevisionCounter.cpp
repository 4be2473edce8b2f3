#include "onion/RevisionCounter.h"

#include "crypto/Crypto.h"

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
    std::fill(digest.begin(), digest.end(), std::uint8_t{0});
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
    // Words are little-endian: low bytes at even offsets, high bytes at odd.
    std::uint64_t low = 0;
    std::uint64_t high = 0;
    const std::uint8_t* p = stream.data();
    for (std::size_t i = 0; i < n; ++i) {
        low += p[2 * i];
        high += p[2 * i + 1];
    }
    std::fill_n(stream.begin(), 2 * n, std::uint8_t{0});
    return low + (high << 8) + n;
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
