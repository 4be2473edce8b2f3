#include "fleet/YamlSubset.h"

#include <QSet>

namespace rb::fleet {

using Node = YamlSubset::Node;

const Node* Node::value(QStringView key) const
{
    if (kind != Kind::Map) {
        return nullptr;
    }
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (keys.at(i) == key) {
            return &values.at(static_cast<std::size_t>(i));
        }
    }
    return nullptr;
}

namespace {

struct Line {
    int number;
    int indent;
    QString text;
};

Error yamlError(int line, const QString& what)
{
    return makeError(ErrorCode::ParseError, QStringLiteral("YAML line %1: %2").arg(line).arg(what));
}

bool isListItem(const QString& t)
{
    return t == QLatin1String("-") || t.startsWith(QLatin1String("- "));
}

// Position of the ':' that separates a key from its value, outside quotes; -1 if none.
qsizetype keyColon(const QString& t)
{
    if (t.startsWith(QLatin1Char('[')) || t.startsWith(QLatin1Char('{'))) {
        return -1;  // a flow collection, not "key: value"
    }
    QChar quote;
    for (qsizetype i = 0; i < t.size(); ++i) {
        const QChar c = t.at(i);
        if (!quote.isNull()) {
            if (c == quote) {
                quote = QChar();
            }
            continue;
        }
        if ((c == QLatin1Char('\'') || c == QLatin1Char('"')) && i == 0) {
            quote = c;
            continue;
        }
        if (c == QLatin1Char(':') && (i + 1 == t.size() || t.at(i + 1) == QLatin1Char(' '))) {
            return i;
        }
    }
    return -1;
}

Result<QString> unquote(const QString& raw, int line)
{
    const QString t = raw.trimmed();
    if (t.isEmpty() || t == QLatin1String("~") || t == QLatin1String("null")) {
        return QString();
    }
    const QChar first = t.front();
    if (first == QLatin1Char('&') || first == QLatin1Char('*') || first == QLatin1Char('!')) {
        return yamlError(line, QStringLiteral("anchors, aliases and tags are not supported"));
    }
    if (first == QLatin1Char('|') || first == QLatin1Char('>')) {
        return yamlError(line, QStringLiteral("block scalars (| or >) are not supported"));
    }
    if (first == QLatin1Char('\'')) {
        if (t.size() < 2 || t.back() != QLatin1Char('\'')) {
            return yamlError(line, QStringLiteral("unterminated single-quoted string"));
        }
        QString inner = t.mid(1, t.size() - 2);
        if (inner.count(QLatin1Char('\'')) % 2 != 0) {
            return yamlError(line, QStringLiteral("stray quote in a single-quoted string"));
        }
        return inner.replace(QLatin1String("''"), QLatin1String("'"));
    }
    if (first == QLatin1Char('"')) {
        if (t.size() < 2 || t.back() != QLatin1Char('"')) {
            return yamlError(line, QStringLiteral("unterminated double-quoted string"));
        }
        QString out;
        const QString inner = t.mid(1, t.size() - 2);
        for (qsizetype i = 0; i < inner.size(); ++i) {
            QChar c = inner.at(i);
            if (c == QLatin1Char('"')) {
                return yamlError(line, QStringLiteral("stray quote in a double-quoted string"));
            }
            if (c == QLatin1Char('\\')) {
                if (++i >= inner.size()) {
                    return yamlError(line, QStringLiteral("dangling backslash"));
                }
                c = inner.at(i);
                if (c == QLatin1Char('n')) {
                    out += QLatin1Char('\n');
                } else if (c == QLatin1Char('t')) {
                    out += QLatin1Char('\t');
                } else if (c == QLatin1Char('\\') || c == QLatin1Char('"') || c == QLatin1Char('/')) {
                    out += c;
                } else {
                    return yamlError(line, QStringLiteral("unsupported escape \\%1").arg(c));
                }
                continue;
            }
            out += c;
        }
        return out;
    }
    return t;
}

class FlowParser {
public:
    FlowParser(const QString& text, int line) : m_t(text), m_line(line) {}

