// libFuzzer target: the inner (encrypted) layer plaintext and intro points.
#include "descriptor/InnerLayer.h"
#include "descriptor/IntroPoint.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    auto inner = rb::descriptor::InnerLayer::parse(input);
    if (inner.ok()) {
        auto again = rb::descriptor::InnerLayer::parse(inner->encode());
        if (!again.ok() || again->introPoints.size() != inner->introPoints.size()) {
            std::abort();
        }
    }
    (void)rb::descriptor::IntroPoint::parse(input);
    return 0;
}
