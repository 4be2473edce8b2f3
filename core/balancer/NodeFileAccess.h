#pragma once
// Reads small files of a node (ob_config, hostname) for the configuration
// check. LocalNodeFileAccess reads this machine's files (a node on this host,
// the lab); an SSH implementation (core/ssh/RemoteRunner) can follow.
// Errors: NotFound (no such file), PermissionDenied / Unavailable (cannot
// tell: the check then says "not verified" instead of failing).

#include "util/Result.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace rb::balancer {

class NodeFileAccess {
public:
    using Callback = std::function<void(Result<QByteArray>)>;
    virtual ~NodeFileAccess();
    // Reads at most maxBytes (TooLarge beyond). May answer synchronously.
    virtual void readFile(const QString& path, qsizetype maxBytes, Callback done) = 0;
    [[nodiscard]] virtual QString describe() const = 0;
};

class LocalNodeFileAccess final : public NodeFileAccess {
public:
    void readFile(const QString& path, qsizetype maxBytes, Callback done) override;
    [[nodiscard]] QString describe() const override { return QStringLiteral("local files"); }
};

}  // namespace rb::balancer