    Result<Node> parseAll()
    {
        RB_TRY(Node n, parseValue(0));
        skipSpaces();
        if (m_pos != m_t.size()) {
            return yamlError(m_line, QStringLiteral("unexpected text after a flow collection"));
        }
        return n;
    }

private:
    void skipSpaces()
    {
        while (m_pos < m_t.size() && m_t.at(m_pos).isSpace()) {
            ++m_pos;
        }
    }

    Result<Node> parseValue(int depth)
    {
        if (depth > YamlSubset::kMaxDepth) {
            return yamlError(m_line, QStringLiteral("nested too deeply"));
        }
        skipSpaces();
        if (m_pos >= m_t.size()) {
            return yamlError(m_line, QStringLiteral("unexpected end of a flow collection"));
        }
        const QChar c = m_t.at(m_pos);
        if (c == QLatin1Char('[') || c == QLatin1Char('{')) {
            const bool isMap = c == QLatin1Char('{');
            const QChar close = isMap ? QLatin1Char('}') : QLatin1Char(']');
            ++m_pos;
            Node n;
            n.kind = isMap ? Node::Kind::Map : Node::Kind::List;
            n.line = m_line;
            skipSpaces();
            if (m_pos < m_t.size() && m_t.at(m_pos) == close) {
                ++m_pos;
                return n;
            }
            while (true) {
                if (isMap) {
                    RB_TRY(Node keyNode, parseScalar(true));
                    skipSpaces();
                    if (m_pos >= m_t.size() || m_t.at(m_pos) != QLatin1Char(':')) {
                        return yamlError(m_line, QStringLiteral("expected ':' in a flow mapping"));
                    }
                    ++m_pos;
                    if (n.keys.contains(keyNode.scalar)) {
                        return yamlError(m_line, QStringLiteral("duplicate key '%1'").arg(keyNode.scalar));
                    }
                    RB_TRY(Node v, parseValue(depth + 1));
                    n.keys << keyNode.scalar;
                    n.values.push_back(std::move(v));
                } else {
                    RB_TRY(Node v, parseValue(depth + 1));
                    n.values.push_back(std::move(v));
                }
                skipSpaces();
                if (m_pos >= m_t.size()) {
                    return yamlError(m_line, QStringLiteral("unterminated flow collection"));
                }
                if (m_t.at(m_pos) == QLatin1Char(',')) {
                    ++m_pos;
                    continue;
                }
                if (m_t.at(m_pos) == close) {
                    ++m_pos;
                    return n;
                }
                return yamlError(m_line, QStringLiteral("expected ',' or '%1'").arg(close));
            }
        }
        return parseScalar(false);
    }

    Result<Node> parseScalar(bool isKey)
    {
        skipSpaces();
        const qsizetype start = m_pos;
        if (m_pos < m_t.size() && (m_t.at(m_pos) == QLatin1Char('\'') || m_t.at(m_pos) == QLatin1Char('"'))) {
            const QChar q = m_t.at(m_pos++);
            while (m_pos < m_t.size()) {
                if (m_t.at(m_pos) == q) {
                    if (q == QLatin1Char('\'') && m_pos + 1 < m_t.size() && m_t.at(m_pos + 1) == q) {
                        m_pos += 2;
                        continue;
                    }
                    break;
                }
                if (q == QLatin1Char('"') && m_t.at(m_pos) == QLatin1Char('\\')) {
                    ++m_pos;
                }
                ++m_pos;
            }
            if (m_pos >= m_t.size()) {
                return yamlError(m_line, QStringLiteral("unterminated quoted string"));
            }
            ++m_pos;
        } else {
            while (m_pos < m_t.size()) {
                const QChar c = m_t.at(m_pos);
                if (c == QLatin1Char(',') || c == QLatin1Char(']') || c == QLatin1Char('}') || c == QLatin1Char('[') ||
                    c == QLatin1Char('{') || (isKey && c == QLatin1Char(':'))) {
                    break;
                }
                ++m_pos;
            }
        }
        RB_TRY(QString s, unquote(m_t.mid(start, m_pos - start), m_line));
        Node n;
        n.line = m_line;
        n.scalar = s;
        return n;
    }

