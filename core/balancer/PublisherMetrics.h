#pragma once
// Prometheus text exposition (format 0.0.4) of a running publisher: what
// `rbctl publish --watch --metrics-listen 127.0.0.1:PORT` serves on GET
// /metrics (MetricsServer). Pure: snapshot() copies what the publisher knows,
// render() turns a snapshot into text, so both are testable without sockets.
//
// Series (all prefixed rustbalance_; documented in docs/OPERATOR-GUIDE.md):
//   publisher_info{master}                                   gauge   1
//   publications_total{descriptor}                           counter descriptors built and posted
//   last_successful_publication_timestamp_seconds{descriptor} gauge  last HSDir confirmation (0 = none)
//   revision_counter{descriptor}                             gauge   revision counter of the current build
//   descriptor_intro_points{descriptor}                      gauge   intro points in the current build
//   hsdir_uploads_total{descriptor,hsdir,nickname,state}     counter HSDir answers: uploaded/failed/timeout
//   hsdir_upload_state{descriptor,hsdir,nickname,state}      gauge   1 for the HSDir's current state
//                                                                    (pending/uploaded/failed/timeout), else 0
//   config_reloads_total                                     counter configuration reloads applied (SIGHUP)
//   node_up{node}                                            gauge   1 when the control connection is up
//   node_config_ok{node}                                     gauge   1 when the node's configuration check passed
//   node_intro_points_established{node}                      gauge   established intro circuits
//   node_intro_points_expected{node}                         gauge   intro points the node should have
//   node_intro_points_published{node,descriptor}             gauge   the node's intro points in that build
//   node_intro2_errors_total{node,kind}                      counter INTRO2 errors: could_not_get_keys (WARN
//                                                                    lines), invalid_introduce2, subcredential,
//                                                                    bad_auth_key, replay (MetricsPort)

#include "balancer/FleetTypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace rb::balancer {

class Publisher;

struct MetricsSnapshot {
    struct Upload {
        QString descriptor;
        QString fingerprint;
        QString nickname;
        UploadState state = UploadState::Pending;
        quint64 count = 0;  // for totals
    };
    QString master;
    quint64 publications[2] = {0, 0};
    QDateTime lastUploaded[2];
    quint64 revision[2] = {0, 0};
    int introPoints[2] = {0, 0};
    QMap<QString, int> introPointsByNode[2];
    QList<Upload> uploadTotals;   // one entry per (descriptor, hsdir, state) seen
    QList<Upload> uploadCurrent;  // the current build's state per HSDir
    quint64 reloads = 0;
    QList<NodeHealth> nodes;
};

class PublisherMetrics {
public:
    static constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

    [[nodiscard]] static MetricsSnapshot snapshot(const Publisher& publisher);
    [[nodiscard]] static QByteArray render(const MetricsSnapshot& snapshot);
    // Label value escaping of the text format: backslash, double quote, line feed.
    [[nodiscard]] static QString escapeLabel(const QString& value);
    // The documented series names (without HELP/TYPE), for tests and docs.
    [[nodiscard]] static QStringList seriesNames();
};

}  // namespace rb::balancer
