#pragma once
// tor's descriptor revision counter: an order-preserving encryption (OPE) of
// the seconds elapsed since the start of the shared-random protocol run that
// the descriptor belongs to (PROTOCOL-NOTES §4; tor: crypto_ope.c,
// hs_service.c generate_ope_cipher_for_desc / set_descriptor_revision_counter).
//
//   K       = SHA3-256("rev-counter-generation\0" | blinded expanded secret key (64))
//   stream  = AES-256-CTR(K, IV = 0)
//   T       = secondsSinceSrvStart + 1, capped at 2^18
//   counter = sum_{i<T} (LE16(stream word i) + 1)
//
// Counters computed here are comparable with the ones tor itself publishes for
// the same blinded key, so HSDirs accept our descriptor after tor's and vice
// versa as time advances.

#include "crypto/SecretBuffer.h"

#include <QtGlobal>

#include <cstdint>

namespace rb::onion {

class RevisionCounter {
public:
    // tor's OPE_INPUT_MAX: largest plaintext the OPE accepts.
    static constexpr qint64 kMaxPlaintext = qint64{1} << 18;

    // The revision counter tor would publish secondsSinceSrvStart seconds after
    // the start of the relevant SR run (previous run for the first descriptor,
    // current run for the second). Negative inputs are treated as 0 (tor would
    // return its error value there; we never publish that). Returns 0 if the
    // key is not 64 bytes (a programming error).
    static quint64 compute(const crypto::SecretBuffer& blindedExpandedKey, qint64 secondsSinceSrvStart);

    // K = SHA3-256("rev-counter-generation\0" | blindedExpandedKey). Empty if the key is not 64 bytes.
    static crypto::SecretBuffer opeKey(const crypto::SecretBuffer& blindedExpandedKey);

    // crypto_ope_encrypt(): sum of the first `plaintext` 16-bit little-endian
    // keystream words, each plus one. plaintext must be in 1..kMaxPlaintext;
    // out-of-range values are clamped into that range.
    static quint64 encrypt(const std::uint8_t* key32, qint64 plaintext);
};

}  // namespace rb::onion
