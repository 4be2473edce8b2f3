// Fleet file (JSON, no secrets, validation), the YAML subset reader, the
// Onionbalance import and `rbctl fleet` through the real binary.
#include "crypto/Ed25519.h"
#include "fleet/FleetConfig.h"
#include "fleet/OnionbalanceImport.h"
#include "fleet/YamlSubset.h"
#include "onion/OnionAddress.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace rb;
using namespace rb::fleet;

namespace {

QString newOnion()
{
    crypto::PublicKey pk;
    crypto::ed25519::generate(&pk);
    return onion::OnionAddress::fromPublicKey(pk).value().toString();
}

NodeConfig fullNode(const QString& name)
{
    NodeConfig n;
    n.name = name;
    n.sshTarget = QStringLiteral("admin@10.0.0.5:2222");
    n.controlEndpoint = QStringLiteral("unix:/run/tor/control");
    n.auth = AuthMethod::Password;
    n.cookieFile = QStringLiteral("/run/tor/control.authcookie");
    n.hiddenServiceDir = QStringLiteral("/var/lib/tor/rb");
    n.torUser = QStringLiteral("debian-tor");
    n.ports = {PortMapping::parse(QStringLiteral("80:127.0.0.1:8080")).value(),
               PortMapping::parse(QStringLiteral("443:unix:/run/app.sock")).value()};
    n.metricsEndpoint = QStringLiteral("127.0.0.1:9035");
    n.weight = 5;
    return n;
}

void collectKeys(const QJsonValue& v, QSet<QString>& keys, QStringList& strings)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            keys.insert(it.key());
            collectKeys(it.value(), keys, strings);
        }
    } else if (v.isArray()) {
        for (const QJsonValue& x : v.toArray()) {
            collectKeys(x, keys, strings);
        }
    } else if (v.isString()) {
        strings << v.toString();
    }
}

struct CliResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CliResult rbctl(const QStringList& args)
{
    QProcess p;
    p.start(qEnvironmentVariable("RB_RBCTL"), args);
    p.waitForFinished(20000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

}  // namespace

class TestFleetConfig : public QObject {
    Q_OBJECT
private slots:
    void roundTripsAndHoldsNoSecret()
    {
        QTemporaryDir dir;
        FleetConfig cfg;
        ManagedService s;
        s.onionAddress = newOnion();
        QVERIFY(cfg.setService(s));
        QVERIFY(cfg.addNode(fullNode(QStringLiteral("n1"))));
        NodeConfig n2;
        n2.name = QStringLiteral("n2");
        n2.sshTarget = QStringLiteral("tor2");
        n2.controlEndpoint = QStringLiteral("127.0.0.1:9051");
        QVERIFY(cfg.addNode(n2));
        const QString path = dir.filePath(QStringLiteral("sub/fleet.json"));
        QVERIFY(cfg.save(path));
        QCOMPARE(QFile::permissions(path),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);

        auto loaded = FleetConfig::load(path);
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().message));
        QCOMPARE(loaded->toJson(), cfg.toJson());
        QCOMPARE(loaded->nodes().size(), 2);
        QCOMPARE(loaded->node(QStringLiteral("n1"))->ports, fullNode(QStringLiteral("n1")).ports);
        QCOMPARE(loaded->service()->keychainKey(), QStringLiteral("v1/master-seed/") + s.onionAddress.left(56));

