#include "control/HsDescEvent.h"

namespace rb::control {

namespace {

HsDescEvent::Action actionFrom(QByteArrayView a)
{
    using A = HsDescEvent::Action;
    if (a == QByteArrayView("REQUESTED"))
        return A::Requested;
    if (a == QByteArrayView("UPLOAD"))
        return A::Upload;
    if (a == QByteArrayView("RECEIVED"))
        return A::Received;
    if (a == QByteArrayView("UPLOADED"))
        return A::Uploaded;
    if (a == QByteArrayView("IGNORE"))
        return A::Ignore;
    if (a == QByteArrayView("FAILED"))
        return A::Failed;
    if (a == QByteArrayView("CREATED"))
        return A::Created;
    return A::Other;
}

Error bad(const QString& why, QByteArrayView text)
{
    return makeError(ErrorCode::ParseError, QStringLiteral("tor sent a malformed HS_DESC event: %1").arg(why),
                     printable(text));
}

}  // namespace

Result<HsDescEvent> HsDescEvent::parse(const Reply& event)
{
    if (event.keyword() != "HS_DESC") {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("Not an HS_DESC event"),
                         printable(event.keyword()));
    }
    return parseArguments(event.eventArguments());
}

Result<HsDescEvent> HsDescEvent::parseArguments(QByteArrayView text)
{
    RB_TRY(Fields f, parseFields(text, 64));
    if (f.positional.size() < 4) {
        return bad(QStringLiteral("expected action, address, auth type and HSDir"), text);
    }
    HsDescEvent e;
    e.actionText = f.positional[0];
    e.action = actionFrom(e.actionText);
    e.address = f.positional[1];
    e.authType = f.positional[2];
    if (f.positional[3] != "UNKNOWN") {
        auto ln = parseLongName(f.positional[3]);
        if (!ln.ok()) {
            return bad(QStringLiteral("bad HSDir"), text);
        }
        e.hsDir = std::move(ln.value());
    }
    if (f.positional.size() >= 5) {
        e.descriptorId = f.positional[4];
    }
    e.reason = f.value("REASON").value_or(QByteArray());
    if (auto r = f.value("REPLICA")) {
        bool ok = false;
        const int v = r->toInt(&ok);
        if (!ok || v < 0) {
            return bad(QStringLiteral("bad REPLICA"), text);
        }
        e.replica = v;
    }
    e.hsDirIndex = f.value("HSDIR_INDEX").value_or(QByteArray());
    if (e.address != "UNKNOWN" && e.address.size() != 56 && e.address.size() != 16) {
        return bad(QStringLiteral("bad onion address"), text);
    }
    return e;
}

}  // namespace rb::control
