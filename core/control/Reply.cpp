#include "control/Reply.h"

namespace rb::control {

QByteArray Reply::keyword() const
{
    if (lines.isEmpty()) {
        return {};
    }
    const QByteArray& t = lines.constFirst().text;
    const qsizetype sp = t.indexOf(' ');
    return sp < 0 ? t : t.left(sp);
}

QByteArray Reply::eventArguments() const
{
    if (lines.isEmpty()) {
        return {};
    }
    const QByteArray& t = lines.constFirst().text;
    const qsizetype sp = t.indexOf(' ');
    return sp < 0 ? QByteArray() : t.mid(sp + 1);
}

QByteArray Reply::summary() const
{
    if (lines.isEmpty()) {
        return {};
    }
    const ReplyLine& end = lines.constLast();
    return QByteArray::number(end.status) + ' ' + end.text;
}

}  // namespace rb::control
