#pragma once
// One reply (or asynchronous event) from tor's control port, as assembled by
// ReplyParser (control-spec §2.3): zero or more "NNN-" mid lines and
// "NNN+" data lines, then one "NNN " end line.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace rb::control {

struct ReplyLine {
    enum class Kind : char { Mid = '-', Data = '+', End = ' ' };

    int status = 0;
    Kind kind = Kind::End;
    QByteArray text;  // the ReplyLine after the separator, without CRLF
    // Data lines only: the CmdData block, dot-unescaped, every line ended by
    // a single '\n' (CRLF converted), without the terminating "." line.
    QByteArray data;
};

struct Reply {
    QList<ReplyLine> lines;  // never empty once produced by the parser; last is the End line

    [[nodiscard]] int status() const { return lines.isEmpty() ? 0 : lines.constLast().status; }
    [[nodiscard]] bool isSuccess() const { return status() / 100 == 2; }
    [[nodiscard]] bool isAsync() const { return status() / 100 == 6; }
    // Text of the end line ("OK" for most successful replies).
    [[nodiscard]] QByteArray endText() const { return lines.isEmpty() ? QByteArray() : lines.constLast().text; }
    // For events: the first word of the first line ("HS_DESC", "WARN", ...).
    [[nodiscard]] QByteArray keyword() const;
    // For events: the first line's text after the keyword and one space.
    [[nodiscard]] QByteArray eventArguments() const;
    // "250 OK"-style one-line rendering of the end line (for messages).
    [[nodiscard]] QByteArray summary() const;
};

}  // namespace rb::control
