#include "balancer/PublisherMetrics.h"

#include "balancer/Publisher.h"

namespace rb::balancer {

namespace {

struct Family {
    const char* name;
    const char* type;
    const char* help;
};

// Order = output order. Keep in sync with the header and docs/OPERATOR-GUIDE.md.
constexpr Family kFamilies[] = {
    {"rustbalance_publisher_info", "gauge", "The publisher is running; the master onion address as a label."},
    {"rustbalance_publications_total", "counter", "Merged descriptors built and posted to the HSDirs, per descriptor."},
    {"rustbalance_last_successful_publication_timestamp_seconds", "gauge",
     "Unix time of the last HSDir confirmation (UPLOADED) of the descriptor; 0 if none yet."},
    {"rustbalance_revision_counter", "gauge", "Revision counter of the descriptor's current build."},
    {"rustbalance_descriptor_intro_points", "gauge", "Intro points in the descriptor's current build."},
    {"rustbalance_hsdir_uploads_total", "counter", "HSDir answers to uploads by descriptor, HSDir and state "
                                                   "(uploaded, failed, timeout)."},
    {"rustbalance_hsdir_upload_state", "gauge", "Current upload state of the descriptor's current build per "
                                                "responsible HSDir: 1 for the state it is in, 0 for the others."},
    {"rustbalance_config_reloads_total", "counter", "Configuration reloads (SIGHUP) applied."},
    {"rustbalance_node_up", "gauge", "1 when the node's control connection is up and authenticated."},
    {"rustbalance_node_config_ok", "gauge", "1 when the node passed the configuration check."},
    {"rustbalance_node_intro_points_established", "gauge", "Established intro circuits of the node."},
    {"rustbalance_node_intro_points_expected", "gauge", "Intro points the node is configured to keep."},
    {"rustbalance_node_intro_points_published", "gauge",
     "The node's intro points in the descriptor's current build."},
    {"rustbalance_node_intro2_errors_total", "counter",
     "INTRO2 errors on the node by kind: could_not_get_keys (tor WARN lines), invalid_introduce2, subcredential, "
     "bad_auth_key, replay (tor MetricsPort)."},
};

QString stateName(UploadState s)
{
    switch (s) {
    case UploadState::Pending: return QStringLiteral("pending");
    case UploadState::Uploaded: return QStringLiteral("uploaded");
    case UploadState::Failed: return QStringLiteral("failed");
    case UploadState::TimedOut: return QStringLiteral("timeout");
    }
    return QStringLiteral("pending");
}

QString slot(int i)
{
    return i == 0 ? QStringLiteral("first") : QStringLiteral("second");
}

class Writer {
public:
    void family(int index)
    {
        const Family& f = kFamilies[index];
        m_out += QByteArray("# HELP ") + f.name + ' ' + f.help + '\n';
        m_out += QByteArray("# TYPE ") + f.name + ' ' + f.type + '\n';
        m_current = f.name;
    }
    void sample(const QList<QPair<QString, QString>>& labels, const QByteArray& value)
    {
        m_out += m_current;
        if (!labels.isEmpty()) {
            m_out += '{';
            bool first = true;
            for (const auto& l : labels) {
                if (!first) {
                    m_out += ',';
                }
                first = false;
                m_out += l.first.toUtf8() + "=\"" + PublisherMetrics::escapeLabel(l.second).toUtf8() + '"';
            }
            m_out += '}';
        }
        m_out += ' ' + value + '\n';
    }
    void sample(const QList<QPair<QString, QString>>& labels, quint64 value) { sample(labels, QByteArray::number(value)); }
    void sample(const QList<QPair<QString, QString>>& labels, int value) { sample(labels, QByteArray::number(value)); }
    [[nodiscard]] QByteArray text() const { return m_out; }

private:
    QByteArray m_out;
    QByteArray m_current;
};

using Labels = QList<QPair<QString, QString>>;

}  // namespace

QString PublisherMetrics::escapeLabel(const QString& value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        if (c == u'\\') {
            out += QStringLiteral("\\\\");
        } else if (c == u'"') {
            out += QStringLiteral("\\\"");
        } else if (c == u'\n') {
            out += QStringLiteral("\\n");
        } else {
            out += c;
        }
    }
    return out;
}

QStringList PublisherMetrics::seriesNames()
{
    QStringList names;
    for (const Family& f : kFamilies) {
        names << QString::fromLatin1(f.name);
    }
    return names;
}

