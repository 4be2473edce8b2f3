#include "balancer/NodeFileAccess.h"

#include <QFile>
#include <QFileInfo>

namespace rb::balancer {

NodeFileAccess::~NodeFileAccess() = default;

void LocalNodeFileAccess::readFile(const QString& path, qsizetype maxBytes, Callback done)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        // A missing parent we cannot enter looks like a missing file: tell them apart.
        const QFileInfo dir(info.absolutePath());
        if (dir.exists() && !dir.isExecutable()) {
            done(makeError(ErrorCode::PermissionDenied, QStringLiteral("Cannot enter %1").arg(dir.filePath())));
            return;
        }
        if (!dir.exists()) {
            done(makeError(ErrorCode::Unavailable, QStringLiteral("%1 does not exist here").arg(dir.filePath())));
            return;
        }
        done(makeError(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(path)));
        return;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        done(makeError(ErrorCode::PermissionDenied, QStringLiteral("Cannot read %1").arg(path), f.errorString()));
        return;
    }
    QByteArray data = f.read(maxBytes + 1);
    if (data.size() > maxBytes) {
        done(makeError(ErrorCode::TooLarge, QStringLiteral("%1 is larger than %2 bytes").arg(path).arg(maxBytes)));
        return;
    }
    done(std::move(data));
}

}  // namespace rb::balancer
