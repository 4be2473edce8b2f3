#include "control/MetricsParser.h"

#include "control/Syntax.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rb::control {

namespace {

bool isNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}

bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9');
}

Error bad(qsizetype lineNo, const QString& why, QByteArrayView line)
{
    return makeError(ErrorCode::ParseError, QStringLiteral("Malformed metrics line %1: %2").arg(lineNo).arg(why),
                     printable(line, 120));
}

std::optional<double> parseValue(QByteArrayView v)
{
    if (v == QByteArrayView("+Inf") || v == QByteArrayView("Inf")) {
        return std::numeric_limits<double>::infinity();
    }
    if (v == QByteArrayView("-Inf")) {
        return -std::numeric_limits<double>::infinity();
    }
    if (v == QByteArrayView("NaN")) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    bool ok = false;
    const double d = v.toByteArray().toDouble(&ok);
    if (!ok) {
        return std::nullopt;
    }
    return d;
}

bool labelsMatch(const MetricSample& s, const QList<std::pair<QByteArray, QByteArray>>& match)
{
    for (const auto& [k, v] : match) {
        const auto have = s.label(k);
        if (!have || *have != v) {
            return false;
        }
    }
    return true;
}

// Parses `{k="v",…}` starting at line[i] == '{'; advances i past '}'.
Status parseLabels(QByteArrayView line, qsizetype& i, MetricSample& s, qsizetype lineNo, qsizetype maxLabels)
{
    ++i;  // '{'
    const qsizetype n = line.size();
    while (true) {
        while (i < n && line[i] == ' ') {
            ++i;
        }
        if (i < n && line[i] == '}') {
            ++i;
            return {};
        }
        const qsizetype ks = i;
        while (i < n && isNameChar(line[i])) {
            ++i;
        }
        if (i == ks || i >= n || line[i] != '=') {
            return bad(lineNo, QStringLiteral("bad label name"), line);
        }
        QByteArray key = line.sliced(ks, i - ks).toByteArray();
        ++i;
        if (i >= n || line[i] != '"') {
            return bad(lineNo, QStringLiteral("label value must be quoted"), line);
        }
        ++i;
        QByteArray value;
        bool closed = false;
        while (i < n) {
            const char c = line[i];
            if (c == '"') {
                closed = true;
                ++i;
                break;
            }
            if (c == '\\' && i + 1 < n) {
                const char e = line[i + 1];
                value.append(e == 'n' ? '\n' : e);
                i += 2;
                continue;
            }
            value.append(c);
            ++i;
        }
        if (!closed) {
            return bad(lineNo, QStringLiteral("unterminated label value"), line);
        }
        if (s.labels.size() >= maxLabels) {
            return makeError(ErrorCode::TooLarge,
                             QStringLiteral("Metrics line %1 has more than %2 labels").arg(lineNo).arg(maxLabels));
        }
        s.labels.append(std::make_pair(std::move(key), std::move(value)));
        while (i < n && line[i] == ' ') {
            ++i;
        }
        if (i < n && line[i] == ',') {
            ++i;
            continue;
        }
        if (i < n && line[i] == '}') {
            ++i;
            return {};
        }
        return bad(lineNo, QStringLiteral("expected ',' or '}' in labels"), line);
    }
}

}  // namespace

std::optional<QByteArray> MetricSample::label(QByteArrayView key) const
{
    for (const auto& [k, v] : labels) {
        if (k == key) {
            return v;
        }
    }
    return std::nullopt;
}

QList<MetricSample> Metrics::find(QByteArrayView name, const QList<std::pair<QByteArray, QByteArray>>& match) const
{
    QList<MetricSample> out;
    for (const MetricSample& s : samples) {
        if (s.name == name && labelsMatch(s, match)) {
            out.append(s);
        }
    }
    return out;
}

std::optional<double> Metrics::total(QByteArrayView name, const QList<std::pair<QByteArray, QByteArray>>& match) const
{
    std::optional<double> sum;
    for (const MetricSample& s : samples) {
        if (s.name == name && labelsMatch(s, match)) {
            sum = sum.value_or(0.0) + s.value;
        }
    }
    return sum;
}