MetricsSnapshot PublisherMetrics::snapshot(const Publisher& publisher)
{
    MetricsSnapshot s;
    s.master = publisher.masterAddress().toString();
    const PublisherCounters& c = publisher.counters();
    const PublicationState st = publisher.publication();
    for (int i = 0; i < 2; ++i) {
        const DescriptorPublication& d = i == 0 ? st.first : st.second;
        s.publications[i] = c.publications[i];
        s.lastUploaded[i] = c.lastUploaded[i];
        s.revision[i] = d.revisionCounter;
        s.introPoints[i] = d.introPointCount;
        s.introPointsByNode[i] = d.introPointsByNode;
        for (const UploadResult& u : d.uploads) {
            s.uploadCurrent.append({slot(i), u.hsdirFingerprint, u.hsdirNickname, u.state, 1});
        }
    }
    for (auto it = c.uploads.cbegin(); it != c.uploads.cend(); ++it) {
        s.uploadTotals.append({it.key().descriptor, it.key().fingerprint, it.key().nickname, it.key().state, it.value()});
    }
    s.reloads = c.reloads;
    s.nodes = publisher.nodes();
    return s;
}

QByteArray PublisherMetrics::render(const MetricsSnapshot& s)
{
    Writer w;
    int f = 0;
    w.family(f++);
    w.sample(Labels{{QStringLiteral("master"), s.master}}, 1);

    w.family(f++);
    for (int i = 0; i < 2; ++i) {
        w.sample(Labels{{QStringLiteral("descriptor"), slot(i)}}, s.publications[i]);
    }
    w.family(f++);
    for (int i = 0; i < 2; ++i) {
        const QByteArray v = s.lastUploaded[i].isValid()
                                 ? QByteArray::number(static_cast<double>(s.lastUploaded[i].toMSecsSinceEpoch()) / 1000.0,
                                                      'f', 3)
                                 : QByteArray("0");
        w.sample(Labels{{QStringLiteral("descriptor"), slot(i)}}, v);
    }
    w.family(f++);
    for (int i = 0; i < 2; ++i) {
        w.sample(Labels{{QStringLiteral("descriptor"), slot(i)}}, s.revision[i]);
    }
    w.family(f++);
    for (int i = 0; i < 2; ++i) {
        w.sample(Labels{{QStringLiteral("descriptor"), slot(i)}}, s.introPoints[i]);
    }

    w.family(f++);
    for (const MetricsSnapshot::Upload& u : s.uploadTotals) {
        w.sample(Labels{{QStringLiteral("descriptor"), u.descriptor},
                        {QStringLiteral("hsdir"), u.fingerprint},
                        {QStringLiteral("nickname"), u.nickname},
                        {QStringLiteral("state"), stateName(u.state)}},
                 u.count);
    }
    w.family(f++);
    for (const MetricsSnapshot::Upload& u : s.uploadCurrent) {
        for (UploadState state : {UploadState::Pending, UploadState::Uploaded, UploadState::Failed,
                                  UploadState::TimedOut}) {
            w.sample(Labels{{QStringLiteral("descriptor"), u.descriptor},
                            {QStringLiteral("hsdir"), u.fingerprint},
                            {QStringLiteral("nickname"), u.nickname},
                            {QStringLiteral("state"), stateName(state)}},
                     u.state == state ? 1 : 0);
        }
    }
    w.family(f++);
    w.sample({}, s.reloads);

    w.family(f++);
    for (const NodeHealth& n : s.nodes) {
        w.sample(Labels{{QStringLiteral("node"), n.name}}, n.connection == ConnectionState::Connected ? 1 : 0);
    }
    w.family(f++);
    for (const NodeHealth& n : s.nodes) {
        w.sample(Labels{{QStringLiteral("node"), n.name}}, n.configCheck == ConfigCheck::Ok ? 1 : 0);
    }
    w.family(f++);
    for (const NodeHealth& n : s.nodes) {
        w.sample(Labels{{QStringLiteral("node"), n.name}}, n.introEstablished);
    }
    w.family(f++);
    for (const NodeHealth& n : s.nodes) {
        w.sample(Labels{{QStringLiteral("node"), n.name}}, n.introExpected);
    }
    w.family(f++);
    for (const NodeHealth& n : s.nodes) {
        for (int i = 0; i < 2; ++i) {
            w.sample(Labels{{QStringLiteral("node"), n.name}, {QStringLiteral("descriptor"), slot(i)}},
                     s.introPointsByNode[i].value(n.name));
        }
    }
    w.family(f++);
    for (const NodeHealth& n : s.nodes) {
        const QList<QPair<const char*, quint64>> kinds{{"could_not_get_keys", n.intro2.couldNotGetKeysWarnings},
                                                       {"invalid_introduce2", n.intro2.invalidIntroduce2},
                                                       {"subcredential", n.intro2.subcredential},
                                                       {"bad_auth_key", n.intro2.badAuthKey},
                                                       {"replay", n.intro2.replay}};
        for (const auto& k : kinds) {
            w.sample(Labels{{QStringLiteral("node"), n.name}, {QStringLiteral("kind"), QString::fromLatin1(k.first)}},
                     k.second);
        }
    }
    return w.text();
}

}  // namespace rb::balancer
