#include "balancer/RemotePublisherStatus.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace rb::balancer {

namespace {

using control::MetricSample;
using control::Metrics;

constexpr double kMaxCount = 9007199254740992.0;  // 2^53: larger values are not exact in the text format

Error badValue(const MetricSample& s)
{
    return makeError(ErrorCode::ParseError,
                     QStringLiteral("The publisher's metrics carry an impossible value for %1; check that the "
                                    "endpoint is a RustBalance publisher of this version.")
                         .arg(QString::fromLatin1(s.name)),
                     QString::number(s.value));
}

Result<quint64> count(const MetricSample& s)
{
    if (!std::isfinite(s.value) || s.value < 0.0 || s.value > kMaxCount) {
        return badValue(s);
    }
    return static_cast<quint64>(std::llround(s.value));
}

Result<int> smallCount(const MetricSample& s)
{
    if (!std::isfinite(s.value) || s.value < 0.0 || s.value > 1.0e9) {
        return badValue(s);
    }
    return static_cast<int>(std::lround(s.value));
}

QString label(const MetricSample& s, const char* key)
{
    return QString::fromUtf8(s.label(key).value_or(QByteArray()));
}

std::optional<UploadState> stateFromName(const QString& name)
{
    if (name == QLatin1String("pending")) {
        return UploadState::Pending;
    }
    if (name == QLatin1String("uploaded")) {
        return UploadState::Uploaded;
    }
    if (name == QLatin1String("failed")) {
        return UploadState::Failed;
    }
    if (name == QLatin1String("timeout")) {
        return UploadState::TimedOut;
    }
    return std::nullopt;
}

RemotePublisherStatus::Descriptor& descriptorSlot(RemotePublisherStatus& st, const QString& which)
{
    for (RemotePublisherStatus::Descriptor& d : st.descriptors) {
        if (d.which == which) {
            return d;
        }
    }
    RemotePublisherStatus::Descriptor d;
    d.which = which;
    st.descriptors.append(d);
    return st.descriptors.last();
}

RemotePublisherStatus::Node& nodeSlot(QMap<QString, RemotePublisherStatus::Node>& nodes, const QString& name)
{
    auto it = nodes.find(name);
    if (it == nodes.end()) {
        RemotePublisherStatus::Node n;
        n.name = name;
        it = nodes.insert(name, n);
    }
    return it.value();
}

}  // namespace

int RemotePublisherStatus::Node::introPublishedTotal() const
{
    int sum = 0;
    for (const int v : introPublished) {
        sum += v;
    }
    return sum;
}

const RemotePublisherStatus::Descriptor* RemotePublisherStatus::descriptor(const QString& which) const
{
    for (const Descriptor& d : descriptors) {
        if (d.which == which) {
            return &d;
        }
    }
    return nullptr;
}

const RemotePublisherStatus::Node* RemotePublisherStatus::node(const QString& name) const
{
    for (const Node& n : nodes) {
        if (n.name == name) {
            return &n;
        }
    }
    return nullptr;
}

int RemotePublisherStatus::nodesUp() const
{
    return static_cast<int>(std::count_if(nodes.cbegin(), nodes.cend(), [](const Node& n) { return n.up; }));
}

QString RemotePublisherStatus::uploadStateName(UploadState state)
{
    switch (state) {
    case UploadState::Pending: return QStringLiteral("pending");
    case UploadState::Uploaded: return QStringLiteral("uploaded");
    case UploadState::Failed: return QStringLiteral("failed");
    case UploadState::TimedOut: return QStringLiteral("timeout");
    }
    return QStringLiteral("pending");
}

Result<RemotePublisherStatus> RemotePublisherStatus::parse(QByteArrayView text)
{
    control::MetricsParserLimits limits;
    limits.maxBytes = 8 * 1024 * 1024;
    auto metrics = control::MetricsParser::parse(text, limits);
    if (!metrics) {
        Error e = metrics.error();
        if (e.code == ErrorCode::ParseError) {
            e.detail = e.message + (e.detail.isEmpty() ? QString() : QStringLiteral(": ") + e.detail);
            e.message = QStringLiteral("The endpoint did not answer with Prometheus text; check that the port is "
                                       "the publisher's --metrics-listen port.");
        }
        return e;
    }
    return fromMetrics(metrics.value());
}

