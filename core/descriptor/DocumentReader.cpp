#include "descriptor/DocumentReader.h"

#include "descriptor/DescriptorLimits.h"

#include <cstring>

namespace rb::descriptor {

namespace {
bool isBlank(char c) { return c == ' ' || c == '\t'; }
bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

qsizetype findLineEnd(QByteArrayView text, qsizetype from)
{
    if (from >= text.size()) {
        return text.size();
    }
    const void* nl = std::memchr(text.data() + from, '\n', static_cast<std::size_t>(text.size() - from));
    return nl == nullptr ? text.size() : static_cast<const char*>(nl) - text.data();
}
}  // namespace

DocumentReader::DocumentReader(QByteArrayView text, const char* what) : m_text(text), m_what(what)
{
    // memchr on a null pointer is undefined even for length 0 (empty view).
    if (!text.isEmpty() && std::memchr(text.data(), '\0', static_cast<std::size_t>(text.size())) != nullptr) {
        fail(QStringLiteral("The %1 contains a NUL byte; it is corrupt").arg(QLatin1String(m_what)));
    }
}

bool DocumentReader::fail(QString message)
{
    m_failed = true;
    m_error = makeError(ErrorCode::ParseError, std::move(message),
                        QStringLiteral("%1, byte offset %2").arg(QLatin1String(m_what)).arg(m_pos));
    return false;
}

bool DocumentReader::next(DocItem& item)
{
    if (m_failed) {
        return false;
    }
    // Skip blank lines / whitespace between items.
    while (m_pos < m_text.size() && isSpace(m_text[m_pos])) {
        ++m_pos;
    }
    if (m_pos >= m_text.size()) {
        return false;
    }
    const qsizetype lineStart = m_pos;
    const qsizetype eol = findLineEnd(m_text, lineStart);
    if (eol - lineStart > kMaxLineLength) {
        return fail(QStringLiteral("A line of the %1 is far too long").arg(QLatin1String(m_what)));
    }
    qsizetype k = lineStart;
    while (k < eol && !isBlank(m_text[k])) {
        ++k;
    }
    item = DocItem{};
    item.begin = lineStart;
    item.keyword = m_text.sliced(lineStart, k - lineStart);
    while (k < eol && isBlank(m_text[k])) {
        ++k;
    }
    item.args = m_text.sliced(k, eol - k);
    m_pos = eol < m_text.size() ? eol + 1 : eol;
    item.end = m_pos;

    // Object?
    static constexpr QByteArrayView kBegin("-----BEGIN ");
    static constexpr QByteArrayView kEnd("-----END ");
    static constexpr QByteArrayView kDashes("-----");
    // Like tor, whitespace (blank lines) may separate a keyword line from its object.
    qsizetype objStart = m_pos;
    while (objStart < m_text.size() && isSpace(m_text[objStart])) {
        ++objStart;
    }
    if (objStart >= m_text.size() || !m_text.sliced(objStart).startsWith(kBegin)) {
        return true;
    }
    m_pos = objStart;
    const qsizetype beginEol = findLineEnd(m_text, m_pos);
    const QByteArrayView beginLine = m_text.sliced(m_pos, beginEol - m_pos);
    if (beginLine.size() <= kBegin.size() + kDashes.size() || !beginLine.endsWith(kDashes)) {
        return fail(QStringLiteral("Malformed object in the %1: bad BEGIN line").arg(QLatin1String(m_what)));
    }
    item.objectType = beginLine.sliced(kBegin.size(), beginLine.size() - kBegin.size() - kDashes.size());
    if (beginEol >= m_text.size()) {
        return fail(QStringLiteral("Malformed object in the %1: missing END line").arg(QLatin1String(m_what)));
    }
    const qsizetype bodyStart = beginEol + 1;
    const qsizetype endTag = m_text.sliced(bodyStart).indexOf(kEnd);
    if (endTag < 0) {
        return fail(QStringLiteral("Malformed object in the %1: missing END line").arg(QLatin1String(m_what)));
    }
    const qsizetype endStart = bodyStart + endTag;
    if (endTag > 0 && m_text[endStart - 1] != '\n') {
        return fail(QStringLiteral("Malformed object in the %1: END line does not start a line")
                        .arg(QLatin1String(m_what)));
    }
    const qsizetype endEol = findLineEnd(m_text, endStart);
    const QByteArrayView endLine = m_text.sliced(endStart, endEol - endStart);
    if (endLine.size() != kEnd.size() + item.objectType.size() + kDashes.size() ||
        endLine.sliced(kEnd.size(), item.objectType.size()) != item.objectType || !endLine.endsWith(kDashes)) {
        return fail(QStringLiteral("Malformed object in the %1: END tag does not match BEGIN tag")
                        .arg(QLatin1String(m_what)));
    }
    if (endTag > kMaxLineLength) {
        return fail(QStringLiteral("An object in the %1 is far too big").arg(QLatin1String(m_what)));
    }
    item.objectText = m_text.sliced(bodyStart, endTag);
    m_pos = endEol < m_text.size() ? endEol + 1 : endEol;
    item.end = m_pos;
    return true;
}

int DocumentReader::splitArgs(QByteArrayView args, QByteArrayView* out, int max)
{
    int n = 0;
    qsizetype i = 0;
    const qsizetype size = args.size();
    while (i < size) {
        while (i < size && isBlank(args[i])) {
            ++i;
        }
        if (i >= size) {
            break;
        }
        qsizetype j = i;
        while (j < size && !isBlank(args[j])) {
            ++j;
        }
        if (n >= max) {
            return -1;
        }
        out[n++] = args.sliced(i, j - i);
        i = j;
    }
    return n;
}

}  // namespace rb::descriptor