std::optional<HistogramData> Metrics::histogram(QByteArrayView name,
                                                const QList<std::pair<QByteArray, QByteArray>>& match) const
{
    const QByteArray base = name.toByteArray();
    HistogramData h;
    bool any = false;
    for (const MetricSample& s : samples) {
        if (!labelsMatch(s, match)) {
            continue;
        }
        if (s.name == base + "_bucket") {
            const auto le = s.label("le");
            if (!le) {
                continue;
            }
            const auto bound = parseValue(*le);
            if (!bound) {
                continue;
            }
            h.buckets.append({*bound, s.value});
            any = true;
        } else if (s.name == base + "_sum") {
            h.sum = s.value;
            any = true;
        } else if (s.name == base + "_count") {
            h.count = s.value;
            any = true;
        }
    }
    if (!any) {
        return std::nullopt;
    }
    std::sort(h.buckets.begin(), h.buckets.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return h;
}

QMap<QString, QList<MetricSample>> Metrics::onionServiceSeries() const
{
    QMap<QString, QList<MetricSample>> out;
    for (const MetricSample& s : samples) {
        if (!s.name.startsWith("tor_hs_")) {
            continue;
        }
        const auto onion = s.label("onion");
        if (!onion) {
            continue;
        }
        QString id = QString::fromLatin1(*onion);
        if (id.endsWith(QLatin1String(".onion"))) {
            id.chop(6);
        }
        out[id].append(s);
    }
    return out;
}

Result<Metrics> MetricsParser::parse(QByteArrayView text, const MetricsParserLimits& limits)
{
    if (text.size() > limits.maxBytes) {
        return makeError(ErrorCode::TooLarge,
                         QStringLiteral("The metrics page is larger than %1 bytes").arg(limits.maxBytes));
    }
    Metrics m;
    qsizetype start = 0;
    qsizetype lineNo = 0;
    while (start < text.size()) {
        qsizetype nl = text.indexOf('\n', start);
        if (nl < 0) {
            nl = text.size();
        }
        QByteArrayView line = text.sliced(start, nl - start);
        start = nl + 1;
        ++lineNo;
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (line.size() > limits.maxLineLength) {
            return makeError(
                ErrorCode::TooLarge,
                QStringLiteral("Metrics line %1 is longer than %2 bytes").arg(lineNo).arg(limits.maxLineLength));
        }
        line = line.trimmed();
        if (line.isEmpty()) {
            continue;
        }
        if (line.startsWith('#')) {
            // "# HELP name text" / "# TYPE name type"; other comments ignored.
            QByteArrayView rest = line.sliced(1).trimmed();
            const bool help = rest.startsWith("HELP ");
            const bool type = rest.startsWith("TYPE ");
            if (!help && !type) {
                continue;
            }
            rest = rest.sliced(5).trimmed();
            const qsizetype sp = rest.indexOf(' ');
            const QByteArray name = (sp < 0 ? rest : rest.first(sp)).toByteArray();
            const QByteArray value = sp < 0 ? QByteArray() : rest.sliced(sp + 1).trimmed().toByteArray();
            if (name.isEmpty()) {
                return bad(lineNo, QStringLiteral("comment without a metric name"), line);
            }
            MetricFamily& f = m.families[name];
            f.name = name;
            if (help) {
                f.help = value;
            } else {
                f.type = value;
            }
            continue;
        }
        if (m.samples.size() >= limits.maxSamples) {
            return makeError(ErrorCode::TooLarge,
                             QStringLiteral("The metrics page has more than %1 samples").arg(limits.maxSamples));
        }
        MetricSample s;
        qsizetype i = 0;
        if (!isNameStart(line[0])) {
            return bad(lineNo, QStringLiteral("bad metric name"), line);
        }
        while (i < line.size() && isNameChar(line[i])) {
            ++i;
        }
        s.name = line.first(i).toByteArray();
        if (i < line.size() && line[i] == '{') {
            RB_TRY_STATUS(parseLabels(line, i, s, lineNo, limits.maxLabelsPerSample));
        }
        QByteArrayView rest = line.sliced(i).trimmed();
        const qsizetype sp = rest.indexOf(' ');
        const QByteArrayView valueText = sp < 0 ? rest : rest.first(sp);
        const auto v = parseValue(valueText);
        if (valueText.isEmpty() || !v) {
            return bad(lineNo, QStringLiteral("bad sample value"), line);
        }
        s.value = *v;
        if (sp >= 0) {
            bool ok = false;
            const qint64 ts = rest.sliced(sp + 1).trimmed().toByteArray().toLongLong(&ok);
            if (!ok) {
                return bad(lineNo, QStringLiteral("bad timestamp"), line);
            }
            s.timestampMs = ts;
        }
        m.samples.append(std::move(s));
    }
    return m;
}

}  // namespace rb::control
