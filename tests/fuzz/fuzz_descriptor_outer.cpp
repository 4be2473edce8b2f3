// libFuzzer target: the outer descriptor document, then the whole decoder
// (with a fixed identity key, so the crypto paths run up to the MAC check).
#include "descriptor/DescriptorDecoder.h"
#include "descriptor/OuterLayer.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    auto outer = rb::descriptor::OuterLayer::parse(input);
    if (outer.ok()) {
        // A parsed document re-encodes to something that parses again.
        const QByteArray again = outer->encode();
        if (!rb::descriptor::OuterLayer::parse(again, again.size() + 1).ok()) {
            std::abort();
        }
        (void)outer->verifySignature(input);
    }
    // identity of the stem test descriptor (seed corpus) so real inputs decrypt.
    static const QByteArray identity =
        QByteArray::fromHex("92e680fa57552e7d484c9d2a3edb46fbc076e54ea90b77bb84e3e6d5657d52a1");
    rb::descriptor::DecodeOptions opt;
    opt.checkEncKeyCrossCert = true;
    (void)rb::descriptor::DescriptorDecoder::inspect(identity, input, opt);
    return 0;
}
