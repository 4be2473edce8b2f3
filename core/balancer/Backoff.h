#pragma once
// Exponential back-off with jitter, for reconnects and upload retries.
// delay(n) = min(max, initial * factor^(n-1)) * (1 + jitter * u), u in [-1, 1],
// never below 1 ms and never above max. Deterministic for a given seed (tests).

#include <QRandomGenerator>

namespace rb::balancer {

struct BackoffPolicy {
    int initialMs = 1000;
    int maxMs = 30000;
    double factor = 2.0;
    double jitter = 0.25;  // fraction of the delay, both ways
};

class Backoff {
public:
    explicit Backoff(BackoffPolicy policy = {}, quint32 seed = 0);

    // Delay before the next attempt; counts the attempt.
    int nextDelayMs();
    // Forget earlier failures (after a success).
    void reset() { m_failures = 0; }
    [[nodiscard]] int failures() const { return m_failures; }
    [[nodiscard]] const BackoffPolicy& policy() const { return m_policy; }

    // The delay for the n-th consecutive failure (n >= 1) with u in [-1, 1].
    static int delayFor(const BackoffPolicy& policy, int failure, double u);

private:
    BackoffPolicy m_policy;
    QRandomGenerator m_rng;
    int m_failures = 0;
};

}  // namespace rb::balancer