Result<RemotePublisherStatus> RemotePublisherStatus::fromMetrics(const Metrics& m)
{
    RemotePublisherStatus st;
    const QList<MetricSample> info = m.find("rustbalance_publisher_info");
    if (info.isEmpty() || !info.front().label("master")) {
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("The endpoint is not a RustBalance publisher (no rustbalance_publisher_info); "
                                        "check the port: it must be the one given to rbctl publish --metrics-listen."));
    }
    st.master = label(info.front(), "master");

    for (const MetricSample& s : m.samples) {
        const QByteArray& n = s.name;
        if (!n.startsWith("rustbalance_") || n == "rustbalance_publisher_info" || n.startsWith("rustbalance_node_")) {
            continue;
        }
        const bool perDescriptor = n == "rustbalance_publications_total" || n == "rustbalance_revision_counter" ||
                                   n == "rustbalance_descriptor_intro_points" ||
                                   n == "rustbalance_last_successful_publication_timestamp_seconds" ||
                                   n == "rustbalance_hsdir_upload_state" || n == "rustbalance_hsdir_uploads_total";
        if (perDescriptor && label(s, "descriptor").isEmpty()) {
            return makeError(ErrorCode::ParseError,
                             QStringLiteral("The publisher's metrics name no descriptor for %1.")
                                 .arg(QString::fromLatin1(n)));
        }
        if (n == "rustbalance_publications_total" || n == "rustbalance_revision_counter" ||
            n == "rustbalance_descriptor_intro_points" ||
            n == "rustbalance_last_successful_publication_timestamp_seconds") {
            Descriptor& d = descriptorSlot(st, label(s, "descriptor"));
            if (n == "rustbalance_publications_total") {
                RB_TRY(d.publications, count(s));
            } else if (n == "rustbalance_revision_counter") {
                RB_TRY(d.revision, count(s));
            } else if (n == "rustbalance_descriptor_intro_points") {
                RB_TRY(d.introPoints, smallCount(s));
            } else {
                if (!std::isfinite(s.value) || s.value < 0.0 || s.value > 1.0e11) {
                    return badValue(s);
                }
                d.lastSuccess = s.value > 0.0 ? QDateTime::fromMSecsSinceEpoch(std::llround(s.value * 1000.0), Qt::UTC)
                                              : QDateTime();
            }
        } else if (n == "rustbalance_hsdir_upload_state") {
            if (s.value < 0.5) {
                continue;  // only the state the HSDir is in carries 1
            }
            const auto state = stateFromName(label(s, "state"));
            if (!state) {
                return makeError(ErrorCode::ParseError,
                                 QStringLiteral("The publisher's metrics name an unknown upload state."),
                                 label(s, "state"));
            }
            HsDirUpload u{label(s, "descriptor"), label(s, "hsdir"), label(s, "nickname"), *state};
            descriptorSlot(st, u.descriptor).hsdirs[u.state] += 1;
            st.uploads.append(u);
        } else if (n == "rustbalance_hsdir_uploads_total") {
            RB_TRY(const quint64 c, count(s));
            descriptorSlot(st, label(s, "descriptor")).uploadTotals[label(s, "state")] += c;
        } else if (n == "rustbalance_config_reloads_total") {
            RB_TRY(st.reloads, count(s));
        }
    }

    QMap<QString, Node> nodes;
    for (const MetricSample& s : m.samples) {
        const QByteArray& n = s.name;
        if (!n.startsWith("rustbalance_node_")) {
            continue;
        }
        const QString name = label(s, "node");
        if (name.isEmpty()) {
            return makeError(ErrorCode::ParseError,
                             QStringLiteral("The publisher's metrics name no node for %1.").arg(QString::fromLatin1(n)));
        }
        Node& node = nodeSlot(nodes, name);
        if (n == "rustbalance_node_up") {
            node.up = s.value >= 0.5;
        } else if (n == "rustbalance_node_config_ok") {
            node.configOk = s.value >= 0.5;
        } else if (n == "rustbalance_node_intro_points_established") {
            RB_TRY(node.introEstablished, smallCount(s));
        } else if (n == "rustbalance_node_intro_points_expected") {
            RB_TRY(node.introExpected, smallCount(s));
        } else if (n == "rustbalance_node_intro_points_published") {
            RB_TRY(node.introPublished[label(s, "descriptor")], smallCount(s));
        } else if (n == "rustbalance_node_intro2_errors_total") {
            RB_TRY(const quint64 c, count(s));
            const QString kind = label(s, "kind");
            if (kind == QLatin1String("could_not_get_keys")) {
                node.intro2.couldNotGetKeys = c;
            } else if (kind == QLatin1String("invalid_introduce2")) {
                node.intro2.invalidIntroduce2 = c;
            } else if (kind == QLatin1String("subcredential")) {
                node.intro2.subcredential = c;
            } else if (kind == QLatin1String("bad_auth_key")) {
                node.intro2.badAuthKey = c;
            } else if (kind == QLatin1String("replay")) {
                node.intro2.replay = c;
            }
        }
    }
    st.nodes = nodes.values();
    std::sort(st.descriptors.begin(), st.descriptors.end(),
              [](const Descriptor& a, const Descriptor& b) { return a.which < b.which; });
    return st;
}

}  // namespace rb::balancer
