#pragma once
// Start-up hardening for processes that hold secrets (the console and rbctl):
// no core dumps (a dump would contain the master key) and, on Linux, a
// non-dumpable process (no ptrace attach by same-user processes, no
// /proc/<pid>/mem). Call first thing in main(), before any secret is loaded.

#include "util/Result.h"

namespace rb::util {

class ProcessHardening {
public:
    // Applies every measure available on this platform. Each failure is
    // reported in the returned status; callers log it and go on (a failure
    // must not stop the operator from working).
    static Status apply();
    // True when core dumps are disabled for this process (RLIMIT_CORE 0).
    [[nodiscard]] static bool coreDumpsDisabled();
    // True when the process is marked non-dumpable (Linux); true elsewhere.
    [[nodiscard]] static bool nonDumpable();
};

}  // namespace rb::util
