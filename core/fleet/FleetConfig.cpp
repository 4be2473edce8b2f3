#include "fleet/FleetConfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>

namespace rb::fleet {

QString FleetConfig::defaultPath()
{
    // Shared by rbctl and the console whatever their application names:
    // <config>/RustBalance/rustbalance-console/fleet.json
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/RustBalance/rustbalance-console/fleet.json");
}

Result<FleetConfig> FleetConfig::load(const QString& path)
{
    QFile f(path);
    if (!f.exists()) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("The fleet file %1 does not exist; add a node first.").arg(path));
    }
    if (!f.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::IoError, QStringLiteral("Cannot read the fleet file %1.").arg(path),
                         f.errorString());
    }
    if (f.size() > kMaxFileSize) {
        return makeError(ErrorCode::TooLarge, QStringLiteral("The fleet file %1 is larger than 4 MiB.").arg(path));
    }
    auto cfg = fromJson(f.readAll());
    if (!cfg) {
        Error e = cfg.error();
        e.message = QStringLiteral("%1: %2").arg(path, e.message);
        return e;
    }
    return cfg;
}

Result<FleetConfig> FleetConfig::loadOrEmpty(const QString& path)
{
    if (!QFileInfo::exists(path)) {
        return FleetConfig{};
    }
    return load(path);
}

Status FleetConfig::save(const QString& path) const
{
    RB_TRY_STATUS(validate());
    const QFileInfo fi(path);
    if (!QDir().mkpath(fi.absolutePath())) {
        return makeError(ErrorCode::IoError, QStringLiteral("Cannot create the directory %1.").arg(fi.absolutePath()));
    }
    const QByteArray data = toJson();
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return makeError(ErrorCode::IoError, QStringLiteral("Cannot write the fleet file %1.").arg(path),
                         f.errorString());
    }
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    // flush() before commit(): a write that fails only when the buffer is
    // flushed (disk full, file size limit) must not commit a short file.
    if (f.write(data) != data.size() || !f.flush() || !f.commit()) {
        return makeError(ErrorCode::IoError, QStringLiteral("Cannot write the fleet file %1.").arg(path),
                         f.errorString());
    }
    return {};
}

Result<FleetConfig> FleetConfig::fromJson(QByteArrayView json)
{
    if (json.size() > kMaxFileSize) {
        return makeError(ErrorCode::TooLarge, QStringLiteral("The fleet file is larger than 4 MiB."));
    }
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        return makeError(
            ErrorCode::ParseError,
            QStringLiteral("The fleet file is not valid JSON (%1 at offset %2).").arg(pe.errorString()).arg(pe.offset));
    }
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String("rustbalance-fleet")) {
        return makeError(ErrorCode::ParseError,
                         QStringLiteral("This is not a RustBalance fleet file (format field missing)."));
    }
    if (root.value(QStringLiteral("version")).toInt() != kFormatVersion) {
        return makeError(
            ErrorCode::Unsupported,
            QStringLiteral("Fleet file version %1 is not supported (expected %2); upgrade RustBalance Console.")
                .arg(root.value(QStringLiteral("version")).toInt())
                .arg(kFormatVersion));
    }
    for (auto it = root.begin(); it != root.end(); ++it) {
        static const QSet<QString> known{QStringLiteral("format"), QStringLiteral("version"), QStringLiteral("service"),
                                         QStringLiteral("nodes")};
        if (!known.contains(it.key())) {
            return makeError(ErrorCode::ParseError,
                             QStringLiteral("Unknown field '%1' in the fleet file.").arg(it.key().left(60)));
        }
    }
    FleetConfig cfg;
    if (root.contains(QStringLiteral("service")) && !root.value(QStringLiteral("service")).isNull()) {
        RB_TRY(ManagedService s, ManagedService::fromJson(root.value(QStringLiteral("service")).toObject()));
        cfg.m_service = std::move(s);
    }
    const QJsonArray nodes = root.value(QStringLiteral("nodes")).toArray();
    if (nodes.size() > kMaxNodes) {
        return makeError(ErrorCode::TooLarge,
                         QStringLiteral("The fleet file lists more than %1 nodes.").arg(kMaxNodes));
    }
    for (const QJsonValue& v : nodes) {
        RB_TRY(NodeConfig n, NodeConfig::fromJson(v.toObject()));
        RB_TRY_STATUS(cfg.addNode(std::move(n)));
    }
    return cfg;
}

QByteArray FleetConfig::toJson() const
{
    QJsonObject root;
    root.insert(QStringLiteral("format"), QStringLiteral("rustbalance-fleet"));
    root.insert(QStringLiteral("version"), kFormatVersion);
    if (m_service) {
        root.insert(QStringLiteral("service"), m_service->toJson());
    }
    QJsonArray nodes;
    for (const NodeConfig& n : m_nodes) {
        nodes.append(n.toJson());
    }
    root.insert(QStringLiteral("nodes"), nodes);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Status FleetConfig::validate() const
{
    QSet<QString> names;
    for (const NodeConfig& n : m_nodes) {
        RB_TRY_STATUS(n.validate());
        if (names.contains(n.name)) {
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("Node name '%1' is used twice.").arg(n.name));
        }
        names.insert(n.name);
    }
    if (m_service) {
        RB_TRY_STATUS(m_service->validate());
    }
    return {};
}

QStringList FleetConfig::todo() const
{
    QStringList t;
    if (!m_service) {
        t << QStringLiteral("service: import or generate the master key");
    } else {
        for (const QString& m : m_service->missingFields()) {
            t << QStringLiteral("service: ") + m;
        }
    }
    for (const NodeConfig& n : m_nodes) {
        for (const QString& m : n.missingFields()) {
            t << QStringLiteral("node %1: %2").arg(n.name, m);
        }
    }
    return t;
}

const NodeConfig* FleetConfig::node(const QString& name) const
{
    for (const NodeConfig& n : m_nodes) {
        if (n.name == name) {
            return &n;
        }
    }
    return nullptr;
}

Status FleetConfig::addNode(NodeConfig node, bool replace)
{
    RB_TRY_STATUS(node.validate());
    for (NodeConfig& existing : m_nodes) {
        if (existing.name == node.name) {
            if (!replace) {
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("A node named '%1' already exists; remove it first or use --replace.")
                                     .arg(node.name));
            }
            existing = std::move(node);
            return {};
        }
    }
    if (m_nodes.size() >= kMaxNodes) {
        return makeError(ErrorCode::TooLarge, QStringLiteral("A fleet holds at most %1 nodes.").arg(kMaxNodes));
    }
    m_nodes.append(std::move(node));
    return {};
}

Status FleetConfig::removeNode(const QString& name)
{
    for (qsizetype i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes.at(i).name == name) {
            m_nodes.removeAt(i);
            return {};
        }
    }
    return makeError(ErrorCode::NotFound,
                     QStringLiteral("There is no node named '%1' in the fleet.").arg(name.left(80)));
}

Status FleetConfig::setService(ManagedService service)
{
    RB_TRY_STATUS(service.validate());
    m_service = std::move(service);
    return {};
}

}  // namespace rb::fleet
