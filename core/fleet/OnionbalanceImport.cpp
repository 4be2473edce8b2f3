#include "fleet/OnionbalanceImport.h"

#include "fleet/YamlSubset.h"
#include "onion/OnionAddress.h"
#include "ssh/RemoteCommand.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace rb::fleet {

namespace {

Error obError(int line, const QString& what)
{
    return makeError(ErrorCode::ParseError, QStringLiteral("Onionbalance config, line %1: %2").arg(line).arg(what));
}

QString sanitizeName(const QString& raw)
{
    QString out;
    for (QChar c : raw) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                        (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                        (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.') ||
                        c == QLatin1Char('_') || c == QLatin1Char('-');
        out += ok ? c : QLatin1Char('-');
    }
    while (out.startsWith(QLatin1Char('-')) || out.startsWith(QLatin1Char('.'))) {
        out.remove(0, 1);
    }
    return out.left(64);
}

}  // namespace

Result<QList<OnionbalanceImport::Service>> OnionbalanceImport::parse(QByteArrayView yaml, const QString& baseDir)
{
    RB_TRY(const YamlSubset::Node root, YamlSubset::parse(yaml));
    const YamlSubset::Node* services = root.value(u"services");
    if (services == nullptr || !services->isList() || services->values.empty()) {
        return obError(root.line, QStringLiteral("no 'services:' list found; is this an Onionbalance v3 config.yaml?"));
    }
    QList<Service> out;
    for (const YamlSubset::Node& s : services->values) {
        if (!s.isMap()) {
            return obError(s.line, QStringLiteral("each service must be a mapping with 'key' and 'instances'"));
        }
        const YamlSubset::Node* key = s.value(u"key");
        if (key == nullptr || !key->isScalar() || key->scalar.isEmpty()) {
            return obError(s.line, QStringLiteral("the service has no 'key' (path of the master key file)"));
        }
        Service svc;
        svc.keyPath = QDir::isAbsolutePath(key->scalar) ? QDir::cleanPath(key->scalar)
                                                        : QDir::cleanPath(QDir(baseDir).absoluteFilePath(key->scalar));
        const YamlSubset::Node* instances = s.value(u"instances");
        if (instances != nullptr && !instances->isScalar()) {
            if (!instances->isList()) {
                return obError(instances->line, QStringLiteral("'instances' must be a list"));
            }
            for (const YamlSubset::Node& i : instances->values) {
                const YamlSubset::Node* address = i.value(u"address");
                if (!i.isMap() || address == nullptr || !address->isScalar()) {
                    return obError(i.line, QStringLiteral("each instance needs an 'address'"));
                }
                auto parsed = onion::OnionAddress::parse(address->scalar);
                if (!parsed) {
                    return obError(address->line,
                                   QStringLiteral("instance address '%1' is not a valid v3 onion address")
                                       .arg(address->scalar.left(80)));
                }
                const YamlSubset::Node* name = i.value(u"name");
                svc.instances.append(Instance{parsed->toString(), name != nullptr ? name->scalar : QString()});
            }
        }
        out.append(svc);
    }
    return out;
}

Result<OnionbalanceImport::Outcome> OnionbalanceImport::toFleet(const QList<Service>& services, FleetConfig existing,
                                                                int serviceIndex)
{
    if (serviceIndex < 0 || serviceIndex >= services.size()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("The Onionbalance config has %1 service(s); service %2 does not exist.")
                             .arg(services.size())
                             .arg(serviceIndex + 1));
    }
    Outcome outcome;
    const Service& svc = services.at(serviceIndex);
    if (services.size() > 1) {
        outcome.warnings << QStringLiteral("The Onionbalance config defines %1 services; only service %2 (key %3) was "
                                           "imported. A fleet file manages one onion address.")
                                .arg(services.size())
                                .arg(serviceIndex + 1)
                                .arg(svc.keyPath);
    }
    if (!existing.service()) {
        ManagedService ms;
        ms.seedLocation = ManagedService::SeedLocation::KeyFile;
        ms.keyFile = svc.keyPath;
        RB_TRY_STATUS(existing.setService(ms));
        outcome.todo << QStringLiteral("service: import the master key %1 (rbctl key import) to derive the onion "
                                       "address and move the seed into the keychain, or keep the key file with "
                                       "permissions 0600.")
                            .arg(svc.keyPath);
    } else {
        outcome.warnings << QStringLiteral("The fleet already has a service; its seed location was kept.");
    }
    QSet<QString> used;
    for (const NodeConfig& n : existing.nodes()) {
        used.insert(n.name);
    }
    int counter = 0;
    for (const Instance& inst : svc.instances) {
        ++counter;
        QString name = sanitizeName(inst.name);
        if (name.isEmpty() || !ssh::RemoteCommand::validateName(name, QStringLiteral("node name"))) {
            name = QStringLiteral("node-%1").arg(counter);
        }
        if (name != inst.name && !inst.name.isEmpty()) {
            outcome.warnings << QStringLiteral("Instance '%1' was renamed to '%2' (node names use letters, digits, "
                                               "'.', '_' and '-').")
                                    .arg(inst.name.left(80), name);
        }
        if (used.contains(name)) {
            outcome.warnings
                << QStringLiteral("Node '%1' already exists; instance %2 was not imported.").arg(name, inst.address);
            continue;
        }
        NodeConfig node;
        node.name = name;
        node.instanceAddress = inst.address;
        node.enabled = false;  // incomplete until SSH details are known
        RB_TRY_STATUS(existing.addNode(node));
        used.insert(name);
        outcome.todo << QStringLiteral("node %1 (was backend %2): set the SSH target and control endpoint, then "
                                       "enable it (rbctl fleet add --name %1 --ssh USER@HOST --control "
                                       "unix:/run/tor/control --replace).")
                            .arg(name, inst.address);
    }
    if (svc.instances.isEmpty()) {
        outcome.todo << QStringLiteral("fleet: the service had no instances; add nodes with rbctl fleet add.");
    }
    outcome.fleet = std::move(existing);
    return outcome;
}

Result<OnionbalanceImport::Outcome> OnionbalanceImport::importFile(const QString& yamlPath, FleetConfig existing,
                                                                   int serviceIndex)
{
    QFile f(yamlPath);
    if (!f.open(QIODevice::ReadOnly)) {
        return makeError(f.exists() ? ErrorCode::IoError : ErrorCode::NotFound,
                         QStringLiteral("Cannot read the Onionbalance config %1.").arg(yamlPath), f.errorString());
    }
    if (f.size() > YamlSubset::kMaxBytes) {
        return makeError(ErrorCode::TooLarge, QStringLiteral("%1 is larger than 1 MiB.").arg(yamlPath));
    }
    RB_TRY(const QList<Service> services, parse(f.readAll(), QFileInfo(yamlPath).absolutePath()));
    return toFleet(services, std::move(existing), serviceIndex);
}

}  // namespace rb::fleet
