#pragma once
// A network-status consensus, as tor prints it for
// `GETINFO dir/status-vote/current/consensus-microdesc` (flavour
// "microdesc", the one tor itself uses for the HSDir ring) or
// `.../consensus` (flavour "ns": no "m" lines, so no ed25519 ids can be
// attached and no relay is an eligible v3 HSDir).
//
// Pure parser with explicit limits. Signatures are not checked: the text
// comes from our own tor, which verified them. Grammar follows dir-spec and
// tor's ns_parse.c: header (valid-after, fresh-until, valid-until,
// voting-delay, known-flags, params, shared-rand-*-value), router entries
// (r/a/s/v/pr/w/m/p/id), footer (directory-footer, bandwidth-weights,
// directory-signature + objects, all ignored).

#include "hsdir/Relay.h"
#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace rb::hsdir {

class Consensus {
public:
    enum class Flavor { Microdesc, Ns };

    struct Limits {
        qsizetype maxDocumentBytes = 32 * 1024 * 1024;  // real md consensus ~3 MB, ns ~4 MB
        qsizetype maxRelays = 20'000;                   // real network ~8,000-10,000
        qsizetype maxLineBytes = 64 * 1024;
        qsizetype maxParams = 1'000;
    };

    Flavor flavor = Flavor::Microdesc;
    int consensusMethod = 1;
    QDateTime validAfter;  // UTC
    QDateTime freshUntil;  // UTC
    QDateTime validUntil;  // UTC
    qint64 voteSeconds = 0;
    qint64 distSeconds = 0;
    QStringList knownFlags;
    QMap<QString, qint64> params;           // "params" line (int32 values)
    std::optional<QByteArray> srvCurrent;   // shared-rand-current-value, 32 bytes
    std::optional<QByteArray> srvPrevious;  // shared-rand-previous-value, 32 bytes
    quint64 srvCurrentReveals = 0;
    quint64 srvPreviousReveals = 0;
    QList<Relay> relays;     // sorted by rsaId (the document order, enforced)
    QStringList warnings;    // non-fatal oddities tor would also tolerate (e.g. unparseable SRV)

    static Result<Consensus> parse(QByteArrayView consensusText);
    static Result<Consensus> parse(QByteArrayView consensusText, const Limits& limits);

    // Fills Relay::ed25519Id of every relay whose "m" digest matches one of
    // the microdescriptors in the text (GETINFO md/all, or several md/id/
    // answers concatenated). May be called repeatedly; never clears ids.
    Status attachMicrodescriptors(QByteArrayView microdescriptorsText);

    // tor's networkstatus_get_param(): default when absent, else clamped
    // into [min, max].
    [[nodiscard]] qint64 param(const QString& name, qint64 defaultValue, qint64 minValue, qint64 maxValue) const;
    // fresh-until - valid-after (tor's get_voting_interval()).
    [[nodiscard]] qint64 votingIntervalSeconds() const;
    [[nodiscard]] qint64 validAfterSecs() const { return validAfter.toSecsSinceEpoch(); }
    [[nodiscard]] int relaysWithEd25519Id() const;
    [[nodiscard]] int eligibleHsDirCount() const;
    [[nodiscard]] const Relay* findByRsaId(QByteArrayView rsaId) const;
};

}  // namespace rb::hsdir
