#include "balancer/NodeConfigCheck.h"

#include <QDir>

namespace rb::balancer {

namespace {

QString cleanDir(const QString& d)
{
    if (d.isEmpty()) {
        return d;
    }
    QString c = QDir::cleanPath(d);
    return c;
}

}  // namespace

std::optional<QString> HiddenServiceGroup::option(const QString& key) const
{
    std::optional<QString> v;
    for (const auto& [k, value] : options) {
        if (k.compare(key, Qt::CaseInsensitive) == 0) {
            v = value;
        }
    }
    return v;
}

bool HiddenServiceGroup::onionbalanceInstance() const
{
    const auto v = option(QStringLiteral("HiddenServiceOnionbalanceInstance"));
    return v && v->trimmed() == QLatin1String("1");
}

int HiddenServiceGroup::numIntroductionPoints() const
{
    const auto v = option(QStringLiteral("HiddenServiceNumIntroductionPoints"));
    bool ok = false;
    const int n = v ? v->trimmed().toInt(&ok) : 0;
    return ok && n >= 1 && n <= 20 ? n : 3;
}

QList<HiddenServiceGroup> HiddenServiceGroup::fromConf(const QList<control::ConfEntry>& entries)
{
    QList<HiddenServiceGroup> out;
    for (const control::ConfEntry& e : entries) {
        if (!e.value) {
            continue;  // "HiddenServiceOptions" alone: no services
        }
        if (e.key.compare(QLatin1String("HiddenServiceDir"), Qt::CaseInsensitive) == 0) {
            HiddenServiceGroup g;
            g.dir = *e.value;
            out.append(g);
        } else if (!out.isEmpty()) {
            out.last().options.append({e.key, *e.value});
        }
    }
    return out;
}

QString NodeConfigCheck::normalizeOnion(const QString& address)
{
    QString a = address.trimmed().toLower();
    if (a.endsWith(QLatin1String(".onion"))) {
        a.chop(6);
    }
    if (a.size() != 56) {
        return {};
    }
    for (const QChar c : a) {
        if (!((c >= u'a' && c <= u'z') || (c >= u'2' && c <= u'7'))) {
            return {};
        }
    }
    return a + QStringLiteral(".onion");
}

QStringList NodeConfigCheck::obConfigMasters(QByteArrayView content)
{
    QStringList out;
    const QList<QByteArray> lines = QByteArray(content.data(), content.size()).split('\n');
    for (QByteArray line : lines) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith('#')) {
            continue;
        }
        const QList<QByteArray> words = line.simplified().split(' ');
        if (words.size() >= 2 && words.at(0).compare("MasterOnionAddress", Qt::CaseInsensitive) == 0) {
            out.append(QString::fromLatin1(words.at(1)).toLower());
        }
    }
    return out;
}

