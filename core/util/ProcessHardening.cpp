#include "util/ProcessHardening.h"

#include <QStringList>

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif
#if defined(Q_OS_LINUX)
#include <sys/prctl.h>
#endif

#include <cerrno>
#include <cstring>

namespace rb::util {

Status ProcessHardening::apply()
{
    QStringList failures;
#if defined(Q_OS_UNIX)
    struct rlimit none {};
    none.rlim_cur = 0;
    none.rlim_max = 0;
    if (setrlimit(RLIMIT_CORE, &none) != 0)
        failures << QStringLiteral("setrlimit(RLIMIT_CORE): %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
#endif
#if defined(Q_OS_LINUX)
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        failures << QStringLiteral("prctl(PR_SET_DUMPABLE): %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
#endif
    if (!failures.isEmpty())
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("Process hardening incomplete; core dumps may contain secrets"),
                         failures.join(QStringLiteral("; ")));
    return {};
}

bool ProcessHardening::coreDumpsDisabled()
{
#if defined(Q_OS_UNIX)
    struct rlimit current {};
    if (getrlimit(RLIMIT_CORE, &current) != 0)
        return false;
    return current.rlim_cur == 0 && current.rlim_max == 0;
#else
    return false;
#endif
}

bool ProcessHardening::nonDumpable()
{
#if defined(Q_OS_LINUX)
    return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0;
#else
    return true;
#endif
}

}  // namespace rb::util
