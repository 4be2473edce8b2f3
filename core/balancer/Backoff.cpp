#include "balancer/Backoff.h"

#include <algorithm>
#include <cmath>

namespace rb::balancer {

Backoff::Backoff(BackoffPolicy policy, quint32 seed)
    : m_policy(policy), m_rng(seed == 0 ? QRandomGenerator::global()->generate() : seed)
{
}

int Backoff::delayFor(const BackoffPolicy& policy, int failure, double u)
{
    const double maxMs = std::max(1, policy.maxMs);
    const int n = std::max(1, failure);
    // factor^(n-1), saturating long before overflow.
    double base = std::max(1, policy.initialMs);
    for (int i = 1; i < n && base < maxMs; ++i) {
        base *= std::max(1.0, policy.factor);
    }
    base = std::min(base, maxMs);
    const double j = std::clamp(policy.jitter, 0.0, 1.0) * std::clamp(u, -1.0, 1.0);
    const double d = std::clamp(base * (1.0 + j), 1.0, maxMs);
    return static_cast<int>(std::lround(d));
}

int Backoff::nextDelayMs()
{
    ++m_failures;
    const double u = m_rng.generateDouble() * 2.0 - 1.0;
    return delayFor(m_policy, m_failures, u);
}

}  // namespace rb::balancer
