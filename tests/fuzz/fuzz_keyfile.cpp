// Fuzz target: key-file autodetection and every parser behind it (tor tagged
// files, PKCS#8 PEM, hex seed, ED25519-V3 control-port keys, raw seed).
// The first byte selects whether the rest is split into a secret part and a
// tor public-key file, so the mismatch path is exercised too.
#include "onion/MasterIdentity.h"

#include <QByteArrayView>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArrayView all(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    auto check = [](const rb::Result<rb::onion::MasterIdentity>& r) {
        if (r.ok() && (r->publicKey().size() != 32 || r->expandedKey().size() != 64)) {
            __builtin_trap();  // a successful import must yield a complete key
        }
        if (!r.ok() && r.error().message.isEmpty()) {
            __builtin_trap();  // every error names the problem
        }
    };
    check(rb::onion::MasterIdentity::importBytes(all));
    if (size > 65 && (data[0] & 1U) != 0) {
        // Last 64 bytes as hs_ed25519_public_key, the middle as the secret.
        check(rb::onion::MasterIdentity::importBytes(all.sliced(1, all.size() - 65), all.last(64)));
    }
    return 0;
}
