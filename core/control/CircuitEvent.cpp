#include "control/CircuitEvent.h"

#include <QTimeZone>

namespace rb::control {

namespace {

Error bad(const QString& why, QByteArrayView text)
{
    return makeError(ErrorCode::ParseError, QStringLiteral("tor sent a malformed circuit description: %1").arg(why),
                     printable(text));
}

// ISOTime2Frac: 2024-01-11T12:15:33.512345 (UTC).
QDateTime parseIsoTime2Frac(const QByteArray& v)
{
    const qsizetype dot = v.indexOf('.');
    const QByteArray whole = dot < 0 ? v : v.left(dot);
    QDateTime t = QDateTime::fromString(QString::fromLatin1(whole), QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    if (!t.isValid()) {
        return {};
    }
    t.setTimeSpec(Qt::UTC);
    if (dot >= 0) {
        QByteArray frac = v.mid(dot + 1).left(3);
        while (frac.size() < 3) {
            frac.append('0');
        }
        bool ok = false;
        const int ms = frac.toInt(&ok);
        if (!ok) {
            return {};
        }
        t = t.addMSecs(ms);
    }
    return t;
}

}  // namespace

Result<CircuitEvent> CircuitEvent::parse(const Reply& event)
{
    const QByteArray kw = event.keyword();
    if (kw != "CIRC" && kw != "CIRC_MINOR") {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("Not a CIRC or CIRC_MINOR event"), printable(kw));
    }
    return parseDescription(event.eventArguments(), kw == "CIRC_MINOR");
}

Result<CircuitEvent> CircuitEvent::parseDescription(QByteArrayView text, bool minor)
{
    RB_TRY(Fields f, parseFields(text, 256));
    if (f.positional.size() < 2) {
        return bad(QStringLiteral("expected a circuit id and a status"), text);
    }
    CircuitEvent c;
    c.minor = minor;
    c.id = f.positional[0];
    c.status = f.positional[1];
    if (f.positional.size() >= 3) {
        const QList<QByteArray> hops = f.positional[2].split(',');
        for (const QByteArray& hop : hops) {
            auto ln = parseLongName(hop);
            if (!ln.ok()) {
                return bad(QStringLiteral("bad path element"), text);
            }
            c.path.append(std::move(ln.value()));
        }
    }
    if (auto v = f.value("BUILD_FLAGS")) {
        c.buildFlags = v->split(',');
    }
    c.purpose = f.value("PURPOSE").value_or(QByteArray());
    c.hsState = f.value("HS_STATE").value_or(QByteArray());
    c.rendQuery = f.value("REND_QUERY").value_or(QByteArray());
    c.reason = f.value("REASON").value_or(QByteArray());
    c.remoteReason = f.value("REMOTE_REASON").value_or(QByteArray());
    c.oldPurpose = f.value("OLD_PURPOSE").value_or(QByteArray());
    c.oldHsState = f.value("OLD_HS_STATE").value_or(QByteArray());
    if (auto v = f.value("TIME_CREATED")) {
        c.timeCreated = parseIsoTime2Frac(*v);
        if (!c.timeCreated.isValid()) {
            return bad(QStringLiteral("bad TIME_CREATED"), text);
        }
    }
    return c;
}

Result<QList<CircuitEvent>> CircuitEvent::parseCircuitStatus(QByteArrayView value)
{
    QList<CircuitEvent> out;
    qsizetype start = 0;
    while (start < value.size()) {
        qsizetype nl = value.indexOf('\n', start);
        if (nl < 0) {
            nl = value.size();
        }
        QByteArrayView line = value.sliced(start, nl - start);
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (!line.trimmed().isEmpty()) {
            RB_TRY(CircuitEvent c, parseDescription(line));
            out.append(std::move(c));
        }
        start = nl + 1;
    }
    return out;
}

}  // namespace rb::control
