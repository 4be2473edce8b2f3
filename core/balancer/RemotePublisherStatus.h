#pragma once
// A remote headless publisher's state as read from its Prometheus endpoint
// (`rbctl publish --watch --metrics-listen 127.0.0.1:PORT`, rendered by
// PublisherMetrics). Pure: parse() turns the text (or already parsed
// control::Metrics) into typed values, so the console can show a publisher
// that runs on a server. Text that is not a RustBalance publisher's (no
// rustbalance_publisher_info sample) is refused with ErrorCode::Unsupported;
// text that is not Prometheus text at all with ErrorCode::ParseError.

#include "balancer/FleetTypes.h"
#include "control/MetricsParser.h"
#include "util/Result.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

namespace rb::balancer {

struct RemotePublisherStatus {
    struct Descriptor {
        QString which;                 // "first" / "second"
        quint64 publications = 0;      // rustbalance_publications_total
        QDateTime lastSuccess;         // invalid = never confirmed by an HSDir
        quint64 revision = 0;          // rustbalance_revision_counter
        int introPoints = 0;           // rustbalance_descriptor_intro_points
        QMap<UploadState, int> hsdirs; // HSDirs of the current build per current state
        QMap<QString, quint64> uploadTotals;  // "uploaded"/"failed"/"timeout" -> answers so far
    };
    struct HsDirUpload {
        QString descriptor;
        QString fingerprint;
        QString nickname;
        UploadState state = UploadState::Pending;
    };
    struct Intro2Errors {
        quint64 couldNotGetKeys = 0;
        quint64 invalidIntroduce2 = 0;
        quint64 subcredential = 0;
        quint64 badAuthKey = 0;
        quint64 replay = 0;
        [[nodiscard]] quint64 total() const
        {
            return couldNotGetKeys + invalidIntroduce2 + subcredential + badAuthKey + replay;
        }
    };
    struct Node {
        QString name;
        bool up = false;
        bool configOk = false;
        int introEstablished = 0;
        int introExpected = 0;
        QMap<QString, int> introPublished;  // descriptor ("first"/"second") -> intro points in that build
        Intro2Errors intro2;
        [[nodiscard]] int introPublishedTotal() const;
    };

    QString master;                  // "<56 chars>.onion" as the publisher reports it
    QList<Descriptor> descriptors;   // in the order first, second (those present)
    QList<HsDirUpload> uploads;      // current build, per descriptor and HSDir
    QList<Node> nodes;               // sorted by name
    quint64 reloads = 0;
    QDateTime fetchedAt;             // set by the fetcher (UTC)

    [[nodiscard]] const Descriptor* descriptor(const QString& which) const;
    [[nodiscard]] const Node* node(const QString& name) const;
    [[nodiscard]] int nodesUp() const;

    static Result<RemotePublisherStatus> parse(QByteArrayView text);
    static Result<RemotePublisherStatus> fromMetrics(const control::Metrics& metrics);
    // "pending" / "uploaded" / "failed" / "timeout" (the label values of the endpoint).
    static QString uploadStateName(UploadState state);
};

}  // namespace rb::balancer
