// libFuzzer target: the middle (superencrypted) layer plaintext.
#include "descriptor/LayerCrypto.h"
#include "descriptor/MiddleLayer.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    // As the decoder does: stop at the first NUL (padding).
    const QByteArrayView text = input.first(rb::descriptor::LayerCrypto::unpaddedLength(input));
    auto middle = rb::descriptor::MiddleLayer::parse(text);
    if (middle.ok()) {
        if (!rb::descriptor::MiddleLayer::parse(middle->encode()).ok()) {
            std::abort();
        }
    }
    return 0;
}