    const QString& m_t;
    int m_line;
    qsizetype m_pos = 0;
};

class BlockParser {
public:
    explicit BlockParser(std::vector<Line> lines) : m_lines(std::move(lines)) {}

    Result<Node> parseDocument()
    {
        if (m_lines.empty()) {
            Node n;
            n.kind = Node::Kind::Map;
            return n;
        }
        if (m_lines.front().indent != 0) {
            return yamlError(m_lines.front().number, QStringLiteral("the document must start at column 1"));
        }
        RB_TRY(Node n, parseBlock(0, 0));
        if (m_idx < m_lines.size()) {
            return yamlError(m_lines[m_idx].number, QStringLiteral("unexpected indentation"));
        }
        return n;
    }

private:
    Result<Node> parseBlock(int indent, int depth)
    {
        if (depth > YamlSubset::kMaxDepth) {
            return yamlError(m_lines[m_idx].number, QStringLiteral("nested too deeply"));
        }
        return isListItem(m_lines[m_idx].text) ? parseList(indent, depth) : parseMap(indent, depth);
    }

    Result<Node> parseList(int indent, int depth)
    {
        Node list;
        list.kind = Node::Kind::List;
        list.line = m_lines[m_idx].number;
        while (m_idx < m_lines.size() && m_lines[m_idx].indent == indent && isListItem(m_lines[m_idx].text)) {
            Line& l = m_lines[m_idx];
            const QString rest = l.text.mid(1);
            const QString item = rest.trimmed();
            if (item.isEmpty()) {
                ++m_idx;
                if (m_idx < m_lines.size() && m_lines[m_idx].indent > indent) {
                    RB_TRY(Node child, parseBlock(m_lines[m_idx].indent, depth + 1));
                    list.values.push_back(std::move(child));
                } else {
                    Node null;
                    null.line = l.number;
                    list.values.push_back(std::move(null));
                }
                continue;
            }
            const int itemIndent = indent + 1 + static_cast<int>(rest.indexOf(item));
            if (isListItem(item) || keyColon(item) >= 0) {
                // Re-read the rest of this line as the first line of a nested block.
                l.indent = itemIndent;
                l.text = item;
                RB_TRY(Node child, parseBlock(itemIndent, depth + 1));
                list.values.push_back(std::move(child));
            } else {
                RB_TRY(Node scalar, scalarOrFlow(item, l.number));
                list.values.push_back(std::move(scalar));
                ++m_idx;
            }
        }
        if (m_idx < m_lines.size() && m_lines[m_idx].indent > indent) {
            return yamlError(m_lines[m_idx].number, QStringLiteral("unexpected indentation"));
        }
        return list;
    }

    Result<Node> parseMap(int indent, int depth)
    {
        Node map;
        map.kind = Node::Kind::Map;
        map.line = m_lines[m_idx].number;
        while (m_idx < m_lines.size() && m_lines[m_idx].indent == indent) {
            const Line l = m_lines[m_idx];
            if (isListItem(l.text)) {
                if (map.keys.isEmpty()) {
                    return yamlError(l.number, QStringLiteral("a list item where a 'key: value' was expected"));
                }
                break;  // belongs to an enclosing list
            }
            const qsizetype colon = keyColon(l.text);
            if (colon < 0) {
                return yamlError(l.number, QStringLiteral("expected 'key: value'"));
            }
            RB_TRY(QString key, unquote(l.text.left(colon), l.number));
            if (key.isEmpty()) {
                return yamlError(l.number, QStringLiteral("empty key"));
            }
            if (map.keys.contains(key)) {
                return yamlError(l.number, QStringLiteral("duplicate key '%1'").arg(key));
            }
            const QString value = l.text.mid(colon + 1).trimmed();
            ++m_idx;
            Node child;
            if (value.isEmpty()) {
                if (m_idx < m_lines.size() && (m_lines[m_idx].indent > indent ||
                                               (m_lines[m_idx].indent == indent && isListItem(m_lines[m_idx].text)))) {
                    RB_TRY(Node c, parseBlock(m_lines[m_idx].indent, depth + 1));
                    child = std::move(c);
                } else {
                    child.line = l.number;
                }
            } else {
                RB_TRY(Node c, scalarOrFlow(value, l.number));
                child = std::move(c);
            }
            map.keys << key;
            map.values.push_back(std::move(child));
        }
        if (m_idx < m_lines.size() && m_lines[m_idx].indent > indent) {
            return yamlError(m_lines[m_idx].number, QStringLiteral("unexpected indentation"));
        }
        return map;
    }

