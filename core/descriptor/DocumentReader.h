#pragma once
// Pull tokenizer for tor's directory-document meta-format (dir-spec §1.2),
// the way tor's parsecommon.c reads it: a keyword line "Keyword args...\n",
// optionally followed by one object "-----BEGIN T-----\n<base64>-----END T-----".
// Works on views into the caller's buffer: no copies, no allocation per item.

#include "util/Result.h"

#include <QByteArrayView>

namespace rb::descriptor {

struct DocItem {
    QByteArrayView keyword;
    QByteArrayView args;        // rest of the keyword line, leading blanks skipped
    QByteArrayView objectType;  // empty when the item has no object
    QByteArrayView objectText;  // base64 between the BEGIN and END lines
    qsizetype begin = 0;        // offset of the keyword line
    qsizetype end = 0;          // offset just after the item's last '\n' (or input end)

    [[nodiscard]] bool hasObject() const { return !objectType.isEmpty(); }
};

class DocumentReader {
public:
    // what: human name of the document for error messages ("descriptor", ...).
    DocumentReader(QByteArrayView text, const char* what);

    // Reads the next item. Returns false at the end of the input or on a
    // syntax error (then failed() is true and error() says why).
    bool next(DocItem& item);
    [[nodiscard]] bool failed() const { return m_failed; }
    [[nodiscard]] const Error& error() const { return m_error; }
    [[nodiscard]] qsizetype position() const { return m_pos; }

    // Splits space/tab separated arguments into out[0..max). Returns the
    // number found, or -1 if there are more than max.
    static int splitArgs(QByteArrayView args, QByteArrayView* out, int max);

private:
    bool fail(QString message);

    QByteArrayView m_text;
    const char* m_what;
    qsizetype m_pos = 0;
    bool m_failed = false;
    Error m_error;
};

}  // namespace rb::descriptor