NodeConfigVerdict NodeConfigCheck::evaluate(const NodeConfigInputs& in)
{
    NodeConfigVerdict v;
    QList<ConfigProblem> failures;
    QList<ConfigProblem> advisories;
    const QString master = normalizeOnion(in.masterAddress);
    bool complete = true;

    // PublishHidServDescriptors
    if (in.publishHidServDescriptors) {
        v.facts.publishesOwnDescriptor = in.publishHidServDescriptors->trimmed() != QLatin1String("0");
        if (v.facts.publishesOwnDescriptor) {
            failures.append({QStringLiteral("PublishHidServDescriptors is %1: the node uploads its own descriptor, "
                                            "which replaces the merged one on the HSDirs")
                                 .arg(in.publishHidServDescriptors->trimmed()),
                             QStringLiteral("Set 'PublishHidServDescriptors 0' in the node's torrc and restart tor "
                                            "(a reload does not stop uploads reliably)")});
        }
    } else {
        complete = false;
    }

    // The master's service and its options.
    const HiddenServiceGroup* group = nullptr;
    if (in.services) {
        const QList<HiddenServiceGroup>& groups = *in.services;
        const QString want = cleanDir(in.configuredHiddenServiceDir);
        const QString byHost = cleanDir(in.hiddenServiceDirByHostname);
        for (const HiddenServiceGroup& g : groups) {
            if (!want.isEmpty() && cleanDir(g.dir) == want) {
                group = &g;
            }
        }
        if (!group && !byHost.isEmpty()) {
            for (const HiddenServiceGroup& g : groups) {
                if (cleanDir(g.dir) == byHost) {
                    group = &g;
                }
            }
        }
        if (!group && want.isEmpty() && groups.size() == 1) {
            group = &groups.first();
        }
        if (groups.isEmpty()) {
            failures.append({QStringLiteral("tor runs no file-based onion service (no HiddenServiceDir)"),
                             QStringLiteral("Add a HiddenServiceDir holding the master's hs_ed25519_secret_key and "
                                            "hs_ed25519_public_key, with 'HiddenServiceOnionbalanceInstance 1', and "
                                            "restart tor")});
        } else if (!group && !want.isEmpty()) {
            failures.append({QStringLiteral("tor has no HiddenServiceDir %1").arg(in.configuredHiddenServiceDir),
                             QStringLiteral("Fix the node's HiddenServiceDir setting (tor runs: %1)")
                                 .arg([&groups] {
                                     QStringList d;
                                     for (const auto& g : groups) {
                                         d << g.dir;
                                     }
                                     return d.join(QStringLiteral(", "));
                                 }())});
        } else if (!group) {
            // Several services and we cannot tell which one is the master.
            bool allInstances = true;
            for (const HiddenServiceGroup& g : groups) {
                allInstances = allInstances && g.onionbalanceInstance();
            }
            v.facts.obInstanceOption = allInstances;
            if (!allInstances) {
                complete = false;
                advisories.append({QStringLiteral("Not verified: tor runs %1 onion services and it is not known which "
                                                  "HiddenServiceDir holds the master key")
                                       .arg(groups.size()),
                                   QStringLiteral("Set the node's HiddenServiceDir in the fleet configuration")});
            }
        }
    } else {
        complete = false;
    }

    if (group) {
        v.hiddenServiceDir = group->dir;
        v.introPointsPerDescriptor = group->numIntroductionPoints();
        v.facts.obInstanceOption = group->onionbalanceInstance();
        if (!v.facts.obInstanceOption) {
            failures.append(
                {QStringLiteral("HiddenServiceOnionbalanceInstance is not set for %1: the node accepts introductions "
                                "only for its own descriptor's time period, so half of the merged intro points fail "
                                "('Could not get valid INTRO2 keys')")
                     .arg(group->dir),
                 QStringLiteral("Add 'HiddenServiceOnionbalanceInstance 1' after the HiddenServiceDir line, write "
                                "'MasterOnionAddress %1' to %2/ob_config and restart tor (not reload)")
                     .arg(master.isEmpty() ? in.masterAddress : master, group->dir)});
        }
    }

    // ob_config
    if (v.facts.obInstanceOption && group) {
        switch (in.obConfig) {
        case NodeConfigInputs::FileState::Content: {
            const QStringList masters = obConfigMasters(in.obConfigContent);
            v.facts.obConfigPresent = true;
            v.facts.obConfigMaster = masters.isEmpty() ? QString() : masters.first();
            for (const QString& m : masters) {
                if (!master.isEmpty() && normalizeOnion(m) == master) {
                    v.facts.obConfigNamesMaster = true;
                    v.facts.obConfigMaster = m;
                }
            }
            if (!v.facts.obConfigNamesMaster) {
                failures.append({masters.isEmpty()
                                     ? QStringLiteral("%1/ob_config has no MasterOnionAddress line").arg(group->dir)
                                     : QStringLiteral("%1/ob_config names %2, not the master %3")
                                           .arg(group->dir, masters.join(QStringLiteral(", ")), master),
                                 QStringLiteral("Write 'MasterOnionAddress %1' to %2/ob_config and restart tor")
                                     .arg(master, group->dir)});
            }
            break;
        }
        case NodeConfigInputs::FileState::Missing:
            failures.append({QStringLiteral("%1/ob_config does not exist").arg(group->dir),
                             QStringLiteral("Write 'MasterOnionAddress %1' to %2/ob_config and restart tor")
                                 .arg(master, group->dir)});
            break;
        case NodeConfigInputs::FileState::Unreadable:
            advisories.append({QStringLiteral("Not verified: %1/ob_config could not be read from here%2")
                                   .arg(group->dir, in.obConfigDetail.isEmpty()
                                                        ? QString()
                                                        : QStringLiteral(" (%1)").arg(in.obConfigDetail)),
                               QStringLiteral("Check that %1/ob_config says 'MasterOnionAddress %2'")
                                   .arg(group->dir, master)});
            break;
        case NodeConfigInputs::FileState::NotRead:
            break;
        }
    }

    if (in.reloadAssertionSeen) {
        v.facts.obInstanceNeedsRestart = true;
        failures.append({QStringLiteral("tor rejects every introduction: the Onionbalance instance option was turned "
                                        "on by a reload, which leaves its subcredentials empty"),
                         QStringLiteral("Restart tor on this node (a reload is not enough)")});
    }

    switch (in.servesMaster) {
    case NodeConfigInputs::Serves::No:
        failures.append({QStringLiteral("The node does not serve the master address %1 (no descriptor, no intro "
                                        "circuits for it)")
                             .arg(master),
                         QStringLiteral("Put the master's hs_ed25519_secret_key and hs_ed25519_public_key in the "
                                        "node's HiddenServiceDir and restart tor")});
        break;
    case NodeConfigInputs::Serves::Unknown:
        complete = false;
        break;
    case NodeConfigInputs::Serves::Yes:
        break;
    }

    v.facts.known = in.publishHidServDescriptors.has_value() && in.services.has_value();
    v.problems = failures + advisories;
    if (!failures.isEmpty()) {
        v.check = ConfigCheck::Failed;
    } else if (complete && group) {
        v.check = ConfigCheck::Ok;
    } else if (complete && v.facts.obInstanceOption) {
        v.check = ConfigCheck::Ok;  // several services, all instances
    } else {
        v.check = ConfigCheck::Unknown;
    }
    return v;
}

}  // namespace rb::balancer