    static Result<Node> scalarOrFlow(const QString& text, int line)
    {
        if (text.startsWith(QLatin1Char('[')) || text.startsWith(QLatin1Char('{'))) {
            return FlowParser(text, line).parseAll();
        }
        RB_TRY(QString s, unquote(text, line));
        Node n;
        n.line = line;
        n.scalar = s;
        return n;
    }

    std::vector<Line> m_lines;
    std::size_t m_idx = 0;
};

// Removes a comment: '#' at the start or after whitespace, outside quotes.
QString stripComment(const QString& t)
{
    QChar quote;
    for (qsizetype i = 0; i < t.size(); ++i) {
        const QChar c = t.at(i);
        if (!quote.isNull()) {
            if (c == quote) {
                quote = QChar();
            }
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            if (i == 0 || t.at(i - 1).isSpace() || t.at(i - 1) == QLatin1Char('[') || t.at(i - 1) == QLatin1Char('{') ||
                t.at(i - 1) == QLatin1Char(',')) {
                quote = c;
            }
            continue;
        }
        if (c == QLatin1Char('#') && (i == 0 || t.at(i - 1).isSpace())) {
            return t.left(i);
        }
    }
    return t;
}

}  // namespace

Result<Node> YamlSubset::parse(QByteArrayView text)
{
    if (text.size() > kMaxBytes) {
        return makeError(ErrorCode::TooLarge, QStringLiteral("The YAML file is larger than 1 MiB."));
    }
    if (text.contains('\0')) {
        return makeError(ErrorCode::ParseError, QStringLiteral("The YAML file contains NUL bytes."));
    }
    QString all = QString::fromUtf8(text);
    if (all.startsWith(QChar(0xFEFF))) {
        all.remove(0, 1);
    }
    const QStringList raw = all.split(QLatin1Char('\n'));
    if (raw.size() > kMaxLines) {
        return makeError(ErrorCode::TooLarge, QStringLiteral("The YAML file has more than %1 lines.").arg(kMaxLines));
    }
    std::vector<Line> lines;
    bool seenDocStart = false;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        QString l = raw.at(i);
        if (l.endsWith(QLatin1Char('\r'))) {
            l.chop(1);
        }
        const int number = static_cast<int>(i) + 1;
        int indent = 0;
        while (indent < l.size() && l.at(indent) == QLatin1Char(' ')) {
            ++indent;
        }
        if (indent < l.size() && l.at(indent) == QLatin1Char('\t')) {
            return yamlError(number, QStringLiteral("tabs are not allowed for indentation"));
        }
        const QString body = stripComment(l.mid(indent)).trimmed();
        if (body.isEmpty()) {
            continue;
        }
        if (indent == 0 && (body == QLatin1String("---") || body.startsWith(QLatin1String("%")))) {
            if (seenDocStart || !lines.empty()) {
                return yamlError(number, QStringLiteral("multiple documents are not supported"));
            }
            seenDocStart = true;
            continue;
        }
        if (indent == 0 && body == QLatin1String("...")) {
            break;
        }
        lines.push_back(Line{number, indent, body});
    }
    return BlockParser(std::move(lines)).parseDocument();
}

}  // namespace rb::fleet
