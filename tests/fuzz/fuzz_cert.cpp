// libFuzzer target: Ed25519 certificate decoding (raw and PEM).
#include "descriptor/Ed25519Cert.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    auto cert = rb::descriptor::Ed25519Cert::decode(input);
    if (cert.ok()) {
        // Invariants: the encoding is kept byte for byte and PEM round-trips.
        if (cert->encoded() != input) {
            std::abort();
        }
        auto again = rb::descriptor::Ed25519Cert::decodePem(cert->toPem());
        if (!again.ok() || !(*again == *cert)) {
            std::abort();
        }
        (void)cert->verify();
        (void)cert->validate(cert->type(), {}, 0);
    }
    (void)rb::descriptor::Ed25519Cert::decodePem(input);
    return 0;
}