        // No secret-bearing field exists in the file: only these keys, and the
        // only "secret" references are keychain entry names.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QSet<QString> keys;
        QStringList strings;
        collectKeys(QJsonDocument::fromJson(f.readAll()).object(), keys, strings);
        const QSet<QString> allowed{"format",
                                    "version",
                                    "service",
                                    "onionAddress",
                                    "seed",
                                    "keychainEntry",
                                    "keyFile",
                                    "nodes",
                                    "name",
                                    "ssh",
                                    "control",
                                    "auth",
                                    "cookieFile",
                                    "passwordKeychainEntry",
                                    "hiddenServiceDir",
                                    "torUser",
                                    "ports",
                                    "virtual",
                                    "target",
                                    "metrics",
                                    "weight",
                                    "enabled",
                                    "instanceAddress"};
        QVERIFY2((keys - allowed).isEmpty(), qPrintable(QStringList((keys - allowed).values()).join(QLatin1Char(','))));
        QVERIFY(keys.contains(QStringLiteral("passwordKeychainEntry")));
        QVERIFY(strings.contains(QStringLiteral("v1/control-password/n1")));
        for (const QString& str : strings) {
            // Nothing that looks like key material (long hex / base64 blobs).
            QVERIFY2(!QRegularExpression(QStringLiteral("^[A-Za-z0-9+/=]{40,}$")).match(str).hasMatch(),
                     qPrintable(str));
        }
    }

    void rejectsSecretsAndUnknownFields()
    {
        const QByteArray withPassword = R"({"format":"rustbalance-fleet","version":1,"nodes":[
            {"name":"n1","ssh":"h","control":"127.0.0.1:9051","auth":"password","password":"hunter2"}]})";
        auto r = FleetConfig::fromJson(withPassword);
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QLatin1String("'password'")), qPrintable(r.error().message));
        QVERIFY(r.error().message.contains(QLatin1String("keychain")));

        const QByteArray seedInline = R"({"format":"rustbalance-fleet","version":1,"service":
            {"onionAddress":"","seed":{"hex":"00112233"}},"nodes":[]})";
        QVERIFY(!FleetConfig::fromJson(seedInline));
        const QByteArray fakeEntry = R"({"format":"rustbalance-fleet","version":1,"nodes":[
            {"name":"n1","ssh":"h","control":"127.0.0.1:9051","auth":"password","passwordKeychainEntry":"hunter2"}]})";
        QVERIFY(!FleetConfig::fromJson(fakeEntry));
        QVERIFY(!FleetConfig::fromJson(R"({"format":"rustbalance-fleet","version":2,"nodes":[]})"));
        QVERIFY(!FleetConfig::fromJson("not json"));
        QVERIFY(!FleetConfig::fromJson(R"({"version":1})"));
    }

    void validatesNodes()
    {
        FleetConfig cfg;
        NodeConfig n = fullNode(QStringLiteral("ok-1"));
        QVERIFY(cfg.addNode(n));
        QCOMPARE(cfg.addNode(n).error().code, ErrorCode::InvalidArgument);  // duplicate
        QVERIFY(cfg.addNode(n, true));                                      // replace
        const auto broken = [](auto mutate) {
            NodeConfig x = fullNode(QStringLiteral("x"));
            mutate(x);
            return x.validate();
        };
        QVERIFY(!broken([](NodeConfig& x) { x.name = QStringLiteral("a;b"); }));
        QVERIFY(!broken([](NodeConfig& x) { x.sshTarget = QStringLiteral("-oProxyCommand=id"); }));
        QVERIFY(!broken([](NodeConfig& x) { x.controlEndpoint = QStringLiteral("unix:relative"); }));
        QVERIFY(!broken([](NodeConfig& x) { x.hiddenServiceDir = QStringLiteral("/var/lib/../tor"); }));
        QVERIFY(!broken([](NodeConfig& x) { x.torUser = QStringLiteral("$(id)"); }));
        QVERIFY(!broken([](NodeConfig& x) { x.weight = 1001; }));
        QVERIFY(!broken([](NodeConfig& x) { x.ports.append(x.ports.front()); }));
        const Status incomplete = broken([](NodeConfig& x) { x.sshTarget.clear(); });
        QVERIFY(!incomplete);
        QVERIFY2(incomplete.error().message.contains(QLatin1String("SSH target")),
                 qPrintable(incomplete.error().message));
        QVERIFY(broken([](NodeConfig& x) {
            x.sshTarget.clear();
            x.enabled = false;  // disabled nodes may be incomplete
        }));
        QVERIFY(!PortMapping::parse(QStringLiteral("0:80")));
        QCOMPARE(PortMapping::parse(QStringLiteral("80")).value().target, QStringLiteral("127.0.0.1:80"));
        QCOMPARE(cfg.removeNode(QStringLiteral("nope")).error().code, ErrorCode::NotFound);
        QVERIFY(cfg.removeNode(QStringLiteral("ok-1")));
    }

    void defaultPathIsSharedByRbctlAndConsole()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString path = FleetConfig::defaultPath();
        QVERIFY(path.startsWith(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)));
        // Independent of the application name (rbctl vs rustbalance-console).
        const QString oldName = QCoreApplication::applicationName();
        QCoreApplication::setApplicationName(QStringLiteral("rbctl"));
        QCOMPARE(FleetConfig::defaultPath(), path);
        QCoreApplication::setApplicationName(oldName);
        QVERIFY(path.endsWith(QLatin1String("/RustBalance/rustbalance-console/fleet.json")));
        QStandardPaths::setTestModeEnabled(false);
    }

    void yamlSubset()
    {
        const QByteArray doc = "# comment\n"
                               "---\n"
                               "services:\n"
                               "  - key: 'my key.key'   # trailing comment\n"
                               "    instances:\n"
                               "      - address: \"a#b\"\n"
                               "        name: n1\n"
                               "      - {address: x, name: 'it''s'}\n"
                               "    extra: [1, 2, [3]]\n"
                               "other:\n"
                               "- plain item\n"
                               "-\n"
                               "  nested: yes\n";
        auto r = YamlSubset::parse(doc);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        const auto* services = r->value(u"services");
        QVERIFY(services && services->isList());
        QCOMPARE(services->values.size(), std::size_t(1));
        const auto& svc = services->values.front();
        QCOMPARE(svc.value(u"key")->scalar, QStringLiteral("my key.key"));
        const auto* inst = svc.value(u"instances");
        QCOMPARE(inst->values.size(), std::size_t(2));
        QCOMPARE(inst->values[0].value(u"address")->scalar, QStringLiteral("a#b"));
        QCOMPARE(inst->values[1].value(u"name")->scalar, QStringLiteral("it's"));
        QCOMPARE(svc.value(u"extra")->values.size(), std::size_t(3));
        const auto* other = r->value(u"other");
        QCOMPARE(other->values.size(), std::size_t(2));
        QCOMPARE(other->values[0].scalar, QStringLiteral("plain item"));
        QCOMPARE(other->values[1].value(u"nested")->scalar, QStringLiteral("yes"));

        for (const char* bad :
             {"a:\n\tb: 1\n", "a: &anchor 1\n", "a: *alias\n", "a: |\n  text\n", "a: 1\n  b: 2\n", "a: 1\na: 2\n",
              "- 1\nb: 2\n", "a: [1, 2\n", "a: \"unterminated\n", "just text\n", "---\na: 1\n---\nb: 2\n"}) {
            auto e = YamlSubset::parse(QByteArray(bad));
            QVERIFY2(!e, bad);
            QVERIFY2(e.error().message.startsWith(QLatin1String("YAML line")), qPrintable(e.error().message));
        }
        QVERIFY(!YamlSubset::parse(QByteArray(2 * 1024 * 1024, 'a')));
        QByteArray deep;
        for (int i = 0; i < 40; ++i) {
            deep += QByteArray(i * 2, ' ') + "k:\n";
        }
        QVERIFY(!YamlSubset::parse(deep));
    }

    void importsOnionbalanceConfig()
    {
        const QString a1 = newOnion();
        const QString a2 = newOnion();
        QTemporaryDir dir;
        const QByteArray yaml = "services:\n"
                                "- key: keys/master.key\n"
                                "  instances:\n"
                                "  - address: " +
                                a1.left(56).toUtf8() +
                                "\n"
                                "    name: node1\n"
                                "  - address: " +
                                a2.toUtf8() +
                                "\n"
                                "    name: Node 2!\n";
        const QString yamlPath = dir.filePath(QStringLiteral("config.yaml"));
        QFile f(yamlPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(yaml);
        f.close();

        auto outcome = OnionbalanceImport::importFile(yamlPath, FleetConfig{});
        QVERIFY2(outcome, qPrintable(outcome ? QString() : outcome.error().message));
        const FleetConfig& cfg = outcome->fleet;
        QCOMPARE(cfg.service()->seedLocation, ManagedService::SeedLocation::KeyFile);
        QCOMPARE(cfg.service()->keyFile, dir.filePath(QStringLiteral("keys/master.key")));
        QCOMPARE(cfg.nodes().size(), 2);
        QCOMPARE(cfg.nodes()[0].name, QStringLiteral("node1"));
        QCOMPARE(cfg.nodes()[0].instanceAddress, a1);
        QCOMPARE(cfg.nodes()[1].name, QStringLiteral("Node-2-"));
        for (const NodeConfig& n : cfg.nodes()) {
            QVERIFY(!n.enabled);
            QVERIFY(!n.isComplete());
        }
        QVERIFY(cfg.validate());
        QCOMPARE(outcome->todo.size(), 3);  // key import + two nodes
        QVERIFY(outcome->todo[0].contains(QLatin1String("master.key")));
        QVERIFY(outcome->todo[1].contains(QLatin1String("node node1")));
        QVERIFY(outcome->todo[1].contains(QLatin1String("SSH target")));
        QVERIFY(outcome->warnings.join(QLatin1Char(' ')).contains(QLatin1String("renamed")));
        QVERIFY(cfg.todo().join(QLatin1Char('\n')).contains(QLatin1String("node node1: SSH target")));

        // Re-import into the same fleet: existing nodes are kept, not duplicated.
        auto again = OnionbalanceImport::importFile(yamlPath, cfg);
        QVERIFY(again);
        QCOMPARE(again->fleet.nodes().size(), 2);

        QVERIFY(!OnionbalanceImport::parse("services:\n- key: k\n  instances:\n  - address: notonion\n", dir.path()));
        QVERIFY(!OnionbalanceImport::parse("instances: []\n", dir.path()));
        QVERIFY(!OnionbalanceImport::parse("services:\n- instances: []\n", dir.path()));
    }

    void cliAddListRemove()
    {
        if (qEnvironmentVariable("RB_RBCTL").isEmpty()) {
            QSKIP("RB_RBCTL not set (run through ctest)");
        }
        QTemporaryDir dir;
        const QString cfg = dir.filePath(QStringLiteral("fleet.json"));
        auto r = rbctl({QStringLiteral("fleet"), QStringLiteral("add"), QStringLiteral("--config"), cfg,
                        QStringLiteral("--name"), QStringLiteral("n1"), QStringLiteral("--ssh"),
                        QStringLiteral("admin@127.0.0.1:2222"), QStringLiteral("--control"),
                        QStringLiteral("unix:/run/tor/control"), QStringLiteral("--port"), QStringLiteral("80:8080"),
                        QStringLiteral("--auth"), QStringLiteral("password")});
        QCOMPARE(r.exitCode, 0);
        r = rbctl({QStringLiteral("fleet"), QStringLiteral("add"), QStringLiteral("--config"), cfg,
                   QStringLiteral("--name"), QStringLiteral("n1"), QStringLiteral("--ssh"), QStringLiteral("h"),
                   QStringLiteral("--control"), QStringLiteral("127.0.0.1:9051")});
        QCOMPARE(r.exitCode, 2);  // duplicate
        QVERIFY(r.err.contains("already exists"));
        r = rbctl({QStringLiteral("fleet"), QStringLiteral("add"), QStringLiteral("--config"), cfg,
                   QStringLiteral("--name"), QStringLiteral("n2"), QStringLiteral("--ssh"), QStringLiteral("h;id"),
                   QStringLiteral("--control"), QStringLiteral("127.0.0.1:9051"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("ok")).toBool(true), false);

        r = rbctl({QStringLiteral("fleet"), QStringLiteral("list"), QStringLiteral("--config"), cfg,
                   QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("nodes")).toArray().size(), 1);
        const QJsonObject n1 = o.value(QStringLiteral("nodes")).toArray().at(0).toObject();
        QCOMPARE(n1.value(QStringLiteral("ssh")).toString(), QStringLiteral("admin@127.0.0.1:2222"));
        QCOMPARE(n1.value(QStringLiteral("passwordKeychainEntry")).toString(),
                 QStringLiteral("v1/control-password/n1"));
        QCOMPARE(
            n1.value(QStringLiteral("ports")).toArray().at(0).toObject().value(QStringLiteral("target")).toString(),
            QStringLiteral("127.0.0.1:8080"));

        r = rbctl(
            {QStringLiteral("fleet"), QStringLiteral("remove"), QStringLiteral("--config"), cfg, QStringLiteral("n1")});
        QCOMPARE(r.exitCode, 0);
        r = rbctl(
            {QStringLiteral("fleet"), QStringLiteral("remove"), QStringLiteral("--config"), cfg, QStringLiteral("n1")});
        QVERIFY(r.exitCode != 0);
        QVERIFY(r.err.contains("no node named"));
        QCOMPARE(FleetConfig::load(cfg)->nodes().size(), 0);
        QCOMPARE(rbctl({QStringLiteral("fleet"), QStringLiteral("add"), QStringLiteral("--help")}).exitCode, 0);
        QCOMPARE(rbctl({QStringLiteral("fleet"), QStringLiteral("bogus")}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestFleetConfig)
#include "TestFleetConfig.moc"
