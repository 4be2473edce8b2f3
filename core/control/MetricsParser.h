#pragma once
// Prometheus text exposition format (what tor's MetricsPort serves):
//   # HELP name text / # TYPE name counter|gauge|histogram|summary|untyped
//   name{label="value",…} value [timestamp]
// Histograms appear as name_bucket{…,le="…"}, name_sum, name_count.
// Pure parser with explicit limits and typed errors.

#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>
#include <utility>

namespace rb::control {

struct MetricSample {
    QByteArray name;
    QList<std::pair<QByteArray, QByteArray>> labels;  // in order, values unescaped
    double value = 0.0;
    std::optional<qint64> timestampMs;

    [[nodiscard]] std::optional<QByteArray> label(QByteArrayView key) const;
};

struct MetricFamily {
    QByteArray name;
    QByteArray type;  // counter, gauge, histogram, summary, untyped ("" if no # TYPE)
    QByteArray help;
};

struct HistogramData {
    QList<std::pair<double, double>> buckets;  // (upper bound "le", cumulative count), +Inf included
    double sum = 0.0;
    double count = 0.0;
};

struct Metrics {
    QList<MetricSample> samples;
    QMap<QByteArray, MetricFamily> families;

    // Samples named `name` whose labels include every (key, value) of `match`.
    [[nodiscard]] QList<MetricSample> find(QByteArrayView name,
                                           const QList<std::pair<QByteArray, QByteArray>>& match = {}) const;
    // Sum of the matching samples' values (nullopt when none match).
    [[nodiscard]] std::optional<double> total(QByteArrayView name,
                                              const QList<std::pair<QByteArray, QByteArray>>& match = {}) const;
    // The histogram `name` (its _bucket/_sum/_count samples) for `match`.
    [[nodiscard]] std::optional<HistogramData>
    histogram(QByteArrayView name, const QList<std::pair<QByteArray, QByteArray>>& match = {}) const;
    // tor_hs_* samples grouped by their onion="…" label (service id, no ".onion").
    [[nodiscard]] QMap<QString, QList<MetricSample>> onionServiceSeries() const;
};

struct MetricsParserLimits {
    qsizetype maxBytes = 16 * 1024 * 1024;
    qsizetype maxLineLength = 64 * 1024;
    qsizetype maxSamples = 500000;
    qsizetype maxLabelsPerSample = 64;
};

class MetricsParser {
public:
    static Result<Metrics> parse(QByteArrayView text, const MetricsParserLimits& limits = {});
};

}  // namespace rb::control
